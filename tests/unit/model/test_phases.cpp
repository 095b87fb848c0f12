// Phases on small hand-made worlds, with outcomes computed by hand from the world's state.
#include "model_support.hpp"
#include "sim/model/initialise.hpp"
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
  // Its customers leave: no share of its local market nor of external demand, and no customer
  // base to win them back.
  w.firms.local_share[i] = 0.0;
  w.firms.external_share[i] = 0.0;
  w.firms.customer_base[i] = 0.0;
  w.firms.normal_customer_base[i] = 0.0;
  model::produce_and_compete(w, ctx);
  // Demand is nil up to the floor share (1e-9 of its local market and of its sector's
  // external demand).
  const auto sector = static_cast<std::size_t>(w.firms.sector[i]);
  const double floor_demand =
      1e-9 * (w.local_demand[model::market_index(w.firms.territory[i], w.firms.sector[i])] +
              w.environment.external_demand_eur[sector]);
  CHECK(w.firms.revenue[i] <= floor_demand * (1.0 + 1e-9));
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
  // Last in, first out (ties by row): everyone kept was hired before everyone laid off.
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

TEST_CASE("a firm located before the labour phase leaves the other employers' layoffs alone",
          "[model][phases][labour]") {
  // A mobile project is appended to the firm table in the strategies phase, after the last
  // grouping of workers by employer slot. The layoffs must still take an initiative's excess
  // staff from its own workers (the appended firm once shifted every SSE slot by one, and
  // initiative j's excess was laid off from initiative j + 1).
  const auto scenario = model::test::tiny_scenario({"labour.quit_rate=0.0"});
  model::Simulation sim(scenario, 13);
  World& w = sim.mutable_world();
  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  std::size_t j = w.sse.size();
  for (std::size_t k = 0; k + 1 < w.sse.size() && j == w.sse.size(); ++k)
    if (w.sse.employees[k] >= 3 && w.sse.employees[k + 1] >= 3 && w.sse.funded_staff[k] == 0)
      j = k;
  REQUIRE(j < w.sse.size());
  w.sse.expected_units[j] = 0.0; // initiative j needs nobody
  const auto staff_j = workers_of(w, EmployerKind::sse, j);
  const auto staff_next = workers_of(w, EmployerKind::sse, j + 1);
  core::RandomStream rng(w.seed, 99, 0, 0);
  model::add_firm(w, 0, model::Sector::traditional_industry, 5, ctx.tick, rng);

  model::match_labour(w, ctx);

  std::size_t kept_j = 0;
  for (const auto r : staff_j)
    kept_j += w.workers.employer_kind[r] == EmployerKind::sse &&
              w.workers.employer_row[r] == static_cast<std::int32_t>(j);
  CHECK(kept_j == 0);
  for (const auto r : staff_next) {
    CHECK(w.workers.employer_kind[r] == EmployerKind::sse);
    CHECK(w.workers.employer_row[r] == static_cast<std::int32_t>(j + 1));
  }
  // The counts kept by the labour phase agree with the workers.
  for (std::size_t k = 0; k < w.sse.size(); ++k)
    CHECK(static_cast<std::size_t>(w.sse.employees[k]) ==
          workers_of(w, EmployerKind::sse, k).size());
  for (std::size_t i = 0; i < w.firms.size(); ++i)
    CHECK(static_cast<std::size_t>(w.firms.employees[i]) ==
          workers_of(w, EmployerKind::firm, i).size());
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
  // Producers' purchases of business services made last month (here: at initialisation).
  const std::vector<double> local_inputs = w.local_input_demand;
  REQUIRE(local_inputs[0] > 0.0);

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
      const double business_services =
          static_cast<model::Sector>(s) == model::Sector::local_services ? local_inputs[t] : 0.0;
      INFO("territory " << t << ", sector " << s);
      CHECK(w.local_demand[model::market_index(static_cast<model::TerritoryIndex>(t),
                                               static_cast<model::Sector>(s))] ==
            Approx(local + procurement[t] * model::kProcurementSplit[s] + business_services)
                .epsilon(1e-12));
    }
    imported += consumption[t] - local_total;
    CHECK(w.local_input_demand[t] == 0.0); // spent
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

