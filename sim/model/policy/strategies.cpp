// Local-authority strategies (docs/model.md, "Local-authority strategies"): after burn-in, the
// authorities listed in strategy.territories receive the same monthly envelope whatever their
// strategy, and spend it on PTCE instruments (facilitation, shared premises, seed aid for
// social innovation, an incubator, social clauses in procurement) or reindustrialisation
// instruments (grants per job and tax breaks to attract mobile industrial projects, serviced
// land, training tied to the incoming firm, clawback), or split it (mixed). Mobile projects
// choose among territories and an outside option by a logit on attractiveness (Bartik 2018).
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/model/cooperation/cooperation.hpp"
#include "sim/model/initialise.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/policy/policy.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

namespace ptcesim::model {

namespace {

using scenario::StrategyKind;

// Mobile investment projects: strategy.mobile_projects_per_million_month of them (Business
// France 2023: ~1,800 foreign projects, ~40,000 jobs a year for 68M inhabitants ⇒ ~2.2 per
// million inhabitants and month), ~22 jobs each.
constexpr double kMeanProjectJobs = 22.0;
// Logit location choice: attractiveness in "utility" units. The outside option (the rest of
// the country and abroad) is what most projects choose; the weight of incentives is the
// scenario's strategy.incentive_utility_per_1000_eur (Bartik 2018), see docs/model.md.
constexpr double kAgglomerationCoefficient = 0.4; // per log of sector employment
constexpr double kOutsideUtility = 5.0;
constexpr double kIncubationCostEur = 30000.0; // support for one incubated initiative
constexpr double kTrainingCostEur = 5000.0;    // one training course
constexpr double kSkillGain = 0.1;             // skill gained by a trained worker

bool applies(const World& w, std::size_t t) {
  const auto& listed = w.scenario.strategy.territories;
  return listed.empty() ||
         std::find(listed.begin(), listed.end(), w.territories.name[t]) != listed.end();
}

double gumbel(core::RandomStream& rng) {
  return -std::log(-std::log(rng.uniform01_open_low()));
}

// The facilitator's employer in pole k: its largest SSE member (facilitation is usually carried
// by an SSE structure, Labo de l'ESS 2020), else its largest firm; none for an empty pole.
World::ProducerRef carrier_of(const World& w, std::size_t k, bool& found) {
  found = false;
  World::ProducerRef best{true, 0};
  for (const bool is_sse : {true, false}) {
    const Producers& p =
        is_sse ? static_cast<const Producers&>(w.sse) : static_cast<const Producers&>(w.firms);
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p.pole[i] == static_cast<std::int32_t>(k) &&
          (!found || p.employees[i] > (best.is_sse ? w.sse : static_cast<const Producers&>(w.firms))
                                          .employees[best.row])) {
        best = {is_sse, i};
        found = true;
      }
    if (found)
      break;
  }
  return best;
}

void spend_ptce(World& w, std::size_t t, double budget, const core::StepContext& ctx,
                std::span<const std::int64_t> sse_count) {
  const auto& st = w.scenario.strategy;
  auto& a = w.authorities;
  auto& poles = w.poles;
  // Convene a pole when the territory has none: the authority invites local SSE initiatives
  // and firms (the Ecossolies and Périscope pattern); invited producers cooperate.
  bool has_pole = false;
  for (std::size_t k = 0; k < poles.size(); ++k)
    has_pole |= poles.territory[k] == t;
  if (!has_pole) {
    const auto k = found_pole(w, static_cast<TerritoryIndex>(t),
                              scenario::PoleOrigin::local_authority, ctx.tick);
    core::RandomStream rng(w.seed, purpose::kPoleFormation, t, ctx.tick);
    std::int64_t invited = 0;
    const std::int64_t wanted = std::min<std::int64_t>(8, w.scenario.cooperation.max_pole_size);
    for (auto* p : {static_cast<Producers*>(&w.sse), static_cast<Producers*>(&w.firms)})
      for (std::size_t i = 0; i < p->size() && invited < wanted; ++i)
        if (p->territory[i] == t && p->pole[i] < 0 && rng.uniform01() < 0.5) {
          p->pole[i] = k;
          p->stance[i] = Stance::cooperate;
          ++invited;
        }
    poles.members[static_cast<std::size_t>(k)] = static_cast<std::int32_t>(invited);
  }
  // Facilitation: facilitators are hired by each pole's largest SSE member, with the money.
  std::size_t local_poles = 0;
  for (std::size_t k = 0; k < poles.size(); ++k)
    local_poles += poles.territory[k] == t;
  const double facilitation = st.facilitation_share * budget;
  const double fte_cost_month = st.facilitation_fte_cost_eur_year / 12.0;
  const double premises = st.premises_share * budget;
  double spent = 0.0;
  for (std::size_t k = 0; k < poles.size(); ++k) {
    if (poles.territory[k] != t)
      continue;
    const double share = 1.0 / static_cast<double>(local_poles);
    poles.facilitation_fte[k] =
        w.environment.facilitation_lost[t] ? 0.0 : facilitation * share / fte_cost_month;
    poles.shared_premises_m2[k] = premises * share * 12.0 / st.premises_cost_eur_m2_year;
    bool has_carrier = false;
    const auto carrier = carrier_of(w, k, has_carrier);
    if (!has_carrier)
      poles.facilitation_fte[k] = 0.0; // no member to employ a facilitator: nobody is paid
    if (has_carrier && !w.environment.facilitation_lost[t]) {
      Producers& p = carrier.is_sse ? static_cast<Producers&>(w.sse) : w.firms;
      p.funded_staff[carrier.row] =
          static_cast<std::int32_t>(std::floor(poles.facilitation_fte[k]));
      p.cash[carrier.row] += facilitation * share;
      spent += facilitation * share;
    }
  }
  // Shared premises: rent paid to local landlords (local services market); members save land.
  w.pole_services_demand[t] += premises;
  if (premises > 0)
    w.shared_premises_land_saving[t] = 0.5;
  // Seed aid for joint activities: turns unmet needs into SSE activity (social innovation).
  const double seed = st.seed_aid_share * budget;
  w.innovation_demand[t] += seed;
  // Incubator: new SSE initiatives per month, relative to the usual entry.
  const double incubator = st.incubator_share * budget;
  const double sse_here = static_cast<double>(sse_count[t]);
  const double usual_entry = w.scenario.sse.entry_rate_per_month * std::max(1.0, sse_here);
  a.incubator_entry_boost[t] = (incubator / kIncubationCostEur) / usual_entry;
  w.pole_services_demand[t] += incubator; // incubator staff and services, bought locally
  a.social_procurement_share[t] = st.social_procurement_share;
  spent += premises + seed + incubator;
  a.strategy_spent_eur_month[t] += spent;
  w.strategy_pot[t] -= spent;
}

void spend_reindustrialisation(World& w, std::size_t t, double budget) {
  const auto& st = w.scenario.strategy;
  // Training tied to incoming firms: courses bought locally; trained unemployed gain skill.
  const double training = st.training_share * budget;
  auto trainees = static_cast<std::int64_t>(training / kTrainingCostEur);
  auto& workers = w.workers;
  for (std::size_t r = w.territories.worker_offset[t];
       r < w.territories.worker_offset[t + 1] && trainees > 0; ++r)
    if (workers.employer_kind[r] == EmployerKind::none && workers.unemployment_months[r] >= 3) {
      workers.skill[r] = std::min(3.0f, workers.skill[r] * static_cast<float>(1.0 + kSkillGain));
      --trainees;
    }
  w.pole_services_demand[t] += training; // training bodies are local services
  w.authorities.strategy_spent_eur_month[t] += training;
  w.strategy_pot[t] -= training;
  // The rest stays in the pot for grants and serviced land when projects come.
}

// Mobile projects of this tick choose a location; returns nothing, creates attracted firms.
void locate_mobile_projects(World& w, const core::StepContext& ctx) {
  const auto& st = w.scenario.strategy;
  const auto& sc_firms = w.scenario.firms;
  const auto& terr = w.territories;
  const std::size_t n = terr.size();
  double population = 0.0;
  for (const auto p : terr.population)
    population += static_cast<double>(p);
  core::RandomStream rng(w.seed, purpose::kMobileProject, 0, ctx.tick);
  const auto projects = core::poisson(rng, st.mobile_projects_per_million_month * population / 1e6);
  if (projects == 0)
    return;
  // Industrial employment per territory and sector: the agglomeration term.
  auto& sector_jobs = w.market_scratch_d;
  sector_jobs.assign(n * kSectors, 0.0);
  // External shares per sector, summed in firm order once and then kept up to date as
  // attracted firms are appended (the same sums, in the same order, as a pass over all firms
  // per project: one such pass per project was quadratic at the scale of France).
  std::array<double, kSectors> sector_external{};
  sum_by_market_and_sector(
      w.firms, [&](std::size_t i) { return static_cast<double>(w.firms.employees[i]); },
      [&](std::size_t i) { return w.firms.external_share[i]; }, sector_jobs, sector_external);
  for (std::uint64_t j = 0; j < projects; ++j) {
    const Sector sector =
        rng.uniform01() < 0.4
            ? Sector::high_tech_industry
            : (rng.uniform01() < 0.85 ? Sector::traditional_industry : Sector::agri_food);
    const auto jobs = static_cast<std::int32_t>(
        std::max(3.0, std::round(core::lognormal(rng, std::log(kMeanProjectJobs) - 0.5, 1.0))));
    // Utilities with and without incentives, on the same draws.
    double best_with = kOutsideUtility + gumbel(rng), best_without = best_with;
    std::int64_t choice_with = -1, choice_without = -1;
    for (std::size_t t = 0; t < n; ++t) {
      const double grant = w.grant_offer[t];
      const bool can_pay = w.strategy_pot[t] >= grant * jobs + st.serviced_land_ha_per_100_jobs *
                                                                   jobs / 100.0 *
                                                                   st.serviced_land_cost_eur_per_ha;
      const double base =
          kAgglomerationCoefficient *
              std::log1p(sector_jobs[market_index(static_cast<TerritoryIndex>(t), sector)]) +
          gumbel(rng);
      const double with =
          base + (can_pay ? st.incentive_utility_per_1000_eur * grant / 1000.0 : 0.0);
      if (with > best_with) {
        best_with = with;
        choice_with = static_cast<std::int64_t>(t);
      }
      if (base > best_without) {
        best_without = base;
        choice_without = static_cast<std::int64_t>(t);
      }
    }
    if (choice_with >= 0) {
      const auto t = static_cast<std::size_t>(choice_with);
      ++w.location_decisions[t];
      if (choice_with != choice_without)
        ++w.location_by_incentives[t];
      // Subsidy race: authorities that lost this project to another territory bid higher.
      for (std::size_t o = 0; o < n; ++o)
        if (o != t && w.grant_offer[o] > 0)
          w.grant_offer[o] = std::min(4.0 * st.grant_per_job_eur, 1.1 * w.grant_offer[o]);
      core::RandomStream frng(w.seed, purpose::kEntrant,
                              (std::uint64_t{1} << 41) + w.firm_ids.peek(), ctx.tick);
      const std::size_t r =
          add_firm(w, static_cast<TerritoryIndex>(t), sector, jobs, ctx.tick, frng);
      auto& f = w.firms;
      f.max_employees[r] = 0;
      f.external_owned[r] = 1;
      f.mobile[r] = 1;
      f.attracted_tick[r] = ctx.tick;
      // The project brings its own markets: external demand for its capacity.
      const auto s = static_cast<std::size_t>(sector);
      const double capacity_value = f.productivity[r] * jobs * f.price[r];
      w.environment.external_demand_eur[s] += capacity_value;
      f.brought_external_demand_eur[r] = capacity_value;
      f.customer_base[r] = capacity_value / std::pow(1.0 / f.price[r], sc_firms.price_elasticity);
      f.normal_customer_base[r] = f.customer_base[r];
      // The sector's total, the new firm's own (initial) share included.
      const double sector_total = sector_external[s] + f.external_share[r];
      f.external_share[r] = capacity_value / std::max(1.0, w.environment.external_demand_eur[s]) *
                            std::max(1e-9, sector_total);
      sector_external[s] += f.external_share[r];
      f.expected_units[r] = f.productivity[r] * jobs;
      f.cash[r] = 3.0 * jobs * w.scenario.sectors[s].wage_eur_month;
      w.outside.entrant_capital += f.cash[r];
      if (w.grant_offer[t] > 0 && applies(w, t)) {
        const double grant = w.grant_offer[t] * jobs;
        const double land_ha = st.serviced_land_ha_per_100_jobs * jobs / 100.0;
        const double land_cost = land_ha * st.serviced_land_cost_eur_per_ha;
        if (w.strategy_pot[t] >= grant + land_cost) {
          f.cash[r] += grant;
          f.subsidy_per_job_eur_month[r] = grant; // total grant, for a clawback
          f.subsidy_until_tick[r] = ctx.tick + static_cast<std::int32_t>(12.0 * st.tax_break_years);
          w.authorities.serviced_land_ha[t] += land_ha;
          // Servicing land is construction work bought locally.
          w.construction_demand[t] += land_cost;
          w.strategy_pot[t] -= grant + land_cost;
          w.authorities.strategy_spent_eur_month[t] += grant + land_cost;
        }
      }
    }
  }
}

// Poles seeded by the scenario ([[poles]]) are founded when the strategies start, with
// `members` producers of the territory (SSE initiatives first, in id order) cooperating.
void seed_poles(World& w, const core::StepContext& ctx) {
  for (const auto& seeded : w.scenario.poles) {
    const auto it =
        std::find(w.territories.name.begin(), w.territories.name.end(), seeded.territory);
    if (it == w.territories.name.end())
      continue; // the loader has checked the name
    const auto t = static_cast<TerritoryIndex>(it - w.territories.name.begin());
    const auto k = found_pole(w, t, seeded.origin, ctx.tick);
    std::int64_t joined = 0;
    for (auto* p : {static_cast<Producers*>(&w.sse), static_cast<Producers*>(&w.firms)})
      for (std::size_t i = 0; i < p->size() && joined < seeded.members; ++i)
        if (p->territory[i] == t && p->pole[i] < 0) {
          p->pole[i] = k;
          p->stance[i] = Stance::cooperate;
          ++joined;
        }
    w.poles.members[static_cast<std::size_t>(k)] = static_cast<std::int32_t>(joined);
    w.poles.charter_tick[static_cast<std::size_t>(k)] = ctx.tick; // seeded poles are formal
  }
}

} // namespace

