#pragma once
// Statistics for paired comparisons of strategies under common random numbers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace ptcesim::stats {

/// Mean and unbiased (n − 1) standard deviation; sd is 0 for n < 2.
struct Moments {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
};
[[nodiscard]] Moments moments(std::span<const double> values) noexcept;

/// Quantile of Student's t distribution with `dof` degrees of freedom (dof ≥ 1), p in (0, 1).
[[nodiscard]] double student_t_quantile(double p, double dof);
/// Cumulative distribution of Student's t.
[[nodiscard]] double student_t_cdf(double t, double dof);

/// A paired difference (treatment − baseline, replication by replication) with its interval.
struct PairedDifference {
  std::size_t n = 0;
  double mean_difference = 0.0;
  double sd_difference = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double effect_size_dz = 0.0; // Cohen's d_z = mean / sd of the differences (0 when sd = 0)
  bool conclusive = false;     // the interval excludes 0 (or the difference is exactly 0)
  /// Replications needed for the interval's half-width to fall below |mean difference|
  /// (when not conclusive and the differences vary); empty otherwise.
  std::optional<std::int64_t> replications_needed;
  std::string method; // "paired t" or "bootstrap percentile"
};

/// Paired t interval at `level` (e.g. 0.95). Needs n ≥ 2 paired values.
[[nodiscard]] PairedDifference paired_t(std::span<const double> treatment,
                                        std::span<const double> baseline, double level = 0.95);

/// Percentile bootstrap interval of the mean paired difference, `resamples` resamples drawn
/// from a counter-based stream keyed by `seed` (deterministic).
[[nodiscard]] PairedDifference paired_bootstrap(std::span<const double> treatment,
                                                std::span<const double> baseline, double level,
                                                std::size_t resamples, std::uint64_t seed);

} // namespace ptcesim::stats
