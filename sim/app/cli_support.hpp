#pragma once
// Shared pieces of the subcommands: usage errors, option parsing, scenario loading.
#include "sim/scenario/scenario.hpp"

#include <boost/program_options.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptcesim::app {

/// Bad usage of the command line (unknown option, bad value): exit code 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace po = boost::program_options;

/// Parses `args` against `visible` options (+ hidden positional ones); throws UsageError with
/// the subcommand's name on any problem. Returns true when --help was asked (help printed).
bool parse_options(const std::string& command, const std::vector<std::string>& args,
                   const po::options_description& visible, const po::options_description& hidden,
                   const po::positional_options_description& positional, po::variables_map& vm,
                   const std::string& usage_line);

/// A scenario as loaded for a run: the structs and the name used in messages.
struct LoadedScenario {
  scenario::Scenario scenario;
  std::string display_name; // file path, or "default.toml (embedded)"
};

/// Loads the scenario file, or the embedded default when `path` is empty, applying the --set
/// overrides (and --seed as run.seed). Throws scenario::ConfigError on bad input.
[[nodiscard]] LoadedScenario load_scenario(const std::optional<std::string>& path,
                                           std::vector<std::string> overrides,
                                           const std::optional<std::uint64_t>& seed);

/// The same from a command's parsed options: the positional `scenario`, `--set` and `--seed`
/// (each optional).
[[nodiscard]] LoadedScenario load_scenario(const po::variables_map& vm);

/// Parses a --threads value: 0 means all cores; negative or huge values are usage errors.
[[nodiscard]] int checked_threads(long long requested);

} // namespace ptcesim::app
