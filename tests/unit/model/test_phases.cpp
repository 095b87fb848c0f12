// Phases on small hand-made worlds, with outcomes computed by hand from the world's state.
#include "model_support.hpp"
#include "sim/model/phases/phases.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <utility>
#include <vector>

using namespace ptcesim;
using model::EmployerKind;
using model::World;

namespace {

std::vector<std::size_t> workers_of(const World& w, EmployerKind kind, std::size_t row) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < w.workers.size(); ++r)
    if (w.workers.employer_kind[r] == kind &&
        w.workers.employer_row[r] == static_cast<std::int32_t>(row))
      out.push_back(r);
  return out;
}

std::size_t largest_firm(const World& w) {
  const auto& e = w.firms.employees;
  return static_cast<std::size_t>(std::max_element(e.begin(), e.end()) - e.begin());
}

} // namespace

TEST_CASE("a firm whose demand drops to zero lays off its last hired at the next labour phase",
          "[model][phases][labour]") {
  // No voluntary quits: staff changes only through layoffs, so the outcome is exact.
  const auto scenario = model::test::tiny_scenario({"labour.quit_rate=0.0"});
  model::Simulation sim(scenario, 11);
  World& w = sim.mutable_world();
  const std::size_t i = largest_firm(w);
  const std::int32_t staff = w.firms.employees[i];
  REQUIRE(staff >= 10);
  const double expected_before = w.firms.expected_units[i];
  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  model::form_demand(w, ctx);
  // Its customers leave: no share of its local market nor of external demand.
  w.firms.local_share[i] = 0.0;
  w.firms.external_share[i] = 0.0;
  model::produce_and_compete(w, ctx);
  // Demand is nil up to the replicator's floor share (1e-9 of the market).
  CHECK(w.firms.revenue[i] < 1e-3);
  const double weight = scenario.firms.demand_expectation_weight;
  CHECK(w.firms.expected_units[i] == Approx((1.0 - weight) * expected_before).epsilon(1e-6));
  const auto employed_before = workers_of(w, EmployerKind::firm, i);
  REQUIRE(employed_before.size() == static_cast<std::size_t>(staff));
  std::vector<std::int32_t> hired_at(w.workers.size());
  std::copy(w.workers.hire_tick.begin(), w.workers.hire_tick.end(), hired_at.begin());

  model::match_labour(w, ctx);

  // Staff kept: about the need at the new expectation, plus the layoff tolerance.
  const double need = w.firms.expected_units[i] / w.firms.productivity[i];
  const double kept_bound = std::floor((need + 1.0) * (1.0 + scenario.labour.layoff_tolerance)) + 1;
  REQUIRE(kept_bound < staff);
  CHECK(w.firms.employees[i] <= kept_bound);
  CHECK(w.firms.employees[i] >= std::floor(need));
  CHECK(w.firms.vacancies[i] == 0);
  const auto keep = w.firms.employees[i];
  // Last in, first out (ties by id): everyone kept was hired before everyone laid off.
  const auto kept = workers_of(w, EmployerKind::firm, i);
  REQUIRE(kept.size() == static_cast<std::size_t>(keep));
  std::vector<std::size_t> laid_off;
  for (const auto r : employed_before)
    if (std::find(kept.begin(), kept.end(), r) == kept.end())
      laid_off.push_back(r);
  REQUIRE(laid_off.size() == static_cast<std::size_t>(staff - keep));
  auto seniority = [&](std::size_t r) { return std::pair{hired_at[r], r}; };
  std::pair<std::int32_t, std::size_t> last_kept{-1000000, 0};
  for (const auto r : kept)
    last_kept = std::max(last_kept, seniority(r));
  std::pair<std::int32_t, std::size_t> first_laid_off{1000000, 0};
  for (const auto r : laid_off)
    first_laid_off = std::min(first_laid_off, seniority(r));
  CHECK(last_kept < first_laid_off);
  // The laid-off are unemployed, or re-hired elsewhere by this same phase.
  for (const auto r : laid_off) {
    if (w.workers.employer_kind[r] == EmployerKind::none)
      CHECK(w.workers.unemployment_months[r] == 1);
    else
      CHECK(w.workers.hire_tick[r] == ctx.tick);
  }
}

TEST_CASE("a firm expecting no demand keeps a single employee", "[model][phases][labour]") {
  const auto scenario = model::test::tiny_scenario({"labour.quit_rate=0.0"});
  model::Simulation sim(scenario, 12);
  World& w = sim.mutable_world();
  const std::size_t i = largest_firm(w);
  REQUIRE(w.firms.employees[i] >= 10);
  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  w.firms.expected_units[i] = 0.0;
  model::match_labour(w, ctx);
  CHECK(w.firms.employees[i] == 1);
  CHECK(w.firms.vacancies[i] == 0);
  CHECK(workers_of(w, EmployerKind::firm, i).size() == 1);
}

