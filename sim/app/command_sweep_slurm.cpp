#include "sim/app/cli_support.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/sweep_slurm.hpp"
#include "sim/sweep/slurm.hpp"
#include "sim/sweeprun/sweep_dir.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace ptcesim::app {

namespace {

namespace fs = std::filesystem;

// Without --array or --mpi: one task per run up to this many (each task then runs several).
constexpr std::size_t kDefaultArrayTasks = 100;

void write_text(const fs::path& path, const std::string& text, fs::perms mode) {
  {
    std::ofstream out(path);
    out << text;
    out.flush();
    if (!out)
      throw std::runtime_error(fmt::format("{}: cannot write", path.string()));
  }
  fs::permissions(path, mode);
}

} // namespace

int write_sweep_slurm(const sweeprun::PreparedSweep& sweep, const SlurmRequest& request) {
  sweep::SlurmOptions options;
  options.ptcesim = fs::canonical("/proc/self/exe").string();
  options.sweep_file = fs::absolute(request.sweep_file).lexically_normal().string();
  options.output = fs::absolute(request.output).lexically_normal().string();
  if (options.output.size() > 1 && options.output.back() == '/')
    options.output.pop_back();
  options.runs = sweep.plan.run_count();
  if (request.array_tasks == 0 || request.array_tasks < -1 || request.mpi_ranks == 0 ||
      request.mpi_ranks < -1)
    throw UsageError("ptcesim sweep: --array and --mpi must be at least 1");
  if (request.mpi_ranks > 0)
    options.mpi_ranks = static_cast<std::size_t>(request.mpi_ranks);
  if (request.array_tasks > 0)
    options.array_tasks = static_cast<std::size_t>(request.array_tasks);
  else if (request.mpi_ranks < 0)
    options.array_tasks = std::min(options.runs, kDefaultArrayTasks);
  options.time = request.time;
  options.partition = request.partition;
  sweep::SlurmScripts scripts;
  try {
    scripts = sweep::slurm_scripts(options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("ptcesim sweep: {}", e.what()));
  }

  // Claimed here, once: array tasks starting together then only read the recorded sweep.
  const sweeprun::SweepDirectory dir(request.output);
  try {
    dir.claim(sweep, request.force);
  } catch (const sweeprun::SweepChanged& e) {
    throw UsageError(fmt::format("ptcesim sweep: {}", e.what()));
  }
  const auto slurm_dir = fs::path(options.output) / "slurm";
  fs::create_directories(slurm_dir);
  constexpr auto readable = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read;
  constexpr auto executable =
      readable | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  write_text(slurm_dir / "run.sbatch", scripts.run, readable);
  if (!scripts.merge.empty())
    write_text(slurm_dir / "merge.sbatch", scripts.merge, readable);
  else
    fs::remove(slurm_dir / "merge.sbatch"); // left by an earlier --array
  write_text(slurm_dir / "submit.sh", scripts.submit, executable);

  const auto quoted = [](const fs::path& p) { return sweep::shell_quote(p.string()); };
  if (options.array_tasks > 0) {
    const auto per_task = (options.runs + options.array_tasks - 1) / options.array_tasks;
    std::cout << fmt::format("wrote {}: a job array of {} tasks (up to {} of the {} runs each), "
                             "and {}: the merge, after every task succeeded\n",
                             (slurm_dir / "run.sbatch").string(), options.array_tasks, per_task,
                             options.runs, (slurm_dir / "merge.sbatch").string());
  } else {
    std::cout << fmt::format("wrote {}: one MPI job of {} ranks for the {} runs\n",
                             (slurm_dir / "run.sbatch").string(), options.mpi_ranks, options.runs);
  }
  std::cout << fmt::format("submit: sh {}\n", quoted(slurm_dir / "submit.sh"));
  if (options.array_tasks > 0)
    std::cout << fmt::format(
        "    or: jid=$(sbatch --parsable {}) && sbatch --dependency=afterok:$jid {}\n",
        quoted(slurm_dir / "run.sbatch"), quoted(slurm_dir / "merge.sbatch"));
  std::cout << fmt::format("watch: squeue --me   (logs in {})\n", slurm_dir.string());
  std::cout << fmt::format("then: ptcesim sweep analyse {}\n", quoted(options.output));
  return kSuccess;
}

} // namespace ptcesim::app
