#pragma once
// A sweep distributed over the ranks of an MPI job (`mpirun -n K ptcesim sweep FILE -o DIR`).
//
// Rank 0 claims the directory, finds the missing runs and hands them out one at a time to
// whichever rank asks (dynamic distribution: a rank that drew short runs simply asks more
// often). Its main thread only answers requests, polling with short sleeps so that it costs
// no core; a second thread of rank 0 runs sweep runs like any other rank, so K ranks give K
// workers. Every rank writes its own worker file and journal (DIR/workers/sNNNN-rKKK.*); rank
// 0 merges once every rank has closed its file. Every MPI call is made from a rank's main
// thread (MPI_THREAD_FUNNELED is enough).
#include "sim/sweeprun/runner.hpp"

#include <optional>
#include <stdexcept>

namespace ptcesim::sweeprun {

/// True when this process was started by an MPI launcher (mpirun, mpiexec, srun with PMIx or
/// PMI): only then is MPI initialised, so that plain `ptcesim sweep` never pays for it.
[[nodiscard]] bool launched_by_mpi();

/// This process's rank as told by the MPI launcher's environment, before MPI is initialised
/// (0 when not launched by MPI): lets ranks other than 0 stay silent about bad input that
/// every rank finds.
[[nodiscard]] int launch_rank();

/// MPI_Init_thread / MPI_Finalize for the lifetime of the object.
class MpiSession {
public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  [[nodiscard]] int rank() const noexcept { return rank_; }
  [[nodiscard]] int size() const noexcept { return size_; }

private:
  int rank_ = 0;
  int size_ = 1;
};

/// Rank 0 failed before any run (its exception is reported there); other ranks get this with
/// the exit code to return, without printing anything.
class PeerFailed : public std::runtime_error {
public:
  explicit PeerFailed(int exit_code)
      : std::runtime_error("rank 0 stopped the sweep"), exit_code_(exit_code) {}
  /// The exit code rank 0 exits with.
  [[nodiscard]] int exit_code() const noexcept { return exit_code_; }

private:
  int exit_code_;
};

/// Runs the sweep over every rank of `mpi` (collective: every rank calls it). Returns the
/// report on rank 0 and nothing on the others. A failure on rank 0 before the runs start is
/// thrown there (PeerFailed elsewhere); a run failing on any rank aborts the job
/// (MPI_Abort, exit 1) after printing the error: completed runs stay recorded.
/// `exit_code_of` maps rank 0's exception to the code the other ranks exit with.
[[nodiscard]] std::optional<RunReport> run_sweep_mpi(const PreparedSweep& sweep,
                                                     const RunOptions& options,
                                                     const MpiSession& mpi,
                                                     int (*exit_code_of)(std::exception_ptr));

} // namespace ptcesim::sweeprun
