#pragma once
// The public-goods game with pooling that poles play, independent of the economy: who
// contributes, what the pool returns, how trust and strategies move. The model layer maps
// revenues and pole members onto these functions (docs/model.md, "Cooperation game").
#include <cstddef>
#include <cstdint>
#include <span>

namespace ptcesim::game {

/// An agent's stance. cooperate and free_ride are pole members (a free rider does not
/// contribute); compete stands alone and cuts prices; abstain stands alone (the loner of
/// optional participation, Hauert et al. 2002).
enum class Stance : std::uint8_t { cooperate, free_ride, compete, abstain };
inline constexpr std::size_t kStanceCount = 4;

/// Parameters of one pool (from [cooperation] of the scenario).
struct PoolParameters {
  double contribution_share = 0.02;          // c: share of revenue a contributor pools
  double synergy_base = 1.6;                 // r at zero diversity and full trust
  double diversity_gain = 0.8;               // extra r at maximal diversity of member types
  double coordination_cost_per_member = 150; // € per member-month without facilitation
  double size_cost_exponent = 0.5;           // coordination cost ∝ n^(1 + exponent)
  double facilitation_cost_reduction = 0.7;  // share of coordination cost a full facilitator saves
  bool pool_punishment = false;              // Sigmund et al. (2010)
  double punishment_cost_share = 0.005;      // κ: contributors' share of revenue for sanctions
  double punishment_fine_share = 0.03;       // γ: free riders' fine as a share of revenue
};

/// One member seen by the pool this month.
struct Member {
  double revenue = 0.0;
  Stance stance = Stance::cooperate; // cooperate or free_ride
};

/// What the pool produced this month.
struct PoolOutcome {
  double contributions = 0.0;     // € pooled by contributors (and public funding)
  double synergy = 0.0;           // effective r
  double coordination_cost = 0.0; // €
  double member_revenue = 0.0;    // Σ revenue of all members
  double return_rate = 0.0;       // ρ: benefit per € of a member's revenue (can be < 0)
  double contributor_share = 0.0; // revenue share of contributors
  double punishment_pool = 0.0;   // € contributors paid for sanctions
  double fines = 0.0;             // € free riders were fined
};

/// Shannon evenness of member types: 0 when all members are of one type, 1 when the
/// `type_counts` are all equal over at least two types (Santos, Santos & Pacheco 2008:
/// diversity sustains cooperation).
[[nodiscard]] double diversity(std::span<const std::int64_t> type_counts) noexcept;

/// Evaluates the pool: contributions C = Σ_coop c·R_i + public_funding; synergy
/// r = (synergy_base + diversity_gain·D)·trust; coordination cost K = k·n^(1+e)·(1 −
/// reduction·facilitation_coverage); return rate ρ = (r·C − K) / Σ R_i.
[[nodiscard]] PoolOutcome evaluate_pool(const PoolParameters& p, std::span<const Member> members,
                                        double member_diversity, double trust,
                                        double facilitation_coverage,
                                        double public_funding) noexcept;

/// Net benefit of one member as a share of its revenue: ρ − c for a contributor (− κ with
/// pool punishment), ρ for a free rider (− γ with pool punishment).
[[nodiscard]] double net_benefit_rate(const PoolParameters& p, const PoolOutcome& pool,
                                      Stance stance) noexcept;

/// Trust moves toward the observed contributor share: τ' = τ + λ(f_C − τ) (Borrelli et al. 2005).
[[nodiscard]] double update_trust(double trust, double contributor_share,
                                  double learning_rate) noexcept;

/// Fermi rule: probability of imitating a peer with payoff `peer` when one's own is `self`,
/// 1 / (1 + exp(−β(peer − self))) (Szabó & Tőke 1998; Traulsen et al. 2006).
[[nodiscard]] double fermi_probability(double self, double peer, double beta) noexcept;

} // namespace ptcesim::game
