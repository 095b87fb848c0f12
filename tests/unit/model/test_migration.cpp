// Residential migration (docs/model.md § 7.10) on the two-territory world.
#include "model_support.hpp"
#include "sim/model/phases/phases.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

using namespace ptcesim;
using model::EmployerKind;
using model::World;

namespace {

// The town's unemployment has risen five points since the burn-in, the village's not at all.
void town_unemployment_rose(World& w) {
  w.territories.reference_unemployment = {0.08, 0.08};
  w.territories.unemployment_trend = {0.13, 0.08};
}

double total_savings(const World& w) {
  return std::accumulate(w.workers.savings.begin(), w.workers.savings.end(), 0.0);
}

} // namespace

TEST_CASE("unemployed households leave the territory whose unemployment rose for its neighbour",
          "[model][phases][migration]") {
  const double response = GENERATE(1.0, 2.0, 20.0);
  // Only the moves between neighbours here: the exchange with the country has its own test.
  const auto scenario =
      model::test::tiny_scenario({"labour.migration_response=" + std::to_string(response),
                                  "labour.country_migration_response=0"});
  model::Simulation sim(scenario, 23);
  World& w = sim.mutable_world();
  town_unemployment_rose(w);
  auto& terr = w.territories;
  const auto before = w.workers;
  const auto firm_staff = w.firms.employees;
  const auto sse_staff = w.sse.employees;
  const auto labour_force = terr.labour_force;
  const auto population = terr.population;
  const double savings = total_savings(w);
  std::int64_t town_unemployed = 0;
  for (std::size_t r = terr.worker_offset[0]; r < terr.worker_offset[1]; ++r)
    town_unemployed += w.workers.employer_kind[r] == EmployerKind::none;
  REQUIRE(town_unemployed == w.flows.unemployed[0]);
  REQUIRE(town_unemployed > 100);

  // The trends take this month's rates in (1/12 of the way), then the gap decides.
  auto trend = [&](std::size_t t) {
    const double u =
        static_cast<double>(w.flows.unemployed[t]) / static_cast<double>(terr.labour_force[t]);
    return terr.unemployment_trend[t] + (u - terr.unemployment_trend[t]) / 12.0;
  };
  const double gap = (trend(0) - 0.08) - (trend(1) - 0.08);
  REQUIRE(gap > 0.03);
  const double share = std::min(0.5, response * gap);

  // The 12th month after the burn-in: a decision month.
  const core::StepContext ctx{w.seed, w.strategy_start_tick + 11};
  model::migrate_households(w, ctx);

  const std::int64_t movers = -w.flows.net_migration[0];
  CHECK(w.flows.net_migration[1] == movers);
  // Each unemployed resident moved with probability `share` (binomial, four deviations).
  const double n = static_cast<double>(town_unemployed);
  CHECK(std::abs(static_cast<double>(movers) - n * share) <=
        4.0 * std::sqrt(n * share * (1 - share)) + 1);
  CHECK(movers > 0);
  CHECK(terr.labour_force[0] == labour_force[0] - movers);
  CHECK(terr.labour_force[1] == labour_force[1] + movers);
  const auto inhabitants =
      std::llround(static_cast<double>(movers) * 6000.0 / static_cast<double>(labour_force[0]));
  CHECK(terr.population[0] == population[0] - inhabitants);
  CHECK(terr.population[1] == population[1] + inhabitants);
  CHECK(w.flows.unemployed[0] == town_unemployed - movers);

  // The table is regrouped: blocks by territory, ids ascending within each; nobody lost.
  REQUIRE(w.workers.size() == before.size());
  REQUIRE(terr.worker_offset.back() == w.workers.size());
  for (std::size_t t = 0; t < 2; ++t) {
    CHECK(static_cast<std::int64_t>(terr.worker_offset[t + 1] - terr.worker_offset[t]) ==
          terr.labour_force[t]);
    for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1]; ++r) {
      CHECK(w.workers.territory[r] == t);
      if (r > terr.worker_offset[t])
        CHECK(w.workers.id[r - 1] < w.workers.id[r]);
    }
  }
  // Only the unemployed of the town moved, each with its own state.
  std::int64_t moved = 0;
  for (std::size_t r = 0; r < w.workers.size(); ++r) {
    const auto old = static_cast<std::size_t>(w.workers.id[r]); // id = initial row
    REQUIRE(before.id[old] == w.workers.id[r]);
    CHECK(w.workers.savings[r] == before.savings[old]);
    CHECK(w.workers.employer_kind[r] == before.employer_kind[old]);
    CHECK(w.workers.employer_row[r] == before.employer_row[old]);
    if (w.workers.territory[r] != before.territory[old]) {
      ++moved;
      CHECK(before.territory[old] == 0);
      CHECK(before.employer_kind[old] == EmployerKind::none);
    }
  }
  CHECK(moved == movers);
  CHECK(total_savings(w) == Approx(savings).epsilon(1e-12));
  // Employers keep their staff, and their worker lists point at the regrouped rows.
  CHECK(w.firms.employees == firm_staff);
  CHECK(w.sse.employees == sse_staff);
  for (std::size_t i = 0; i < w.firms.size(); ++i)
    for (auto k = w.employer_worker_offset[i]; k < w.employer_worker_offset[i + 1]; ++k) {
      const auto r = w.employer_workers[k];
      CHECK(w.workers.employer_kind[r] == EmployerKind::firm);
      CHECK(w.workers.employer_row[r] == static_cast<std::int32_t>(i));
    }
}

