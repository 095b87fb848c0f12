#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>
#include <iostream>

namespace ptcesim::app {

int command_validate(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario field before validating (repeatable)")(
      "print", "print the resolved scenario (every field, defaults included) as TOML");
  po::options_description hidden;
  hidden.add_options()("files", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  if (parse_options("validate", args, visible, hidden, positional, vm,
                    "ptcesim validate FILE... [--set k=v]... [--print]\n\nChecks scenario "
                    "files and reports every problem as file:line: field: message."))
    return kSuccess;
  if (!vm.count("files"))
    throw UsageError("ptcesim validate: no scenario file given");
  const auto overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};

  int status = kSuccess;
  for (const auto& file : vm["files"].as<std::vector<std::string>>()) {
    try {
      const auto s = scenario::load_scenario_file(file, overrides);
      if (vm.count("print"))
        std::cout << scenario::resolved_toml(s);
      else
        std::cout << fmt::format("{}: ok ({} territories, {} + {} months)\n", file,
                                 s.territories.size(), s.run.burn_in_months, s.run.horizon_months);
    } catch (const scenario::ConfigError& e) {
      std::cerr << e.what() << "\n";
      status = kBadInput;
    }
  }
  return status;
}

int command_schema(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help");
  po::options_description hidden;
  po::positional_options_description positional;
  po::variables_map vm;
  if (parse_options("schema", args, visible, hidden, positional, vm,
                    "ptcesim schema\n\nPrints the documentation of every scenario field "
                    "(the content of docs/scenarios.md)."))
    return kSuccess;
  std::cout << scenario::schema_markdown();
  return kSuccess;
}

} // namespace ptcesim::app