TEST_CASE("households' local spending and procurement become local producers' revenue",
          "[model][phases][demand]") {
  const auto scenario = model::test::tiny_scenario();
  model::Simulation sim(scenario, 13);
  World& w = sim.mutable_world();
  const std::size_t n = w.territories.size();
  const auto& hh = scenario.households;
  const double tax_rate = scenario.authority.household_tax_rate;
  // Dividends awaiting distribution in the town; no procurement reserved by social clauses.
  w.pending_local_dividends[0] = 40000.0;
  std::fill(w.authorities.social_procurement_share.begin(),
            w.authorities.social_procurement_share.end(), 0.0);

  // Consumption by hand, household by household, before the phase changes savings.
  std::vector<double> consumption(n, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t lo = w.territories.worker_offset[t], hi = w.territories.worker_offset[t + 1];
    const double dividend = w.pending_local_dividends[t] / static_cast<double>(hi - lo);
    for (std::size_t r = lo; r < hi; ++r) {
      double income = w.workers.wage[r];
      if (w.workers.employer_kind[r] == EmployerKind::none)
        income = std::max(600.0, w.workers.unemployment_months[r] < 24
                                     ? hh.unemployment_replacement * w.workers.wage[r]
                                     : 0.0);
      const double disposable = (income + dividend) * (1.0 - tax_rate);
      consumption[t] +=
          std::max(0.0, hh.consumption_propensity * disposable +
                            hh.wealth_consumption * std::max(0.0, w.workers.savings[r]));
    }
  }
  const std::vector<double> procurement = w.authorities.procurement;

  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  model::form_demand(w, ctx);
  double imported = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    CHECK(w.flows.consumption[t] == Approx(consumption[t]).epsilon(1e-12));
    double local_total = 0.0;
    for (std::size_t s = 0; s < model::kSectors; ++s) {
      const auto& sector = scenario.sectors[s];
      const double local =
          consumption[t] * sector.household_budget_share * sector.local_purchase_share;
      local_total += local;
      INFO("territory " << t << ", sector " << s);
      CHECK(w.local_demand[model::market_index(static_cast<model::TerritoryIndex>(t),
                                               static_cast<model::Sector>(s))] ==
            Approx(local + procurement[t] * model::kProcurementSplit[s]).epsilon(1e-12));
    }
    imported += consumption[t] - local_total;
  }
  CHECK(w.outside.imports == Approx(imported).epsilon(1e-12));
  CHECK(w.pending_local_dividends[0] == 0.0); // distributed
}

TEST_CASE("a household's extra spending is local producers' extra revenue, the rest imported",
          "[model][phases][demand]") {
  const auto scenario = model::test::tiny_scenario();
  model::Simulation sim(scenario, 14);
  World base = sim.world();
  // Only local demand: no external demand, and capacity never binds (no rationing).
  base.environment.external_demand_eur.fill(0.0);
  for (auto* p :
       {static_cast<model::Producers*>(&base.firms), static_cast<model::Producers*>(&base.sse)})
    for (auto& q : p->productivity)
      q *= 1000.0;
  World richer = base;
  const std::size_t household = base.territories.worker_offset[0] + 5;
  constexpr double kWindfall = 250000.0;
  richer.workers.savings[household] += kWindfall;

  const core::StepContext ctx{base.seed, 0};
  for (World* w : {&base, &richer}) {
    model::apply_shocks(*w, ctx);
    model::form_demand(*w, ctx);
    model::produce_and_compete(*w, ctx);
  }
  const double extra_consumption = scenario.households.wealth_consumption * kWindfall;
  CHECK(richer.flows.consumption[0] - base.flows.consumption[0] ==
        Approx(extra_consumption).epsilon(1e-9));
  CHECK(richer.flows.consumption[1] == base.flows.consumption[1]);
  auto market_revenue = [](const World& w, std::size_t m) {
    double total = 0.0;
    for (const model::Producers* p : {static_cast<const model::Producers*>(&w.firms),
                                      static_cast<const model::Producers*>(&w.sse)})
      for (std::size_t i = 0; i < p->size(); ++i)
        if (model::market_index(p->territory[i], p->sector[i]) == m)
          total += p->revenue[i];
    return total;
  };
  double local_share_of_spending = 0.0;
  for (std::size_t s = 0; s < model::kSectors; ++s) {
    const auto& sector = scenario.sectors[s];
    const double extra_local =
        extra_consumption * sector.household_budget_share * sector.local_purchase_share;
    local_share_of_spending += sector.household_budget_share * sector.local_purchase_share;
    const auto m = model::market_index(0, static_cast<model::Sector>(s));
    INFO("sector " << s);
    CHECK(richer.local_demand[m] - base.local_demand[m] == Approx(extra_local).epsilon(1e-6));
    REQUIRE(base.firms.size() + base.sse.size() > 0);
    CHECK(market_revenue(richer, m) - market_revenue(base, m) == Approx(extra_local).epsilon(1e-6));
    // The village's producers see nothing of it.
    const auto village = model::market_index(1, static_cast<model::Sector>(s));
    CHECK(market_revenue(richer, village) == market_revenue(base, village));
  }
  CHECK(richer.outside.imports - base.outside.imports ==
        Approx(extra_consumption * (1.0 - local_share_of_spending)).epsilon(1e-6));
}
