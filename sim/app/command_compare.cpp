#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/figures.hpp"
#include "sim/app/progress.hpp"
#include "sim/compare/comparison.hpp"
#include "sim/core/parallel.hpp"

#include <boost/algorithm/string.hpp>
#include <fmt/format.h>
#include <iostream>

namespace ptcesim::app {

int command_compare(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(), "output directory (default: compare-<scenario name>)")(
      "replications,n", po::value<long long>(),
      "replications per strategy (default: compare.replications of the scenario)")(
      "strategies", po::value<std::string>(),
      "comma-separated strategies: none, ptce, reindustrialisation, mixed "
      "(default: compare.strategies)")("baseline", po::value<std::string>(),
                                       "strategy the others are compared with "
                                       "(default: compare.baseline)")(
      "seed", po::value<std::uint64_t>(), "base seed (overrides run.seed)")(
      "threads", po::value<long long>()->default_value(0), "worker threads (0 = all cores)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario field (repeatable)")("no-figures",
                                                "skip the figures (analysis/ is not called)")(
      "force", "overwrite an existing results.h5")("quiet,q", "no progress bar, no table");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (parse_options(
          "compare", args, visible, hidden, positional, vm,
          "ptcesim compare [SCENARIO] [-o DIR] [--replications N] [--strategies a,b,...] "
          "[--threads N]\n\nRuns every strategy on the same world with common random numbers "
          "and writes DIR/results.h5, DIR/summary.csv, DIR/summary.md and DIR/figures/."))
    return kSuccess;

  const int threads = checked_threads(vm["threads"].as<long long>());
  auto loaded = load_scenario(vm);

  compare::CompareRequest request;
  request.scenario = std::move(loaded.scenario);
  request.scenario_display_name = loaded.display_name;
  const auto& defaults = request.scenario.compare;
  request.replications =
      vm.count("replications") ? vm["replications"].as<long long>() : defaults.replications;
  if (vm.count("strategies")) {
    const auto text = vm["strategies"].as<std::string>();
    boost::split(request.strategies, text, boost::is_any_of(","));
    for (auto& s : request.strategies)
      boost::trim(s);
  } else {
    request.strategies = defaults.strategies;
  }
  request.baseline = vm.count("baseline") ? vm["baseline"].as<std::string>() : defaults.baseline;
  request.output_dir = vm.count("output") ? vm["output"].as<std::string>()
                                          : fmt::format("compare-{}", request.scenario.run.name);
  request.force = vm.count("force") > 0;
  const bool quiet = vm.count("quiet") > 0;
  try {
    compare::check_request(request);
  } catch (const compare::CompareUsageError& e) {
    throw UsageError(fmt::format("ptcesim compare: {}", e.what()));
  }

  const core::ThreadLimit limit(threads);
  ProgressBar progress(fmt::format("compare {}", request.scenario.run.name),
                       request.replications * static_cast<std::int64_t>(request.strategies.size()),
                       quiet);
  const auto result = compare::run_comparison(
      request, [&](std::int64_t done, std::int64_t) { progress.update(done); });
  progress.finish();

  if (!quiet) {
    std::cout << fmt::format("\nScenario '{}' ({}), {} replications per strategy, {:.1f} s\n\n",
                             request.scenario.run.name, request.scenario_display_name,
                             request.replications, result.seconds);
    std::cout << compare::summary_table_markdown(result.rows, result.time_points.back(),
                                                 request.baseline);
    std::cout << fmt::format("\nresults: {}\nsummary: {}\n         {}\n",
                             result.results_h5.string(), result.summary_csv.string(),
                             result.summary_md.string());
  }
  if (vm.count("no-figures"))
    return kSuccess;
  try {
    const auto figures =
        run_analysis("ptcesim_analysis.compare_figures",
                     {std::filesystem::absolute(result.results_h5).string(), "--out",
                      std::filesystem::absolute(request.output_dir / "figures").string()});
    if (!quiet) {
      std::cout << "figures:\n";
      for (const auto& f : figures)
        std::cout << "  " << f << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << fmt::format("ptcesim compare: results are complete, but the figures failed: {}\n",
                             e.what());
    return kRuntimeFailure;
  }
  return kSuccess;
}

} // namespace ptcesim::app