void apply_local_strategies(World& w, const core::StepContext& ctx) {
  const auto& st = w.scenario.strategy;
  const std::size_t n = w.territories.size();
  auto& a = w.authorities;
  std::fill(a.strategy_spent_eur_month.begin(), a.strategy_spent_eur_month.end(), 0.0);
  // Facilitator posts are funded month by month: they end when the pole dissolves, loses its
  // facilitation or changes carrier (spend_ptce funds the current carriers again below).
  std::fill(w.sse.funded_staff.begin(), w.sse.funded_staff.end(), 0);
  std::fill(w.firms.funded_staff.begin(), w.firms.funded_staff.end(), 0);
  std::fill(w.location_decisions.begin(), w.location_decisions.end(), 0);
  std::fill(w.location_by_incentives.begin(), w.location_by_incentives.end(), 0);
  if (ctx.tick < w.strategy_start_tick)
    return;
  if (ctx.tick == w.strategy_start_tick)
    seed_poles(w, ctx);
  const double ptce_share = st.kind == StrategyKind::mixed
                                ? st.mixed_ptce_share
                                : (st.kind == StrategyKind::ptce ? 1.0 : 0.0);
  // An instrument family with no money does nothing (no convened pole, no social clauses, no
  // grant offer): mixed with a share of 1 (0) is then exactly ptce (reindustrialisation).
  const bool ptce = st.kind != StrategyKind::none && ptce_share > 0.0;
  const bool reindustrialise = st.kind != StrategyKind::none && ptce_share < 1.0;
  // SSE initiatives per territory (the incubator's reference entry), counted once: spending
  // creates none.
  std::vector<std::int64_t> sse_count;
  if (ptce) {
    sse_count.assign(n, 0);
    for (const auto t : w.sse.territory)
      ++sse_count[t];
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (!applies(w, t) || st.kind == StrategyKind::none)
      continue;
    // The same envelope for every strategy (co-funded by region and State).
    const double envelope =
        st.budget_eur_per_year / 12.0 * w.environment.strategy_budget_multiplier[t];
    w.outside.strategy_envelope += envelope;
    w.strategy_pot[t] += envelope;
    if (ptce)
      spend_ptce(w, t, ptce_share * envelope, ctx, sse_count);
    if (reindustrialise) {
      if (w.grant_offer[t] <= 0)
        w.grant_offer[t] = st.grant_per_job_eur;
      // An authority sitting on more than two years of envelope raises its offer by 10% a
      // year (up to four times the base grant): unspent money is a political cost.
      if (ctx.tick % 12 == 0 && w.strategy_pot[t] > 2.0 * st.budget_eur_per_year)
        w.grant_offer[t] = std::min(4.0 * st.grant_per_job_eur, 1.1 * w.grant_offer[t]);
      spend_reindustrialisation(w, t, (1.0 - ptce_share) * envelope);
    }
  }
  locate_mobile_projects(w, ctx);
}

} // namespace ptcesim::model
