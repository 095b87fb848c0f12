#pragma once
// Scenarios and small worlds shared by the model tests.
#include "sim/model/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <string>
#include <vector>

namespace ptcesim::model::test {

/// The default scenario, shortened to `burn_in` + `horizon` months, without snapshots, with the
/// export shock moved to the 6th observed month, plus `extra` overrides.
inline scenario::Scenario short_default(int burn_in, int horizon,
                                        std::vector<std::string> extra = {}) {
  std::vector<std::string> overrides{"run.burn_in_months=" + std::to_string(burn_in),
                                     "run.horizon_months=" + std::to_string(horizon),
                                     "shocks.0.start_month=6", "run.snapshot_months=[]"};
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  return scenario::load_scenario_text(scenario::default_scenario_text(), "default.toml", overrides);
}

/// Overrides multiplying every default territory's population by `factor`.
inline std::vector<std::string> scaled_populations(double factor) {
  static constexpr long kPopulations[] = {100000, 45000, 60000, 30000, 38000};
  std::vector<std::string> out;
  for (std::size_t t = 0; t < std::size(kPopulations); ++t)
    out.push_back("territories." + std::to_string(t) + ".population=" +
                  std::to_string(static_cast<long>(static_cast<double>(kPopulations[t]) * factor)));
  return out;
}

} // namespace ptcesim::model::test

namespace ptcesim::model::test {

/// Two small neighbouring territories (a market town and a village), 6 + 12 months, plus
/// `overrides`: worlds small enough to check phases by hand.
inline scenario::Scenario tiny_scenario(const std::vector<std::string>& overrides = {}) {
  static constexpr const char* kText = R"(
[run]
name = "tiny"
burn_in_months = 6
horizon_months = 12

[[territories]]
name = "Bourg"
population = 6000
neighbours = ["Hameau"]
commuting_minutes = [15.0]

[[territories]]
name = "Hameau"
population = 2500
neighbours = ["Bourg"]
commuting_minutes = [15.0]
)";
  return scenario::load_scenario_text(kText, "tiny.toml", overrides);
}

} // namespace ptcesim::model::test
