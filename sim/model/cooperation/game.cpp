// The cooperation game (docs/model.md, "Cooperation game"): each pole plays a public-goods
// game with pooling (sim/game), members' contributions go to the pole's fund and are spent on
// shared services and social innovation, benefits take the form of unit-cost savings and
// competitiveness, trust follows observed contributions; poles form, split and dissolve.
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/cooperation/cooperation.hpp"
#include "sim/model/cooperation/producer_groups.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace ptcesim::model {

namespace {

// Member types for diversity: four groups of firm sectors, four SSE forms, the local
// authority (authority-driven poles) and a research or training body.
constexpr std::size_t kMemberTypes = 10;

std::size_t firm_type(Sector s) {
  switch (s) {
  case Sector::high_tech_industry:
  case Sector::traditional_industry:
    return 0;
  case Sector::local_services:
  case Sector::retail:
    return 1;
  case Sector::agri_food:
    return 2;
  case Sector::construction:
    break;
  }
  return 3;
}

// Shares of the pool's net value that take each economic form (stated assumptions, see
// docs/model.md): pooled purchasing, premises and equipment lower unit costs; cross-selling
// and joint offers raise competitiveness.
constexpr double kCostShare = 0.5;
constexpr double kDemandShare = 1.0;
constexpr double kMaxCostSaving = 0.15;
// The pole fund is spent every month: this share on social innovation (new SSE activity that
// meets unmet needs), the rest on shared services bought locally.
constexpr double kInnovationShare = 0.3;
constexpr double kFacilitatorFteNeeded = 1.0; // per pole (Labo de l'ESS 2020: 3.3 FTE on average)

} // namespace

scenario::PoleOrigin origin_of_founder(const World& w, bool is_sse, std::size_t row) {
  if (!is_sse)
    return scenario::PoleOrigin::entrepreneurial;
  const auto form = w.sse.form[row];
  return (form == SseForm::association || form == SseForm::scic)
             ? scenario::PoleOrigin::citizen
             : scenario::PoleOrigin::entrepreneurial;
}

std::int32_t found_pole(World& w, TerritoryIndex t, scenario::PoleOrigin origin,
                        std::int32_t tick) {
  auto& p = w.poles;
  const std::size_t r = p.size();
  core::resize_rows(p, r + 1);
  p.id[r] = w.pole_ids.allocate();
  p.territory[r] = t;
  p.origin[r] = origin;
  p.birth_tick[r] = tick;
  // An authority-driven pole starts with a formal convention.
  p.charter_tick[r] = origin == scenario::PoleOrigin::local_authority ? tick : -1;
  p.months_with_five[r] = 0;
  p.members[r] = 0;
  p.trust[r] = w.scenario.cooperation.trust_initial;
  p.diversity[r] = 0.0;
  p.fund[r] = 0.0;
  p.contributions[r] = 0.0;
  p.return_rate[r] = 0.0;
  p.contributor_share[r] = 0.0;
  p.facilitation_fte[r] = 0.0;
  p.shared_premises_m2[r] = 0.0;
  p.low_trust_months[r] = 0;
  return static_cast<std::int32_t>(r);
}

