#pragma once
// The cooperation game against its literature: the scenario's [game] section as game
// parameters, and the published set-ups that `ptcesim validate-model` reproduces (the same as
// scenarios/game-*.toml).
#include "sim/game/evolution.hpp"
#include "sim/scenario/scenario.hpp"

#include <string>
#include <vector>

namespace ptcesim::validation {

/// The evolutionary game's parameters from a scenario's [game] section.
[[nodiscard]] game::EvolutionParameters evolution_parameters(const scenario::GameConfig& g);

/// A published set-up of the game.
struct GameCase {
  std::string name;   // e.g. "hauert2002"
  std::string title;  // figure title
  std::string source; // reference
  scenario::GameConfig config;
};

/// Hauert et al. 2002 (optional participation), the same without loners (plain public goods
/// game, r < N), Sigmund et al. 2010 with and without second-order punishment.
[[nodiscard]] std::vector<GameCase> game_cases();

/// The case named `name` (throws std::out_of_range for an unknown name).
[[nodiscard]] const GameCase& game_case(const std::string& name);

} // namespace ptcesim::validation
