#pragma once
// The journal of a worker file: one line per completed run, "<run> <row> <check>\n", appended
// and fsynced only after the run's row is durable in the worker file. The check (FNV-1a of
// "<run> <row>", 8 hex digits) makes a line torn by a crash unreadable rather than wrong: such
// a line is skipped and its run redone.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::sweeprun {

/// One completed run: its index in the plan and its row in the worker file.
struct JournalEntry {
  std::size_t run = 0;
  std::size_t row = 0;
  bool operator==(const JournalEntry&) const = default;
};

/// The journal line of `entry`, newline included.
[[nodiscard]] std::string journal_line(const JournalEntry& entry);

/// The entry of one line (without its newline), or nothing if the line is not a whole,
/// well-formed journal line.
[[nodiscard]] std::optional<JournalEntry> parse_journal_line(std::string_view line);

/// The valid entries of a journal file in file order; a missing file has none. Lines that do
/// not parse (a torn last line) are counted in `skipped` when given.
[[nodiscard]] std::vector<JournalEntry> read_journal(const std::filesystem::path& path,
                                                     std::size_t* skipped = nullptr);

/// Appends entries to a journal file created by the constructor (which fails if it exists).
class JournalWriter {
public:
  /// Creates `path` exclusively and makes its directory entry durable.
  explicit JournalWriter(const std::filesystem::path& path);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  /// Appends one line and fsyncs the file. Throws std::runtime_error on failure.
  void append(const JournalEntry& entry);

  /// Entries appended so far.
  [[nodiscard]] std::size_t entries() const noexcept { return entries_; }

private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::size_t entries_ = 0;
};

} // namespace ptcesim::sweeprun
