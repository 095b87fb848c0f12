#include "sim/validation/game_cases.hpp"

#include <stdexcept>

namespace ptcesim::validation {

game::EvolutionParameters evolution_parameters(const scenario::GameConfig& g) {
  game::EvolutionParameters p;
  p.population = static_cast<std::size_t>(g.population);
  p.group_size = static_cast<std::size_t>(g.group_size);
  p.multiplication_factor = g.multiplication_factor;
  p.contribution = g.contribution;
  p.loner_payoff = g.loner_payoff;
  p.peer_fine = g.peer_fine;
  p.peer_cost = g.peer_cost;
  p.pool_fine = g.pool_fine;
  p.pool_cost = g.pool_cost;
  p.second_order_punishment = g.second_order_punishment;
  p.present = {true, true, g.loners, g.peer_punishers, g.pool_punishers};
  p.selection_intensity = g.selection_intensity;
  p.mutation_rate = g.mutation_rate;
  p.revision_rate = g.revision_rate;
  return p;
}

std::vector<GameCase> game_cases() {
  // Payoffs as in the papers: N = 5, r = 3, c = σ = 1; fines and costs 0.7 (Sigmund et al.
  // 2010, Fig. 1). Population sizes: 500 for the cycles, 100 as in Sigmund et al.; mutation
  // 10^-3 as in Sigmund et al.
  scenario::GameConfig hauert;
  hauert.population = 500;
  hauert.rounds = 5000;
  scenario::GameConfig plain = hauert;
  plain.loners = false;
  scenario::GameConfig sigmund;
  sigmund.population = 100;
  sigmund.rounds = 20000;
  sigmund.selection_intensity = 3.0; // strong imitation, near the papers' best-response limit
  sigmund.peer_punishers = true;
  sigmund.pool_punishers = true;
  scenario::GameConfig sigmund_first = sigmund;
  sigmund_first.second_order_punishment = false;
  return {
      {"hauert2002", "Optional participation: cooperators, defectors, loners (r = 3, N = 5)",
       "Hauert, De Monte, Hofbauer & Sigmund (2002) Science 296:1129", hauert},
      {"plain-pgg", "Compulsory public goods game without incentives (r = 3 < N = 5)",
       "Hauert et al. (2002); Sigmund et al. (2010)", plain},
      {"sigmund2010", "Peer versus pool punishment, with second-order punishment",
       "Sigmund, De Silva, Traulsen & Hauert (2010) Nature 466:861", sigmund},
      {"sigmund2010-first-order", "Peer versus pool punishment, without second-order punishment",
       "Sigmund, De Silva, Traulsen & Hauert (2010) Nature 466:861", sigmund_first},
  };
}

const GameCase& game_case(const std::string& name) {
  static const std::vector<GameCase> cases = game_cases();
  for (const auto& c : cases)
    if (c.name == name)
      return c;
  throw std::out_of_range("no game case named " + name);
}

} // namespace ptcesim::validation