TEST_CASE("nobody migrates outside the yearly decision, without a gap, or when switched off",
          "[model][phases][migration]") {
  SECTION("a month that is not a decision month") {
    model::Simulation sim(model::test::tiny_scenario(), 23);
    World& w = sim.mutable_world();
    town_unemployment_rose(w);
    const auto territory = w.workers.territory;
    model::migrate_households(w, {w.seed, w.strategy_start_tick + 10});
    CHECK(w.workers.territory == territory);
    CHECK(w.flows.net_migration == std::vector<std::int64_t>{0, 0});
  }
  SECTION("migration switched off") {
    model::Simulation sim(model::test::tiny_scenario({"labour.migration_response=0",
                                                      "labour.country_migration_response=0"}),
                          23);
    World& w = sim.mutable_world();
    town_unemployment_rose(w);
    const auto territory = w.workers.territory;
    model::migrate_households(w, {w.seed, w.strategy_start_tick + 11});
    CHECK(w.workers.territory == territory);
  }
  SECTION("unemployment rose as much on both sides") {
    model::Simulation sim(model::test::tiny_scenario({"labour.migration_response=20"}), 23);
    World& w = sim.mutable_world();
    w.territories.reference_unemployment = {0.0, 0.0};
    // Set both trends to this month's rates: no change from the update, no gap.
    for (std::size_t t = 0; t < 2; ++t)
      w.territories.unemployment_trend[t] = static_cast<double>(w.flows.unemployed[t]) /
                                            static_cast<double>(w.territories.labour_force[t]);
    const double u0 = w.territories.unemployment_trend[0], u1 = w.territories.unemployment_trend[1];
    w.territories.reference_unemployment = {u0, u1};
    const auto territory = w.workers.territory;
    model::migrate_households(w, {w.seed, w.strategy_start_tick + 11});
    CHECK(w.workers.territory == territory);
  }
  SECTION("the reference is frozen at the last month of the burn-in") {
    model::Simulation sim(model::test::tiny_scenario(), 23);
    World& w = sim.mutable_world();
    w.territories.unemployment_trend = {0.2, 0.3};
    model::migrate_households(w, {w.seed, w.strategy_start_tick - 1});
    CHECK(w.territories.reference_unemployment == w.territories.unemployment_trend);
    const auto frozen = w.territories.reference_unemployment;
    model::migrate_households(w, {w.seed, w.strategy_start_tick});
    CHECK(w.territories.reference_unemployment == frozen);
    CHECK(w.territories.unemployment_trend != frozen);
  }
}

