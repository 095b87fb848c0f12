// Strategy revision (docs/model.md, "Strategy revision"): producers imitate a random peer of
// their territory with the Fermi probability (selection intensity β) and explore at a small
// rate; joining, founding, leaving, splitting and dissolving poles follow the new stances.
#include "sim/core/counting_sort.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/cooperation/cooperation.hpp"
#include "sim/model/cooperation/producer_groups.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>

namespace ptcesim::model {

namespace {

bool in_pole(Stance s) {
  return s == Stance::cooperate || s == Stance::free_ride;
}

// Producers of each territory (firms then SSE, id order), for peer sampling.
void index_by_territory(World& w) {
  group_producers(
      w, w.territories.size(),
      [&](std::size_t i) { return static_cast<std::size_t>(w.firms.territory[i]); },
      core::OneCopy{}, [&](std::size_t i) { return static_cast<std::size_t>(w.sse.territory[i]); },
      core::OneCopy{}, w.producer_offset, w.producer_list, w.pole_member_cursor);
}

} // namespace

void revise_strategies(World& w, const core::StepContext& ctx) {
  const auto& cc = w.scenario.cooperation;
  index_by_territory(w);
  const auto& offset = w.producer_offset;
  const auto& list = w.producer_list;
  // 1. Decisions, in parallel, into a buffer: they read only this tick's payoffs.
  auto decide = [&](Producers& p, bool is_sse, std::vector<Stance>& next) {
    next.assign(p.stance.begin(), p.stance.end());
    core::parallel_for_rows(p.size(), [&](std::size_t i) {
      core::RandomStream rng(w.seed, purpose::kStrategyRevision,
                             (is_sse ? std::uint64_t{1} << 40 : 0) + p.id[i], ctx.tick);
      if (rng.uniform01() >= cc.revision_rate)
        return;
      if (rng.uniform01() < cc.exploration_rate) {
        next[i] = static_cast<Stance>(core::uniform_index(rng, game::kStanceCount));
        return;
      }
      const std::size_t t = p.territory[i];
      const std::size_t count = offset[t + 1] - offset[t];
      if (count < 2)
        return;
      const auto [peer_sse, peer_row] = list[offset[t] + core::uniform_index(rng, count)];
      const Producers& peer =
          peer_sse ? static_cast<const Producers&>(w.sse) : static_cast<const Producers&>(w.firms);
      if (rng.uniform01() <
          game::fermi_probability(p.payoff[i], peer.payoff[peer_row], cc.selection_intensity))
        next[i] = peer.stance[peer_row];
    });
  };
  decide(w.firms, false, w.next_stance_firms);
  decide(w.sse, true, w.next_stance_sse);

  // 2. Membership changes, serially in id order (pole sizes change as agents join), on the
  // producers whose stance or membership changes (listed in parallel): for the others the
  // steps below change nothing.
  auto& poles = w.poles;
  auto& changing = w.revising_rows;
  auto apply = [&](Producers& p, bool is_sse, const std::vector<Stance>& next) {
    core::rows_where(
        p.size(),
        [&](std::size_t i) {
          return next[i] != p.stance[i] || (in_pole(next[i]) ? p.pole[i] < 0 : p.pole[i] != -1);
        },
        changing);
    for (const std::uint32_t i : changing) {
      p.stance[i] = next[i];
      if (!in_pole(next[i])) {
        if (p.pole[i] >= 0)
          --poles.members[static_cast<std::size_t>(p.pole[i])];
        p.pole[i] = -1;
        continue;
      }
      if (p.pole[i] >= 0)
        continue;
      // Join the pole of the territory with the best return that still has room; else found one.
      std::int32_t best = -1;
      for (std::size_t k = 0; k < poles.size(); ++k) {
        if (poles.territory[k] != p.territory[i] || poles.members[k] >= cc.max_pole_size)
          continue;
        if (best < 0 || poles.return_rate[k] > poles.return_rate[static_cast<std::size_t>(best)])
          best = static_cast<std::int32_t>(k);
      }
      if (best < 0)
        best = found_pole(w, p.territory[i], origin_of_founder(w, is_sse, i), ctx.tick);
      p.pole[i] = best;
      ++poles.members[static_cast<std::size_t>(best)];
    }
  };
  apply(w.firms, false, w.next_stance_firms);
  apply(w.sse, true, w.next_stance_sse);

  // 3. Exclusion of free riders (option), splitting and dissolution.
  if (cc.exclude_free_riders)
    for (auto* p : {static_cast<Producers*>(&w.firms), static_cast<Producers*>(&w.sse)})
      for (std::size_t i = 0; i < p->size(); ++i)
        if (p->stance[i] == Stance::free_ride && p->pole[i] >= 0 &&
            poles.contributor_share[static_cast<std::size_t>(p->pole[i])] > 0.5) {
          --poles.members[static_cast<std::size_t>(p->pole[i])];
          p->pole[i] = -1;
          p->stance[i] = Stance::abstain;
        }
  const std::size_t before_split = poles.size();
  for (std::size_t k = 0; k < before_split; ++k) {
    if (poles.members[k] <= cc.max_pole_size)
      continue;
    // The pole splits in two: its members beyond half the size limit (highest rows, SSE first)
    // found a new pole of the same origin.
    const auto fresh = found_pole(w, poles.territory[k], poles.origin[k], ctx.tick);
    std::int32_t moved = 0;
    const std::int32_t excess = poles.members[k] - static_cast<std::int32_t>(cc.max_pole_size) / 2;
    for (auto* p : {static_cast<Producers*>(&w.sse), static_cast<Producers*>(&w.firms)})
      for (std::size_t i = p->size(); i-- > 0 && moved < excess;)
        if (p->pole[i] == static_cast<std::int32_t>(k)) {
          p->pole[i] = fresh;
          ++moved;
        }
    poles.members[k] -= moved;
    poles.members[static_cast<std::size_t>(fresh)] += moved;
  }
  auto& dead = w.dead_pole;
  dead.assign(poles.size(), 0);
  for (std::size_t k = 0; k < poles.size(); ++k) {
    const bool young = ctx.tick - poles.birth_tick[k] < 6;
    if ((poles.members[k] < 2 && !young) || poles.members[k] == 0 ||
        poles.low_trust_months[k] >= 12)
      dead[k] = 1;
  }
  // Remap members' pole rows after erasing dissolved poles; their members stand alone.
  auto& new_row = w.pole_row_map;
  new_row.resize(dead.size());
  std::int32_t next_row = 0;
  for (std::size_t k = 0; k < dead.size(); ++k)
    new_row[k] = dead[k] ? -1 : next_row++;
  if (std::find(dead.begin(), dead.end(), 1) != dead.end())
    for (auto* p : {static_cast<Producers*>(&w.firms), static_cast<Producers*>(&w.sse)})
      core::parallel_for_rows(p->size(), [&](std::size_t i) {
        if (p->pole[i] >= 0) {
          p->pole[i] = new_row[static_cast<std::size_t>(p->pole[i])];
          if (p->pole[i] < 0)
            p->stance[i] = Stance::compete;
        }
      });
  core::erase_flagged_rows(poles, dead);
}

} // namespace ptcesim::model
