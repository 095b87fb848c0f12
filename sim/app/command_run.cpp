#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/game_job.hpp"
#include "sim/app/run_job.hpp"

#include <fmt/format.h>
#include <iostream>

namespace ptcesim::app {

int command_run(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(),
      "HDF5 file to write (default: <scenario name>-seed<seed>.h5)")(
      "seed", po::value<std::uint64_t>(), "run seed (overrides run.seed)")(
      "threads", po::value<long long>()->default_value(0), "worker threads (0 = all cores)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario field, e.g. --set firms.initial_markup=0.2 (repeatable)")(
      "force", "overwrite an existing output file")("quiet,q", "no progress bar");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (parse_options("run", args, visible, hidden, positional, vm,
                    "ptcesim run [SCENARIO] [-o FILE] [--seed N] [--threads N] [--set k=v]... "
                    "[--force] [--quiet]\n\nRuns one simulation of SCENARIO (default: the "
                    "embedded default scenario) and writes an HDF5 file (docs/output.md)."))
    return kSuccess;

  RunRequest request;
  request.threads = checked_threads(vm["threads"].as<long long>());
  auto loaded = load_scenario(vm);
  request.scenario = std::move(loaded.scenario);
  request.scenario_name = loaded.display_name;
  request.output = vm.count("output") ? vm["output"].as<std::string>()
                                      : fmt::format("{}-seed{}.h5", request.scenario.run.name,
                                                    request.scenario.run.seed);
  request.force = vm.count("force") > 0;
  request.quiet = vm.count("quiet") > 0;

  // cooperation.isolate_game switches the economy off: the game is played alone.
  const auto summary =
      request.scenario.cooperation.isolate_game ? run_game_to_file(request) : run_to_file(request);
  if (!request.quiet)
    std::cerr << fmt::format("ptcesim run: {} ticks in {:.2f} s, wrote {}\n", summary.ticks,
                             summary.seconds, request.output.string());
  return kSuccess;
}

} // namespace ptcesim::app
