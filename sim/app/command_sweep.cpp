// `ptcesim sweep`: parameter sweeps. `sweep FILE -o DIR` runs one (locally, or over the ranks
// of an MPI job), `sweep plan FILE` prints its design, `sweep merge DIR` rebuilds the merged
// results; further subcommands are entries of sweep_subcommands().
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/progress.hpp"
#include "sim/app/sweep_slurm.hpp"
#include "sim/core/parallel.hpp"
#include "sim/io/errors.hpp"
#include "sim/scenario/config_error.hpp"
#include "sim/sweeprun/mpi_runner.hpp"
#include "sim/sweeprun/runner.hpp"

#include <chrono>
#include <fmt/format.h>
#include <iostream>
#include <map>

namespace ptcesim::app {

namespace {

using Subcommand = int (*)(const std::vector<std::string>&);

/// Ends a rank quietly, the problem being reported (and its exit code returned) by another.
struct SilentExit {
  int code;
};

struct SweepSubcommand {
  Subcommand run;
  const char* summary;
};

int sweep_plan(const std::vector<std::string>& args);
int sweep_merge(const std::vector<std::string>& args);

/// `ptcesim sweep <name> ...`: anything else as first argument is the sweep file of a run.
const std::map<std::string, SweepSubcommand>& sweep_subcommands() {
  static const std::map<std::string, SweepSubcommand> table{
      {"plan", {sweep_plan, "print the design of a sweep file without running it"}},
      {"merge", {sweep_merge, "write DIR/results.h5 from the worker files once every run is done"}},
      {"analyse",
       {command_sweep_analyse, "Morris, Sobol' or regression sensitivity indices of "
                               "a finished sweep (DIR/sensitivity.h5, .csv)"}},
  };
  return table;
}

constexpr const char* kRunUsage =
    "ptcesim sweep FILE -o DIR [--threads N] [--force] [--quiet]\n"
    "       mpirun -n K ptcesim sweep FILE -o DIR\n"
    "       ptcesim sweep FILE -o DIR --array-index I --array-size N\n"
    "       ptcesim sweep FILE -o DIR --slurm [--array N | --mpi K] [--time T] [--partition P]\n\n"
    "Runs every run of the sweep's plan (design point x replication; every strategy of a run\n"
    "with the same seed) that DIR does not hold yet, each recorded durably as it finishes, so\n"
    "that the same command resumes an interrupted sweep. Writes DIR/results.h5 when every run\n"
    "is done. Under mpirun, runs are handed out to the ranks as they ask for them.";

void print_sweep_help() {
  std::cout << "usage: ptcesim sweep <subcommand> ...   (ptcesim sweep <subcommand> --help)\n"
               "       "
            << kRunUsage << "\n\nsubcommands:\n";
  for (const auto& [name, entry] : sweep_subcommands())
    std::cout << fmt::format("  {:<10} {}\n", name, entry.summary);
}

// Exit code of a failure on rank 0, for the ranks that did not see it.
int exit_code_of(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const scenario::ConfigError&) {
    return kBadInput;
  } catch (const sweeprun::SweepChanged&) {
    return kBadInput;
  } catch (const UsageError&) {
    return kBadInput;
  } catch (const io::OutputExists&) {
    return kBadInput;
  } catch (...) {
    return kRuntimeFailure;
  }
}

void print_report(const sweeprun::PreparedSweep& sweep, const sweeprun::RunReport& report,
                  const sweeprun::RunOptions& options, double seconds) {
  const auto& start = report.start;
  for (const auto& warning : start.warnings)
    std::cerr << "ptcesim sweep: warning: " << warning << "\n";
  const auto& plan = sweep.plan;
  std::cout << fmt::format(
      "sweep {}: design {}, {} points x {} replications = {} runs, strategies {} (baseline {})\n",
      sweep.spec.file, sweep::design_name(plan.design), plan.point_count(), plan.replications,
      plan.run_count(), fmt::join(sweep.strategies, ","), sweep.strategies[sweep.baseline]);
  std::cout << fmt::format("{}: {} runs already done, {} run now (session {}, {} workers)\n",
                           options.output.string(), start.already_done, report.ran, start.session,
                           start.to_run.empty() ? 0 : report.workers);
  if (report.ran > 0)
    std::cout << fmt::format("ran {} runs in {}\n", report.ran, format_duration(seconds));
  if (report.missing_after > 0) {
    std::cout << fmt::format("{} runs of the sweep are still missing", report.missing_after);
    if (options.array_size > 1)
      std::cout << fmt::format(" (other array tasks); once every task is done: ptcesim sweep "
                               "merge {}\n",
                               options.output.string());
    else
      std::cout << "\n";
  } else {
    std::cout << fmt::format("results: {}{}\n", report.results.string(),
                             report.merged ? "" : " (already complete, unchanged)");
  }
}

int sweep_run_reported(const std::vector<std::string>& args);

int sweep_run(const std::vector<std::string>& args) {
  try {
    return sweep_run_reported(args);
  } catch (const SilentExit&) {
    // The rank that saw the problem reports it and exits with its code, which mpirun and srun
    // return. Exiting non-zero here as well would let the launcher kill that rank before its
    // message is written (a race seen in CI).
    return kSuccess;
  }
}

int sweep_run_reported(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "output directory (required)")(
      "threads", po::value<long long>(),
      "concurrent runs, and threads (0 = all cores; default: all cores, 1 per rank under "
      "mpirun)")("force", "discard what DIR holds (another sweep's results) and start again")(
      "array-index", po::value<long long>(),
      "job array task: run only the runs with run % array-size == array-index; no merge")(
      "array-size", po::value<long long>(),
      "number of job array tasks")("quiet,q", "no progress bar, no report")(
      "slurm", "write SLURM batch scripts into DIR/slurm (and print how to submit them) instead "
               "of running")("array", po::value<long long>(),
                             "--slurm: job array of N tasks (default: one per run, at most 100)")(
      "mpi", po::value<long long>(), "--slurm: one MPI job of K ranks under srun instead")(
      "time", po::value<std::string>()->default_value("01:00:00"),
      "--slurm: time limit of each job, [D-]HH:MM:SS")(
      "partition", po::value<std::string>(), "--slurm: partition (default: the cluster's)");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (parse_options("sweep", args, visible, hidden, positional, vm, kRunUsage))
    return kSuccess;
  if (!vm.count("file"))
    throw UsageError("ptcesim sweep: a sweep file is needed (see 'ptcesim sweep --help')");
  if (!vm.count("output"))
    throw UsageError("ptcesim sweep: -o DIR is needed: where the runs and results go");

