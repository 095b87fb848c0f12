#include "sim/app/cli_support.hpp"

#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <iostream>

namespace ptcesim::app {

bool parse_options(const std::string& command, const std::vector<std::string>& args,
                   const po::options_description& visible, const po::options_description& hidden,
                   const po::positional_options_description& positional, po::variables_map& vm,
                   const std::string& usage_line) {
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage_line << "\n\n" << visible << "\n";
      return true;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(
        fmt::format("ptcesim {}: {} (see 'ptcesim {} --help')", command, e.what(), command));
  }
  return false;
}

LoadedScenario load_scenario(const po::variables_map& vm) {
  std::optional<std::string> path;
  if (vm.count("scenario"))
    path = vm["scenario"].as<std::string>();
  std::optional<std::uint64_t> seed;
  if (vm.count("seed"))
    seed = vm["seed"].as<std::uint64_t>();
  auto overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  return load_scenario(path, std::move(overrides), seed);
}

LoadedScenario load_scenario(const std::optional<std::string>& path,
                             std::vector<std::string> overrides,
                             const std::optional<std::uint64_t>& seed) {
  if (seed)
    overrides.push_back(fmt::format("run.seed={}", *seed));
  if (path)
    return {scenario::load_scenario_file(*path, overrides), *path};
  return {
      scenario::load_scenario_text(scenario::default_scenario_text(), "default.toml", overrides),
      "default.toml (embedded)"};
}

int checked_threads(long long requested) {
  if (requested < 0 || requested > 4096)
    throw UsageError(
        fmt::format("--threads: must be in [0, 4096] (0 = all cores), got {}", requested));
  return static_cast<int>(requested);
}

} // namespace ptcesim::app
