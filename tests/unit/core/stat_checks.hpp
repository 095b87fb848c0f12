#pragma once
// Statistical checks for the distribution tests: sample moments against theory with tolerances
// derived from the sample size, and Pearson's chi-square goodness of fit.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ptcesim::core::test {

/// Tolerance in standard errors: a correct sampler fails a check with probability ~6e-7.
inline constexpr double kStandardErrors = 5.0;

/// Checks the sample mean and variance of `x` against the theoretical values. The variance's
/// standard error uses the sample's fourth central moment: sqrt((m4 - s^4) / n).
inline void check_mean_variance(const std::vector<double>& x, double mean, double variance) {
  const auto n = static_cast<double>(x.size());
  double sum = 0.0;
  for (const double v : x)
    sum += v;
  const double sample_mean = sum / n;
  double m2 = 0.0;
  double m4 = 0.0;
  for (const double v : x) {
    const double d = (v - sample_mean) * (v - sample_mean);
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  const double sample_variance = m2 * n / (n - 1.0);
  INFO("theory: mean " << mean << " variance " << variance);
  INFO("sample: mean " << sample_mean << " variance " << sample_variance);
  CHECK(std::fabs(sample_mean - mean) <= kStandardErrors * std::sqrt(variance / n));
  CHECK(std::fabs(sample_variance - variance) <=
        kStandardErrors * std::sqrt(std::fabs(m4 - m2 * m2) / n));
}

/// Upper quantile of chi-square(df) at z standard normal deviations (Wilson & Hilferty 1931).
inline double chi_square_critical(double df, double z) {
  const double h = 2.0 / (9.0 * df);
  const double t = 1.0 - h + z * std::sqrt(h);
  return df * t * t * t;
}

/// Pearson's chi-square test of observed counts against category probabilities. Neighbouring
/// categories are pooled until each expected count reaches 5; the categories must be ordered so
/// that pooling neighbours makes sense (e.g. integer values). Fails at about p = 1e-4.
inline void check_goodness_of_fit(const std::vector<double>& observed,
                                  const std::vector<double>& probability, double draws) {
  REQUIRE(observed.size() == probability.size());
  std::vector<double> bin_observed;
  std::vector<double> bin_expected;
  double pooled_observed = 0.0;
  double pooled_expected = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    pooled_observed += observed[i];
    pooled_expected += probability[i] * draws;
    if (pooled_expected >= 5.0) {
      bin_observed.push_back(pooled_observed);
      bin_expected.push_back(pooled_expected);
      pooled_observed = 0.0;
      pooled_expected = 0.0;
    }
  }
  // An under-filled tail joins the last full bin.
  REQUIRE_FALSE(bin_expected.empty());
  bin_observed.back() += pooled_observed;
  bin_expected.back() += pooled_expected;
  double statistic = 0.0;
  for (std::size_t b = 0; b < bin_expected.size(); ++b) {
    const double d = bin_observed[b] - bin_expected[b];
    statistic += d * d / bin_expected[b];
  }
  const auto bins = static_cast<double>(bin_expected.size());
  REQUIRE(bins >= 2.0);
  const double df = bins - 1.0;
  INFO("chi-square " << statistic << " with " << df << " degrees of freedom");
  CHECK(statistic <= chi_square_critical(df, 3.72));
}

} // namespace ptcesim::core::test
