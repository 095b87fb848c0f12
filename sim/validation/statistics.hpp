#pragma once
// Estimators the validation checks use: intervals over replications, correlations, cyclical
// components and the power-law tail of firm sizes.
#include <cstdint>
#include <span>
#include <vector>

namespace ptcesim::validation {

/// A mean over replications with its interval.
struct Estimate {
  double value = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  std::size_t n = 0;
};

/// Mean of the finite values with a Student t interval at 95 % (the mean itself when n < 2;
/// NaN when no value is finite).
[[nodiscard]] Estimate mean_interval(std::span<const double> values);

/// Ratio of the mean effects, Σ y / Σ x (the Wald, or instrumental-variable, estimator when y
/// and x are paired differences caused by the same treatment), with a 95 % percentile bootstrap
/// interval over the pairs (1,000 resamples from a counter-based stream keyed by `seed`). NaN
/// when empty or Σ x = 0. Used for the local multiplier: Δ non-tradable jobs over Δ
/// manufacturing jobs, paired runs with and without an export boom, every pair counted.
[[nodiscard]] Estimate ratio_of_means_interval(std::span<const double> y, std::span<const double> x,
                                               std::uint64_t seed);

/// Pearson correlation of x and y (NaN when either is constant or fewer than 3 pairs).
[[nodiscard]] double correlation(std::span<const double> x, std::span<const double> y);

/// Deviation of each value from its centred moving average over `window` values (shorter at
/// the ends): the cyclical component of a trending series.
[[nodiscard]] std::vector<double> cyclical_component(std::span<const double> values,
                                                     std::size_t window);

/// Power-law tail of discrete sizes (Clauset, Shalizi & Newman 2009): for each candidate x_min
/// with at least `min_tail` sizes at or above it, α = 1 + n / Σ ln(x / (x_min − ½)); the x_min
/// kept minimises the Kolmogorov-Smirnov distance between the tail and the fitted law.
struct PowerLawTail {
  double alpha = 0.0; // exponent of the density, p(x) ∝ x^−α
  double zipf = 0.0;  // exponent of the survival function, α − 1 (Zipf: 1)
  double x_min = 0.0;
  std::size_t tail = 0; // sizes at or above x_min
  double ks = 0.0;
};
[[nodiscard]] PowerLawTail fit_power_law_tail(std::vector<std::int64_t> sizes,
                                              std::size_t min_tail = 50);

} // namespace ptcesim::validation