  sweeprun::RunOptions options;
  options.output = vm["output"].as<std::string>();
  options.force = vm.count("force") > 0;
  const bool array = vm.count("array-index") || vm.count("array-size");
  if (array) {
    if (!vm.count("array-index") || !vm.count("array-size"))
      throw UsageError("ptcesim sweep: --array-index and --array-size go together");
    const auto size = vm["array-size"].as<long long>();
    const auto index = vm["array-index"].as<long long>();
    if (size < 1 || size > 100000 || index < 0 || index >= size)
      throw UsageError(fmt::format("ptcesim sweep: --array-index must be in [0, --array-size) "
                                   "and --array-size in [1, 100000], got {} and {}",
                                   index, size));
    options.array_index = static_cast<std::size_t>(index);
    options.array_size = static_cast<std::size_t>(size);
  }
  const bool slurm = vm.count("slurm") > 0;
  if (!slurm &&
      (vm.count("array") || vm.count("mpi") || vm.count("partition") || !vm["time"].defaulted()))
    throw UsageError("ptcesim sweep: --array, --mpi, --time and --partition go with --slurm");
  if (slurm && array)
    throw UsageError("ptcesim sweep: --slurm writes the --array-index/--array-size commands "
                     "itself; give --array N");
  const bool quiet = vm.count("quiet") > 0;
  const bool mpi_launch = sweeprun::launched_by_mpi();
  // -1: not given (the default depends on how the sweep is launched).
  const int requested = vm.count("threads") ? checked_threads(vm["threads"].as<long long>()) : -1;
  if (mpi_launch && array)
    throw UsageError("ptcesim sweep: --array-index/--array-size are for independent tasks, not "
                     "for an MPI job (which hands runs out by itself)");

