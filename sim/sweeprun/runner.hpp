#pragma once
// Running a sweep: the runs still missing in the output directory, in parallel in this process
// (or as one task of a job array), each recorded durably as soon as it finishes; then the
// merge into DIR/results.h5 once every run is done. MPI distribution: mpi_runner.hpp.
#include "sim/io/sweep_output.hpp"
#include "sim/sweeprun/journal.hpp"
#include "sim/sweeprun/prepared.hpp"
#include "sim/sweeprun/sweep_dir.hpp"
#include "sim/sweeprun/work_queue.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ptcesim::sweeprun {

/// Called after each run this process records: (runs recorded, runs to do), serialised.
using ProgressCallback = std::function<void(std::size_t, std::size_t)>;

/// How to run a sweep.
struct RunOptions {
  std::filesystem::path output; ///< the sweep directory
  int threads = 0;              ///< concurrent runs in this process; 0: one per core
  bool force = false;           ///< discard what the directory holds (see SweepDirectory::claim)
  std::size_t array_index = 0;  ///< job array task: runs with run % array_size == array_index
  std::size_t array_size = 1;   ///< 1: not an array task
  ProgressCallback on_progress; ///< may be empty
};

/// What the directory held before this invocation, and what it will run.
struct SessionStart {
  std::size_t total_runs = 0;
  std::size_t already_done = 0;
  std::vector<std::size_t> to_run; ///< missing runs this process (or MPI job) will run
  std::size_t session = 0;         ///< number of this invocation's worker files
  std::vector<std::string> warnings;
};

/// What an invocation did.
struct RunReport {
  SessionStart start;
  std::size_t ran = 0;           ///< runs recorded by this invocation
  std::size_t workers = 1;       ///< threads, or MPI ranks that computed
  std::size_t missing_after = 0; ///< runs of the whole sweep still missing
  bool merged = false;           ///< DIR/results.h5 was written by this invocation
  std::filesystem::path results; ///< DIR/results.h5
};

/// Claims the directory (SweepChanged on a different sweep without --force), reads what is
/// complete and lists the missing runs of this task; checks every design point's scenario
/// when something is to run.
[[nodiscard]] SessionStart begin_session(const PreparedSweep& sweep, const RunOptions& options);

/// One worker's file and journal in a session, created at the first run recorded (a worker
/// that gets no run leaves nothing behind). record() is thread-safe.
class WorkerOutput {
public:
  /// `capacity`: the most runs this worker can record (the runs to do in the session).
  WorkerOutput(const SweepDirectory& dir, const PreparedSweep& sweep, std::size_t session,
               std::string tag, std::size_t capacity);
  ~WorkerOutput();
  WorkerOutput(const WorkerOutput&) = delete;
  WorkerOutput& operator=(const WorkerOutput&) = delete;

  /// Writes the run's row, flushed and fsynced, then its journal line, fsynced. Returns the
  /// number of runs recorded so far.
  std::size_t record(std::size_t run, const RunResult& result);

  /// Closes the worker file.
  void close();

private:
  std::filesystem::path file_;
  io::SweepWorkerLayout layout_;
  std::mutex mutex_;
  std::unique_ptr<io::SweepWorkerWriter> writer_;
  std::unique_ptr<JournalWriter> journal_;
  std::size_t rows_ = 0;
};

/// Runs the queue's runs with `slots` concurrent runs (threads), recording each in `output`.
/// If a run fails, the queue is stopped, the runs in progress finish and are recorded, and
/// the first failure is rethrown. Returns the number of runs recorded.
std::size_t run_queue(const PreparedSweep& sweep, WorkQueue& queue, WorkerOutput& output,
                      std::size_t slots, const ProgressCallback& on_progress);

/// Runs what is missing locally (begin_session, run_queue, then merge unless an array task).
[[nodiscard]] RunReport run_sweep(const PreparedSweep& sweep, const RunOptions& options);

/// The merged results of a directory whose runs are all complete. Throws IncompleteSweep
/// naming how many runs are missing.
[[nodiscard]] io::SweepResults merged_results(const SweepDirectory& dir,
                                              const PreparedSweep& sweep);

/// Writes DIR/results.h5 from the worker files (atomically). Throws IncompleteSweep.
void merge(const SweepDirectory& dir, const PreparedSweep& sweep);

} // namespace ptcesim::sweeprun
