#include "sim/app/run_job.hpp"

#include "sim/app/pole_table.hpp"
#include "sim/app/progress.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/version.hpp"
#include "sim/core/wall_time.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <chrono>
#include <fmt/format.h>

namespace ptcesim::app {

namespace {

bool is_snapshot_tick(const scenario::Scenario& s, std::int32_t tick) {
  for (const auto month : s.run.snapshot_months)
    if (month + s.run.burn_in_months == tick)
      return true;
  return false;
}

} // namespace

RunSummary run_to_file(const RunRequest& request) {
  io::RunFileWriter::check_can_write(request.output, request.force);
  const core::ThreadLimit thread_limit(request.threads);
  const auto& scenario = request.scenario;
  const auto start_time = core::utc_now_iso8601();
  const auto wall_start = std::chrono::steady_clock::now();

  model::Simulation simulation(scenario, scenario.run.seed);

  io::RunFileWriter writer(request.output, {request.force, scenario.output.compress});
  writer.set_attribute("kind", "run");
  writer.set_attribute("ptcesim_version", core::version());
  writer.set_attribute("git_commit", core::git_commit());
  writer.set_attribute("scenario_name", scenario.run.name);
  writer.set_attribute("scenario_toml", scenario::resolved_toml(scenario));
  writer.set_attribute("seed", static_cast<std::int64_t>(scenario.run.seed));
  writer.set_attribute("threads", static_cast<std::int64_t>(core::ThreadLimit::active_threads()));
  writer.set_attribute("burn_in_months", static_cast<std::int64_t>(simulation.burn_in()));
  writer.set_attribute("start_time", start_time);
  writer.write_territories(
      simulation.territory_names(),
      {core::SnapshotColumn{"population", "persons", simulation.territory_populations()}});
  writer.begin_series(simulation.indicator_specs(), simulation.territory_names().size());

  ProgressBar progress(fmt::format("run {}", scenario.run.name), simulation.total_ticks(),
                       request.quiet);
  PoleTable poles; // written at the end: a few rows per month
  while (!simulation.finished()) {
    simulation.step();
    writer.append(simulation.last_frame());
    if (simulation.last_frame().tick % kPoleRecordEveryMonths == 0)
      poles.append(model::pole_records(simulation.world(), simulation.last_frame().tick));
    if (is_snapshot_tick(scenario, simulation.last_frame().tick))
      for (const auto& table : simulation.snapshot())
        writer.write_snapshot(table);
    progress.update(simulation.tick());
  }
  progress.finish();
  poles.write(writer.group("/poles"));

  RunSummary summary;
  summary.ticks = simulation.total_ticks();
  summary.state_hash = simulation.state_hash();
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  writer.set_attribute("end_time", core::utc_now_iso8601());
  writer.set_attribute("wall_seconds", summary.seconds);
  writer.set_attribute("state_hash", fmt::format("{:016x}", summary.state_hash));
  writer.finish();
  return summary;
}

} // namespace ptcesim::app
