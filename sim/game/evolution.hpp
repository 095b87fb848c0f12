#pragma once
// The cooperation game on its own (scenario option cooperation.isolate_game): a well-mixed
// population plays public goods games in random groups every round and revises its strategies
// by payoff-biased imitation (Fermi rule) with mutation. Strategies are those of Hauert et al.
// (2002, Science 296:1129: cooperators, defectors, loners) and Sigmund et al. (2010, Nature
// 466:861: peer and pool punishers, second-order punishment). No economy: this checks the
// game's mechanism against its literature (docs/validation.md, "The cooperation game").
#include "sim/core/rng/stream.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ptcesim::game {

/// A strategy of the evolutionary game. Cooperators and both punishers contribute; defectors
/// participate without contributing; loners stay out and earn the loner payoff σ.
enum class Strategy : std::uint8_t { cooperator, defector, loner, peer_punisher, pool_punisher };
inline constexpr std::size_t kStrategyCount = 5;
/// Names used in files and messages, indexed by Strategy.
inline constexpr std::array<std::string_view, kStrategyCount> kStrategyNames{
    "cooperator", "defector", "loner", "peer_punisher", "pool_punisher"};

/// Parameters of the evolutionary public goods game (scenario section [game]).
struct EvolutionParameters {
  std::size_t population = 1000;      // M, a multiple of group_size
  std::size_t group_size = 5;         // N
  double multiplication_factor = 3.0; // r
  double contribution = 1.0;          // c
  double loner_payoff = 1.0;          // σ
  double peer_fine = 0.7;             // β: fine a peer punisher inflicts on each target
  double peer_cost = 0.7;             // γ: what punishing one target costs a peer punisher
  double pool_fine = 0.7;             // B: fine per pool punisher of the group
  double pool_cost = 0.7;             // G: each pool punisher's payment into the sanction pool
  /// Second-order punishment: pool punishers fine every participant who did not pay into the
  /// sanction pool (cooperators and peer punishers: the pool exposes them even when everyone
  /// contributes); peer punishers punish cooperators, who never sanction, but only where a
  /// defector reveals it.
  bool second_order_punishment = true;
  /// Which strategies exist (cooperators and defectors always do).
  std::array<bool, kStrategyCount> present{true, true, true, false, false};
  double selection_intensity = 1.0; // s of the Fermi rule
  double mutation_rate = 1e-3;      // probability that a revision picks a random strategy
  double revision_rate = 0.1;       // probability that an agent revises in a round
};

/// Checks the parameters; throws std::invalid_argument naming the first bad one.
void check_parameters(const EvolutionParameters& p);

/// Payoffs of one group for one round, written to `payoffs` (same size as `members`).
/// Participants share r·c·(contributors) equally; with fewer than two participants nobody
/// plays and everyone earns σ. Peer punishers pay γ per target and each target pays β per peer
/// punisher; pool punishers pay G and each target pays B per pool punisher.
void play_group(const EvolutionParameters& p, std::span<const Strategy> members,
                std::span<double> payoffs) noexcept;

/// Strategy frequencies: share of the population playing each strategy.
using Frequencies = std::array<double, kStrategyCount>;

/// A population in evolution. Round t's draws are keyed by (seed, purpose, agent, t), so the
/// trajectory is the same for any thread count.
class Evolution {
public:
  /// Initial strategies uniformly drawn among the present ones.
  Evolution(const EvolutionParameters& p, std::uint64_t seed);
  /// One round: random groups, payoffs, then synchronous revisions.
  void step();
  /// Rounds computed so far.
  [[nodiscard]] std::int64_t round() const noexcept { return round_; }
  /// Current strategy frequencies.
  [[nodiscard]] Frequencies frequencies() const noexcept;
  /// Mean payoff of the last round (0 before the first).
  [[nodiscard]] double mean_payoff() const noexcept { return mean_payoff_; }
  /// Every agent's strategy.
  [[nodiscard]] std::span<const Strategy> strategies() const noexcept { return strategy_; }

private:
  EvolutionParameters p_;
  std::uint64_t seed_;
  std::int64_t round_ = 0;
  std::vector<Strategy> strategy_, next_;
  std::vector<double> payoff_;
  std::vector<std::uint32_t> order_;
  std::vector<Strategy> present_list_;
  double mean_payoff_ = 0.0;
};

/// A whole trajectory: frequencies before the first round (row 0) and after each round.
struct EvolutionRecord {
  std::vector<Frequencies> frequencies;
  std::vector<double> mean_payoff; // row 0 is 0
};

/// Runs `rounds` rounds from the seed.
[[nodiscard]] EvolutionRecord run_evolution(const EvolutionParameters& p, std::uint64_t seed,
                                            std::int64_t rounds);

/// Mean frequencies over rows [from, end) of `frequencies`.
[[nodiscard]] Frequencies time_average(std::span<const Frequencies> frequencies, std::size_t from);

/// Transitions between dominant strategies along a trajectory: a strategy dominates while its
/// frequency exceeds `threshold`; consecutive dominances of different strategies are a
/// transition. For the cycle of optional participation C → D → L → C, `forward` counts
/// C→D, D→L and L→C and `backward` the reverse transitions.
struct CycleCount {
  std::int64_t forward = 0;
  std::int64_t backward = 0;
  std::int64_t other = 0; // transitions involving a strategy outside the cycle
};
[[nodiscard]] CycleCount count_rock_paper_scissors(std::span<const Frequencies> frequencies,
                                                   double threshold);

} // namespace ptcesim::game
