#pragma once
// `ptcesim sweep FILE -o DIR --slurm`: writes SLURM batch scripts into DIR/slurm instead of
// running the sweep (sim/sweep/slurm.hpp makes the text).
#include "sim/sweeprun/prepared.hpp"

#include <filesystem>
#include <string>

namespace ptcesim::app {

/// The --slurm options of `ptcesim sweep`.
struct SlurmRequest {
  std::string sweep_file;       ///< as given on the command line
  std::filesystem::path output; ///< -o DIR
  bool force = false;           ///< --force: DIR is reset now, never by the jobs
  long long array_tasks = -1;   ///< --array N; -1: not given
  long long mpi_ranks = -1;     ///< --mpi K; -1: not given
  std::string time = "01:00:00";
  std::string partition;
};

/// Claims DIR for the sweep (so concurrent array tasks find it ready), writes DIR/slurm/
/// run.sbatch, merge.sbatch and submit.sh, and prints how to submit and watch them. Throws
/// UsageError on bad options; returns the exit code.
int write_sweep_slurm(const sweeprun::PreparedSweep& sweep, const SlurmRequest& request);

} // namespace ptcesim::app
