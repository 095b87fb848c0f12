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
