#pragma once
// Sweep output files (layout in docs/output.md, "Sweep directories"):
//
// - worker files, one per worker process and session, that receive one row per finished run.
//   Every dataset is allocated in full when the file is created (contiguous, never filled), so
//   writing a row afterwards changes no HDF5 metadata: a process killed mid-write can only
//   leave that row's bytes torn, never the rows already written or the file's structure.
//   Which rows are complete is recorded elsewhere (sweeprun's journal, written after the row
//   is flushed and fsynced).
// - the merged results file, written atomically from all workers' rows, sorted by run.
//
// Not thread-safe: HDF5 is built without thread safety, so all file access is serialised.
#include "sim/io/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::io {

/// What every row of a worker file holds.
struct SweepWorkerLayout {
  std::string sweep_hash;              ///< the sweep the file belongs to
  std::size_t capacity = 0;            ///< rows allocated (the most runs this worker can get)
  std::vector<std::string> strategies; ///< S
  std::vector<std::string> outcomes;   ///< O
};

/// A worker file open for rows. Rows are written in any order, each exactly once.
class SweepWorkerWriter {
public:
  /// Creates `path` with every dataset allocated (as "<path>.partial", renamed when complete,
  /// so that a file under its final name always has its full structure), then reopens it for
  /// rows. Throws OutputError if `path` exists or cannot be created.
  SweepWorkerWriter(const std::filesystem::path& path, const SweepWorkerLayout& layout);
  ~SweepWorkerWriter();
  SweepWorkerWriter(const SweepWorkerWriter&) = delete;
  SweepWorkerWriter& operator=(const SweepWorkerWriter&) = delete;

  /// Writes row `row`: the run index, its values [strategy][outcome] (S * O) and the final
  /// state hash of each strategy's simulation (S), then flushes and fsyncs the file: when this
  /// returns, the row survives a crash of the process or of the machine.
  void write_row(std::size_t row, std::int64_t run, std::span<const double> values,
                 std::span<const std::int64_t> state_hashes);

  /// Closes the file (the destructor does it too, ignoring errors).
  void close();

  /// The layout given at creation.
  [[nodiscard]] const SweepWorkerLayout& layout() const noexcept { return layout_; }

private:
  struct Impl;
  SweepWorkerLayout layout_;
  std::unique_ptr<Impl> impl_;
};

/// A worker file read back: the layout and every allocated row (rows never written read as 0;
/// only rows recorded as complete are meaningful).
struct SweepWorkerContents {
  SweepWorkerLayout layout;
  std::vector<std::int64_t> run;        ///< [capacity]
  std::vector<double> values;           ///< [capacity][S][O]
  std::vector<std::int64_t> state_hash; ///< [capacity][S]
};

/// Reads a worker file. Throws OutputError if it cannot be read or is not a worker file.
[[nodiscard]] SweepWorkerContents read_sweep_worker(const std::filesystem::path& path);

/// A merged sweep: the plan, the runs and their outcomes (what DIR/results.h5 holds).
struct SweepResults {
  std::string sweep_hash; ///< 16 hex digits identifying the resolved sweep and base scenario
  std::string design;     ///< full_factorial, random, latin_hypercube, sobol or morris
  std::string baseline;   ///< the strategy differences are taken against
  std::uint64_t seed = 0;
  std::size_t replications = 1;
  std::size_t sobol_base_samples = 0;            ///< N of the Saltelli scheme (sobol), else 0
  std::size_t morris_grid_levels = 0;            ///< p (morris), else 0
  std::vector<std::string> factors;              ///< [k] dotted scenario fields
  std::vector<std::int64_t> factor_integer;      ///< [k] 1 if the field is an integer
  std::vector<std::vector<double>> unit, values; ///< [point][factor]: design coordinates, values
  std::vector<std::string> groups;               ///< [point] "A", "B", "AB_<i>", "t<j>" or ""
  std::vector<std::int64_t> run_point, run_replication, run_seed;         ///< [run]
  std::vector<std::string> outcomes, outcome_units, outcome_descriptions; ///< [O]
  std::vector<std::string> strategies;                                    ///< [S]
  std::vector<double> value;            ///< [run][S][O] outcome at the run's horizon
  std::vector<double> difference;       ///< [run][S][O] value minus the baseline's value
  std::vector<std::int64_t> state_hash; ///< [run][S] final model state hash (uint64 bits)

  /// Number of runs.
  [[nodiscard]] std::size_t run_count() const noexcept { return run_point.size(); }
  /// Number of design points.
  [[nodiscard]] std::size_t point_count() const noexcept { return values.size(); }
  /// Outcome `outcome` of strategy `strategy` in run `run`.
  [[nodiscard]] double value_at(std::size_t run, std::size_t strategy, std::size_t outcome) const;
  /// Paired difference of strategy `strategy` minus the baseline in run `run`.
  [[nodiscard]] double difference_at(std::size_t run, std::size_t strategy,
                                     std::size_t outcome) const;
  /// Position of outcome `name`; throws OutputError if the sweep did not keep it.
  [[nodiscard]] std::size_t outcome_index(std::string_view name) const;
  /// Position of strategy `name`; throws OutputError if the sweep did not run it.
  [[nodiscard]] std::size_t strategy_index(std::string_view name) const;
};

/// Writes `results` to `path` atomically ("<path>.partial", fsync, rename), replacing any
/// existing file. Throws OutputError if the arrays' sizes disagree or on failure.
void write_sweep_results(const std::filesystem::path& path, const SweepResults& results);

/// Reads a merged sweep file. Throws OutputError naming the file and the object on failure.
[[nodiscard]] SweepResults read_sweep_results(const std::filesystem::path& path);

} // namespace ptcesim::io
