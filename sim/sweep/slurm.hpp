#pragma once
// SLURM batch scripts for a sweep: either a job array whose tasks each run their share of the
// runs (`--array-index I --array-size N`, run % N == I) followed by a merge job that starts
// only when every task succeeded (--dependency=afterok), or one MPI job under srun. The
// scripts only call `ptcesim`; resume is the runner's: resubmitting runs what is missing.
#include <cstddef>
#include <string>

namespace ptcesim::sweep {

/// What the scripts run and how the jobs are shaped. Paths should be absolute: jobs start in
/// the submission folder, which need not be the one the scripts were written from.
struct SlurmOptions {
  std::string ptcesim;           ///< the ptcesim executable
  std::string sweep_file;        ///< the sweep file
  std::string output;            ///< the sweep directory (scripts and logs go in it too)
  std::size_t array_tasks = 0;   ///< job array tasks; 0: one MPI job of mpi_ranks ranks
  std::size_t mpi_ranks = 0;     ///< ranks of the MPI job (used when array_tasks == 0)
  std::size_t runs = 0;          ///< runs in the sweep (array tasks beyond it are pointless)
  std::string time = "01:00:00"; ///< --time of each job (HH:MM:SS or D-HH:MM:SS)
  std::string partition;         ///< --partition; empty: the cluster's default
  std::string job_name = "ptcesim-sweep"; ///< --job-name (merge job: <name>-merge)
};

/// The scripts of a SLURM submission.
struct SlurmScripts {
  std::string run;    ///< run.sbatch: the job array, or the MPI job
  std::string merge;  ///< merge.sbatch: `ptcesim sweep merge DIR` (empty for an MPI job)
  std::string submit; ///< submit.sh: submits run.sbatch, then merge.sbatch after it (afterok)
};

/// Checks `options` and writes the scripts' text. Throws std::invalid_argument naming the
/// option: no array tasks and no MPI ranks, more array tasks than runs (or above SLURM's usual
/// MaxArraySize of 1001), a time that is not [D-]HH:MM:SS, a partition or job name with
/// characters other than letters, digits, '_', '-', '.'.
[[nodiscard]] SlurmScripts slurm_scripts(const SlurmOptions& options);

/// Quotes `word` for a POSIX shell (single quotes; embedded ones as '\'').
[[nodiscard]] std::string shell_quote(const std::string& word);

} // namespace ptcesim::sweep
