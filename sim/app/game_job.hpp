#pragma once
#include "sim/app/run_job.hpp"

namespace ptcesim::app {

/// `ptcesim run` on a scenario with cooperation.isolate_game: plays the evolutionary game of
/// its [game] section alone (no economy) and writes the strategy frequencies per round
/// (docs/output.md, "Isolated game files"). Bad [game] values are scenario::ConfigError.
RunSummary run_game_to_file(const RunRequest& request);

} // namespace ptcesim::app
