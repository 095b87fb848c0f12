#include "sim/sweeprun/sweep_dir.hpp"

#include "sim/io/sweep_output.hpp"
#include "sim/sweeprun/journal.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <sstream>
#include <toml++/toml.h>
#include <unistd.h>

namespace ptcesim::sweeprun {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Small bookkeeping files: written whole beside, fsynced, renamed over.
void write_text_atomically(const fs::path& path, const std::string& text) {
  // Named after the process: array tasks starting together write the same files at once.
  auto partial = path;
  partial += fmt::format(".partial.{}", ::getpid());
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    ok = n > 0;
    if (ok)
      written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0)
    ::close(fd);
  if (!ok)
    throw std::runtime_error(
        fmt::format("{}: cannot write: {}", partial.string(), std::strerror(error)));
  fs::rename(partial, path);
}

// True if `dir` holds anything that a sweep does not write: such a directory is not taken
// over without --force. (Another task of the same job array may be filling it right now.)
bool holds_foreign_files(const fs::path& dir) {
  static const std::regex ours(
      R"(^(workers|sweep\.toml|sweep\.txt|sweep\.hash|base\.toml|results\.h5)(\.partial.*)?$)");
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error))
    if (!std::regex_match(entry.path().filename().string(), ours))
      return true;
  return false;
}

std::optional<std::size_t> session_of(const std::string& name) {
  static const std::regex pattern(R"(^s(\d{1,9})-.*)");
  std::smatch match;
  if (!std::regex_match(name, match, pattern))
    return std::nullopt;
  return static_cast<std::size_t>(std::stoul(match[1].str()));
}

} // namespace

SweepDirectory::SweepDirectory(fs::path root) : root_(std::move(root)) {}

std::optional<std::string> SweepDirectory::recorded_hash() const {
  const auto path = root_ / "sweep.hash";
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    return std::nullopt;
  auto text = read_text(path);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

void SweepDirectory::claim(const PreparedSweep& sweep, bool force) const {
  std::error_code error;
  const auto recorded = recorded_hash();
  const bool exists = fs::exists(root_, error);
  if (exists && !fs::is_directory(root_, error))
    throw SweepChanged(fmt::format("{}: exists and is not a directory", root_.string()));
  const bool foreign = exists && holds_foreign_files(root_);
  if (!force && recorded && *recorded != sweep.hash)
    throw SweepChanged(fmt::format(
        "{} holds results of a different sweep (recorded fingerprint {}, this sweep {}; {} "
        "describes the recorded one): choose another output directory, or use --force to "
        "discard those results",
        root_.string(), *recorded, sweep.hash, (root_ / "sweep.txt").string()));
  if (!force && !recorded && foreign)
    throw SweepChanged(fmt::format("{} holds other files and no sweep (no sweep.hash): choose "
                                   "another output directory, or use --force to write into it",
                                   root_.string()));
  if (force) {
    fs::remove_all(workers_dir());
    fs::remove(results_path());
    fs::remove(root_ / "sweep.hash");
  }
  fs::create_directories(workers_dir());

  // DIR/sweep.toml: the sweep file whose base now points at DIR/base.toml, so that
  // `sweep merge DIR` needs nothing outside DIR.
  auto table = toml::parse(sweep.sweep_text, sweep.spec.file);
  if (!sweep.spec.base_path.empty()) {
    table["sweep"].as_table()->insert_or_assign("base", "base.toml");
    write_text_atomically(root_ / "base.toml", sweep.spec.base_text);
  }
  std::ostringstream recorded_sweep;
  recorded_sweep << "# Recorded by ptcesim sweep from " << sweep.spec.file << "\n" << table << "\n";
  write_text_atomically(root_ / "sweep.toml", recorded_sweep.str());
  write_text_atomically(root_ / "sweep.txt", sweep.description);
  write_text_atomically(root_ / "sweep.hash", sweep.hash + "\n");
}

PreparedSweep SweepDirectory::load_recorded() const {
  const auto recorded = recorded_hash();
  if (!recorded)
    throw SweepChanged(fmt::format("{} is not a sweep directory (no sweep.hash)", root_.string()));
  auto sweep = prepare_sweep(root_ / "sweep.toml");
  if (sweep.hash != *recorded)
    throw SweepChanged(fmt::format(
        "{}: the recorded sweep no longer gives fingerprint {} (got {}): was it edited, or "
        "written by another ptcesim version?",
        root_.string(), *recorded, sweep.hash));
  return sweep;
}

std::size_t SweepDirectory::next_session() const {
  std::size_t next = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(workers_dir(), error))
    if (const auto session = session_of(entry.path().filename().string()))
      next = std::max(next, *session + 1);
  return next;
}

