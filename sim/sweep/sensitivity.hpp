#pragma once
// Global sensitivity estimators over the outputs of a design: Morris elementary effects and
// Sobol' indices from the Saltelli scheme, with percentile-bootstrap confidence intervals whose
// resamples are drawn from keyed streams (deterministic from the seed).
#include "sim/sweep/design.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ptcesim::sweep {

/// A confidence interval.
struct Interval {
  double low = 0, high = 0;
};

/// Bootstrap settings.
struct BootstrapOptions {
  std::size_t resamples = 1000; ///< 0: no intervals (they are left at 0)
  double confidence = 0.95;     ///< central percentile interval
  std::uint64_t seed = 0;       ///< key of the resampling streams
};

/// Morris measures per factor, elementary effects taken in unit-cube coordinates (a change of
/// Δ in the factor's quantile), so factors with different units are comparable.
struct MorrisIndices {
  std::vector<double> mu_star;      ///< mean |EE| (Campolongo et al. 2007)
  std::vector<double> mu;           ///< mean EE (Morris 1991)
  std::vector<double> sigma;        ///< standard deviation of EE (n - 1 denominator)
  std::vector<Interval> mu_star_ci; ///< bootstrap over trajectories
};

/// Morris measures from trajectories laid out as morris_trajectories() returns them
/// (`points`, k + 1 rows per trajectory) and one output per point. Each step's factor and
/// signed step are read from the points. Throws std::invalid_argument when the sizes disagree or
/// a step does not change exactly one factor. Non-finite outputs give NaN measures.
[[nodiscard]] MorrisIndices morris_indices(const UnitPoints& points,
                                           std::span<const double> outputs,
                                           const BootstrapOptions& bootstrap = {});

/// Sobol' first-order and total indices per factor.
struct SobolIndices {
  std::vector<double> first;      ///< S_i, Saltelli et al. (2010) estimator
  std::vector<double> total;      ///< S_Ti, Jansen (1999) estimator
  std::vector<Interval> first_ci; ///< bootstrap over rows
  std::vector<Interval> total_ci; ///< bootstrap over rows
  double variance = 0;            ///< V(Y) over the A and B rows
};

/// Sobol' indices from outputs of saltelli_points(n, k) (blocks A, B, AB_0 .. AB_{k-1} of n
/// rows). Throws std::invalid_argument when outputs.size() != n (k + 2) or n < 2.
[[nodiscard]] SobolIndices sobol_indices(std::span<const double> outputs, std::size_t n,
                                         std::size_t k, const BootstrapOptions& bootstrap = {});

} // namespace ptcesim::sweep
