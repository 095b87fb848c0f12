#pragma once
// A sweep ready to run: the checked sweep file, its plan, the strategies and outcomes kept, and
// the fingerprint that ties an output directory to it. One run of the plan = one design point
// under one replication seed, every strategy simulated with that seed (common random numbers).
#include "sim/sweep/plan.hpp"
#include "sim/sweep/sweep_file.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::sweeprun {

/// A loaded sweep and everything derived from it.
struct PreparedSweep {
  sweep::SweepSpec spec;
  sweep::Plan plan;
  std::string sweep_text;              ///< the sweep file as read
  std::string base_display;            ///< base scenario name in messages
  std::vector<std::string> strategies; ///< in sweep order
  std::size_t baseline = 0;            ///< index in strategies
  std::vector<std::size_t> outcomes;   ///< indices in compare::outcome_specs(), kept order
  std::string description;             ///< canonical text of the resolved sweep and base scenario
  std::string hash;                    ///< 16 hex digits of a 64-bit FNV-1a of `description`

  /// Names of the outcomes kept.
  [[nodiscard]] std::vector<std::string> outcome_names() const;
  /// Number of values per run: strategies times outcomes.
  [[nodiscard]] std::size_t values_per_run() const noexcept {
    return strategies.size() * outcomes.size();
  }
};

/// Loads and plans a sweep file. Throws scenario::ConfigError (exit 2) on bad input.
[[nodiscard]] PreparedSweep prepare_sweep(const std::filesystem::path& file);

/// Same from TOML text; `base_dir` resolves a relative base scenario path.
[[nodiscard]] PreparedSweep prepare_sweep_text(std::string_view toml, std::string_view display_name,
                                               const std::filesystem::path& base_dir);

/// Loads the scenario of every design point, so that a point the scenario loader rejects
/// (cross-field checks) stops the sweep before any run. Throws scenario::ConfigError naming
/// the point and its overrides.
void check_points(const PreparedSweep& sweep);

/// Results of one run: values [strategy][outcome] at the run's horizon and the final state
/// hash of each strategy's simulation.
struct RunResult {
  std::vector<double> values;
  std::vector<std::int64_t> state_hash;
};

/// Simulates run `run` of the plan (every strategy, with the replication's seed).
[[nodiscard]] RunResult run_one(const PreparedSweep& sweep, std::size_t run);

} // namespace ptcesim::sweeprun