TEST_CASE("producers buy their sector's local input share of materials from local services",
          "[model][phases][production]") {
  auto scenario = model::test::tiny_scenario();
  scenario.sectors[static_cast<std::size_t>(model::Sector::traditional_industry)]
      .local_input_share = 0.4;
  model::Simulation sim(scenario, 15);
  World& w = sim.mutable_world();
  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  model::form_demand(w, ctx);
  std::fill(w.local_input_demand.begin(), w.local_input_demand.end(), 0.0);
  model::produce_and_compete(w, ctx);
  // By hand: each producer's materials times its sector's share, by territory; the rest leaves.
  std::vector<double> expected(w.territories.size(), 0.0);
  double materials = 0.0, industry_local = 0.0;
  for (const model::Producers* p : {static_cast<const model::Producers*>(&w.firms),
                                    static_cast<const model::Producers*>(&w.sse)})
    for (std::size_t i = 0; i < p->size(); ++i) {
      const double share =
          scenario.sectors[static_cast<std::size_t>(p->sector[i])].local_input_share;
      expected[p->territory[i]] += share * p->materials[i];
      materials += p->materials[i];
      if (p->sector[i] == model::Sector::traditional_industry)
        industry_local += share * p->materials[i];
    }
  REQUIRE(industry_local > 0.0);
  double local = 0.0;
  for (std::size_t t = 0; t < expected.size(); ++t) {
    CHECK(w.local_input_demand[t] == Approx(expected[t]).epsilon(1e-12));
    local += expected[t];
  }
  CHECK(w.outside.materials == Approx(materials - local).epsilon(1e-12));
}

namespace {

// No random exits and no entry: only the producers a test condemns leave.
const std::vector<std::string> kNoRandomDemography{
    "firms.closure_rate_per_month=0.0", "sse.closure_rate_per_month=0.0",
    "firms.relocation_base_hazard=0.0", "firms.entry_rate_per_month=0.0",
    "sse.entry_rate_per_month=0.0"};

std::size_t indicator(const model::Simulation& sim, std::string_view name) {
  const auto& specs = sim.indicator_specs();
  for (std::size_t k = 0; k < specs.size(); ++k)
    if (specs[k].name == name)
      return k;
  FAIL("no indicator " << name);
  return specs.size();
}

} // namespace

TEST_CASE("a bankrupt firm's jobs are destroyed and its workers become unemployed",
          "[model][phases][entry-exit]") {
  const auto scenario = model::test::tiny_scenario(kNoRandomDemography);
  model::Simulation sim(scenario, 15);
  World& w = sim.mutable_world();
  const std::size_t i = largest_firm(w);
  const auto staff = w.firms.employees[i];
  REQUIRE(staff >= 10);
  REQUIRE(w.firms.employees_last_month[i] == staff);
  const auto id = w.firms.id[i];
  const auto home = w.firms.territory[i];
  const auto staff_rows = workers_of(w, EmployerKind::firm, i);
  // Every other employed worker's employer, by id, to check rows are remapped after the exit.
  std::vector<std::pair<EmployerKind, model::AgentId>> employer(w.workers.size());
  for (std::size_t r = 0; r < w.workers.size(); ++r) {
    const auto row = static_cast<std::size_t>(w.workers.employer_row[r]);
    switch (w.workers.employer_kind[r]) {
    case EmployerKind::firm:
      employer[r] = {EmployerKind::firm, w.firms.id[row]};
      break;
    case EmployerKind::sse:
      employer[r] = {EmployerKind::sse, w.sse.id[row]};
      break;
    default:
      employer[r] = {w.workers.employer_kind[r], row};
    }
  }
  // In distress for one month short of the limit, and still losing money.
  constexpr double kDebt = 2.5e6;
  w.firms.cash[i] = -kDebt;
  w.firms.distress_months[i] = static_cast<std::int16_t>(scenario.firms.bankruptcy_months - 1);
  const auto firms_before = w.firms.size();

  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  model::apply_entry_exit(w, ctx);

  CHECK(w.firms.size() == firms_before - 1);
  CHECK(std::find(w.firms.id.begin(), w.firms.id.end(), id) == w.firms.id.end());
  CHECK(w.flows.firm_deaths[home] == 1);
  CHECK(w.flows.jobs_destroyed[home] == staff);
  CHECK(w.flows.jobs_destroyed[1 - home] == 0);
  CHECK(w.outside.exit_write_offs == kDebt); // creditors outside bear the debt
  for (const auto r : staff_rows) {
    CHECK(w.workers.employer_kind[r] == EmployerKind::none);
    CHECK(w.workers.employer_row[r] == -1);
  }
  std::size_t moved = 0;
  for (std::size_t r = 0; r < w.workers.size(); ++r) {
    if (std::find(staff_rows.begin(), staff_rows.end(), r) != staff_rows.end())
      continue;
    const auto row = static_cast<std::size_t>(w.workers.employer_row[r]);
    if (w.workers.employer_kind[r] == EmployerKind::firm)
      moved += w.firms.id[row] != employer[r].second;
    else if (w.workers.employer_kind[r] == EmployerKind::sse)
      moved += w.sse.id[row] != employer[r].second;
  }
  CHECK(moved == 0);
}

