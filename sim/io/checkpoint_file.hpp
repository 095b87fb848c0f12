#pragma once
// Checkpoint files (docs/output.md, "Checkpoint files"): a header naming the format and the
// build, then an opaque payload (sim/model/checkpoint), protected by a length and a checksum.
//
//   offset  size  field
//   0       8     magic "PTCECKPT"
//   8       4     format version (kCheckpointFormatVersion), little-endian
//   12      8     length of everything after the checksum field
//   20      8     FNV-1a 64 of everything after the checksum field
//   28      ...   ptcesim version, git commit (each: 8-byte length + bytes), payload
//
// Files are written beside the final name ("<path>.partial"), fsynced, renamed over it and the
// directory fsynced, so that a process killed at any moment leaves either the previous or the
// new checkpoint under <path>, never a torn one.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptcesim::io {

/// A checkpoint that cannot be resumed: missing, not a checkpoint, truncated, corrupted, or
/// written by another build. Bad input (exit code 2); the message names the file.
class CheckpointError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Version of the checkpoint layout; the model's layout is tied to the build (BuildId).
inline constexpr std::uint32_t kCheckpointFormatVersion = 2;

/// The build a checkpoint was written by: checkpoints are resumed by that build only, since the
/// layout of the model's state may differ between builds.
struct BuildId {
  std::string version;
  std::string git_commit;
  bool operator==(const BuildId&) const = default;
};

/// This binary's version and git commit.
[[nodiscard]] BuildId current_build();

/// "<path>.partial": where a checkpoint is written before being renamed to `path`.
[[nodiscard]] std::filesystem::path checkpoint_partial_path(const std::filesystem::path& path);

/// Writes `payload` to `path` atomically (see above), stamped with `build`. Throws OutputError
/// on I/O failure (the previous checkpoint, if any, is then untouched).
void write_checkpoint_file(const std::filesystem::path& path, std::span<const std::byte> payload,
                           const BuildId& build = current_build());

/// Reads the checkpoint at `path`, checks magic, format version, length, checksum and that
/// `build` wrote it, and returns the payload. Throws CheckpointError otherwise.
[[nodiscard]] std::vector<std::byte> read_checkpoint_file(const std::filesystem::path& path,
                                                          const BuildId& build = current_build());

} // namespace ptcesim::io
