#pragma once
// Sweep files: a base scenario, factors over scenario fields, a design, replications,
// strategies and outcomes (docs/sweeps.md). Loading reports every problem at once as
// `file:line: field: message` through scenario::ConfigError, like the scenario loader.
#include "sim/scenario/config_error.hpp"
#include "sim/scenario/schema.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::sweep {

/// How the points of a sweep are chosen.
enum class DesignKind : std::uint8_t { full_factorial, random, latin_hypercube, sobol, morris };

/// Names of DesignKind as written in sweep files, in enum order.
[[nodiscard]] std::string_view design_name(DesignKind kind) noexcept;

/// How a factor's values are given.
enum class FactorKind : std::uint8_t {
  levels,      ///< an explicit list of values
  uniform,     ///< a range [min, max], uniform
  log_uniform, ///< a range [min, max], uniform in log(x); min > 0
  normal       ///< N(mean, sd^2) truncated to the field's bounds
};

/// One factor: a numeric scenario field and the values it takes.
struct Factor {
  std::string
      field; ///< dotted scenario key, e.g. "cooperation.synergy", "territories.0.population"
  bool integer = false; ///< the field is an integer: values are rounded to whole numbers
  FactorKind kind = FactorKind::levels;
  std::vector<double> levels; ///< kind == levels, in the order given
  double min = 0, max = 0;    ///< uniform and log-uniform ranges
  double mean = 0, sd = 0;    ///< normal, before truncation
  scenario::Bounds bounds;    ///< the field's bounds (truncate the normal law)
  std::int32_t line = 0;      ///< line of the factor in the sweep file

  /// The factor's value at quantile `u` in [0, 1]: levels by equal-width cells, ranges linearly
  /// (or in log), normal by the inverse CDF of the truncated law; integers rounded.
  [[nodiscard]] double value_at(double u) const;
};

/// A whole sweep file, checked.
struct SweepSpec {
  std::string file;                ///< display name of the sweep file
  std::string base;                ///< "default" or the base scenario path as written
  std::filesystem::path base_path; ///< resolved path (empty for "default")
  std::string base_text;           ///< TOML text of the base scenario
  std::uint64_t seed = 0;
  DesignKind design = DesignKind::random;
  std::size_t samples = 0;      ///< random/latin_hypercube: points; sobol: base sample size N
  std::size_t trajectories = 0; ///< morris: r
  std::size_t grid_levels = 0;  ///< morris: p (even)
  std::size_t replications = 1;
  std::vector<std::string> strategies; ///< default: the base scenario's compare.strategies
  std::vector<std::string> outcomes;   ///< empty: every outcome
  std::vector<Factor> factors;
};

/// What the caller knows beyond the scenario schema.
struct SweepLoadOptions {
  /// Outcome names accepted in `outcomes` (e.g. compare::outcome_specs()); empty: not checked.
  std::vector<std::string> known_outcomes;
};

/// Loads and checks a sweep file; the base path is relative to the file's folder.
/// Throws scenario::ConfigError with every problem (the caller exits 2).
[[nodiscard]] SweepSpec load_sweep_file(const std::filesystem::path& path,
                                        const SweepLoadOptions& options = {});

/// Same for TOML text; `display_name` names the file in messages and `base_dir` resolves the
/// base scenario path.
[[nodiscard]] SweepSpec load_sweep_text(std::string_view toml, std::string_view display_name,
                                        const std::filesystem::path& base_dir,
                                        const SweepLoadOptions& options = {});

} // namespace ptcesim::sweep