TEST_CASE("a bankruptcy shows in the month's jobs_destroyed and firm_deaths indicators",
          "[model][phases][entry-exit]") {
  const auto scenario = model::test::tiny_scenario(kNoRandomDemography);
  model::Simulation sim(scenario, 16);
  World& w = sim.mutable_world();
  const std::size_t i = largest_firm(w);
  const auto staff = w.firms.employees[i];
  const auto home = w.firms.territory[i];
  w.firms.cash[i] = -1e9; // no month's sales can bring it back above zero
  w.firms.distress_months[i] = static_cast<std::int16_t>(scenario.firms.bankruptcy_months - 1);
  sim.step();
  const auto& frame = sim.last_frame();
  CHECK(frame.at(indicator(sim, "firm_deaths"), home) == 1.0);
  // Layoffs and quits elsewhere add to the exit; the exit alone destroys `staff` jobs.
  CHECK(frame.at(indicator(sim, "jobs_destroyed"), home) >= staff);
  CHECK(frame.at(indicator(sim, "unemployed"), home) >= staff);
}

TEST_CASE("insertion contracts go to the long-term unemployed", "[model][phases][labour]") {
  // Every work-integration vacancy is an insertion slot; nobody starts on an insertion contract.
  const auto scenario = model::test::tiny_scenario(
      {"labour.quit_rate=0.0", "sse.forms.work_integration.insertion_share=1.0"});
  model::Simulation sim(scenario, 17);
  World& w = sim.mutable_world();
  std::fill(w.workers.insertion.begin(), w.workers.insertion.end(), 0);
  model::rebuild_employment(w);
  auto& sse = w.sse;
  // One work-integration enterprise in the town, short of six workers; no other one anywhere.
  std::size_t wise = sse.size();
  for (std::size_t j = 0; j < sse.size(); ++j) {
    if (sse.form[j] == model::SseForm::work_integration)
      sse.form[j] = model::SseForm::association;
    if (wise == sse.size() && sse.territory[j] == 0 && sse.employees[j] >= 2)
      wise = j;
  }
  REQUIRE(wise < sse.size());
  sse.form[wise] = model::SseForm::work_integration;
  const double volunteer_units = scenario.sse.volunteer_productivity * sse.volunteers[wise];
  sse.expected_units[wise] = sse.productivity[wise] * (sse.employees[wise] + 6 + volunteer_units);
  // Town unemployed: spells of 2 months, except `long_term` of them (15 months).
  std::vector<std::size_t> unemployed;
  for (std::size_t r = w.territories.worker_offset[0]; r < w.territories.worker_offset[1]; ++r)
    if (w.workers.employer_kind[r] == EmployerKind::none) {
      unemployed.push_back(r);
      w.workers.unemployment_months[r] = 2;
    }
  REQUIRE(unemployed.size() > 40);
  const auto long_term = GENERATE(3, 20);
  std::vector<std::size_t> long_term_rows;
  for (std::size_t k = 0; k < unemployed.size(); k += unemployed.size() / 25) {
    if (long_term_rows.size() == static_cast<std::size_t>(long_term))
      break;
    long_term_rows.push_back(unemployed[k]);
    w.workers.unemployment_months[unemployed[k]] = 15;
  }
  REQUIRE(long_term_rows.size() == static_cast<std::size_t>(long_term));

  const core::StepContext ctx{w.seed, 0};
  model::apply_shocks(w, ctx);
  model::match_labour(w, ctx);

  const auto slots = sse.vacancies[wise];
  REQUIRE(slots >= 5);
  std::size_t on_insertion = 0;
  for (std::size_t r = 0; r < w.workers.size(); ++r) {
    if (!w.workers.insertion[r])
      continue;
    ++on_insertion;
    INFO("worker " << r);
    CHECK(std::find(long_term_rows.begin(), long_term_rows.end(), r) != long_term_rows.end());
    CHECK(w.workers.employer_kind[r] == EmployerKind::sse);
    CHECK(w.workers.employer_row[r] == static_cast<std::int32_t>(wise));
  }
  CHECK(on_insertion ==
        std::min<std::size_t>(static_cast<std::size_t>(slots), long_term_rows.size()));
  CHECK(sse.insertion_employees[wise] == static_cast<std::int32_t>(on_insertion));
}

