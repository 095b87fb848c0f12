#include "sim/core/rng/distributions.hpp"
#include "stat_checks.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace ptcesim::core;
using ptcesim::core::test::check_goodness_of_fit;
using ptcesim::core::test::check_mean_variance;

namespace {

constexpr std::size_t kDraws = 200000;

template <class Draw>
std::vector<double> sample(std::uint32_t purpose, Draw draw, std::size_t n = kDraws) {
  RandomStream s(20240611, purpose, 0, 0);
  std::vector<double> x(n);
  for (auto& v : x)
    v = static_cast<double>(draw(s));
  return x;
}

// Counts of the integer values 0..max-1 plus a last "max or more" category.
std::vector<double> histogram(const std::vector<double>& x, std::size_t max) {
  std::vector<double> counts(max + 1, 0.0);
  for (const double v : x)
    counts[std::min(static_cast<std::size_t>(v), max)] += 1.0;
  return counts;
}

// Probabilities of 0..max-1 from log-pmf values, plus the remaining tail mass.
template <class LogPmf>
std::vector<double> pmf_with_tail(std::size_t max, LogPmf log_pmf) {
  std::vector<double> p(max + 1);
  double total = 0.0;
  for (std::size_t k = 0; k < max; ++k)
    total += p[k] = std::exp(log_pmf(static_cast<double>(k)));
  p[max] = std::max(0.0, 1.0 - total);
  return p;
}

double log_poisson_pmf(double mean, double k) {
  return -mean + k * std::log(mean) - std::lgamma(k + 1.0);
}

double log_binomial_pmf(double n, double p, double k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
         (n - k) * std::log1p(-p);
}

} // namespace

TEST_CASE("uniform: mean and variance", "[rng][distributions]") {
  check_mean_variance(sample(1, [](RandomStream& s) { return uniform(s, 2.0, 5.0); }), 3.5, 0.75);
}

TEST_CASE("uniform_index: unbiased over small and large ranges", "[rng][distributions]") {
  for (const std::uint64_t n : {std::uint64_t{1}, std::uint64_t{7}, std::uint64_t{1000}}) {
    INFO("n = " << n);
    const auto x = sample(2, [n](RandomStream& s) { return uniform_index(s, n); });
    CHECK(*std::max_element(x.begin(), x.end()) <= static_cast<double>(n - 1));
    std::vector<double> counts(n, 0.0);
    for (const double v : x)
      counts[static_cast<std::size_t>(v)] += 1.0;
    if (n > 1)
      check_goodness_of_fit(counts, std::vector<double>(n, 1.0 / static_cast<double>(n)), kDraws);
  }
  // n = 3 * 2^30: without Lemire's rejection step, results divisible by 3 would come out with
  // probability 1/2 instead of 1/3.
  {
    const std::uint64_t n = std::uint64_t{3} << 30;
    const auto x = sample(2, [&](RandomStream& s) { return uniform_index(s, n); });
    std::vector<double> residues(3, 0.0);
    for (const double v : x)
      residues[static_cast<std::uint64_t>(v) % 3] += 1.0;
    check_goodness_of_fit(residues, {1.0 / 3, 1.0 / 3, 1.0 / 3}, kDraws);
  }
  // Ranges of 2^32 and more take the 64-bit path.
  for (const std::uint64_t n :
       {std::uint64_t{1} << 32, std::uint64_t{3} << 31, std::uint64_t{3} << 40}) {
    INFO("n = " << n);
    const auto x = sample(3, [n](RandomStream& s) { return uniform_index(s, n); });
    const auto nd = static_cast<double>(n);
    CHECK(*std::max_element(x.begin(), x.end()) < nd);
    check_mean_variance(x, (nd - 1.0) / 2.0, (nd * nd - 1.0) / 12.0);
    std::vector<double> thirds(3, 0.0);
    for (const double v : x)
      thirds[static_cast<std::size_t>(3.0 * v / nd)] += 1.0;
    check_goodness_of_fit(thirds, {1.0 / 3, 1.0 / 3, 1.0 / 3}, kDraws);
  }
}

TEST_CASE("bernoulli: mean, variance and the certain cases", "[rng][distributions]") {
  check_mean_variance(sample(4, [](RandomStream& s) { return bernoulli(s, 0.3); }), 0.3, 0.21);
  RandomStream s(1, 4, 0, 0);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(bernoulli(s, 1.0));
    REQUIRE_FALSE(bernoulli(s, 0.0));
  }
}

