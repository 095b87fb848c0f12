#include "sim/io/checkpoint_file.hpp"

#include "sim/core/byte_archive.hpp"
#include "sim/core/hash.hpp"
#include "sim/core/version.hpp"
#include "sim/io/errors.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace ptcesim::io {

namespace fs = std::filesystem;

namespace {

constexpr std::array<char, 8> kMagic{'P', 'T', 'C', 'E', 'C', 'K', 'P', 'T'};
// magic, format version, body length, checksum
constexpr std::size_t kFixedHeaderBytes = kMagic.size() + 4 + 8 + 8;

std::uint64_t checksum(std::span<const std::byte> bytes) {
  core::StateHash h;
  h.add_bytes(bytes.data(), bytes.size());
  return h.value();
}

// Writes all of `bytes` to `fd`, retrying short writes.
bool write_all(int fd, std::span<const std::byte> bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

} // namespace

BuildId current_build() {
  return {std::string(core::version()), std::string(core::git_commit())};
}

fs::path checkpoint_partial_path(const fs::path& path) {
  auto partial = path;
  partial += ".partial";
  return partial;
}

void write_checkpoint_file(const fs::path& path, std::span<const std::byte> payload,
                           const BuildId& build) {
  // The body is the build stamp then the payload, hashed and written in two parts so that the
  // payload (the size of the world) is not copied.
  core::ByteWriter stamp;
  stamp.string(build.version);
  stamp.string(build.git_commit);
  core::StateHash sum;
  sum.add_bytes(stamp.bytes().data(), stamp.bytes().size());
  sum.add_bytes(payload.data(), payload.size());
  core::ByteWriter head;
  head.append(kMagic.data(), kMagic.size());
  head.scalar(kCheckpointFormatVersion);
  head.scalar(static_cast<std::uint64_t>(stamp.bytes().size() + payload.size()));
  head.scalar(sum.value());

  const auto partial = checkpoint_partial_path(path);
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && write_all(fd, head.bytes()) && write_all(fd, stamp.bytes()) &&
            write_all(fd, payload) && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0 && ::close(fd) != 0 && ok)
    ok = false;
  if (!ok) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw OutputError(fmt::format("{}: cannot write checkpoint '{}': {}", path.string(),
                                  partial.string(), std::strerror(error)));
  }
  std::error_code renamed;
  fs::rename(partial, path, renamed);
  if (renamed)
    throw OutputError(fmt::format("{}: cannot rename checkpoint '{}' to it: {}", path.string(),
                                  partial.string(), renamed.message()));
  // Makes the rename durable. Some file systems refuse fsync on directories; the data is then
  // as safe as the file system allows, so that is not an error.
  const auto directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    static_cast<void>(::fsync(dir));
    ::close(dir);
  }
}

std::vector<std::byte> read_checkpoint_file(const fs::path& path, const BuildId& build) {
  const auto name = path.string();
  const auto fail = [&](const std::string& what) {
    return CheckpointError(fmt::format("{}: {}", name, what));
  };
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    throw fail(fs::exists(path, error) ? "not a regular file" : "no such checkpoint file");
  const auto size = fs::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  if (error || !in)
    throw fail(fmt::format("cannot open: {}", std::strerror(errno)));
  const auto read = [&](std::vector<std::byte>& bytes) {
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return static_cast<std::size_t>(in.gcount()) == bytes.size();
  };

  // The header first: a large file that is not a checkpoint is refused without reading it.
  std::vector<std::byte> head(
      static_cast<std::size_t>(std::min<std::uintmax_t>(size, kFixedHeaderBytes)));
  if (!read(head))
    throw fail("read error (file changed while being read?)");
  if (head.size() < kMagic.size() || std::memcmp(head.data(), kMagic.data(), kMagic.size()) != 0)
    throw fail("not a ptcesim checkpoint (no PTCECKPT magic)");
  if (head.size() < kFixedHeaderBytes)
    throw fail(fmt::format("truncated checkpoint ({} bytes, the header alone takes {})",
                           head.size(), kFixedHeaderBytes));
  core::ByteReader header(std::span<const std::byte>(head).subspan(kMagic.size()));
  const auto format = header.scalar<std::uint32_t>();
  if (format != kCheckpointFormatVersion)
    throw fail(fmt::format("checkpoint format version {}, this build reads version {}", format,
                           kCheckpointFormatVersion));
  const auto length = header.scalar<std::uint64_t>();
  const auto sum = header.scalar<std::uint64_t>();
  const auto body_size = size - kFixedHeaderBytes;
  if (body_size < length)
    throw fail(
        fmt::format("truncated checkpoint ({} of {} bytes)", size, kFixedHeaderBytes + length));
  if (body_size > length)
    throw fail(
        fmt::format("{} unexpected bytes after the end of the checkpoint", body_size - length));
  std::vector<std::byte> body(static_cast<std::size_t>(length));
  if (!read(body))
    throw fail("read error (file changed while being read?)");
  if (checksum(body) != sum)
    throw fail("corrupted checkpoint (checksum mismatch)");

  core::ByteReader reader(body);
  BuildId writer;
  try {
    writer.version = reader.string();
    writer.git_commit = reader.string();
  } catch (const core::ArchiveError& e) {
    throw fail(fmt::format("corrupted checkpoint header: {}", e.what()));
  }
  if (writer != build)
    throw fail(fmt::format("written by ptcesim {} (git {}), this is ptcesim {} (git {}); "
                           "checkpoints are resumed by the build that wrote them",
                           writer.version, writer.git_commit, build.version, build.git_commit));
  // The payload is what follows the build stamp; moved down in place rather than copied.
  body.erase(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(reader.offset()));
  return body;
}

} // namespace ptcesim::io
