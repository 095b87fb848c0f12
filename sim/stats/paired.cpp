#include "sim/stats/paired.hpp"

#include "sim/core/rng/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace ptcesim::stats {

Moments moments(std::span<const double> values) noexcept {
  Moments m;
  m.n = values.size();
  if (m.n == 0)
    return m;
  double sum = 0.0;
  for (double v : values)
    sum += v;
  m.mean = sum / static_cast<double>(m.n);
  if (m.n < 2)
    return m;
  double squares = 0.0;
  for (double v : values)
    squares += (v - m.mean) * (v - m.mean);
  m.sd = std::sqrt(squares / static_cast<double>(m.n - 1));
  return m;
}

namespace {

// Continued fraction of the regularised incomplete beta function (modified Lentz's method).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny)
    d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double md = m;
    double numerator = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md));
    d = 1.0 + numerator * d;
    c = 1.0 + numerator / c;
    d = 1.0 / (std::fabs(d) < kTiny ? kTiny : d);
    c = std::fabs(c) < kTiny ? kTiny : c;
    h *= d * c;
    numerator = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1));
    d = 1.0 + numerator * d;
    c = 1.0 + numerator / c;
    d = 1.0 / (std::fabs(d) < kTiny ? kTiny : d);
    c = std::fabs(c) < kTiny ? kTiny : c;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps)
      break;
  }
  return h;
}

// I_x(a, b), the regularised incomplete beta function.
double regularised_incomplete_beta(double a, double b, double x) {
  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

} // namespace

double student_t_cdf(double t, double dof) {
  const double x = dof / (dof + t * t);
  const double tail = 0.5 * regularised_incomplete_beta(0.5 * dof, 0.5, x);
  return t >= 0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double dof) {
  if (!(p > 0.0 && p < 1.0) || !(dof >= 1.0))
    throw std::invalid_argument("student_t_quantile: p must be in (0, 1) and dof >= 1");
  if (p == 0.5)
    return 0.0;
  // Bisection on the monotone CDF: slow but exact to double precision, and called rarely.
  double lo = -1.0;
  double hi = 1.0;
  while (student_t_cdf(lo, dof) > p)
    lo *= 2.0;
  while (student_t_cdf(hi, dof) < p)
    hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, std::fabs(hi)); ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, dof) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {

std::vector<double> differences(std::span<const double> treatment,
                                std::span<const double> baseline) {
  if (treatment.size() != baseline.size())
    throw std::invalid_argument("paired comparison: treatment and baseline differ in length");
  if (treatment.size() < 2)
    throw std::invalid_argument("paired comparison: needs at least 2 replications");
  std::vector<double> d(treatment.size());
  for (std::size_t i = 0; i < d.size(); ++i)
    d[i] = treatment[i] - baseline[i];
  return d;
}

void finish(PairedDifference& r, double critical) {
  r.effect_size_dz = r.sd_difference > 0 ? r.mean_difference / r.sd_difference : 0.0;
  const bool exact_zero = r.sd_difference == 0.0 && r.mean_difference == 0.0;
  r.conclusive = exact_zero || r.ci_low > 0.0 || r.ci_high < 0.0;
  if (!r.conclusive && r.sd_difference > 0.0) {
    if (r.mean_difference == 0.0) {
      r.replications_needed = std::numeric_limits<std::int64_t>::max();
    } else {
      // Half-width t·sd/√n below |mean|: n ≥ (t·sd/|mean|)², with t at the current n.
      const double ratio = critical * r.sd_difference / std::fabs(r.mean_difference);
      const double needed = std::ceil(ratio * ratio);
      r.replications_needed = needed > 1e15 ? std::numeric_limits<std::int64_t>::max()
                                            : static_cast<std::int64_t>(needed);
    }
  }
}

} // namespace

PairedDifference paired_t(std::span<const double> treatment, std::span<const double> baseline,
                          double level) {
  const auto d = differences(treatment, baseline);
  const auto m = moments(d);
  PairedDifference r;
  r.method = "paired t";
  r.n = m.n;
  r.mean_difference = m.mean;
  r.sd_difference = m.sd;
  const double critical = student_t_quantile(0.5 + 0.5 * level, static_cast<double>(m.n - 1));
  const double half_width = critical * m.sd / std::sqrt(static_cast<double>(m.n));
  r.ci_low = m.mean - half_width;
  r.ci_high = m.mean + half_width;
  finish(r, critical);
  return r;
}

PairedDifference paired_bootstrap(std::span<const double> treatment,
                                  std::span<const double> baseline, double level,
                                  std::size_t resamples, std::uint64_t seed) {
  const auto d = differences(treatment, baseline);
  const auto m = moments(d);
  std::vector<double> means(resamples);
  constexpr core::Purpose kBootstrapPurpose = 0xB007;
  for (std::size_t b = 0; b < resamples; ++b) {
    core::RandomStream stream(seed, kBootstrapPurpose, b, 0);
    double sum = 0.0;
    for (std::size_t i = 0; i < d.size(); ++i)
      sum += d[core::uniform_index(stream, d.size())];
    means[b] = sum / static_cast<double>(d.size());
  }
  std::sort(means.begin(), means.end());
  const auto at = [&](double q) {
    const double pos = q * static_cast<double>(resamples - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, resamples - 1);
    return means[lo] + (pos - static_cast<double>(lo)) * (means[hi] - means[lo]);
  };
  PairedDifference r;
  r.method = "bootstrap percentile";
  r.n = m.n;
  r.mean_difference = m.mean;
  r.sd_difference = m.sd;
  r.ci_low = at(0.5 - 0.5 * level);
  r.ci_high = at(0.5 + 0.5 * level);
  finish(r, student_t_quantile(0.5 + 0.5 * level, static_cast<double>(m.n - 1)));
  return r;
}

} // namespace ptcesim::stats
