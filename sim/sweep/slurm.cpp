#include "sim/sweep/slurm.hpp"

#include <fmt/format.h>
#include <regex>
#include <stdexcept>

namespace ptcesim::sweep {
namespace {

// SLURM's default MaxArraySize is 1001 (indices 0..1000).
constexpr std::size_t kMaxArrayTasks = 1001;

bool plain_name(const std::string& name) {
  return !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                                                 "VWXYZ0123456789_-.") == std::string::npos;
}

/// #SBATCH lines are not read by a shell, and '%' starts a file-name pattern in --output.
void check_directive_path(const std::string& path) {
  if (path.empty() || path.find_first_of(" \t\n'\"%\\") != std::string::npos)
    throw std::invalid_argument(fmt::format(
        "--slurm: the output directory '{}' must not contain blanks, quotes, '%' or '\\' "
        "(it appears in #SBATCH --output lines)",
        path));
}

std::string header(const SlurmOptions& o, const std::string& name, const std::string& log) {
  std::string text = "#!/bin/bash\n";
  text += fmt::format("#SBATCH --job-name={}\n", name);
  text += fmt::format("#SBATCH --time={}\n", o.time);
  if (!o.partition.empty())
    text += fmt::format("#SBATCH --partition={}\n", o.partition);
  text += fmt::format("#SBATCH --output={}/slurm/{}\n", o.output, log);
  return text;
}

} // namespace

std::string shell_quote(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

SlurmScripts slurm_scripts(const SlurmOptions& o) {
  static const std::regex time_format(R"(^([0-9]+-)?[0-9]{1,2}:[0-5][0-9]:[0-5][0-9]$)");
  if (!std::regex_match(o.time, time_format))
    throw std::invalid_argument(
        fmt::format("--time: expected HH:MM:SS or D-HH:MM:SS, got '{}'", o.time));
  if (!o.partition.empty() && !plain_name(o.partition))
    throw std::invalid_argument(
        fmt::format("--partition: not a partition name: '{}'", o.partition));
  if (!plain_name(o.job_name))
    throw std::invalid_argument(fmt::format("job name: not a plain name: '{}'", o.job_name));
  check_directive_path(o.output);
  if (o.array_tasks == 0 && o.mpi_ranks == 0)
    throw std::invalid_argument("--slurm: give --array N (a job array) or --mpi K (one MPI job)");
  if (o.array_tasks > 0 && o.mpi_ranks > 0)
    throw std::invalid_argument("--slurm: --array and --mpi are alternatives, give one of them");
  if (o.array_tasks > o.runs)
    throw std::invalid_argument(
        fmt::format("--array: {} tasks for {} runs would leave tasks with nothing to do",
                    o.array_tasks, o.runs));
  if (o.array_tasks > kMaxArrayTasks)
    throw std::invalid_argument(fmt::format(
        "--array: at most {} tasks (SLURM's default MaxArraySize); each task runs several runs",
        kMaxArrayTasks));

  const auto exe = shell_quote(o.ptcesim);
  const auto file = shell_quote(o.sweep_file);
  const auto dir = shell_quote(o.output);
  SlurmScripts scripts;
  if (o.array_tasks > 0) {
    scripts.run = header(o, o.job_name, "run-%A_%a.out");
    scripts.run += fmt::format("#SBATCH --array=0-{}\n#SBATCH --ntasks=1\n", o.array_tasks - 1);
    scripts.run += "# Each task runs the sweep's missing runs with run % N == task index and\n"
                   "# records each one durably: resubmitting after a failure or a time limit\n"
                   "# runs only what is missing.\n"
                   "set -euo pipefail\n";
    scripts.run += fmt::format("exec {} sweep {} -o {} --array-index \"$SLURM_ARRAY_TASK_ID\" "
                               "--array-size {} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\"\n",
                               exe, file, dir, o.array_tasks);
    scripts.merge = header(o, o.job_name + "-merge", "merge-%j.out");
    scripts.merge += "#SBATCH --ntasks=1\n"
                     "# Runs once every array task succeeded; writes DIR/results.h5.\n"
                     "set -euo pipefail\n";
    scripts.merge += fmt::format("exec {} sweep merge {}\n", exe, dir);
  } else {
    scripts.run = header(o, o.job_name, "run-%j.out");
    scripts.run += fmt::format("#SBATCH --ntasks={}\n", o.mpi_ranks);
    scripts.run += "# Rank 0 hands runs out as ranks ask for them and merges at the end;\n"
                   "# resubmitting after a failure or a time limit runs only what is missing.\n"
                   "set -euo pipefail\n";
    scripts.run +=
        fmt::format("exec srun --mpi=pmix -n {} {} sweep {} -o {}\n", o.mpi_ranks, exe, file, dir);
  }

  const auto slurm_dir = shell_quote(o.output + "/slurm");
  scripts.submit = "#!/bin/sh\n"
                   "# Submits the sweep's jobs; prints their ids and how to watch them.\n"
                   "set -eu\n";
  scripts.submit += fmt::format("run=$(sbatch --parsable {}/run.sbatch)\n", slurm_dir);
  scripts.submit += "run=${run%%;*} # --parsable prints id[;cluster]\n";
  if (o.array_tasks > 0) {
    scripts.submit += fmt::format(
        "merge=$(sbatch --parsable --dependency=afterok:\"$run\" {}/merge.sbatch)\n", slurm_dir);
    scripts.submit += "merge=${merge%%;*}\n"
                      "echo \"submitted: runs $run (array), merge $merge (after every task "
                      "succeeded)\"\n"
                      "echo \"watch: squeue -j $run,$merge\"\n";
  } else {
    scripts.submit += "echo \"submitted: MPI job $run\"\n"
                      "echo \"watch: squeue -j $run\"\n";
  }
  scripts.submit += fmt::format("echo results: {}/results.h5\n", dir);
  return scripts;
}

} // namespace ptcesim::sweep