TEST_CASE("households arrive from the rest of the country where unemployment fell and leave "
          "where it rose",
          "[model][phases][migration]") {
  const double response = GENERATE(0.5, 2.0);
  model::Simulation sim(
      model::test::tiny_scenario({"labour.migration_response=0",
                                  "labour.country_migration_response=" + std::to_string(response)}),
      29);
  World& w = sim.mutable_world();
  auto& terr = w.territories;
  // The town's unemployment fell four points since the burn-in, the village's rose five.
  terr.reference_unemployment = {0.12, 0.03};
  terr.unemployment_trend = {0.08, 0.08};
  const auto before = w.workers;
  const auto labour_force = terr.labour_force;
  const auto population = terr.population;
  const auto unemployed = w.flows.unemployed;
  const auto first_new_id = w.worker_ids.peek();
  const double savings = total_savings(w);
  const auto firm_staff = w.firms.employees;
  auto trend = [&](std::size_t t) {
    const double u =
        static_cast<double>(w.flows.unemployed[t]) / static_cast<double>(terr.labour_force[t]);
    return terr.unemployment_trend[t] + (u - terr.unemployment_trend[t]) / 12.0;
  };
  const double town_change = trend(0) - 0.12, village_change = trend(1) - 0.03;
  REQUIRE(town_change < -0.02);
  REQUIRE(village_change > 0.03);
  const auto arrivals =
      std::llround(std::min(0.05, -response * town_change) * static_cast<double>(labour_force[0]));
  const double leaving_share =
      std::min(0.5, response * village_change * static_cast<double>(labour_force[1]) /
                        static_cast<double>(unemployed[1]));
  REQUIRE(arrivals > 10);

  model::migrate_households(w, {w.seed, w.strategy_start_tick + 11});

  // The town: `arrivals` new unemployed households with new ids, with their members.
  CHECK(w.flows.net_migration[0] == arrivals);
  CHECK(terr.labour_force[0] == labour_force[0] + arrivals);
  CHECK(w.flows.unemployed[0] == unemployed[0] + arrivals);
  CHECK(terr.population[0] == population[0] + std::llround(static_cast<double>(arrivals) * 6000.0 /
                                                           static_cast<double>(labour_force[0])));
  CHECK(w.worker_ids.peek() == first_new_id + static_cast<std::uint64_t>(arrivals));
  const double services_wage =
      w.scenario.sectors[static_cast<std::size_t>(scenario::Sector::local_services)].wage_eur_month;
  double arrived_savings = 0.0;
  std::int64_t arrived = 0;
  for (std::size_t r = terr.worker_offset[0]; r < terr.worker_offset[1]; ++r) {
    if (w.workers.id[r] < first_new_id)
      continue;
    ++arrived;
    CHECK(w.workers.employer_kind[r] == EmployerKind::none);
    CHECK(w.workers.skill[r] > 0.0f);
    CHECK(w.workers.wage[r] == Approx(services_wage * w.workers.skill[r]).epsilon(1e-6));
    CHECK(w.workers.savings[r] == Approx(w.scenario.households.initial_savings_months *
                                         std::max(600.0, static_cast<double>(w.workers.wage[r]))));
    arrived_savings += w.workers.savings[r];
  }
  CHECK(arrived == arrivals);
  CHECK(w.outside.immigrant_savings == Approx(arrived_savings));

  // The village: each unemployed resident left with probability `leaving_share` (binomial,
  // four deviations), taking its savings; nobody employed left.
  const std::int64_t leavers = -w.flows.net_migration[1];
  const double n = static_cast<double>(unemployed[1]);
  CHECK(leavers > 0);
  CHECK(std::abs(static_cast<double>(leavers) - n * leaving_share) <=
        4.0 * std::sqrt(n * leaving_share * (1 - leaving_share)) + 1);
  CHECK(terr.labour_force[1] == labour_force[1] - leavers);
  CHECK(w.flows.unemployed[1] == unemployed[1] - leavers);
  CHECK(terr.population[1] == population[1] - std::llround(static_cast<double>(leavers) * 2500.0 /
                                                           static_cast<double>(labour_force[1])));
  std::vector<unsigned char> stayed(before.size(), 0);
  for (std::size_t r = 0; r < w.workers.size(); ++r)
    if (w.workers.id[r] < first_new_id)
      stayed[static_cast<std::size_t>(w.workers.id[r])] = 1; // id = initial row
  double left_savings = 0.0;
  std::int64_t left = 0;
  for (std::size_t old = 0; old < before.size(); ++old)
    if (!stayed[old]) {
      ++left;
      CHECK(before.territory[old] == 1);
      CHECK(before.employer_kind[old] == EmployerKind::none);
      left_savings += before.savings[old];
    }
  CHECK(left == leavers);
  CHECK(w.outside.emigrant_savings == Approx(left_savings));
  CHECK(total_savings(w) == Approx(savings + arrived_savings - left_savings).epsilon(1e-12));

  // The table is regrouped (ids ascending within each territory) and the employers' lists
  // still point at their workers.
  REQUIRE(terr.worker_offset.back() == w.workers.size());
  for (std::size_t t = 0; t < 2; ++t) {
    CHECK(static_cast<std::int64_t>(terr.worker_offset[t + 1] - terr.worker_offset[t]) ==
          terr.labour_force[t]);
    for (std::size_t r = terr.worker_offset[t] + 1; r < terr.worker_offset[t + 1]; ++r)
      CHECK(w.workers.id[r - 1] < w.workers.id[r]);
  }
  CHECK(w.firms.employees == firm_staff);
  for (std::size_t i = 0; i < w.firms.size(); ++i)
    for (auto k = w.employer_worker_offset[i]; k < w.employer_worker_offset[i + 1]; ++k)
      CHECK(w.workers.employer_row[w.employer_workers[k]] == static_cast<std::int32_t>(i));

  // Public services follow the population (all of them, by default).
  const auto& a = w.authorities;
  for (std::size_t t = 0; t < 2; ++t)
    CHECK(a.public_jobs_target[t] ==
          std::lround(a.public_jobs_per_inhabitant[t] * static_cast<double>(terr.population[t])));
  CHECK(a.public_jobs_target[0] > a.initial_public_jobs[0]);
  CHECK(a.public_jobs_target[1] < a.initial_public_jobs[1]);
}

TEST_CASE("public jobs fixed at their initial number do not follow the population",
          "[model][phases][migration]") {
  model::Simulation sim(model::test::tiny_scenario({"labour.migration_response=0",
                                                    "labour.country_migration_response=1",
                                                    "authority.public_jobs_population_share=0"}),
                        29);
  World& w = sim.mutable_world();
  w.territories.reference_unemployment = {0.12, 0.03};
  w.territories.unemployment_trend = {0.08, 0.08};
  const auto population = w.territories.population;
  model::migrate_households(w, {w.seed, w.strategy_start_tick + 11});
  CHECK(w.territories.population != population);
  CHECK(w.authorities.public_jobs_target == w.authorities.initial_public_jobs);
}