fs::path SweepDirectory::worker_file(std::size_t session, std::string_view tag) const {
  return workers_dir() / fmt::format("s{:04}-{}.h5", session, tag);
}

fs::path SweepDirectory::journal_of(const fs::path& worker_file) {
  auto path = worker_file;
  path.replace_extension(".journal");
  return path;
}

std::vector<std::size_t> CompletedRuns::missing() const {
  std::vector<std::size_t> runs;
  for (std::size_t i = 0; i < done.size(); ++i)
    if (!done[i])
      runs.push_back(i);
  return runs;
}

CompletedRuns collect_completed(const SweepDirectory& dir, const PreparedSweep& sweep) {
  const auto runs = sweep.plan.run_count();
  const auto width = sweep.values_per_run();
  const auto strategies = sweep.strategies.size();
  const auto outcomes = sweep.outcome_names();
  CompletedRuns completed;
  completed.done.assign(runs, 0);
  completed.values.assign(runs * width, 0.0);
  completed.state_hash.assign(runs * strategies, 0);

  std::vector<fs::path> journals;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir.workers_dir(), error))
    if (entry.path().extension() == ".journal")
      journals.push_back(entry.path());
  std::sort(journals.begin(), journals.end());

  for (const auto& journal : journals) {
    std::size_t torn = 0;
    const auto entries = read_journal(journal, &torn);
    if (torn > 0)
      completed.warnings.push_back(fmt::format(
          "{}: {} unreadable line(s) skipped (a run cut off while being recorded is redone)",
          journal.string(), torn));
    if (entries.empty())
      continue;
    auto worker = journal;
    worker.replace_extension(".h5");
    io::SweepWorkerContents contents;
    try {
      contents = io::read_sweep_worker(worker);
    } catch (const std::exception& e) {
      completed.warnings.push_back(
          fmt::format("{}; its {} recorded run(s) will be redone", e.what(), entries.size()));
      continue;
    }
    const auto& layout = contents.layout;
    if (layout.sweep_hash != sweep.hash || layout.strategies != sweep.strategies ||
        layout.outcomes != outcomes) {
      completed.warnings.push_back(
          fmt::format("{}: written for another sweep (fingerprint {}); ignored", worker.string(),
                      layout.sweep_hash));
      continue;
    }
    std::size_t mismatched = 0;
    for (const auto& entry : entries) {
      if (entry.run >= runs || entry.row >= layout.capacity ||
          contents.run[entry.row] != static_cast<std::int64_t>(entry.run)) {
        ++mismatched;
        continue;
      }
      if (completed.done[entry.run]) {
        ++completed.duplicates;
        continue;
      }
      completed.done[entry.run] = 1;
      ++completed.count;
      std::copy_n(contents.values.begin() + static_cast<std::ptrdiff_t>(entry.row * width), width,
                  completed.values.begin() + static_cast<std::ptrdiff_t>(entry.run * width));
      std::copy_n(contents.state_hash.begin() + static_cast<std::ptrdiff_t>(entry.row * strategies),
                  strategies,
                  completed.state_hash.begin() +
                      static_cast<std::ptrdiff_t>(entry.run * strategies));
    }
    if (mismatched > 0)
      completed.warnings.push_back(fmt::format(
          "{}: {} journal entries do not match the worker file; those runs will be redone",
          journal.string(), mismatched));
  }
  return completed;
}

} // namespace ptcesim::sweeprun
