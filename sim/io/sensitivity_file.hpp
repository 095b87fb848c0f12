#pragma once
// Sensitivity files (`ptcesim sweep analyse DIR` -> DIR/sensitivity.h5): which quantities were
// analysed and, in long format, every index of every factor with its bootstrap interval.
// Layout in docs/output.md ("Sensitivity files") and docs/sensitivity.md.
#include "sim/io/run_file.hpp"
#include "sim/io/validation_file.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ptcesim::io {

/// One analysed quantity: an outcome of one strategy, or its paired difference to the baseline.
struct SensitivityQuantity {
  std::string name;      ///< e.g. "ptce-reindustrialisation:net_jobs"
  std::string outcome;   ///< compare's outcome name, e.g. "net_jobs"
  std::string strategy;  ///< the strategy
  std::string reference; ///< the baseline for a difference; empty for the strategy's value
  std::string unit;      ///< the outcome's unit
  std::string method;    ///< morris, sobol or regression
  std::int64_t non_finite_points = 0; ///< design points whose mean outcome is not finite
  double variance = 0;                ///< sobol: V(Y) of the point means; NaN otherwise
  double r_squared = 0;               ///< regression: R² of the linear fit; NaN otherwise
};

/// One index: a measure of one factor for one quantity, with its interval (NaN when the
/// measure has none, e.g. Morris μ and σ).
struct SensitivityIndex {
  std::string quantity; ///< SensitivityQuantity::name
  std::string factor;   ///< dotted scenario field
  std::string measure;  ///< mu, mu_star, sigma (morris); S1, ST (sobol); SRC (regression)
  double estimate = 0;
  double ci_low = 0;
  double ci_high = 0;
};

/// Writes `path` atomically: root attributes (kind = "sensitivity", version, then
/// `attributes`), /factors, /quantities/<field> and /indices/<field> (one row per entry).
void write_sensitivity_file(const std::filesystem::path& path, WriteOptions options,
                            const TextAttributes& attributes,
                            const std::vector<std::string>& factors,
                            const std::vector<SensitivityQuantity>& quantities,
                            const std::vector<SensitivityIndex>& indices);

} // namespace ptcesim::io
