#pragma once
// Helpers shared by the scenario tests.
#include "sim/scenario/loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ptcesim::scenario::testing {

/// Whole content of a file, or throws.
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A scenario with one territory: the smallest valid file, plus `extra` TOML.
inline std::string minimal_toml(const std::string& extra = {}) {
  return "[[territories]]\nname = \"A\"\npopulation = 20000\n" + extra;
}

/// The message of the ConfigError thrown by loading `toml`, or "" when it loads.
inline std::string load_error(const std::string& toml, const std::vector<std::string>& sets = {}) {
  try {
    (void)load_scenario_text(toml, "t.toml", sets);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return {};
}

/// Source lines are where entries were read, not part of the scenario's meaning.
inline Scenario without_source_lines(Scenario s) {
  for (auto& t : s.territories)
    t.source_line = 0;
  for (auto& x : s.shocks)
    x.source_line = 0;
  for (auto& p : s.poles)
    p.source_line = 0;
  return s;
}

} // namespace ptcesim::scenario::testing