  const auto sweep = [&] {
    try {
      return sweeprun::prepare_sweep(vm["file"].as<std::string>());
    } catch (const scenario::ConfigError&) {
      if (sweeprun::launch_rank() != 0) // every rank reads the file: rank 0 reports it
        throw SilentExit{kBadInput};
      throw;
    }
  }();
  if (slurm) {
    SlurmRequest request;
    request.sweep_file = vm["file"].as<std::string>();
    request.output = options.output;
    request.force = options.force;
    request.array_tasks = vm.count("array") ? vm["array"].as<long long>() : -1;
    request.mpi_ranks = vm.count("mpi") ? vm["mpi"].as<long long>() : -1;
    request.time = vm["time"].as<std::string>();
    if (vm.count("partition"))
      request.partition = vm["partition"].as<std::string>();
    return write_sweep_slurm(sweep, request);
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  };
  try {
    if (mpi_launch) {
      const sweeprun::MpiSession mpi;
      if (mpi.size() > 1) {
        // One run at a time per rank: ranks are usually one per core.
        const int threads = requested < 0 ? 1 : requested;
        const core::ThreadLimit limit(threads);
        std::optional<ProgressBar> progress;
        options.on_progress = [&](std::size_t done, std::size_t total) {
          if (!progress)
            progress.emplace("sweep", static_cast<std::int64_t>(total), quiet);
          progress->update(static_cast<std::int64_t>(done));
        };
        try {
          const auto report = sweeprun::run_sweep_mpi(sweep, options, mpi, exit_code_of);
          if (progress)
            progress->finish();
          if (report && !quiet)
            print_report(sweep, *report, options, seconds());
        } catch (const sweeprun::PeerFailed& e) {
          throw SilentExit{e.exit_code()};
        }
        return kSuccess;
      }
    }
    const int threads = requested < 0 ? 0 : requested;
    const core::ThreadLimit limit(threads);
    options.threads = threads;
    std::optional<ProgressBar> progress;
    options.on_progress = [&](std::size_t done, std::size_t total) {
      if (!progress)
        progress.emplace("sweep", static_cast<std::int64_t>(total), quiet);
      progress->update(static_cast<std::int64_t>(done));
    };
    const auto report = sweeprun::run_sweep(sweep, options);
    if (progress)
      progress->finish();
    if (!quiet)
      print_report(sweep, report, options, seconds());
  } catch (const sweeprun::SweepChanged& e) {
    throw UsageError(fmt::format("ptcesim sweep: {}", e.what()));
  }
  return kSuccess;
}

int sweep_plan(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")("csv", "CSV instead of an aligned table");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (parse_options("sweep plan", args, visible, hidden, positional, vm,
                    "ptcesim sweep plan FILE [--csv]\n\nPrints the runs of a sweep file (run, "
                    "point, replication, group, factor values) without running them."))
    return kSuccess;
  if (!vm.count("file"))
    throw UsageError("ptcesim sweep plan: a sweep file is needed");
  const auto sweep = sweeprun::prepare_sweep(vm["file"].as<std::string>());
  std::cout << (vm.count("csv") ? sweep::plan_csv(sweep.plan) : sweep::plan_text(sweep.plan));
  return kSuccess;
}

int sweep_merge(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("dir", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (parse_options("sweep merge", args, visible, hidden, positional, vm,
                    "ptcesim sweep merge DIR\n\nWrites DIR/results.h5 from the worker files of "
                    "a sweep directory (fails, exit 1, while runs are missing)."))
    return kSuccess;
  if (!vm.count("dir"))
    throw UsageError("ptcesim sweep merge: a sweep directory is needed");
  const sweeprun::SweepDirectory dir(vm["dir"].as<std::string>());
  try {
    const auto sweep = dir.load_recorded();
    sweeprun::merge(dir, sweep);
    std::cout << fmt::format("results: {} ({} runs)\n", dir.results_path().string(),
                             sweep.plan.run_count());
  } catch (const sweeprun::SweepChanged& e) {
    throw UsageError(fmt::format("ptcesim sweep merge: {}", e.what()));
  }
  return kSuccess;
}

} // namespace

int command_sweep(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    print_sweep_help();
    return args.empty() ? kBadInput : kSuccess;
  }
  const auto found = sweep_subcommands().find(args[0]);
  if (found != sweep_subcommands().end())
    return found->second.run(std::vector<std::string>(args.begin() + 1, args.end()));
  return sweep_run(args);
}

} // namespace ptcesim::app
