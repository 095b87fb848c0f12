#include "sim/compare/comparison.hpp"

#include "sim/compare/outcomes.hpp"
#include "sim/compare/replication_seed.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/version.hpp"
#include "sim/core/wall_time.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/simulation.hpp"
#include "sim/scenario/enums.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <mutex>

namespace ptcesim::compare {

std::vector<std::int32_t> time_points(std::int32_t horizon_months) {
  std::vector<std::int32_t> points;
  for (const std::int32_t m : {60, 120})
    if (m < horizon_months)
      points.push_back(m);
  points.push_back(horizon_months);
  return points;
}

void check_request(const CompareRequest& request) {
  if (request.strategies.empty())
    throw CompareUsageError("--strategies: at least one strategy is needed");
  std::vector<std::string> seen;
  for (const auto& s : request.strategies) {
    if (!scenario::parse_enum<scenario::StrategyKind>(s, scenario::kStrategyKindNames))
      throw CompareUsageError(
          fmt::format("--strategies: unknown strategy '{}' (expected some of: {})", s,
                      fmt::join(scenario::kStrategyKindNames, ", ")));
    if (std::find(seen.begin(), seen.end(), s) != seen.end())
      throw CompareUsageError(fmt::format("--strategies: '{}' is listed twice", s));
    seen.push_back(s);
  }
  if (std::find(seen.begin(), seen.end(), request.baseline) == seen.end())
    throw CompareUsageError(
        fmt::format("the baseline '{}' is not among the strategies compared ({}); list it in "
                    "--strategies or set compare.baseline",
                    request.baseline, fmt::join(seen, ",")));
  if (request.replications < 2 || request.replications > 100000)
    throw CompareUsageError(fmt::format(
        "--replications: must be in [2, 100000] (a paired interval needs at least 2), got {}",
        request.replications));
  // The directory is created by run_comparison; an existing one must not hold results.
  if (std::filesystem::is_directory(request.output_dir))
    io::RunFileWriter::check_can_write(request.output_dir / "results.h5", request.force);
}

OutcomeScope outcome_scope(const scenario::Scenario& s, const std::vector<std::string>& names) {
  OutcomeScope scope;
  for (std::size_t t = 0; t < names.size(); ++t) {
    const auto& listed = s.strategy.territories;
    if (listed.empty() || std::find(listed.begin(), listed.end(), names[t]) != listed.end())
      scope.focal_territories.push_back(t);
  }
  if (!s.shocks.empty()) {
    std::int32_t first = s.shocks.front().start_month;
    for (const auto& shock : s.shocks)
      first = std::min(first, shock.start_month);
    scope.shock_start_month = first;
  }
  return scope;
}

namespace {

struct Arm {
  std::size_t strategy = 0;
  std::int64_t replication = 0;
};

struct FinishedRun {
  RunSeries series;
  std::uint64_t seed = 0;
  std::uint64_t state_hash = 0;
  std::vector<std::string> territory_names;
  std::vector<std::int64_t> populations;
  std::vector<std::vector<double>> outcomes; // [month - 1][outcome]
};

FinishedRun run_arm(const scenario::Scenario& base, const std::string& strategy,
                    std::uint64_t seed) {
  scenario::Scenario s = base;
  s.strategy.kind =
      *scenario::parse_enum<scenario::StrategyKind>(strategy, scenario::kStrategyKindNames);
  s.run.seed = seed;
  model::Simulation simulation(s, seed);
  FinishedRun run;
  run.seed = seed;
  run.series.specs = simulation.indicator_specs();
  run.series.burn_in = simulation.burn_in();
  run.series.frames.reserve(static_cast<std::size_t>(simulation.total_ticks()));
  while (!simulation.finished()) {
    simulation.step();
    run.series.frames.push_back(simulation.last_frame());
  }
  run.state_hash = simulation.state_hash();
  run.territory_names = simulation.territory_names();
  run.populations = simulation.territory_populations();
  const auto scope = outcome_scope(s, run.territory_names);
  for (std::int32_t m = 1; m <= s.run.horizon_months; ++m)
    run.outcomes.push_back(compute_outcomes(run.series, m, scope));
  return run;
}

void write_results(const CompareRequest& request, const std::vector<Arm>& arms,
                   const std::vector<FinishedRun>& runs, const std::vector<SummaryRow>& rows,
                   const std::string& start_time, const std::filesystem::path& path) {
  io::RunFileWriter file(path, {request.force, request.scenario.output.compress});
  const auto& s = request.scenario;
  file.set_attribute("kind", "comparison");
  file.set_attribute("scenario_name", s.run.name);
  file.set_attribute("scenario_toml", scenario::resolved_toml(s));
  file.set_attribute("seed", static_cast<std::int64_t>(s.run.seed));
  file.set_attribute("replications", request.replications);
  file.set_attribute("strategies", fmt::format("{}", fmt::join(request.strategies, ",")));
  file.set_attribute("baseline", request.baseline);
  file.set_attribute("burn_in_months", static_cast<std::int64_t>(s.run.burn_in_months));
  file.set_attribute("horizon_months", static_cast<std::int64_t>(s.run.horizon_months));
  const auto scope = outcome_scope(s, runs.front().territory_names);
  file.set_attribute("shock_start_month", static_cast<std::int64_t>(scope.shock_start_month));
  std::vector<std::string> focal;
  for (auto t : scope.focal_territories)
    focal.push_back(runs.front().territory_names[t]);
  file.set_attribute("strategy_territories", fmt::format("{}", fmt::join(focal, ",")));
  file.set_attribute("start_time", start_time);

  // Every run's full series, under /runs/<strategy>/rep_NNNN.
  for (std::size_t k = 0; k < arms.size(); ++k) {
    const auto group = file.group(fmt::format(
        "/runs/{}/rep_{:04}", request.strategies[arms[k].strategy], arms[k].replication));
    io::RunWriter writer(group);
    writer.set_attribute("seed", static_cast<std::int64_t>(runs[k].seed));
    writer.set_attribute("replication", arms[k].replication);
    writer.set_attribute("strategy", request.strategies[arms[k].strategy]);
    writer.set_attribute("state_hash", fmt::format("{:016x}", runs[k].state_hash));
    std::vector<std::int64_t> pops(runs[k].populations.begin(), runs[k].populations.end());
    writer.write_territories(runs[k].territory_names,
                             {core::SnapshotColumn{"population", "persons", pops}});
    writer.begin_series(runs[k].series.specs, runs[k].territory_names.size());
    for (const auto& frame : runs[k].series.frames)
      writer.append(frame);
    writer.end_series();
  }

  // Outcome series: /outcomes/<strategy>/<outcome> [replications x months].
  const auto& specs = outcome_specs();
  auto outcomes = file.group("/outcomes");
  std::vector<std::string> names, units, descriptions;
  for (const auto& o : specs) {
    names.push_back(o.name);
    units.push_back(o.unit);
    descriptions.push_back(o.description);
  }
  outcomes.write_dataset("name", names);
  outcomes.write_dataset("unit", units);
  outcomes.write_dataset("description", descriptions);
  outcomes.write_dataset("strategy", request.strategies);
  std::vector<std::int64_t> months;
  for (std::int32_t m = 1; m <= s.run.horizon_months; ++m)
    months.push_back(m);
  outcomes.write_dataset("month", std::span<const std::int64_t>(months));
  const auto reps = static_cast<std::size_t>(request.replications);
  for (std::size_t si = 0; si < request.strategies.size(); ++si) {
    auto strategy_group = outcomes.group(request.strategies[si]);
    for (std::size_t o = 0; o < specs.size(); ++o) {
      std::vector<double> values(reps * months.size());
      for (std::size_t k = 0; k < arms.size(); ++k) {
        if (arms[k].strategy != si)
          continue;
        const auto r = static_cast<std::size_t>(arms[k].replication);
        for (std::size_t m = 0; m < months.size(); ++m)
          values[r * months.size() + m] = runs[k].outcomes[m][o];
      }
      strategy_group.write_dataset_2d(specs[o].name, values, reps, months.size(),
                                      {{"unit", specs[o].unit}});
    }
  }

  // The summary table, column by column (same content as summary.csv).
  auto summary = file.group("/summary");
  std::vector<std::string> outcome, unit, strategy, method;
  std::vector<std::int64_t> month, n, n_pairs, conclusive, needed;
  std::vector<double> mean, sd, diff, sd_diff, low, high, dz;
  for (const auto& r : rows) {
    outcome.push_back(r.outcome);
    unit.push_back(r.unit);
    strategy.push_back(r.strategy);
    method.push_back(r.method);
    month.push_back(r.month);
    n.push_back(static_cast<std::int64_t>(r.n));
    n_pairs.push_back(static_cast<std::int64_t>(r.n_pairs));
    conclusive.push_back(r.has_difference ? (r.conclusive ? 1 : 0) : -1);
    needed.push_back(r.replications_needed ? *r.replications_needed : -1);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    mean.push_back(r.mean);
    sd.push_back(r.sd);
    diff.push_back(r.has_difference ? r.mean_difference : nan);
    sd_diff.push_back(r.has_difference ? r.sd_difference : nan);
    low.push_back(r.has_difference ? r.ci_low : nan);
    high.push_back(r.has_difference ? r.ci_high : nan);
    dz.push_back(r.has_difference ? r.effect_size_dz : nan);
  }
  summary.write_dataset("outcome", outcome);
  summary.write_dataset("unit", unit);
  summary.write_dataset("strategy", strategy);
  summary.write_dataset("method", method);
  summary.write_dataset("month", std::span<const std::int64_t>(month));
  summary.write_dataset("n", std::span<const std::int64_t>(n));
  summary.write_dataset("n_pairs", std::span<const std::int64_t>(n_pairs));
  summary.write_dataset("conclusive", std::span<const std::int64_t>(conclusive));
  summary.write_dataset("replications_needed", std::span<const std::int64_t>(needed));
  summary.write_dataset("mean", std::span<const double>(mean));
  summary.write_dataset("sd", std::span<const double>(sd));
  summary.write_dataset("mean_difference", std::span<const double>(diff));
  summary.write_dataset("sd_difference", std::span<const double>(sd_diff));
  summary.write_dataset("ci_low", std::span<const double>(low));
  summary.write_dataset("ci_high", std::span<const double>(high));
  summary.write_dataset("effect_size_dz", std::span<const double>(dz));
  file.set_attribute("end_time", core::utc_now_iso8601());
  file.finish();
}

} // namespace

CompareResult run_comparison(const CompareRequest& request,
                             const std::function<void(std::int64_t, std::int64_t)>& on_progress) {
  check_request(request);
  const auto wall_start = std::chrono::steady_clock::now();
  const auto start_time = core::utc_now_iso8601();
  std::filesystem::create_directories(request.output_dir);

  std::vector<Arm> arms;
  for (std::int64_t r = 0; r < request.replications; ++r)
    for (std::size_t s = 0; s < request.strategies.size(); ++s)
      arms.push_back({s, r});
  // Sorted by strategy then replication, the order runs are written in.
  std::sort(arms.begin(), arms.end(), [](const Arm& a, const Arm& b) {
    return a.strategy != b.strategy ? a.strategy < b.strategy : a.replication < b.replication;
  });

  std::vector<FinishedRun> runs(arms.size());
  std::mutex progress_mutex;
  std::int64_t done = 0;
  const auto total = static_cast<std::int64_t>(arms.size());
  // One arm per task (grain 1); parallel_for_rows declares the fork and join to ThreadSanitizer.
  core::parallel_for_rows(
      arms.size(),
      [&](std::size_t k) {
        const auto seed = replication_seed(request.scenario.run.seed,
                                           static_cast<std::uint64_t>(arms[k].replication));
        runs[k] = run_arm(request.scenario, request.strategies[arms[k].strategy], seed);
        const std::lock_guard lock(progress_mutex);
        on_progress(++done, total);
      },
      1);

  CompareResult result;
  result.time_points = time_points(request.scenario.run.horizon_months);
  const auto& specs = outcome_specs();
  const auto reps = static_cast<std::size_t>(request.replications);
  for (std::size_t o = 0; o < specs.size(); ++o)
    for (const auto month : result.time_points) {
      std::vector<std::vector<double>> values(request.strategies.size(), std::vector<double>(reps));
      for (std::size_t k = 0; k < arms.size(); ++k)
        values[arms[k].strategy][static_cast<std::size_t>(arms[k].replication)] =
            runs[k].outcomes[static_cast<std::size_t>(month - 1)][o];
      auto rows = summarise_outcome(specs[o].name, specs[o].unit, month, request.strategies,
                                    request.baseline, values);
      result.rows.insert(result.rows.end(), rows.begin(), rows.end());
    }

  result.results_h5 = request.output_dir / "results.h5";
  result.summary_csv = request.output_dir / "summary.csv";
  result.summary_md = request.output_dir / "summary.md";
  write_results(request, arms, runs, result.rows, start_time, result.results_h5);
  write_summary_csv(result.summary_csv, result.rows);
  write_summary_markdown(result.summary_md, result.rows, request.scenario.run.name,
                         request.replications, request.baseline);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

} // namespace ptcesim::compare