void play_cooperation_game(World& w, const core::StepContext& ctx) {
  auto& poles = w.poles;
  const auto& cc = w.scenario.cooperation;
  const std::size_t n_poles = poles.size();
  // Stance payoffs are the game payoff of pole membership relative to standing alone (0), in
  // units of the contribution share c: what the Fermi rule compares in the public-goods-game
  // literature (Hauert et al. 2002; Sigmund et al. 2010). Whole profit margins, which mix in
  // market luck unrelated to the stance, swamped the game's payoff differences.
  const double unit = std::max(cc.contribution_share, 1e-9);
  for (auto* p : {static_cast<Producers*>(&w.firms), static_cast<Producers*>(&w.sse)})
    core::parallel_for_rows(p->size(), [&](std::size_t i) {
      p->pool_cost_saving[i] = 0.0;
      p->pool_demand_bonus[i] = 1.0;
      // Loners' fixed payoff (optional participation, Hauert et al. 2002); competitors 0.
      p->payoff[i] = p->stance[i] == Stance::abstain ? cc.loner_payoff_share / unit : 0.0;
    });
  std::fill(w.innovation_demand.begin(), w.innovation_demand.end(), 0.0);
  if (n_poles == 0)
    return;

  game::PoolParameters params;
  params.contribution_share = cc.contribution_share;
  params.synergy_base = cc.synergy_base;
  params.diversity_gain = cc.diversity_gain;
  params.coordination_cost_per_member = cc.coordination_cost_per_member;
  params.facilitation_cost_reduction = cc.facilitation_cost_reduction;
  params.pool_punishment = cc.pool_punishment;
  params.punishment_cost_share = cc.punishment_cost_share;
  params.punishment_fine_share = cc.punishment_fine_share;

  // Members of each pole, gathered in id order (firms, then SSE initiatives).
  auto& members = w.pole_members;
  auto& offsets = w.pole_member_offset;
  group_producers(
      w, n_poles,
      [&](std::size_t i) { return static_cast<std::size_t>(std::max(0, w.firms.pole[i])); },
      [&](std::size_t i) { return w.firms.pole[i] >= 0 ? 1u : 0u; },
      [&](std::size_t i) { return static_cast<std::size_t>(std::max(0, w.sse.pole[i])); },
      [&](std::size_t i) { return w.sse.pole[i] >= 0 ? 1u : 0u; }, offsets, members,
      w.pole_member_cursor);

  std::vector<game::Member>& inputs = w.pool_inputs;
  for (std::size_t k = 0; k < n_poles; ++k) {
    Producers& firms = w.firms;
    Producers& sse = w.sse;
    inputs.clear();
    std::array<std::int64_t, kMemberTypes> types{};
    for (std::size_t m = offsets[k]; m < offsets[k + 1]; ++m) {
      const auto [is_sse, row] = members[m];
      Producers& p = is_sse ? sse : firms;
      inputs.push_back({std::max(0.0, p.revenue[row]), p.stance[row]});
      ++types[is_sse ? 4 + static_cast<std::size_t>(w.sse.form[row]) : firm_type(p.sector[row])];
    }
    if (poles.origin[k] == scenario::PoleOrigin::local_authority)
      ++types[8];
    if (offsets[k + 1] - offsets[k] >= 5)
      ++types[9]; // a training or research body joins
    poles.members[k] = static_cast<std::int32_t>(offsets[k + 1] - offsets[k]);
    poles.diversity[k] = game::diversity(types);
    const double coverage = w.environment.facilitation_lost[poles.territory[k]]
                                ? 0.0
                                : std::min(1.0, poles.facilitation_fte[k] / kFacilitatorFteNeeded);
    const auto pool =
        game::evaluate_pool(params, inputs, poles.diversity[k], poles.trust[k], coverage, 0.0);
    poles.return_rate[k] = pool.return_rate;
    poles.contributor_share[k] = pool.contributor_share;
    poles.trust[k] = game::update_trust(poles.trust[k], pool.contributor_share, cc.trust_learning);
    // Money: contributions, punishment pool and fines go to the pole fund.
    double inflow = 0.0;
    for (std::size_t m = offsets[k]; m < offsets[k + 1]; ++m) {
      const auto [is_sse, row] = members[m];
      Producers& p = is_sse ? sse : firms;
      const double revenue = std::max(0.0, p.revenue[row]);
      double paid = 0.0;
      if (p.stance[row] == Stance::cooperate)
        paid = revenue *
               (cc.contribution_share + (cc.pool_punishment ? cc.punishment_cost_share : 0.0));
      else if (p.stance[row] == Stance::free_ride && cc.pool_punishment)
        paid = revenue * cc.punishment_fine_share;
      p.cash[row] -= paid;
      inflow += paid;
      // Benefits: economic forms of the pool's net value (none when it is negative).
      const double rho = std::max(0.0, pool.return_rate);
      p.pool_cost_saving[row] = std::min(kMaxCostSaving, kCostShare * rho);
      p.pool_demand_bonus[row] = 1.0 + kDemandShare * rho;
      // Payoff for strategy revision: the game's net benefit rate, in units of c.
      p.payoff[row] = game::net_benefit_rate(params, pool, p.stance[row]) / unit;
    }
    poles.contributions[k] = inflow;
    poles.fund[k] += inflow;
    // The fund is spent every month: social innovation (demand for SSE activity meeting
    // unmet needs) and shared services bought on the local services market.
    const double spend = poles.fund[k];
    poles.fund[k] = 0.0;
    w.innovation_demand[poles.territory[k]] += kInnovationShare * spend;
    w.pole_services_demand[poles.territory[k]] += (1.0 - kInnovationShare) * spend;
    // Formalisation: a charter after a year with at least five members.
    poles.months_with_five[k] = poles.members[k] >= 5 ? poles.months_with_five[k] + 1 : 0;
    if (poles.charter_tick[k] < 0 && poles.months_with_five[k] >= 12)
      poles.charter_tick[k] = ctx.tick;
    poles.low_trust_months[k] = poles.trust[k] < 0.2 ? poles.low_trust_months[k] + 1 : 0;
  }
}

} // namespace ptcesim::model
