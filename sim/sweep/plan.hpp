#pragma once
// The plan of a sweep: its design points mapped to factor values, and its runs (each point
// times each replication). `ptcesim sweep plan FILE` prints it without running anything.
#include "sim/sweep/sweep_file.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ptcesim::sweep {

/// One run: a design point under one replication seed. Every strategy of the sweep is run
/// with that seed (common random numbers, as `ptcesim compare` does).
struct PlannedRun {
  std::size_t index = 0;       ///< 0-based position in the plan
  std::size_t point = 0;       ///< row of Plan::values
  std::size_t replication = 0; ///< 0-based; the run seed is derived from the sweep seed and it
};

/// A sweep's design, ready to run or to print.
struct Plan {
  DesignKind design = DesignKind::random;
  std::vector<Factor> factors;
  std::vector<std::vector<double>> unit;   ///< design coordinates in [0, 1]^k, one row a point
  std::vector<std::vector<double>> values; ///< factor values, one row a point
  std::vector<std::string> groups; ///< per point: "A", "B", "AB_<i>" (sobol), "t<j>" (morris)
  std::size_t replications = 1;
  std::size_t sobol_base_samples = 0; ///< N of the Saltelli scheme (sobol)
  std::size_t morris_grid_levels = 0; ///< p (morris)

  /// Number of design points.
  [[nodiscard]] std::size_t point_count() const noexcept { return values.size(); }
  /// Number of runs: points times replications.
  [[nodiscard]] std::size_t run_count() const noexcept { return values.size() * replications; }
  /// Run `index`: point index / replications, replication index % replications.
  [[nodiscard]] PlannedRun run(std::size_t index) const noexcept;
};

/// Builds the design of `spec` (deterministic from spec.seed).
[[nodiscard]] Plan make_plan(const SweepSpec& spec);

/// `--set` overrides ("field=value") that turn the base scenario into design point `point`.
[[nodiscard]] std::vector<std::string> point_overrides(const Plan& plan, std::size_t point);

/// The plan as an aligned text table: a header with the design and counts, then one line per
/// run (run, point, replication, group, factor values).
[[nodiscard]] std::string plan_text(const Plan& plan);

/// The plan as CSV with the same columns, a header line first.
[[nodiscard]] std::string plan_csv(const Plan& plan);

} // namespace ptcesim::sweep
