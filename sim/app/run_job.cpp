#include "sim/app/run_job.hpp"

#include "sim/app/cli_support.hpp"
#include "sim/app/pole_table.hpp"
#include "sim/app/progress.hpp"
#include "sim/core/byte_archive.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/version.hpp"
#include "sim/core/wall_time.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/checkpoint.hpp"
#include "sim/model/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <chrono>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

namespace ptcesim::app {

namespace {

bool is_snapshot_tick(const scenario::Scenario& s, std::int32_t tick) {
  for (const auto month : s.run.snapshot_months)
    if (month + s.run.burn_in_months == tick)
      return true;
  return false;
}

/// A run between two ticks: the simulation and what it has produced so far. The records are
/// kept only when the run checkpoints, so that a resumed run can write the whole series.
struct RunState {
  scenario::Scenario scenario;
  std::unique_ptr<model::Simulation> simulation;
  std::vector<core::IndicatorFrame> frames;
  std::vector<core::TableSnapshot> snapshots;
  std::vector<model::PoleRecord> poles;
};

/// How the run is carried out, beyond its state.
struct Job {
  std::filesystem::path output;
  bool force = false;
  bool quiet = false;
  std::int32_t checkpoint_every = 0;
  std::filesystem::path checkpoint;
  std::optional<std::int32_t> stop_at;
};

// Checkpoint payload: the run's identity, its records so far, then the simulation (the file's
// header and checksum are io's). Resumed by the build that wrote it only, so its layout may
// change freely between builds.
void write_checkpoint(const Job& job, const RunState& state) {
  core::ByteWriter out;
  out.string(scenario::resolved_toml(state.scenario));
  out.string(std::filesystem::absolute(job.output).string());
  out.scalar(job.checkpoint_every);
  model::save_frames(state.frames, out);
  model::save_snapshots(state.snapshots, out);
  model::save_pole_records(state.poles, out);
  model::save_simulation(*state.simulation, out);
  io::write_checkpoint_file(job.checkpoint, out.bytes());
}

/// The run state and job of a checkpoint; `request` overrides output and interval.
std::pair<RunState, Job> read_checkpoint(const ResumeRequest& request) {
  const auto payload = io::read_checkpoint_file(request.checkpoint);
  const auto name = request.checkpoint.string();
  core::ByteReader in(payload);
  RunState state;
  Job job;
  try {
    const auto text = in.string();
    state.scenario = scenario::load_scenario_text(text, name + " (scenario)");
    job.output = in.string();
    in.scalar(job.checkpoint_every);
    state.frames = model::load_frames(in);
    state.snapshots = model::load_snapshots(in);
    state.poles = model::load_pole_records(in);
    state.simulation = model::load_simulation(state.scenario, in);
    in.expect_end();
  } catch (const core::ArchiveError& e) {
    throw io::CheckpointError(fmt::format("{}: damaged checkpoint: {}", name, e.what()));
  } catch (const scenario::ConfigError& e) {
    throw io::CheckpointError(fmt::format("{}: its scenario does not load: {}", name, e.what()));
  }
  const auto done = static_cast<std::size_t>(state.simulation->tick());
  if (state.frames.size() != done)
    throw io::CheckpointError(fmt::format("{}: damaged checkpoint: {} indicator frames for {} "
                                          "ticks",
                                          name, state.frames.size(), done));
  if (!request.output.empty())
    job.output = request.output;
  if (request.checkpoint_every)
    job.checkpoint_every = *request.checkpoint_every;
  job.force = request.force;
  job.quiet = request.quiet;
  job.checkpoint = request.checkpoint;
  return {std::move(state), job};
}

void check_stop(std::int32_t stop_at, std::int32_t next_tick, const scenario::Scenario& s) {
  const auto total = s.run.burn_in_months + s.run.horizon_months;
  if (stop_at <= next_tick || stop_at >= total)
    throw UsageError(fmt::format("ptcesim run: --stop-at: must be a tick in [{}, {}] (the run "
                                 "has {} ticks{}), got {}",
                                 next_tick + 1, total - 1, total,
                                 next_tick > 0 ? fmt::format(", {} done", next_tick) : "",
                                 stop_at));
}

void remove_checkpoint(const Job& job) {
  std::error_code ignored;
  std::filesystem::remove(job.checkpoint, ignored);
  // Left by a process killed while it wrote a checkpoint.
  std::filesystem::remove(io::checkpoint_partial_path(job.checkpoint), ignored);
}

/// Runs `state` to the end and writes the run file: the records already produced first, then
/// those of the remaining ticks.
RunSummary complete_run(const Job& job, RunState state) {
  const auto& scenario = state.scenario;
  auto& simulation = *state.simulation;
  // A stop needs the records of the whole run so far, as any checkpoint.
  const bool checkpointing = job.checkpoint_every > 0 || job.stop_at.has_value();
  const auto start_time = core::utc_now_iso8601();
  const auto wall_start = std::chrono::steady_clock::now();

  io::RunFileWriter writer(job.output, {job.force, scenario.output.compress});
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
  PoleTable poles; // written at the end: a few rows per month
  // A resumed run: what the interrupted run had produced, as it had written it.
  for (const auto& frame : state.frames)
    writer.append(frame);
  for (const auto& table : state.snapshots)
    writer.write_snapshot(table);
  poles.append(state.poles);

  ProgressBar progress(fmt::format("run {}", scenario.run.name), simulation.total_ticks(),
                       job.quiet);
  progress.update(simulation.tick());
  while (!simulation.finished()) {
    simulation.step();
    const auto& frame = simulation.last_frame();
    writer.append(frame);
    if (checkpointing)
      state.frames.push_back(frame);
    if (frame.tick % kPoleRecordEveryMonths == 0) {
      const auto records = model::pole_records(simulation.world(), frame.tick);
      poles.append(records);
      if (checkpointing)
        state.poles.insert(state.poles.end(), records.begin(), records.end());
    }
    if (is_snapshot_tick(scenario, frame.tick))
      for (auto& table : simulation.snapshot()) {
        writer.write_snapshot(table);
        if (checkpointing)
          state.snapshots.push_back(std::move(table));
      }
    if (job.stop_at && simulation.tick() == *job.stop_at) {
      write_checkpoint(job, state);
      progress.finish();
      RunSummary stopped;
      stopped.ticks = simulation.tick();
      stopped.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
      stopped.checkpoint = job.checkpoint;
      stopped.stopped = true;
      return stopped; // the writer deletes its partial file
    }
    // No checkpoint after the last tick: the run file follows at once.
    if (job.checkpoint_every > 0 && !simulation.finished() &&
        simulation.tick() % job.checkpoint_every == 0)
      write_checkpoint(job, state);
    progress.update(simulation.tick());
  }
  progress.finish();
  poles.write(writer.group("/poles"));

  RunSummary summary;
  summary.ticks = simulation.total_ticks();
  summary.state_hash = simulation.state_hash();
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  summary.output = job.output;
  summary.checkpoint = job.checkpoint;
  writer.set_attribute("end_time", core::utc_now_iso8601());
  writer.set_attribute("wall_seconds", summary.seconds);
  writer.set_attribute("state_hash", fmt::format("{:016x}", summary.state_hash));
  writer.finish();
  // The run file is complete, so the checkpoint can no longer be of use.
  if (!job.checkpoint.empty())
    remove_checkpoint(job);
  return summary;
}

} // namespace

std::filesystem::path default_checkpoint_path(const std::filesystem::path& output) {
  auto path = output;
  path += ".ckpt";
  return path;
}

RunSummary run_to_file(const RunRequest& request) {
  io::RunFileWriter::check_can_write(request.output, request.force);
  Job job{request.output, request.force, request.quiet, request.checkpoint_every, {},
          request.stop_at};
  if (job.stop_at)
    check_stop(*job.stop_at, 0, request.scenario);
  if (job.checkpoint_every > 0 || job.stop_at) {
    job.checkpoint =
        request.checkpoint.empty() ? default_checkpoint_path(request.output) : request.checkpoint;
    if (!request.force && std::filesystem::exists(job.checkpoint))
      throw io::OutputExists(fmt::format(
          "{}: checkpoint file exists (continue it with 'ptcesim run --resume {}', or use "
          "--force to start over)",
          job.checkpoint.string(), job.checkpoint.string()));
    if (!request.quiet && job.checkpoint_every > 0)
      std::cerr << fmt::format("ptcesim run: checkpoint every {} ticks to {}\n",
                               job.checkpoint_every, job.checkpoint.string());
  }
  const core::ThreadLimit thread_limit(request.threads);
  RunState state;
  state.scenario = request.scenario;
  state.simulation =
      std::make_unique<model::Simulation>(request.scenario, request.scenario.run.seed);
  return complete_run(job, std::move(state));
}

RunSummary resume_to_file(const ResumeRequest& request) {
  auto [state, job] = read_checkpoint(request);
  job.stop_at = request.stop_at;
  if (job.stop_at)
    check_stop(*job.stop_at, state.simulation->tick(), state.scenario);
  io::RunFileWriter::check_can_write(job.output, job.force);
  const core::ThreadLimit thread_limit(request.threads);
  if (!request.quiet) {
    std::cerr << fmt::format("ptcesim run: resuming {} at tick {} of {}\n",
                             request.checkpoint.string(), state.simulation->tick(),
                             state.simulation->total_ticks());
    if (job.checkpoint_every > 0)
      std::cerr << fmt::format("ptcesim run: checkpoint every {} ticks to {}\n",
                               job.checkpoint_every, job.checkpoint.string());
  }
  return complete_run(job, std::move(state));
}

} // namespace ptcesim::app
