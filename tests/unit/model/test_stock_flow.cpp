// Stock-flow consistency: money held inside the world changes every tick by exactly the
// recorded flows with the outside world (accounts.hpp).
#include "model_support.hpp"
#include "sim/model/indicators.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

using namespace ptcesim;

namespace {

// Steps `sim` to its horizon, checking the money identity after every tick; returns the
// strategy envelopes received over the run (and adds the savings households brought from or
// took to the rest of the country to `migrants_savings`, when given).
double require_stock_flow_consistency(model::Simulation& sim, double* migrants_savings = nullptr) {
  double envelopes = 0.0;
  while (!sim.finished()) {
    const double before = model::total_money(sim.world());
    sim.step();
    const double after = model::total_money(sim.world());
    const double change = after - before;
    const double tolerance = 1e-9 * std::max(std::abs(before), std::abs(after));
    INFO("tick " << sim.tick() - 1 << ": money " << before << " -> " << after << ", change "
                 << change << ", recorded net inflow " << sim.last_net_inflow());
    REQUIRE(std::abs(change - sim.last_net_inflow()) <= tolerance);
    envelopes += sim.world().outside.strategy_envelope;
    if (migrants_savings)
      *migrants_savings +=
          sim.world().outside.immigrant_savings + sim.world().outside.emigrant_savings;
  }
  return envelopes;
}

} // namespace

TEST_CASE("money inside the world changes by the net inflow from outside, every tick",
          "[model][stock-flow]") {
  SECTION("default scenario, export shock in the horizon") {
    const auto scenario = model::test::short_default(12, 36);
    model::Simulation sim(scenario, scenario.run.seed);
    require_stock_flow_consistency(sim);
  }
  SECTION("every local strategy: envelopes, grants, poles, seed aid") {
    const auto strategy = GENERATE(as<std::string>{}, "ptce", "reindustrialisation", "mixed");
    INFO("strategy " << strategy);
    const auto scenario = model::test::short_default(
        6, 30, {"strategy.kind=\"" + strategy + "\"", "territories.0.population=40000"});
    model::Simulation sim(scenario, 5);
    CHECK(require_stock_flow_consistency(sim) > 0.0); // the strategy's money did flow
  }
  SECTION("households arriving from and leaving for the rest of the country") {
    const auto scenario =
        model::test::short_default(12, 36, {"labour.country_migration_response=5"});
    model::Simulation sim(scenario, 11);
    double migrants_savings = 0.0;
    require_stock_flow_consistency(sim, &migrants_savings);
    CHECK(migrants_savings > 0.0); // households did arrive or leave with their savings
  }
  SECTION("procurement partly reserved to SSE initiatives (social clauses)") {
    const auto scenario = model::test::short_default(6, 24, model::test::scaled_populations(0.3));
    model::Simulation sim(scenario, 7);
    auto& shares = sim.mutable_world().authorities.social_procurement_share;
    std::fill(shares.begin(), shares.end(), 0.25);
    require_stock_flow_consistency(sim);
  }
}