TEST_CASE("normal: moments and shape", "[rng][distributions]") {
  const auto x = sample(5, [](RandomStream& s) { return normal(s, 1.5, 2.0); });
  check_mean_variance(x, 1.5, 4.0);
  // Twenty equiprobable bins between normal quantiles.
  const int bins = 20;
  std::vector<double> counts(bins, 0.0);
  for (const double v : x) {
    const double cdf = 0.5 * std::erfc(-(v - 1.5) / (2.0 * std::sqrt(2.0)));
    counts[static_cast<std::size_t>(std::min(bins - 1, static_cast<int>(cdf * bins)))] += 1.0;
  }
  check_goodness_of_fit(counts, std::vector<double>(bins, 1.0 / bins), kDraws);
}

TEST_CASE("lognormal: mean and variance", "[rng][distributions]") {
  const double mu = 0.2;
  const double sigma = 0.5;
  const double s2 = sigma * sigma;
  check_mean_variance(sample(6, [&](RandomStream& s) { return lognormal(s, mu, sigma); }),
                      std::exp(mu + s2 / 2.0), (std::exp(s2) - 1.0) * std::exp(2.0 * mu + s2));
}

TEST_CASE("exponential: mean and variance", "[rng][distributions]") {
  const auto x = sample(7, [](RandomStream& s) { return exponential(s, 2.5); });
  CHECK(*std::min_element(x.begin(), x.end()) >= 0.0);
  check_mean_variance(x, 0.4, 0.16);
}

TEST_CASE("gamma: mean and variance for shapes below, at and above one", "[rng][distributions]") {
  for (const auto& [shape, scale] :
       std::vector<std::pair<double, double>>{{0.4, 2.0}, {1.0, 1.0}, {7.5, 0.3}, {120.0, 0.01}}) {
    INFO("shape " << shape << " scale " << scale);
    const double k = shape, theta = scale; // copies: clang 14 cannot capture structured bindings
    const auto x = sample(8, [&](RandomStream& s) { return gamma(s, k, theta); });
    CHECK(*std::min_element(x.begin(), x.end()) >= 0.0);
    check_mean_variance(x, shape * scale, shape * scale * scale);
  }
}

TEST_CASE("gamma(1, scale) is exponential in shape", "[rng][distributions]") {
  // P(X > t) = exp(-t / scale): check ten equiprobable bins.
  const auto x = sample(9, [](RandomStream& s) { return gamma(s, 1.0, 3.0); });
  std::vector<double> counts(10, 0.0);
  for (const double v : x) {
    const double cdf = 1.0 - std::exp(-v / 3.0);
    counts[std::min<std::size_t>(9, static_cast<std::size_t>(cdf * 10.0))] += 1.0;
  }
  check_goodness_of_fit(counts, std::vector<double>(10, 0.1), kDraws);
}

TEST_CASE("beta: mean and variance", "[rng][distributions]") {
  for (const auto& [a, b] :
       std::vector<std::pair<double, double>>{{2.0, 5.0}, {0.5, 0.5}, {30.0, 3.0}}) {
    INFO("a " << a << " b " << b);
    const double alpha = a, beta_ = b; // copies: clang 14 cannot capture structured bindings
    const auto x = sample(10, [&](RandomStream& s) { return beta(s, alpha, beta_); });
    CHECK(*std::min_element(x.begin(), x.end()) >= 0.0);
    CHECK(*std::max_element(x.begin(), x.end()) <= 1.0);
    check_mean_variance(x, a / (a + b), a * b / ((a + b) * (a + b) * (a + b + 1.0)));
  }
}

TEST_CASE("pareto: support, mean and variance", "[rng][distributions]") {
  const double x_min = 1.5;
  const double alpha = 10.0;
  const auto x = sample(11, [&](RandomStream& s) { return pareto(s, x_min, alpha); });
  CHECK(*std::min_element(x.begin(), x.end()) >= x_min);
  check_mean_variance(x, alpha * x_min / (alpha - 1.0),
                      x_min * x_min * alpha / ((alpha - 1.0) * (alpha - 1.0) * (alpha - 2.0)));
}

TEST_CASE("poisson: moments and pmf for small and large means", "[rng][distributions]") {
  // 0.5, 4 and 9.9 use inversion; 10 and above use PTRS.
  for (const double mean : {0.5, 4.0, 9.9, 10.0, 37.5, 1000.0, 1.0e6}) {
    INFO("mean " << mean);
    const auto x = sample(12, [mean](RandomStream& s) { return poisson(s, mean); });
    check_mean_variance(x, mean, mean);
    if (mean <= 1000.0) {
      const auto max = static_cast<std::size_t>(mean + 8.0 * std::sqrt(mean) + 10.0);
      check_goodness_of_fit(
          histogram(x, max),
          pmf_with_tail(max, [mean](double k) { return log_poisson_pmf(mean, k); }), kDraws);
    }
  }
  RandomStream s(1, 12, 0, 0);
  CHECK(poisson(s, 0.0) == 0);
}

