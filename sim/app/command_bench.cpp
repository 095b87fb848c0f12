// ptcesim bench: the benchmarks of issue 9 (model runs and core micro-benchmarks), printed as a
// table and optionally saved as JSON or CSV. The work is in sim/bench; this file parses options.
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/bench/bench.hpp"

#include <iostream>
#include <stdexcept>

namespace ptcesim::app {

int command_bench(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")("list", "list the benchmarks and exit")(
      "runs", po::value<std::size_t>()->default_value(10),
      "samples per benchmark: model runs (each its own seed) or micro-benchmark repetitions")(
      "seed", po::value<std::uint64_t>()->default_value(1), "seed of the first model run")(
      "output", po::value<std::string>(), "also write the results to FILE.json or FILE.csv");
  po::options_description hidden;
  hidden.add_options()("names", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("names", -1);
  po::variables_map vm;
  if (parse_options("bench", args, visible, hidden, positional, vm,
                    "ptcesim bench [NAME...] [--runs N] [--seed S] [--output FILE.json|.csv]\n\n"
                    "Runs the named benchmarks (all when none is named) and prints name, runs,\n"
                    "median, min, max and unit. 'ptcesim bench --list' names them."))
    return kSuccess;
  if (vm.count("list")) {
    for (const auto& b : bench::registry())
      std::cout << b.name << "  [" << b.unit << "]  " << b.description << "\n";
    return kSuccess;
  }
  bench::Options options;
  if (vm.count("names"))
    options.names = vm["names"].as<std::vector<std::string>>();
  options.runs = vm["runs"].as<std::size_t>();
  options.seed = vm["seed"].as<std::uint64_t>();
  options.france_scenario = PTCESIM_SOURCE_DIR "/scenarios/france-synthetic.toml";
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : std::string{};
  try {
    bench::check_options(options);
    if (!output.empty())
      bench::check_output_path(output);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("ptcesim ") + e.what());
  }
  const auto results = bench::run(options, &std::cerr);
  std::cout << bench::format_table(results);
  if (!output.empty())
    bench::write_results(output, results, options);
  return kSuccess;
}

} // namespace ptcesim::app
