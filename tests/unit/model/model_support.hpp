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
