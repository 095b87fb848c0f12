#pragma once
// Sensitivity analysis of a sweep's outcomes: each outcome's runs (design point x replication)
// are averaged over replications per point, then the estimator that the design supports is
// applied: Morris measures (design morris), Sobol' indices (design sobol), or standardised
// regression coefficients (full_factorial, random, latin_hypercube). Bootstrap intervals
// resample the design's own unit (trajectories, Saltelli rows, points), never replications:
// replications share seeds across points (common random numbers), so they are not independent
// draws within a point's comparison.
#include "sim/sweep/plan.hpp"
#include "sim/sweep/sensitivity.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::sweep {

/// Which estimator a design supports.
enum class SensitivityMethod : std::uint8_t { morris, sobol, regression };

/// Name of a method as written in files: "morris", "sobol", "regression".
[[nodiscard]] std::string_view method_name(SensitivityMethod method) noexcept;

/// The estimator for a design: morris and sobol designs have their own, other designs get
/// standardised regression coefficients.
[[nodiscard]] SensitivityMethod sensitivity_method(DesignKind design) noexcept;

/// Standardised regression coefficients (SRC) of a linear least-squares fit of the output on
/// the factor values, with a percentile bootstrap over points.
struct RegressionIndices {
  std::vector<double> src;      ///< b_i sd(x_i) / sd(y); sum of squares ≈ R² if x uncorrelated
  std::vector<Interval> src_ci; ///< bootstrap over points (degenerate resamples left out)
  double r_squared = 0;         ///< share of V(y) the linear fit explains
};

/// SRC of `outputs` on the rows of `x` (one row a point). Throws std::invalid_argument when
/// sizes disagree or there are fewer than k + 2 points. A constant factor or output gives NaN.
[[nodiscard]] RegressionIndices regression_indices(const UnitPoints& x,
                                                   std::span<const double> outputs,
                                                   const BootstrapOptions& bootstrap = {});

/// Mean over replications of each design point's output; `per_run` is in plan run order
/// (run = point * replications + replication). A NaN replication makes the point's mean NaN.
/// Throws std::invalid_argument when per_run.size() != plan.run_count().
[[nodiscard]] std::vector<double> point_means(const Plan& plan, std::span<const double> per_run);

/// Sensitivity of one outcome of a sweep.
struct OutcomeSensitivity {
  std::string outcome; ///< e.g. "net_jobs" or its paired difference
  SensitivityMethod method = SensitivityMethod::regression;
  std::size_t non_finite_points = 0; ///< points whose mean is NaN or infinite
  MorrisIndices morris;              ///< filled when method == morris
  SobolIndices sobol;                ///< filled when method == sobol
  RegressionIndices regression;      ///< filled when method == regression
};

/// Analyses one outcome of `plan` from its per-run values (plan run order), with the method of
/// the plan's design. Non-finite point means make Morris and Sobol' measures NaN (the
/// estimators need every point); the regression drops those points. Throws
/// std::invalid_argument on size mismatches or too few usable points.
[[nodiscard]] OutcomeSensitivity analyse_outcome(const Plan& plan, std::string outcome,
                                                 std::span<const double> per_run,
                                                 const BootstrapOptions& bootstrap = {});

} // namespace ptcesim::sweep
