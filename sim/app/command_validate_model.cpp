#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/figures.hpp"
#include "sim/app/progress.hpp"
#include "sim/core/parallel.hpp"
#include "sim/validation/validation.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ptcesim::app {

int command_validate_model(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h",
                        "show this help")("output,o", po::value<std::string>(),
                                          "output directory (default: validation-<scenario name>)")(
      "replications,n", po::value<long long>()->default_value(20),
      "replications of each run type (calm, recession, reindustrialisation)")(
      "expect-fail", po::value<std::vector<std::string>>()->composing(),
      "a check known to fail (docs/model.md §9): reported, but the exit code stays 0 "
      "(repeatable)")("seed", po::value<std::uint64_t>(), "base seed (overrides run.seed)")(
      "threads", po::value<long long>()->default_value(0),
      "worker threads (0 = all cores)")("set", po::value<std::vector<std::string>>()->composing(),
                                        "override a scenario field (repeatable)")(
      "no-figures", "skip the figures and validation.html")("force",
                                                            "overwrite an existing validation.h5")(
      "screening", po::value<std::string>(),
      "a Morris sweep of ptce and reindustrialisation, analysed ('ptcesim sweep analyse DIR'): "
      "DIR or DIR/sensitivity.h5; adds the section 'What drives the comparison'")(
      "quiet,q", "no progress bar, no table");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (parse_options(
          "validate-model", args, visible, hidden, positional, vm,
          "ptcesim validate-model [SCENARIO] [--replications N] [--threads N] [-o DIR] [--force]"
          " [--screening SWEEP_DIR]\n"
          "\nRuns SCENARIO (default: the embedded default) over replications, with a demand "
          "recession against the same seeds without it and with reindustrialisation, plays the "
          "cooperation game alone, and checks each fact of docs/validation.md. Writes "
          "DIR/validation.md, .csv, .h5 and .html.\n\nexit codes: 0 every fact reproduced (or "
          "listed with --expect-fail), 3 a fact missed, 1 runtime failure, 2 bad input"))
    return kSuccess;

  const int threads = checked_threads(vm["threads"].as<long long>());
  auto loaded = load_scenario(vm);

  validation::ValidationRequest request;
  request.scenario = std::move(loaded.scenario);
  request.scenario_display_name = loaded.display_name;
  request.replications = vm["replications"].as<long long>();
  if (vm.count("expect-fail"))
    request.expected_failures = vm["expect-fail"].as<std::vector<std::string>>();
  request.output_dir = vm.count("output") ? vm["output"].as<std::string>()
                                          : fmt::format("validation-{}", request.scenario.run.name);
  request.force = vm.count("force") > 0;
  const bool quiet = vm.count("quiet") > 0;
  // The screening is read, not run: a sweep is resumable and cluster-sized, validate-model
  // is not, so the sweep runner does the runs and this report only ranks their factors.
  std::filesystem::path screening;
  if (vm.count("screening")) {
    screening = vm["screening"].as<std::string>();
    if (std::filesystem::is_directory(screening))
      screening /= "sensitivity.h5";
    if (!std::filesystem::is_regular_file(screening))
      throw UsageError(fmt::format(
          "ptcesim validate-model: --screening: {} not found (run 'ptcesim sweep analyse DIR' "
          "on a Morris sweep of ptce and reindustrialisation first)",
          screening.string()));
    screening = std::filesystem::absolute(screening);
  }
  try {
    validation::check_request(request);
  } catch (const validation::ValidationUsageError& e) {
    throw UsageError(fmt::format("ptcesim validate-model: {}", e.what()));
  }

  const core::ThreadLimit limit(threads);
  ProgressBar progress(fmt::format("validate {}", request.scenario.run.name),
                       validation::planned_runs(request), quiet);
  const auto result = validation::run_validation(
      request, [&](std::int64_t done, std::int64_t) { progress.update(done); });
  progress.finish();

  if (!vm.count("no-figures")) {
    try {
      const auto lines = run_analysis("ptcesim_analysis.validation_figures",
                                      {std::filesystem::absolute(result.h5).string(), "--out",
                                       std::filesystem::absolute(request.output_dir).string()});
      if (!quiet)
        for (const auto& line : lines)
          std::cout << "  " << line << "\n";
    } catch (const std::exception& e) {
      std::cerr << fmt::format(
          "ptcesim validate-model: results are complete, but the figures failed: {}\n", e.what());
      return kRuntimeFailure;
    }
  }

  if (!screening.empty()) {
    try {
      const auto out = std::filesystem::absolute(request.output_dir);
      const auto lines = run_analysis("ptcesim_analysis.screening_report",
                                      {screening.string(), "--out", out.string()});
      if (!quiet)
        for (const auto& line : lines)
          std::cout << "  " << line << "\n";
      std::ifstream section(out / "screening.md");
      std::ostringstream text;
      text << section.rdbuf();
      std::ofstream md(result.md, std::ios::app);
      md << "\n" << text.str();
      if (!section || !md)
        throw std::runtime_error(
            fmt::format("cannot append the screening to {}", result.md.string()));
    } catch (const std::exception& e) {
      std::cerr << fmt::format(
          "ptcesim validate-model: results are complete, but the screening failed: {}\n", e.what());
      return kRuntimeFailure;
    }
  }

  std::size_t missed = 0;
  for (const auto& c : result.checks) {
    const auto v = c.verdict();
    if (v == validation::Verdict::fail)
      ++missed;
    if (v == validation::Verdict::unexpected_pass)
      std::cerr << fmt::format("ptcesim validate-model: '{}' now passes; remove it from "
                               "--expect-fail\n",
                               c.name);
  }
  if (!quiet) {
    std::cout << fmt::format("\nValidation of '{}' ({}), {} replications, {:.1f} s\n\n",
                             request.scenario.run.name, request.scenario_display_name,
                             request.replications, result.seconds);
    std::cout << validation::checks_markdown(result.checks);
    std::cout << fmt::format("\nreport: {}\n        {}\n        {}\n", result.md.string(),
                             result.csv.string(), result.h5.string());
  }
  if (missed > 0) {
    std::cerr << fmt::format("ptcesim validate-model: {} fact(s) not reproduced:", missed);
    for (const auto& c : result.checks)
      if (c.verdict() == validation::Verdict::fail)
        std::cerr << " " << c.name;
    std::cerr << "\n";
    return kFactMissed;
  }
  return kSuccess;
}

} // namespace ptcesim::app
