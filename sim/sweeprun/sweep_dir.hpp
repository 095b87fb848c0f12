#pragma once
// The output directory of a sweep (docs/output.md, "Sweep directories"):
//
//   DIR/sweep.hash      fingerprint of the resolved sweep (PreparedSweep::hash), written last
//   DIR/sweep.txt       the text it fingerprints (design, plan, resolved base scenario)
//   DIR/sweep.toml      the sweep file, its base pointing at DIR/base.toml (for `sweep merge`)
//   DIR/base.toml       the base scenario as read (absent for the embedded default)
//   DIR/workers/sNNNN-TAG.h5, .journal   one worker file and its journal per worker and session
//   DIR/results.h5      the merged results, once every run is done
#include "sim/sweeprun/prepared.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::sweeprun {

/// The directory holds another sweep's results (or is not a sweep directory) and --force was
/// not given: a usage problem (exit 2).
class SweepChanged : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Runs are missing when a merge was asked for (exit 1).
class IncompleteSweep : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Paths inside a sweep output directory, and the bookkeeping that lives there.
class SweepDirectory {
public:
  /// A directory; nothing is created until claim().
  explicit SweepDirectory(std::filesystem::path root);

  [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }
  [[nodiscard]] std::filesystem::path results_path() const { return root_ / "results.h5"; }
  [[nodiscard]] std::filesystem::path workers_dir() const { return root_ / "workers"; }

  /// Makes the directory hold `sweep`: creates it, or checks that the sweep recorded there is
  /// the same (same hash). A different sweep, or a non-empty directory that is not a sweep
  /// directory, throws SweepChanged unless `force`, which discards the worker files and the
  /// results first. Then records the sweep (sweep.toml, base.toml, sweep.txt, sweep.hash).
  void claim(const PreparedSweep& sweep, bool force) const;

  /// The hash recorded by claim(), if any.
  [[nodiscard]] std::optional<std::string> recorded_hash() const;

  /// The sweep recorded by claim(), loaded again from DIR/sweep.toml and DIR/base.toml.
  /// Throws SweepChanged if DIR is not a sweep directory or the hash no longer matches.
  [[nodiscard]] PreparedSweep load_recorded() const;

  /// One more than the largest session number among the worker files (0 when none).
  [[nodiscard]] std::size_t next_session() const;

  /// DIR/workers/sNNNN-TAG.h5 (TAG: "r007" for MPI rank 7 or a local process, "a003" for
  /// array task 3).
  [[nodiscard]] std::filesystem::path worker_file(std::size_t session, std::string_view tag) const;

  /// The journal next to a worker file: same name, extension ".journal".
  [[nodiscard]] static std::filesystem::path journal_of(const std::filesystem::path& worker_file);

private:
  std::filesystem::path root_;
};

/// Runs found complete in a directory: recorded in a journal and read back from their
/// worker file with the expected sweep, strategies, outcomes and run index.
struct CompletedRuns {
  std::vector<char> done;               ///< [run] 1 if complete
  std::vector<double> values;           ///< [run][strategy][outcome]
  std::vector<std::int64_t> state_hash; ///< [run][strategy]
  std::size_t count = 0;                ///< runs complete
  std::size_t duplicates = 0;           ///< entries for runs already found (ignored)
  std::vector<std::string> warnings;    ///< unreadable files, torn lines, mismatches

  /// Runs not complete, in plan order.
  [[nodiscard]] std::vector<std::size_t> missing() const;
};

/// Reads every journal and worker file of `dir` (in file-name order, so that the first
/// record of a run always wins, whatever order the files were written in).
[[nodiscard]] CompletedRuns collect_completed(const SweepDirectory& dir,
                                              const PreparedSweep& sweep);

} // namespace ptcesim::sweeprun
