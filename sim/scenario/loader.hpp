#pragma once
// Loading scenarios: TOML text or file, `--set key=value` overrides, validation that reports
// every problem as `file:line: field: message`, and the texts generated from the schema.
#include "sim/scenario/config_error.hpp"
#include "sim/scenario/scenario.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::scenario {

/// Loads and validates a scenario file, then applies `overrides` ("key=value", value in TOML
/// syntax; keys in arrays of tables by index: "territories.0.population").
/// Throws ConfigError listing every problem, including a missing or unreadable file.
[[nodiscard]] Scenario load_scenario_file(const std::filesystem::path& path,
                                          const std::vector<std::string>& overrides = {});

/// Same as load_scenario_file for TOML text; `display_name` stands for the file in messages.
[[nodiscard]] Scenario load_scenario_text(std::string_view toml, std::string_view display_name,
                                          const std::vector<std::string>& overrides = {});

/// The whole scenario, every field including defaults, as TOML that loads back to `s`
/// (source lines aside). Written into output files as provenance.
[[nodiscard]] std::string resolved_toml(const Scenario& s);

/// docs/scenarios.md: an introduction, then one table per section of the schema.
[[nodiscard]] std::string schema_markdown();

/// Text of scenarios/default.toml, embedded in the binary at build time.
[[nodiscard]] std::string_view default_scenario_text() noexcept;

} // namespace ptcesim::scenario
