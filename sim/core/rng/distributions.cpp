#include "sim/core/rng/distributions.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace ptcesim::core {
namespace {

constexpr double kHalfLog2Pi = 0.91893853320467274178; // log(2 pi) / 2

// log(k!) for small k, summed once; exact to rounding.
constexpr std::size_t kLogFactorialTable = 64;
const std::array<double, kLogFactorialTable>& log_factorial_table() {
  static const std::array<double, kLogFactorialTable> table = [] {
    std::array<double, kLogFactorialTable> t{};
    for (std::size_t k = 1; k < kLogFactorialTable; ++k)
      t[k] = t[k - 1] + std::log(static_cast<double>(k));
    return t;
  }();
  return table;
}

// log(k!) without std::lgamma (which writes the global `signgam` in glibc, a data race in
// parallel phases). Stirling's series for k >= 64: the first omitted term is below 1e-19.
double log_factorial(double k) noexcept {
  if (k < static_cast<double>(kLogFactorialTable))
    return log_factorial_table()[static_cast<std::size_t>(k)];
  const double x = k + 1.0;
  const double inv = 1.0 / x;
  const double inv2 = inv * inv;
  return (x - 0.5) * std::log(x) - x + kHalfLog2Pi +
         inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
}

// Poisson by sequential inversion of the CDF: one uniform, about mean + 1 steps.
std::uint64_t poisson_inversion(RandomStream& s, double mean) noexcept {
  const double p0 = std::exp(-mean);
  for (;;) {
    const double u = s.uniform01();
    double p = p0;
    double cdf = p0;
    std::uint64_t k = 0;
    while (u >= cdf) {
      ++k;
      p *= mean / static_cast<double>(k);
      if (p == 0.0)
        break; // rounding left the CDF short of u: redraw
      cdf += p;
    }
    if (u < cdf)
      return k;
  }
}

// PTRS: transformed rejection with squeeze, Hörmann (1993), "The transformed rejection method
// for generating Poisson random variables", Insurance: Mathematics and Economics 12. Mean >= 10.
std::uint64_t poisson_ptrs(RandomStream& s, double mean) noexcept {
  const double slam = std::sqrt(mean);
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = s.uniform01() - 0.5;
    const double v = s.uniform01_open_low();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r)
      return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us))
      continue;
    if (std::log(v * inv_alpha / (a / (us * us) + b)) <= -mean + k * log_mean - log_factorial(k))
      return static_cast<std::uint64_t>(k);
  }
}

// Binomial by sequential inversion (p <= 1/2, n p < 10): one uniform, about n p + 1 steps.
std::uint64_t binomial_inversion(RandomStream& s, std::uint64_t n, double p) noexcept {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double ratio = p / q;
  const double p0 = std::exp(nd * std::log1p(-p));
  for (;;) {
    const double u = s.uniform01();
    double pk = p0;
    double cdf = p0;
    std::uint64_t k = 0;
    while (u >= cdf && k < n) {
      ++k;
      pk *= ratio * (nd - static_cast<double>(k) + 1.0) / static_cast<double>(k);
      if (pk == 0.0)
        break; // rounding left the CDF short of u: redraw
      cdf += pk;
    }
    if (u < cdf)
      return k;
    if (k == n)
      return n; // the CDF reached its last term: only rounding kept it below 1
  }
}

// BTRS: transformed rejection with squeeze, Hörmann (1993), "The generation of binomial random
// variates", J. Statist. Comput. Simul. 46. Needs p <= 1/2 and n p >= 10. The acceptance test
// compares with the exact pmf ratio f(k) / f(mode), written with log-factorials.
std::uint64_t binomial_btrs(RandomStream& s, std::uint64_t n, double p) noexcept {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double sd = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * sd;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double log_ratio = std::log(p / q);
  const double alpha = (2.83 + 5.1 / b) * sd;
  const double mode = std::floor((nd + 1.0) * p);
  const double log_f_mode = -log_factorial(mode) - log_factorial(nd - mode) + mode * log_ratio;
  for (;;) {
    const double u = s.uniform01() - 0.5;
    const double v = s.uniform01_open_low();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > nd)
      continue;
    if (us >= 0.07 && v <= v_r)
      return static_cast<std::uint64_t>(k);
    const double log_f_k = -log_factorial(k) - log_factorial(nd - k) + k * log_ratio;
    if (std::log(v * alpha / (a / (us * us) + b)) <= log_f_k - log_f_mode)
      return static_cast<std::uint64_t>(k);
  }
}

} // namespace

double uniform(RandomStream& s, double lo, double hi) noexcept {
  return lo + (hi - lo) * s.uniform01();
}

