// Journal lines: written, read back, and a line torn anywhere is never taken for another run.
#include "sim/sweeprun/journal.hpp"
#include "tests/unit/io/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace ptcesim::sweeprun;
using ptcesim::io::test::TempDir;

TEST_CASE("a journal line reads back as its entry") {
  for (const JournalEntry entry :
       {JournalEntry{0, 0}, JournalEntry{17, 3}, JournalEntry{123456789, 99999}}) {
    auto line = journal_line(entry);
    REQUIRE(line.back() == '\n');
    line.pop_back();
    REQUIRE(parse_journal_line(line) == entry);
  }
}

TEST_CASE("every proper prefix of a journal line is rejected") {
  auto line = journal_line({1234, 56});
  line.pop_back();
  for (std::size_t n = 0; n < line.size(); ++n)
    CHECK_FALSE(parse_journal_line(line.substr(0, n)).has_value());
}

TEST_CASE("a journal line with a changed digit fails its check") {
  auto line = journal_line({1234, 56});
  line.pop_back();
  auto changed = line;
  changed[1] = '9'; // run 1934, same check: rejected
  CHECK_FALSE(parse_journal_line(changed).has_value());
  CHECK_FALSE(parse_journal_line(" " + line).has_value());
  CHECK_FALSE(parse_journal_line("0" + line).has_value()); // not the canonical form
}

TEST_CASE("read_journal keeps whole lines and skips a torn last one") {
  const TempDir dir;
  const auto path = dir / "w.journal";
  {
    JournalWriter writer(path);
    writer.append({5, 0});
    writer.append({2, 1});
    REQUIRE(writer.entries() == 2);
  }
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << journal_line({9, 2}).substr(0, 4); // cut off mid-line by a crash
  }
  std::size_t skipped = 0;
  const auto entries = read_journal(path, &skipped);
  REQUIRE(entries == std::vector<JournalEntry>{{5, 0}, {2, 1}});
  CHECK(skipped == 1);
}

TEST_CASE("a missing journal has no entries; a journal is never created twice") {
  const TempDir dir;
  CHECK(read_journal(dir / "none.journal").empty());
  const JournalWriter first(dir / "w.journal");
  CHECK_THROWS_WITH(JournalWriter(dir / "w.journal"), Catch::Contains("cannot create the journal"));
}
