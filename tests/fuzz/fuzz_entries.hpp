#pragma once
// The functions each fuzz target feeds its input to, shared with the regression replay test
// (tests/data/fuzz_regressions/<target>/) so that a crash found by libFuzzer stays fixed under
// the regular compiler. Each returns normally for any input: bad input must end in the parser's
// own error (ConfigError, PoleFileError, OutputError), caught here; anything else escapes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ptcesim::fuzz {

/// Loads the bytes as a scenario file's text (scenario::load_scenario_text).
void scenario_text(std::span<const std::uint8_t> input);

/// Loads the bytes as a sweep file's text (sweep::load_sweep_text), with a base-scenario folder
/// holding `base.toml`, a valid scenario, so that sweeps naming it go past the base.
void sweep_text(std::span<const std::uint8_t> input);

/// Parses the bytes as a pole file (label::parse_pole_text).
void pole_text(std::span<const std::uint8_t> input);

/// Writes the bytes to a temporary file, opens it with io::RunFileReader and reads every group,
/// attribute and dataset it lists, as `label --from` and `compare` would.
void run_file(std::span<const std::uint8_t> input);

/// A fuzz target by name ("scenario", "sweep", "pole_file", "run_file"); nullptr if unknown.
using Entry = void (*)(std::span<const std::uint8_t>);
[[nodiscard]] Entry entry_named(std::string_view target) noexcept;

} // namespace ptcesim::fuzz
