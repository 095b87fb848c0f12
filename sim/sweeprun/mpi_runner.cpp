#include "sim/sweeprun/mpi_runner.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <mpi.h>
#include <thread>

namespace ptcesim::sweeprun {

namespace {

constexpr int kRequestTag = 1; // worker -> rank 0: "give me a run" (its previous one is recorded)
constexpr int kAssignTag = 2;  // rank 0 -> worker: a run index, or -1 for "no more"

// Rank 0's main thread polls for requests; between polls it sleeps this long, which bounds the
// delay of an answer and keeps the coordinator off the CPU.
constexpr auto kPollInterval = std::chrono::milliseconds(1);

void check(int status, const char* what) {
  if (status != MPI_SUCCESS)
    throw std::runtime_error(fmt::format("MPI: {} failed (error {})", what, status));
}

// Rank > 0: ask, run, record, until rank 0 says there is nothing left.
std::size_t work_remotely(const PreparedSweep& sweep, WorkerOutput& output) {
  std::size_t recorded = 0;
  for (;;) {
    const std::int64_t ready = 1;
    check(MPI_Send(&ready, 1, MPI_INT64_T, 0, kRequestTag, MPI_COMM_WORLD), "send request");
    std::int64_t run = -1;
    check(MPI_Recv(&run, 1, MPI_INT64_T, 0, kAssignTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "receive run");
    if (run < 0)
      return recorded;
    const auto index = static_cast<std::size_t>(run);
    output.record(index, run_one(sweep, index));
    ++recorded;
  }
}

} // namespace

bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(variable) != nullptr)
      return true;
  return false;
}

int launch_rank() {
  for (const char* variable : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
    if (const char* value = std::getenv(variable))
      return std::atoi(value);
  return 0;
}

MpiSession::MpiSession() {
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

MpiSession::~MpiSession() {
  MPI_Finalize();
}

std::optional<RunReport> run_sweep_mpi(const PreparedSweep& sweep, const RunOptions& options,
                                       const MpiSession& mpi,
                                       int (*exit_code_of)(std::exception_ptr)) {
  const bool coordinator = mpi.rank() == 0;
  const SweepDirectory dir(options.output);

  // Rank 0 prepares the directory; everyone learns whether to go on, the session number and
  // the most runs a rank can get (the capacity of its worker file).
  RunReport report;
  std::exception_ptr failure;
  std::array<std::int64_t, 3> header{0, 0, 0};
  if (coordinator) {
    try {
      report.start = begin_session(sweep, options);
      header = {0, static_cast<std::int64_t>(report.start.session),
                static_cast<std::int64_t>(report.start.to_run.size())};
    } catch (...) {
      failure = std::current_exception();
      header[0] = exit_code_of(failure);
    }
  }
  check(MPI_Bcast(header.data(), 3, MPI_INT64_T, 0, MPI_COMM_WORLD), "broadcast session");
  if (header[0] != 0) {
    if (coordinator)
      std::rethrow_exception(failure);
    throw PeerFailed(static_cast<int>(header[0]));
  }
  const auto session = static_cast<std::size_t>(header[1]);
  const auto capacity = static_cast<std::size_t>(header[2]);

  std::optional<WorkerOutput> output;
  if (capacity > 0)
    output.emplace(dir, sweep, session, fmt::format("r{:03}", mpi.rank()), capacity);

  if (!coordinator) {
    if (output) {
      try {
        static_cast<void>(work_remotely(sweep, *output));
        output->close();
      } catch (const std::exception& e) {
        // Recorded runs are safe; the rest of the job cannot finish without this rank's
        // answers, so the whole job stops and a rerun resumes it.
        std::cerr << fmt::format("ptcesim: error: rank {}: {}\n", mpi.rank(), e.what());
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
    }
    check(MPI_Barrier(MPI_COMM_WORLD), "barrier");
    return std::nullopt;
  }

  report.workers = static_cast<std::size_t>(mpi.size());
  report.results = dir.results_path();
  if (output) {
    WorkQueue queue(report.start.to_run);
    std::mutex progress_mutex;
    std::size_t done = 0;
    const auto progressed = [&] {
      const std::lock_guard lock(progress_mutex);
      ++done;
      if (options.on_progress)
        options.on_progress(done, queue.size());
    };
    std::exception_ptr local_failure;
    std::thread local([&] {
      try {
        static_cast<void>(
            run_queue(sweep, queue, *output, 1, [&](std::size_t, std::size_t) { progressed(); }));
      } catch (...) {
        local_failure = std::current_exception();
      }
    });
    std::vector<char> busy(static_cast<std::size_t>(mpi.size()), 0);
    int finished_ranks = 0;
    try {
      while (finished_ranks < mpi.size() - 1) {
        int arrived = 0;
        MPI_Status status;
        check(MPI_Iprobe(MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD, &arrived, &status), "probe");
        if (!arrived) {
          std::this_thread::sleep_for(kPollInterval);
          continue;
        }
        const int source = status.MPI_SOURCE;
        std::int64_t ready = 0;
        check(MPI_Recv(&ready, 1, MPI_INT64_T, source, kRequestTag, MPI_COMM_WORLD,
                       MPI_STATUS_IGNORE),
              "receive request");
        auto& source_busy = busy[static_cast<std::size_t>(source)];
        if (source_busy) // a request means the rank's previous run is recorded
          progressed();
        const auto next = queue.next();
        const std::int64_t run = next ? static_cast<std::int64_t>(*next) : -1;
        source_busy = next ? 1 : 0;
        if (!next)
          ++finished_ranks;
        check(MPI_Send(&run, 1, MPI_INT64_T, source, kAssignTag, MPI_COMM_WORLD), "send run");
      }
    } catch (...) {
      queue.stop();
      local.join();
      throw;
    }
    local.join();
    output->close();
    report.ran = queue.handed_out();
    if (local_failure) {
      check(MPI_Barrier(MPI_COMM_WORLD), "barrier");
      std::rethrow_exception(local_failure);
    }
  }
  check(MPI_Barrier(MPI_COMM_WORLD), "barrier");

  report.missing_after = report.start.total_runs - report.start.already_done - report.ran;
  std::error_code error;
  if (report.missing_after == 0 &&
      (report.ran > 0 || !std::filesystem::exists(report.results, error))) {
    merge(dir, sweep);
    report.merged = true;
  }
  return report;
}

} // namespace ptcesim::sweeprun
