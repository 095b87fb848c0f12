#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/game_job.hpp"
#include "sim/app/run_job.hpp"
#include "sim/io/checkpoint_file.hpp"

#include <fmt/format.h>
#include <iostream>

namespace ptcesim::app {

namespace {

std::int32_t checked_interval(long long ticks) {
  if (ticks < 1 || ticks > 1'000'000)
    throw UsageError(fmt::format(
        "ptcesim run: --checkpoint-every: must be in [1, 1000000] ticks, got {}", ticks));
  return static_cast<std::int32_t>(ticks);
}

std::int32_t checked_tick(long long tick) {
  if (tick < 1 || tick > 1'000'000)
    throw UsageError(
        fmt::format("ptcesim run: --stop-at: must be a tick in [1, 1000000], got {}", tick));
  return static_cast<std::int32_t>(tick);
}

void report(const RunSummary& summary, bool quiet) {
  if (quiet)
    return;
  if (summary.stopped) {
    std::cerr << fmt::format("ptcesim run: stopped before tick {}; continue with 'ptcesim run "
                             "--resume {}'\n",
                             summary.ticks, summary.checkpoint.string());
    return;
  }
  std::cerr << fmt::format("ptcesim run: {} ticks in {:.2f} s, wrote {}\n", summary.ticks,
                           summary.seconds, summary.output.string());
  if (!summary.checkpoint.empty())
    std::cerr << fmt::format("ptcesim run: removed checkpoint {} (the run is complete)\n",
                             summary.checkpoint.string());
}

int resume(const po::variables_map& vm) {
  for (const char* option : {"scenario", "set", "seed", "checkpoint"})
    if (vm.count(option))
      throw UsageError(fmt::format(
          "ptcesim run: --resume takes the scenario, seed and checkpoint file from the checkpoint; "
          "{} cannot be given with it",
          std::string(option) == "scenario" ? "a scenario file" : fmt::format("--{}", option)));
  ResumeRequest request;
  request.checkpoint = vm["resume"].as<std::string>();
  if (vm.count("output"))
    request.output = vm["output"].as<std::string>();
  request.force = vm.count("force") > 0;
  request.quiet = vm.count("quiet") > 0;
  request.threads = checked_threads(vm["threads"].as<long long>());
  if (vm.count("checkpoint-every"))
    request.checkpoint_every = checked_interval(vm["checkpoint-every"].as<long long>());
  if (vm.count("stop-at"))
    request.stop_at = checked_tick(vm["stop-at"].as<long long>());
  try {
    report(resume_to_file(request), request.quiet);
  } catch (const io::CheckpointError& e) {
    // An unusable checkpoint is bad input, like a bad scenario file.
    std::cerr << "ptcesim run: " << e.what() << "\n";
    return kBadInput;
  }
  return kSuccess;
}

} // namespace

int command_run(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(),
      "HDF5 file to write (default: <scenario name>-seed<seed>.h5; with --resume, the output "
      "of the interrupted run)")("seed", po::value<std::uint64_t>(),
                                 "run seed (overrides run.seed)")(
      "threads", po::value<long long>()->default_value(0), "worker threads (0 = all cores)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario field, e.g. --set firms.initial_markup=0.2 (repeatable)")(
      "checkpoint-every", po::value<long long>(),
      "write a checkpoint every K ticks (replacing the previous one; removed when the run "
      "completes)")("checkpoint", po::value<std::string>(),
                    "checkpoint file (default: <output>.ckpt)")(
      "stop-at", po::value<long long>(),
      "stop when tick T is next, leaving a checkpoint (as above) and no run file, to be "
      "continued with --resume")(
      "resume", po::value<std::string>(),
      "continue the run of checkpoint FILE (no scenario, --set or --seed: they are in it)")(
      "force", "overwrite an existing output file (and checkpoint file)")("quiet,q",
                                                                          "no progress bar");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (parse_options(
          "run", args, visible, hidden, positional, vm,
          "ptcesim run [SCENARIO] [-o FILE] [--seed N] [--threads N] [--set k=v]... "
          "[--checkpoint-every K] [--checkpoint FILE] [--stop-at T] [--force] [--quiet]\n"
          "       ptcesim run --resume CHECKPOINT [-o FILE] [--threads N] [--checkpoint-every K] "
          "[--stop-at T] [--force] [--quiet]\n\n"
          "Runs one simulation of SCENARIO (default: the embedded default scenario) and writes an "
          "HDF5 file (docs/output.md). With --checkpoint-every, an interrupted run (killed, "
          "out of time) can be continued with --resume: the run file is then identical to that "
          "of an uninterrupted run, whatever the thread counts. A checkpoint is resumed by the "
          "build that wrote it only."))
    return kSuccess;
  if (vm.count("resume"))
    return resume(vm);

  RunRequest request;
  request.threads = checked_threads(vm["threads"].as<long long>());
  if (vm.count("checkpoint") && !vm.count("checkpoint-every") && !vm.count("stop-at"))
    throw UsageError("ptcesim run: --checkpoint needs --checkpoint-every K or --stop-at T");
  if (vm.count("checkpoint-every"))
    request.checkpoint_every = checked_interval(vm["checkpoint-every"].as<long long>());
  if (vm.count("checkpoint"))
    request.checkpoint = vm["checkpoint"].as<std::string>();
  if (vm.count("stop-at"))
    request.stop_at = checked_tick(vm["stop-at"].as<long long>());
  auto loaded = load_scenario(vm);
  request.scenario = std::move(loaded.scenario);
  request.scenario_name = loaded.display_name;
  request.output = vm.count("output") ? vm["output"].as<std::string>()
                                      : fmt::format("{}-seed{}.h5", request.scenario.run.name,
                                                    request.scenario.run.seed);
  request.force = vm.count("force") > 0;
  request.quiet = vm.count("quiet") > 0;

  // cooperation.isolate_game switches the economy off: the game is played alone.
  if (request.scenario.cooperation.isolate_game) {
    if (request.checkpoint_every > 0 || request.stop_at)
      throw UsageError(
          "ptcesim run: --checkpoint-every, --stop-at: not available for a scenario with "
          "cooperation.isolate_game (the game alone runs in seconds)");
    auto summary = run_game_to_file(request);
    summary.output = request.output;
    report(summary, request.quiet);
    return kSuccess;
  }
  report(run_to_file(request), request.quiet);
  return kSuccess;
}

} // namespace ptcesim::app
