#pragma once
#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ptcesim::app {

/// One simulation run written to one HDF5 file.
struct RunRequest {
  scenario::Scenario scenario;
  std::string scenario_name; // for messages
  std::filesystem::path output;
  bool force = false;
  bool quiet = false;
  int threads = 0; // 0: all cores
  /// Write a checkpoint every this many ticks (0: none).
  std::int32_t checkpoint_every = 0;
  /// Where checkpoints go; empty: default_checkpoint_path(output).
  std::filesystem::path checkpoint;
  /// Stop when this tick is next, after writing a checkpoint, without a run file (a batch job
  /// running out of time; tests).
  std::optional<std::int32_t> stop_at;
};

/// Continuation of an interrupted run from its checkpoint (`ptcesim run --resume`).
struct ResumeRequest {
  std::filesystem::path checkpoint;
  /// Empty: the output file of the interrupted run.
  std::filesystem::path output;
  bool force = false;
  bool quiet = false;
  int threads = 0; // 0: all cores; need not be the interrupted run's count
  /// Ticks between checkpoints from here on (written to `checkpoint`); unset: as before.
  std::optional<std::int32_t> checkpoint_every;
  /// As RunRequest::stop_at; must be after the checkpoint's tick.
  std::optional<std::int32_t> stop_at;
};

/// What a finished run reports back to the user.
struct RunSummary {
  std::int32_t ticks = 0;
  double seconds = 0.0;
  std::uint64_t state_hash = 0;
  std::filesystem::path output;     // the run file written
  std::filesystem::path checkpoint; // the checkpoint file used, if any
  /// Stopped at RunRequest::stop_at: no run file, the checkpoint is kept for --resume.
  bool stopped = false;
};

/// "<output>.ckpt": checkpoints next to the run file they will complete.
[[nodiscard]] std::filesystem::path default_checkpoint_path(const std::filesystem::path& output);

/// Runs the scenario to completion and writes the run file atomically (see docs/output.md).
/// With checkpoint_every > 0, writes a checkpoint every so many ticks (atomically, replacing the
/// previous one) and removes it once the run file is written; an existing checkpoint file is
/// kept unless `force` (io::OutputExists). With stop_at, stops there leaving a checkpoint and no
/// run file. Throws io::OutputError on I/O failure; never leaves
/// a partial file under the final name.
RunSummary run_to_file(const RunRequest& request);

/// Resumes the run of a checkpoint written by run_to_file and completes its run file, whose
/// datasets are then identical to those of the uninterrupted run, whatever the thread counts.
/// Throws io::CheckpointError when the checkpoint cannot be used (bad input), io::OutputError
/// on I/O failure. Removes the checkpoint once the run file is written.
RunSummary resume_to_file(const ResumeRequest& request);

} // namespace ptcesim::app
