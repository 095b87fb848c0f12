#include "sim/game/public_goods.hpp"

#include <algorithm>
#include <cmath>

namespace ptcesim::game {

double diversity(std::span<const std::int64_t> type_counts) noexcept {
  double total = 0.0;
  std::size_t present = 0;
  for (const auto n : type_counts)
    if (n > 0) {
      total += static_cast<double>(n);
      ++present;
    }
  if (present < 2)
    return 0.0;
  double entropy = 0.0;
  for (const auto n : type_counts)
    if (n > 0) {
      const double share = static_cast<double>(n) / total;
      entropy -= share * std::log(share);
    }
  // Normalised by the maximum over all possible types, so adding a new type raises it.
  return entropy / std::log(static_cast<double>(type_counts.size()));
}

PoolOutcome evaluate_pool(const PoolParameters& p, std::span<const Member> members,
                          double member_diversity, double trust, double facilitation_coverage,
                          double public_funding) noexcept {
  PoolOutcome out;
  double contributor_revenue = 0.0;
  double free_rider_revenue = 0.0;
  for (const auto& m : members) {
    out.member_revenue += m.revenue;
    if (m.stance == Stance::cooperate)
      contributor_revenue += m.revenue;
    else if (m.stance == Stance::free_ride)
      free_rider_revenue += m.revenue;
  }
  out.contributions = p.contribution_share * contributor_revenue + public_funding;
  out.synergy = (p.synergy_base + p.diversity_gain * std::clamp(member_diversity, 0.0, 1.0)) *
                std::clamp(trust, 0.0, 1.0);
  const double n = static_cast<double>(members.size());
  out.coordination_cost =
      p.coordination_cost_per_member * std::pow(n, 1.0 + p.size_cost_exponent) *
      (1.0 - p.facilitation_cost_reduction * std::clamp(facilitation_coverage, 0.0, 1.0));
  out.contributor_share = out.member_revenue > 0 ? contributor_revenue / out.member_revenue : 0.0;
  if (p.pool_punishment) {
    out.punishment_pool = p.punishment_cost_share * contributor_revenue;
    out.fines = p.punishment_fine_share * free_rider_revenue;
  }
  out.return_rate =
      out.member_revenue > 0
          ? (out.synergy * out.contributions - out.coordination_cost) / out.member_revenue
          : 0.0;
  return out;
}

double net_benefit_rate(const PoolParameters& p, const PoolOutcome& pool, Stance stance) noexcept {
  switch (stance) {
  case Stance::cooperate:
    return pool.return_rate - p.contribution_share -
           (p.pool_punishment ? p.punishment_cost_share : 0.0);
  case Stance::free_ride:
    return pool.return_rate - (p.pool_punishment ? p.punishment_fine_share : 0.0);
  case Stance::compete:
  case Stance::abstain:
    break;
  }
  return 0.0;
}

double update_trust(double trust, double contributor_share, double learning_rate) noexcept {
  return std::clamp(trust + learning_rate * (contributor_share - trust), 0.0, 1.0);
}

double fermi_probability(double self, double peer, double beta) noexcept {
  const double x = -beta * (peer - self);
  if (x > 700.0)
    return 0.0; // exp overflow: the peer is far worse
  return 1.0 / (1.0 + std::exp(x));
}

} // namespace ptcesim::game