std::uint64_t uniform_index(RandomStream& s, std::uint64_t n) noexcept {
  assert(n > 0);
  // Lemire (2019), "Fast random integer generation in an interval": multiply and keep the high
  // half, rejecting the few low halves that would bias the result.
  if (n <= std::numeric_limits<std::uint32_t>::max()) {
    const auto n32 = static_cast<std::uint32_t>(n);
    std::uint64_t m = std::uint64_t{s.next_u32()} * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n32) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(-n32) % n32;
      while (low < threshold) {
        m = std::uint64_t{s.next_u32()} * n;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return m >> 32;
  }
  __extension__ using u128 = unsigned __int128;
  u128 m = u128{s.next_u64()} * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = u128{s.next_u64()} * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

bool bernoulli(RandomStream& s, double p) noexcept {
  return s.uniform01() < p;
}

double standard_normal(RandomStream& s) noexcept {
  // Marsaglia's polar method: no trigonometry, one value per accepted pair (the stream keeps no
  // cache, so each call is a pure function of the stream position).
  for (;;) {
    const double x = 2.0 * s.uniform01() - 1.0;
    const double y = 2.0 * s.uniform01() - 1.0;
    const double r2 = x * x + y * y;
    if (r2 > 0.0 && r2 < 1.0)
      return x * std::sqrt(-2.0 * std::log(r2) / r2);
  }
}

double normal(RandomStream& s, double mean, double sd) noexcept {
  return mean + sd * standard_normal(s);
}

double lognormal(RandomStream& s, double mu, double sigma) noexcept {
  return std::exp(normal(s, mu, sigma));
}

double exponential(RandomStream& s, double rate) noexcept {
  return -std::log(s.uniform01_open_low()) / rate;
}

double gamma(RandomStream& s, double shape, double scale) noexcept {
  assert(shape > 0.0 && scale > 0.0);
  if (shape < 1.0) {
    // Boost: if X ~ Gamma(k + 1) and U uniform, X U^(1/k) ~ Gamma(k) (Marsaglia & Tsang, §6).
    const double boosted = gamma(s, shape + 1.0, 1.0);
    return scale * boosted * std::pow(s.uniform01_open_low(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = standard_normal(s);
    double v = 1.0 + c * x;
    if (v <= 0.0)
      continue;
    v = v * v * v;
    const double u = s.uniform01_open_low();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2)
      return scale * d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v)))
      return scale * d * v;
  }
}

double beta(RandomStream& s, double a, double b) noexcept {
  const double x = gamma(s, a, 1.0);
  const double y = gamma(s, b, 1.0);
  const double sum = x + y;
  // Both gammas underflow only for tiny shapes, where Beta(a, b) puts its mass at 0 and 1 with
  // P(1) -> a / (a + b).
  if (sum == 0.0)
    return s.uniform01() < a / (a + b) ? 1.0 : 0.0;
  return x / sum;
}

double pareto(RandomStream& s, double x_min, double alpha) noexcept {
  return x_min * std::pow(s.uniform01_open_low(), -1.0 / alpha);
}

std::uint64_t poisson(RandomStream& s, double mean) noexcept {
  if (!(mean > 0.0))
    return 0;
  return mean < 10.0 ? poisson_inversion(s, mean) : poisson_ptrs(s, mean);
}

std::uint64_t binomial(RandomStream& s, std::uint64_t n, double p) noexcept {
  if (n == 0 || !(p > 0.0))
    return 0;
  if (p >= 1.0)
    return n;
  // Both methods need p <= 1/2; the count of failures mirrors the count of successes.
  if (p > 0.5)
    return n - binomial(s, n, 1.0 - p);
  return static_cast<double>(n) * p < 10.0 ? binomial_inversion(s, n, p) : binomial_btrs(s, n, p);
}

std::size_t categorical(RandomStream& s, std::span<const double> weights) noexcept {
  assert(!weights.empty());
  double total = 0.0;
  for (const double w : weights)
    total += w;
  assert(total > 0.0);
  const double target = s.uniform01() * total;
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0)
      continue;
    cumulative += weights[i];
    last_positive = i;
    if (target < cumulative)
      return i;
  }
  return last_positive; // rounding put the target at the very top
}

AliasTable::AliasTable(std::span<const double> weights) {
  const std::size_t n = weights.size();
  if (n == 0)
    throw std::invalid_argument("AliasTable: no weights");
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("AliasTable: more than 2^32 - 1 categories");
  double total = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("AliasTable: weights must be finite and non-negative");
    total += w;
  }
  if (!(total > 0.0))
    throw std::invalid_argument("AliasTable: all weights are zero");

  // Vose (1991), "A linear algorithm for generating random numbers with a given distribution".
  probability_.assign(n, 0.0);
  alias_.assign(n, 0);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t lo = small.back();
    small.pop_back();
    const std::uint32_t hi = large.back();
    probability_[lo] = scaled[lo];
    alias_[lo] = hi;
    scaled[hi] = (scaled[hi] + scaled[lo]) - 1.0;
    if (scaled[hi] < 1.0) {
      large.pop_back();
      small.push_back(hi);
    }
  }
  // What is left is 1 up to rounding.
  for (const std::uint32_t i : large)
    probability_[i] = 1.0;
  for (const std::uint32_t i : small)
    probability_[i] = 1.0;
}

std::size_t AliasTable::draw(RandomStream& s) const noexcept {
  const auto column = static_cast<std::size_t>(uniform_index(s, probability_.size()));
  return s.uniform01() < probability_[column] ? column : alias_[column];
}

} // namespace ptcesim::core
