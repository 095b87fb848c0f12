#include "sim/app/game_job.hpp"

#include "sim/app/progress.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/version.hpp"
#include "sim/core/wall_time.hpp"
#include "sim/game/evolution.hpp"
#include "sim/io/validation_file.hpp"
#include "sim/scenario/config_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/validation/game_cases.hpp"

#include <chrono>
#include <fmt/format.h>
#include <stdexcept>

namespace ptcesim::app {

RunSummary run_game_to_file(const RunRequest& request) {
  io::RunFileWriter::check_can_write(request.output, request.force);
  const core::ThreadLimit thread_limit(request.threads);
  const auto& s = request.scenario;
  const auto parameters = validation::evolution_parameters(s.game);
  try {
    game::check_parameters(parameters);
  } catch (const std::invalid_argument& e) {
    const std::string text = e.what();
    const auto colon = text.find(": ");
    throw scenario::ConfigError({{request.scenario_name, 0, text.substr(0, colon),
                                  colon == std::string::npos ? text : text.substr(colon + 2)}});
  }
  const auto start_time = core::utc_now_iso8601();
  const auto wall_start = std::chrono::steady_clock::now();
  game::Evolution evolution(parameters, s.run.seed);
  std::vector<double> frequencies, mean_payoff;
  auto record = [&] {
    const auto f = evolution.frequencies();
    frequencies.insert(frequencies.end(), f.begin(), f.end());
    mean_payoff.push_back(evolution.mean_payoff());
  };
  record();
  ProgressBar progress(fmt::format("game {}", s.run.name), s.game.rounds, request.quiet);
  for (std::int64_t t = 0; t < s.game.rounds; ++t) {
    evolution.step();
    record();
    progress.update(t + 1);
  }
  progress.finish();
  RunSummary summary;
  summary.ticks = static_cast<std::int32_t>(s.game.rounds);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const std::vector<std::string> names(game::kStrategyNames.begin(), game::kStrategyNames.end());
  io::write_game_file(request.output, {request.force, s.output.compress},
                      {{"ptcesim_version", std::string(core::version())},
                       {"git_commit", std::string(core::git_commit())},
                       {"scenario_name", s.run.name},
                       {"scenario_toml", scenario::resolved_toml(s)},
                       {"seed", std::to_string(s.run.seed)},
                       {"start_time", start_time},
                       {"end_time", core::utc_now_iso8601()}},
                      names, frequencies, mean_payoff);
  return summary;
}

} // namespace ptcesim::app
