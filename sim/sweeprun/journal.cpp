#include "sim/sweeprun/journal.hpp"

#include "sim/core/hash.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace ptcesim::sweeprun {

namespace {

std::uint32_t check_of(std::string_view text) {
  core::StateHash hash;
  hash.add_bytes(text.data(), text.size());
  const auto h = hash.value();
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::optional<std::size_t> parse_number(std::string_view text, int base) {
  std::size_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value, base);
  if (text.empty() || error != std::errc() || ptr != end)
    return std::nullopt;
  return value;
}

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what) {
  throw std::runtime_error(
      fmt::format("{}: cannot {}: {}", path.string(), what, std::strerror(errno)));
}

} // namespace

std::string journal_line(const JournalEntry& entry) {
  const auto body = fmt::format("{} {}", entry.run, entry.row);
  return fmt::format("{} {:08x}\n", body, check_of(body));
}

std::optional<JournalEntry> parse_journal_line(std::string_view line) {
  const auto first = line.find(' ');
  const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.size() != second + 9)
    return std::nullopt;
  const auto run = parse_number(line.substr(0, first), 10);
  const auto row = parse_number(line.substr(first + 1, second - first - 1), 10);
  const auto check = parse_number(line.substr(second + 1), 16);
  if (!run || !row || !check || *check != check_of(line.substr(0, second)))
    return std::nullopt;
  // Canonical form only ("007" parses but is not what journal_line writes).
  const JournalEntry entry{*run, *row};
  if (journal_line(entry) != std::string(line) + '\n')
    return std::nullopt;
  return entry;
}

std::vector<JournalEntry> read_journal(const std::filesystem::path& path, std::size_t* skipped) {
  std::vector<JournalEntry> entries;
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t bad = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) { // a last line without its newline was cut short
      ++bad;
      break;
    }
    if (const auto entry = parse_journal_line(std::string_view(text).substr(start, end - start)))
      entries.push_back(*entry);
    else
      ++bad;
    start = end + 1;
  }
  if (skipped)
    *skipped = bad;
  return entries;
}

JournalWriter::JournalWriter(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    fail(path, "create the journal");
  const auto directory =
      path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) { // some file systems refuse to sync directories: the data is still safe
    static_cast<void>(::fsync(dir));
    ::close(dir);
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0)
    ::close(fd_);
}

void JournalWriter::append(const JournalEntry& entry) {
  const auto line = journal_line(entry);
  std::size_t written = 0;
  while (written < line.size()) {
    const auto n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      fail(path_, "append to the journal");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0)
    fail(path_, "fsync the journal");
  ++entries_;
}

} // namespace ptcesim::sweeprun
