#pragma once
// Run files: one simulation run written to one HDF5 file (layout in docs/output.md).
//
//   RunFileWriter::check_can_write(path, force);          // fail early, before the run
//   RunFileWriter writer(path, {.force = force, .compress = true});
//   writer.set_attribute("kind", "run");
//   writer.write_territories(names, {{"population", "persons", populations}});
//   writer.begin_series(specs, names.size());
//   for (each tick) writer.append(frame);                 // and writer.write_snapshot(table)
//   writer.finish();                                      // fsync + atomic rename
//
// The file is written as "<path>.partial" and renamed to <path> only by finish(); a writer
// destroyed unfinished (exception, interrupted run) deletes the partial file. A process killed
// outright leaves only "<path>.partial", never a file under the final name.
//
// Not thread-safe: HDF5 is built without thread safety, so all output goes through one thread.
#include "sim/core/records.hpp"
#include "sim/io/errors.hpp"
#include "sim/io/group_writer.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::io {

/// How an output file is written.
struct WriteOptions {
  bool force = false;   ///< replace an existing file at the final path
  bool compress = true; ///< shuffle + deflate(4) on chunked datasets
};

/// Writes the records of one run (territories, indicator series, snapshots) under one group:
/// "/" in a run file, "/runs/<strategy>/rep_0003" in a comparison file.
class RunWriter {
public:
  /// Records go below `group`.
  explicit RunWriter(GroupWriter group);
  ~RunWriter();
  RunWriter(RunWriter&&) noexcept;
  RunWriter& operator=(RunWriter&&) noexcept;
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  /// The group the run is written under.
  [[nodiscard]] const GroupWriter& group() const noexcept { return group_; }

  /// Sets (or replaces) an attribute of the run group (provenance: seed, scenario_toml, ...).
  void set_attribute(std::string_view name, const AttributeValue& value) const;

  /// Writes <group>/territories: "name" (strings) and one dataset per column, each with as many
  /// rows as there are names and a unit attribute.
  void write_territories(const std::vector<std::string>& names,
                         const std::vector<core::SnapshotColumn>& columns = {}) const;

  /// Creates <group>/series/<indicator> (float64, ticks x territories, extensible along ticks,
  /// attributes unit and description) for each spec, and <group>/series/tick (int32).
  void begin_series(const std::vector<core::IndicatorSpec>& specs, std::size_t territories);

  /// Appends one row per indicator. Ticks must increase strictly; the frame must have the
  /// territory count given to begin_series and one value per indicator and territory.
  void append(const core::IndicatorFrame& frame);

  /// Rows appended since begin_series.
  [[nodiscard]] std::size_t ticks_written() const noexcept;

  /// Closes the series datasets (flushing their chunk caches). Idempotent; finish() calls it.
  void end_series() noexcept;

  /// Writes <group>/snapshots/tick_<t>/<table>/<column> (attribute unit; the tick group has an
  /// int64 attribute tick). All columns must have the same length.
  void write_snapshot(const core::TableSnapshot& snapshot) const;

private:
  struct Series;
  GroupWriter group_;
  std::unique_ptr<Series> series_;
};

/// An output file written atomically: "<final>.partial" while writing, "<final>" after finish().
/// The root carries ptcesim_version and git_commit from construction on.
class RunFileWriter {
public:
  /// Throws OutputExists (message mentions --force) if `final_path` exists and !force, and
  /// OutputError if its directory does not exist or the path is a directory. The CLI calls this
  /// before running, so that a long run never ends in a refusal.
  static void check_can_write(const std::filesystem::path& final_path, bool force);

  /// "<final_path>.partial", in the same directory so that the rename is atomic.
  [[nodiscard]] static std::filesystem::path
  partial_path_for(const std::filesystem::path& final_path);

  /// Checks as check_can_write, then creates the partial file (replacing a stale one left by a
  /// killed process). Run records go under `group_prefix` ("/" for a run file).
  RunFileWriter(std::filesystem::path final_path, WriteOptions options,
                std::string_view group_prefix = "/");
  /// Unfinished: closes and deletes the partial file.
  ~RunFileWriter();
  RunFileWriter(RunFileWriter&&) noexcept;
  RunFileWriter& operator=(RunFileWriter&&) = delete;
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;

  /// The path the file will have after finish().
  [[nodiscard]] const std::filesystem::path& final_path() const noexcept { return final_path_; }
  /// The path being written until finish().
  [[nodiscard]] const std::filesystem::path& partial_path() const noexcept { return partial_path_; }

  /// The group at absolute `path` ("/" for the root), created with its parents if missing.
  [[nodiscard]] GroupWriter group(std::string_view path) const;
  /// The run records under the group prefix.
  [[nodiscard]] RunWriter& run() noexcept { return run_; }

  /// Sets an attribute on the group prefix ("/" in a run file): see RunWriter.
  void set_attribute(std::string_view name, const AttributeValue& value) const {
    run_.set_attribute(name, value);
  }
  /// See RunWriter::write_territories.
  void write_territories(const std::vector<std::string>& names,
                         const std::vector<core::SnapshotColumn>& columns = {}) const {
    run_.write_territories(names, columns);
  }
  /// See RunWriter::begin_series.
  void begin_series(const std::vector<core::IndicatorSpec>& specs, std::size_t territories) {
    run_.begin_series(specs, territories);
  }
  /// See RunWriter::append.
  void append(const core::IndicatorFrame& frame) { run_.append(frame); }
  /// See RunWriter::write_snapshot.
  void write_snapshot(const core::TableSnapshot& snapshot) const { run_.write_snapshot(snapshot); }

  /// Closes the file, fsyncs it and renames it to the final path. Throws OutputError on failure
  /// (the partial file is then deleted by the destructor). Nothing may be written afterwards.
  void finish();

  /// True once finish() succeeded.
  [[nodiscard]] bool finished() const noexcept { return finished_; }

private:
  std::filesystem::path final_path_;
  std::filesystem::path partial_path_;
  bool force_ = false;
  bool finished_ = false;
  std::shared_ptr<detail::FileState> state_;
  RunWriter run_;
};

} // namespace ptcesim::io
