#include "sim/model/cooperation/pole_records.hpp"

#include "sim/core/counting_sort.hpp"

#include <algorithm>

namespace ptcesim::model {

namespace {

// The cooperation game lets a knowledge body join from this many producer members.
constexpr std::int32_t kKnowledgeBodyFrom = 5;

bool research_centre_of(const World& w, TerritoryIndex t) {
  const auto& k = w.knowledge;
  for (std::size_t i = 0; i < k.size(); ++i)
    if (k.territory[i] == t)
      return k.is_research[i] != 0;
  return false;
}

} // namespace

std::vector<PoleRecord> pole_records(const World& w, std::int32_t tick) {
  const auto& poles = w.poles;
  std::vector<PoleRecord> out(poles.size());
  if (out.empty()) // no member to look for among the producers
    return out;
  for (std::size_t k = 0; k < poles.size(); ++k) {
    auto& r = out[k];
    r.tick = tick;
    r.pole_id = poles.id[k];
    r.territory = poles.territory[k];
    r.origin = poles.origin[k];
    r.birth_tick = poles.birth_tick[k];
    r.charter_tick = poles.charter_tick[k];
    r.pooled_eur_month = poles.contributions[k];
    r.shared_premises_m2 = poles.shared_premises_m2[k];
    r.facilitation_fte = poles.facilitation_fte[k];
  }
  const auto add = [&](const Producers& p, std::size_t i, bool is_sse) {
    auto& r = out[static_cast<std::size_t>(p.pole[i])];
    if (is_sse)
      ++r.members_sse;
    else if (p.employees[i] >= kLargeFirmEmployees)
      ++r.members_large_firm;
    else
      ++r.members_sme;
    r.jobs += p.employees[i];
    const double revenue = std::max(0.0, p.revenue[i]);
    r.revenue_eur_month += revenue;
    if (is_sse)
      r.social_utility_eur_month += std::clamp(w.sse.social_utility[i], 0.0, 1.0) * revenue;
  };
  // Members found in parallel, added up in row order.
  std::vector<std::uint32_t> members;
  core::rows_where(
      w.firms.size(), [&](std::size_t i) { return w.firms.pole[i] >= 0; }, members);
  for (const std::uint32_t i : members)
    add(w.firms, i, false);
  core::rows_where(
      w.sse.size(), [&](std::size_t i) { return w.sse.pole[i] >= 0; }, members);
  for (const std::uint32_t i : members)
    add(w.sse, i, true);
  for (auto& r : out) {
    const std::int32_t producers = r.members_sse + r.members_sme + r.members_large_firm;
    if (r.origin == scenario::PoleOrigin::local_authority)
      r.members_local_authority = 1;
    if (producers >= kKnowledgeBodyFrom)
      ++(research_centre_of(w, r.territory) ? r.members_research : r.members_training);
    r.members_on_territory = r.members_total();
  }
  return out;
}

} // namespace ptcesim::model