TEST_CASE("binomial: moments and pmf for small and large n", "[rng][distributions]") {
  struct Case {
    std::uint64_t n;
    double p;
  };
  // n p < 10 uses inversion, n p >= 10 BTRS; p > 1/2 goes through the mirror image.
  for (const Case c : {Case{20, 0.1}, Case{30, 0.8}, Case{1000000000, 1.0e-8}, Case{100, 0.3},
                       Case{50, 0.5}, Case{1000, 0.9}, Case{100000, 0.45}}) {
    INFO("n " << c.n << " p " << c.p);
    const auto x = sample(13, [c](RandomStream& s) { return binomial(s, c.n, c.p); });
    const auto n = static_cast<double>(c.n);
    CHECK(*std::max_element(x.begin(), x.end()) <= n);
    check_mean_variance(x, n * c.p, n * c.p * (1.0 - c.p));
    if (c.n <= 1000) {
      check_goodness_of_fit(
          histogram(x, c.n + 1),
          pmf_with_tail(c.n + 1, [&](double k) { return log_binomial_pmf(n, c.p, k); }), kDraws);
    }
  }
  RandomStream s(1, 13, 0, 0);
  CHECK(binomial(s, 0, 0.5) == 0);
  CHECK(binomial(s, 17, 0.0) == 0);
  CHECK(binomial(s, 17, 1.0) == 17);
}

TEST_CASE("categorical and AliasTable follow the weights", "[rng][distributions]") {
  const std::vector<double> weights{1.0, 0.0, 3.0, 0.5, 2.5};
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> probability;
  for (const double w : weights)
    probability.push_back(w / total);

  const AliasTable table(weights);
  CHECK(table.size() == weights.size());
  std::vector<double> scan_counts(weights.size(), 0.0);
  std::vector<double> alias_counts(weights.size(), 0.0);
  RandomStream s(3, 14, 0, 0);
  for (std::size_t i = 0; i < kDraws; ++i) {
    scan_counts[categorical(s, weights)] += 1.0;
    alias_counts[table.draw(s)] += 1.0;
  }
  CHECK(scan_counts[1] == 0.0);
  CHECK(alias_counts[1] == 0.0);
  // The zero-weight category has no expectation: test the others.
  const auto drop = [](std::vector<double> v) {
    v.erase(v.begin() + 1);
    return v;
  };
  check_goodness_of_fit(drop(scan_counts), drop(probability), kDraws);
  check_goodness_of_fit(drop(alias_counts), drop(probability), kDraws);
}

TEST_CASE("AliasTable with many uneven categories", "[rng][distributions]") {
  std::vector<double> weights(257);
  for (std::size_t i = 0; i < weights.size(); ++i)
    weights[i] = 1.0 + static_cast<double>((i * 37) % 101);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> probability;
  for (const double w : weights)
    probability.push_back(w / total);
  const AliasTable table(weights);
  std::vector<double> counts(weights.size(), 0.0);
  RandomStream s(4, 15, 0, 0);
  for (std::size_t i = 0; i < kDraws; ++i)
    counts[table.draw(s)] += 1.0;
  check_goodness_of_fit(counts, probability, kDraws);
}

TEST_CASE("AliasTable rejects unusable weights", "[rng][distributions]") {
  CHECK_THROWS_AS(AliasTable(std::vector<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable(std::vector<double>{0.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable(std::vector<double>{1.0, -0.5}), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable(std::vector<double>{1.0, std::nan("")}), std::invalid_argument);
}

TEST_CASE("shuffle yields a permutation and moves items", "[rng][distributions]") {
  std::vector<int> items(1000);
  std::iota(items.begin(), items.end(), 0);
  RandomStream s(5, 16, 0, 0);
  shuffle(s, std::span<int>(items));
  std::vector<int> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(sorted == identity);
  CHECK(items != identity);

  // Each of the 6 orders of three items is equally likely.
  std::vector<double> counts(6, 0.0);
  for (std::size_t i = 0; i < 60000; ++i) {
    std::vector<int> three{0, 1, 2};
    shuffle(s, std::span<int>(three));
    counts[static_cast<std::size_t>(three[0] * 2 + (three[1] > three[2] ? 1 : 0))] += 1.0;
  }
  check_goodness_of_fit(counts, std::vector<double>(6, 1.0 / 6.0), 60000.0);
}

TEST_CASE("draws are a pure function of the stream key", "[rng][distributions]") {
  const auto run = [] {
    RandomStream s(99, 17, 5, 6);
    return std::vector<double>{normal(s, 0.0, 1.0), gamma(s, 0.7, 1.0),
                               static_cast<double>(poisson(s, 55.0)),
                               static_cast<double>(binomial(s, 500, 0.2)), beta(s, 2.0, 3.0)};
  };
  CHECK(run() == run());
}
