// The bad-input corpus: tests/data/bad_scenarios/<case>.toml, with the exact message expected
// in <case>.expected and, optionally, one `--set` override per line in <case>.set.
#include "sim/scenario/loader.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace ptcesim::scenario;
using namespace ptcesim::scenario::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      lines.push_back(line);
  return lines;
}

std::string strip_final_newline(std::string text) {
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  return text;
}

} // namespace

TEST_CASE("each bad scenario is rejected with its exact message", "[scenario][bad]") {
  const fs::path corpus = fs::path(PTCESIM_TEST_DATA) / "bad_scenarios";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().extension() == ".toml")
      cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 25);

  for (const auto& path : cases) {
    const auto expected_path = fs::path(path).replace_extension(".expected");
    const auto set_path = fs::path(path).replace_extension(".set");
    INFO(path.filename().string());
    REQUIRE(fs::exists(expected_path));
    const auto expected = strip_final_newline(read_text(expected_path));
    const auto overrides =
        fs::exists(set_path) ? lines_of(read_text(set_path)) : std::vector<std::string>{};
    std::string message;
    try {
      (void)load_scenario_text(read_text(path), path.filename().string(), overrides);
    } catch (const ConfigError& e) {
      message = e.what();
      CHECK(e.diagnostics().size() == lines_of(expected).size());
    }
    CHECK(message == expected);
  }
}
