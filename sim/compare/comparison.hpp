#pragma once
// `ptcesim compare`: every listed strategy on the same world, replication r of every strategy
// with the same seed (common random numbers), replications in parallel.
#include "sim/compare/outcomes.hpp"
#include "sim/compare/summary.hpp"
#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ptcesim::compare {

/// What to compare and where to write it.
struct CompareRequest {
  scenario::Scenario scenario; // base scenario; strategy.kind is set per arm
  std::string scenario_display_name;
  std::vector<std::string> strategies; // StrategyKind names, distinct
  std::string baseline;                // one of strategies
  std::int64_t replications = 30;
  std::filesystem::path output_dir;
  bool force = false;
};

/// Paths written and the summary rows.
struct CompareResult {
  std::filesystem::path results_h5;
  std::filesystem::path summary_csv;
  std::filesystem::path summary_md;
  std::vector<SummaryRow> rows;
  std::vector<std::int32_t> time_points; // observed months summarised (horizon last)
  double seconds = 0.0;
};

/// Checks the request (strategies, baseline, replications, output) and throws
/// scenario::ConfigError-like UsageProblem on bad values, before anything runs.
class CompareUsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};
void check_request(const CompareRequest& request);

/// Runs the comparison. `on_progress(done, total)` is called from the calling thread's
/// perspective after each finished run (serialised).
CompareResult run_comparison(const CompareRequest& request,
                             const std::function<void(std::int64_t, std::int64_t)>& on_progress);

/// Which territories outcomes aggregate (those of strategy.territories, all when empty) and
/// when the first shock starts, for a run of `s` with these territories.
[[nodiscard]] OutcomeScope outcome_scope(const scenario::Scenario& s,
                                         const std::vector<std::string>& territory_names);

/// Observed months summarised: 60, 120 (when before the horizon) and the horizon.
[[nodiscard]] std::vector<std::int32_t> time_points(std::int32_t horizon_months);

} // namespace ptcesim::compare
