// Replays every input kept in tests/data/fuzz_regressions/<target>/ (inputs that once crashed a
// fuzz target) and every seed in tests/fuzz/seeds/<target>/ through the fuzz entry functions,
// built with the regular compiler: each must end in the parser's own error or in success.
#include "tests/fuzz/fuzz_entries.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t replay_folder(const fs::path& folder) {
  std::size_t replayed = 0;
  if (!fs::is_directory(folder))
    return replayed;
  for (const auto& target : fs::directory_iterator(folder)) {
    if (!target.is_directory())
      continue;
    const auto name = target.path().filename().string();
    INFO("target " << name);
    const auto entry = ptcesim::fuzz::entry_named(name);
    REQUIRE(entry != nullptr);
    std::vector<fs::path> inputs;
    for (const auto& file : fs::directory_iterator(target.path()))
      if (file.is_regular_file())
        inputs.push_back(file.path());
    std::sort(inputs.begin(), inputs.end());
    for (const auto& input : inputs) {
      INFO("input " << input.filename().string());
      const auto bytes = bytes_of(input);
      CHECK_NOTHROW(entry(bytes));
      ++replayed;
    }
  }
  return replayed;
}

} // namespace

TEST_CASE("kept fuzz inputs (past findings and seeds) are handled", "[fuzz]") {
  // Findings are added as they are made; the seeds are always there.
  const auto findings = replay_folder(fs::path(PTCESIM_TEST_DATA) / "fuzz_regressions");
  const auto seeds = replay_folder(fs::path(PTCESIM_SOURCE_DIR) / "tests" / "fuzz" / "seeds");
  CHECK(seeds > 0);
  INFO(findings << " past findings replayed");
}

TEST_CASE("fuzz targets are found by name", "[fuzz]") {
  for (const auto* name : {"scenario", "sweep", "pole_file", "run_file"})
    CHECK(ptcesim::fuzz::entry_named(name) != nullptr);
  CHECK(ptcesim::fuzz::entry_named("scenarios") == nullptr);
}