TEST_CASE("the wage curve lowers hiring wages where unemployment is high",
          "[model][phases][labour]") {
  const auto scenario = model::test::tiny_scenario();
  model::Simulation sim(scenario, 18);
  const World& initial = sim.world();
  std::size_t r = initial.territories.worker_offset[0];
  while (initial.workers.employer_kind[r] != EmployerKind::none)
    ++r;
  const std::size_t firm = largest_firm(initial);
  const double base_wage =
      scenario.sectors[static_cast<std::size_t>(initial.firms.sector[firm])].wage_eur_month *
      initial.workers.skill[r];
  const double labour_force = static_cast<double>(initial.territories.labour_force[0]);
  const double elasticity = scenario.labour.wage_curve_elasticity;
  REQUIRE(elasticity < 0.0);
  auto wage_at = [&](double unemployment_rate) {
    World w = initial;
    w.flows.unemployed[0] = std::llround(unemployment_rate * labour_force);
    model::hire(w, r, EmployerKind::firm, static_cast<std::int32_t>(firm), 3);
    CHECK(w.workers.employer_kind[r] == EmployerKind::firm);
    CHECK(w.workers.hire_tick[r] == 3);
    CHECK(w.workers.unemployment_months[r] == 0);
    return static_cast<double>(w.workers.wage[r]);
  };
  const double u_low = std::round(0.03 * labour_force) / labour_force;
  const double u_high = std::round(0.30 * labour_force) / labour_force;
  const double low = wage_at(0.03), reference = wage_at(0.075), high = wage_at(0.30);
  CHECK(high < reference);
  CHECK(reference < low);
  // w = base · skill · (u / 7.5%)^elasticity (Blanchflower & Oswald 1994).
  CHECK(low == Approx(base_wage * std::pow(u_low / 0.075, elasticity)).epsilon(1e-6));
  CHECK(high == Approx(base_wage * std::pow(u_high / 0.075, elasticity)).epsilon(1e-6));
  CHECK(high / low == Approx(std::pow(u_high / u_low, elasticity)).epsilon(1e-6));
}

TEST_CASE("entrants get ids above every existing id and rows stay sorted by id",
          "[model][phases][entry-exit]") {
  // Frequent entry and exit so that every tick both append and erase rows.
  const auto scenario = model::test::tiny_scenario(
      {"firms.entry_rate_per_month=0.1", "sse.entry_rate_per_month=0.15",
       "firms.closure_rate_per_month=0.05", "sse.closure_rate_per_month=0.05"});
  model::Simulation sim(scenario, 19);
  std::int64_t firm_entrants = 0, sse_entrants = 0;
  for (int month = 0; month < 8; ++month) {
    const World& w = sim.world();
    const auto firm_max = w.firms.id.empty() ? 0 : w.firms.id.back();
    const auto sse_max = w.sse.id.empty() ? 0 : w.sse.id.back();
    const auto tick = sim.tick();
    sim.step();
    INFO("tick " << tick);
    for (const model::Producers* p : {static_cast<const model::Producers*>(&w.firms),
                                      static_cast<const model::Producers*>(&w.sse)}) {
      CHECK(std::adjacent_find(p->id.begin(), p->id.end(), [](auto a, auto b) { return a >= b; }) ==
            p->id.end());
      const auto previous_max = p == &w.firms ? firm_max : sse_max;
      std::size_t misnumbered = 0;
      for (std::size_t i = 0; i < p->size(); ++i) {
        const bool entrant = p->birth_tick[i] == tick;
        misnumbered += entrant != (p->id[i] > previous_max);
        (p == &w.firms ? firm_entrants : sse_entrants) += entrant;
      }
      CHECK(misnumbered == 0);
    }
    // Workers still point at valid rows, and staff counts match them.
    std::vector<std::int32_t> firm_staff(w.firms.size(), 0), sse_staff(w.sse.size(), 0);
    for (std::size_t r = 0; r < w.workers.size(); ++r) {
      const auto row = w.workers.employer_row[r];
      if (w.workers.employer_kind[r] == EmployerKind::firm) {
        REQUIRE(static_cast<std::size_t>(row) < w.firms.size());
        ++firm_staff[static_cast<std::size_t>(row)];
      } else if (w.workers.employer_kind[r] == EmployerKind::sse) {
        REQUIRE(static_cast<std::size_t>(row) < w.sse.size());
        ++sse_staff[static_cast<std::size_t>(row)];
      }
    }
    CHECK(firm_staff == w.firms.employees);
    CHECK(sse_staff == w.sse.employees);
  }
  CHECK(firm_entrants > 0);
  CHECK(sse_entrants > 0);
}
