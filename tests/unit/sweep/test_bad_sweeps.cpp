// The bad-input corpus: tests/data/bad_sweeps/<case>.toml with the exact message expected in
// <case>.expected. Outcomes are checked against a fixed list standing for compare's.
#include "sim/sweep/sweep_file.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace ptcesim;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t line_count(const std::string& text) {
  std::size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    n += line.empty() ? 0 : 1;
  return n;
}

} // namespace

TEST_CASE("every bad sweep file is refused with its exact messages", "[sweep][errors]") {
  const fs::path corpus = fs::path(PTCESIM_TEST_DATA) / "bad_sweeps";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().extension() == ".toml")
      cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 10);

  sweep::SweepLoadOptions options;
  options.known_outcomes = {"net_jobs", "world_net_jobs", "public_cost_per_net_job_eur", "poles"};
  for (const auto& path : cases) {
    INFO(path.filename().string());
    const auto expected_path = fs::path(path).replace_extension(".expected");
    REQUIRE(fs::exists(expected_path));
    auto expected = read_text(expected_path);
    while (!expected.empty() && expected.back() == '\n')
      expected.pop_back();
    std::string message;
    try {
      (void)sweep::load_sweep_text(read_text(path), path.filename().string(), corpus, options);
    } catch (const scenario::ConfigError& e) {
      message = e.what();
      CHECK(e.diagnostics().size() == line_count(expected));
    }
    CHECK(message == expected);
  }
}
