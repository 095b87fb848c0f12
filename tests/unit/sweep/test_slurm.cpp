// sweep::slurm_scripts: the text of the batch scripts, and the options it refuses.
#include "sim/sweep/slurm.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace ptcesim::sweep;

namespace {

SlurmOptions array_options() {
  SlurmOptions o;
  o.ptcesim = "/opt/bin/ptcesim";
  o.sweep_file = "/home/a/sweeps/tiny.toml";
  o.output = "/scratch/out";
  o.array_tasks = 4;
  o.runs = 18;
  o.time = "00:30:00";
  o.partition = "debug";
  return o;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("a job array: one share of the runs per task, then a merge after every task",
          "[sweep][slurm]") {
  const auto s = slurm_scripts(array_options());
  CHECK(s.run.rfind("#!/bin/bash\n", 0) == 0);
  CHECK(contains(s.run, "#SBATCH --array=0-3\n"));
  CHECK(contains(s.run, "#SBATCH --time=00:30:00\n"));
  CHECK(contains(s.run, "#SBATCH --partition=debug\n"));
  CHECK(contains(s.run, "#SBATCH --output=/scratch/out/slurm/run-%A_%a.out\n"));
  CHECK(contains(s.run, "exec '/opt/bin/ptcesim' sweep '/home/a/sweeps/tiny.toml' -o "
                        "'/scratch/out' --array-index \"$SLURM_ARRAY_TASK_ID\" --array-size 4 "));
  CHECK_FALSE(contains(s.run, "--force"));
  CHECK(contains(s.merge, "exec '/opt/bin/ptcesim' sweep merge '/scratch/out'\n"));
  CHECK(contains(s.merge, "#SBATCH --job-name=ptcesim-sweep-merge\n"));
  CHECK(contains(s.submit, "run=$(sbatch --parsable '/scratch/out/slurm'/run.sbatch)\n"));
  CHECK(contains(s.submit, "sbatch --parsable --dependency=afterok:\"$run\" "
                           "'/scratch/out/slurm'/merge.sbatch"));
}

TEST_CASE("one MPI job under srun with pmix, no separate merge", "[sweep][slurm]") {
  auto o = array_options();
  o.array_tasks = 0;
  o.mpi_ranks = 8;
  o.partition.clear();
  const auto s = slurm_scripts(o);
  CHECK(contains(s.run, "#SBATCH --ntasks=8\n"));
  CHECK(contains(s.run, "exec srun --mpi=pmix -n 8 '/opt/bin/ptcesim' sweep "
                        "'/home/a/sweeps/tiny.toml' -o '/scratch/out'\n"));
  CHECK_FALSE(contains(s.run, "--array"));
  CHECK_FALSE(contains(s.run, "--partition"));
  CHECK(s.merge.empty());
  CHECK_FALSE(contains(s.submit, "dependency"));
}

TEST_CASE("bad SLURM options are refused with the option named", "[sweep][slurm]") {
  const auto message = [](SlurmOptions o) {
    try {
      (void)slurm_scripts(o);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  auto o = array_options();
  o.time = "90 minutes";
  CHECK(message(o) == "--time: expected HH:MM:SS or D-HH:MM:SS, got '90 minutes'");
  o = array_options();
  o.array_tasks = 19;
  CHECK(message(o) == "--array: 19 tasks for 18 runs would leave tasks with nothing to do");
  o = array_options();
  o.array_tasks = 0;
  CHECK(message(o) == "--slurm: give --array N (a job array) or --mpi K (one MPI job)");
  o = array_options();
  o.mpi_ranks = 2;
  CHECK(message(o) == "--slurm: --array and --mpi are alternatives, give one of them");
  o = array_options();
  o.partition = "debug;rm";
  CHECK(message(o) == "--partition: not a partition name: 'debug;rm'");
  o = array_options();
  o.output = "/scratch/my out";
  CHECK(contains(message(o), "must not contain blanks"));
  o = array_options();
  o.time = "2-00:00:00";
  CHECK(message(o) == "accepted");
}

TEST_CASE("shell quoting survives single quotes", "[sweep][slurm]") {
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
}
