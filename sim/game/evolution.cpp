#include "sim/game/evolution.hpp"

#include "sim/core/ids.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ptcesim::game {

namespace {

// Draw purposes of the game alone (no economy runs beside it).
constexpr core::Purpose kInitialStrategy = 0x4701;
constexpr core::Purpose kGrouping = 0x4702;
constexpr core::Purpose kRevision = 0x4703;

std::size_t index(Strategy s) noexcept {
  return static_cast<std::size_t>(s);
}

void require(bool ok, const std::string& message) {
  if (!ok)
    throw std::invalid_argument(message);
}

} // namespace

void check_parameters(const EvolutionParameters& p) {
  require(p.group_size >= 2, "game.group_size: must be at least 2");
  require(p.population >= p.group_size && p.population % p.group_size == 0,
          "game.population: must be a positive multiple of game.group_size");
  require(p.population <= 0xFFFFFFFFu, "game.population: at most 2^32 - 1 agents");
  for (const double x : {p.multiplication_factor, p.contribution, p.loner_payoff, p.peer_fine,
                         p.peer_cost, p.pool_fine, p.pool_cost, p.selection_intensity})
    require(std::isfinite(x) && x >= 0.0, "game: payoff parameters must be finite and >= 0");
  require(p.mutation_rate >= 0.0 && p.mutation_rate <= 1.0,
          "game.mutation_rate: must be in [0, 1]");
  require(p.revision_rate > 0.0 && p.revision_rate <= 1.0, "game.revision_rate: must be in (0, 1]");
  require(p.present[index(Strategy::cooperator)] && p.present[index(Strategy::defector)],
          "game: cooperators and defectors are always present");
}

void play_group(const EvolutionParameters& p, std::span<const Strategy> members,
                std::span<double> payoffs) noexcept {
  std::array<std::int64_t, kStrategyCount> n{};
  for (const auto s : members)
    ++n[index(s)];
  const auto participants = static_cast<std::int64_t>(members.size()) - n[index(Strategy::loner)];
  if (participants < 2) {
    // No game with fewer than two participants (Hauert et al. 2002): everyone gets σ.
    for (auto& x : payoffs)
      x = p.loner_payoff;
    return;
  }
  const auto cooperators = static_cast<double>(n[index(Strategy::cooperator)]);
  const auto defectors = static_cast<double>(n[index(Strategy::defector)]);
  const auto peers = static_cast<double>(n[index(Strategy::peer_punisher)]);
  const auto pools = static_cast<double>(n[index(Strategy::pool_punisher)]);
  const double contributors = cooperators + peers + pools;
  const double share =
      p.multiplication_factor * p.contribution * contributors / static_cast<double>(participants);
  // Peer punishers see a cooperator's failure to punish only where there is a defector to
  // punish; the pool exposes it always (Sigmund et al. 2010).
  const bool peer_second_order = p.second_order_punishment && defectors > 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    double x = 0.0;
    switch (members[i]) {
    case Strategy::loner:
      x = p.loner_payoff;
      break;
    case Strategy::defector:
      x = share - p.peer_fine * peers - p.pool_fine * pools;
      break;
    case Strategy::cooperator:
      x = share - p.contribution;
      if (peer_second_order)
        x -= p.peer_fine * peers;
      if (p.second_order_punishment)
        x -= p.pool_fine * pools;
      break;
    case Strategy::peer_punisher:
      x = share - p.contribution -
          p.peer_cost * (defectors + (peer_second_order ? cooperators : 0));
      if (p.second_order_punishment)
        x -= p.pool_fine * pools; // it did not pay into the sanction pool
      break;
    case Strategy::pool_punisher:
      x = share - p.contribution - p.pool_cost;
      break;
    }
    payoffs[i] = x;
  }
}

Evolution::Evolution(const EvolutionParameters& p, std::uint64_t seed) : p_(p), seed_(seed) {
  check_parameters(p_);
  for (std::size_t s = 0; s < kStrategyCount; ++s)
    if (p_.present[s])
      present_list_.push_back(static_cast<Strategy>(s));
  strategy_.resize(p_.population);
  next_.resize(p_.population);
  payoff_.assign(p_.population, 0.0);
  order_.resize(p_.population);
  for (std::size_t i = 0; i < p_.population; ++i) {
    core::RandomStream rng(seed_, kInitialStrategy, i, 0);
    strategy_[i] = present_list_[core::uniform_index(rng, present_list_.size())];
  }
}

void Evolution::step() {
  // Random groups: a fresh partition of the population every round.
  for (std::size_t i = 0; i < order_.size(); ++i)
    order_[i] = static_cast<std::uint32_t>(i);
  core::RandomStream shuffle_rng(seed_, kGrouping, core::kNoAgent, round_);
  core::shuffle(shuffle_rng, std::span<std::uint32_t>(order_));
  const std::size_t n = p_.group_size;
  const std::size_t groups = p_.population / n;
  core::parallel_for_rows(
      groups,
      [&](std::size_t g) {
        std::array<Strategy, 64> local_members{};
        std::array<double, 64> local_payoffs{};
        std::vector<Strategy> big_members;
        std::vector<double> big_payoffs;
        std::span<Strategy> members(local_members.data(), std::min<std::size_t>(n, 64));
        std::span<double> payoffs(local_payoffs.data(), std::min<std::size_t>(n, 64));
        if (n > 64) {
          big_members.resize(n);
          big_payoffs.resize(n);
          members = big_members;
          payoffs = big_payoffs;
        }
        for (std::size_t k = 0; k < n; ++k)
          members[k] = strategy_[order_[g * n + k]];
        play_group(p_, members, payoffs);
        for (std::size_t k = 0; k < n; ++k)
          payoff_[order_[g * n + k]] = payoffs[k];
      },
      64);

  // Revisions read last round's strategies and payoffs only: synchronous, row by row.
  const double beta = p_.selection_intensity;
  core::parallel_for_rows(p_.population, [&](std::size_t i) {
    core::RandomStream rng(seed_, kRevision, i, round_);
    next_[i] = strategy_[i];
    if (!core::bernoulli(rng, p_.revision_rate))
      return;
    if (core::bernoulli(rng, p_.mutation_rate)) {
      next_[i] = present_list_[core::uniform_index(rng, present_list_.size())];
      return;
    }
    // A random model other than oneself.
    auto j = static_cast<std::size_t>(core::uniform_index(rng, p_.population - 1));
    if (j >= i)
      ++j;
    const double imitate = 1.0 / (1.0 + std::exp(-beta * (payoff_[j] - payoff_[i])));
    if (core::bernoulli(rng, imitate))
      next_[i] = strategy_[j];
  });
  double total = 0.0;
  for (const double x : payoff_)
    total += x;
  mean_payoff_ = total / static_cast<double>(p_.population);
  strategy_.swap(next_);
  ++round_;
}

Frequencies Evolution::frequencies() const noexcept {
  Frequencies f{};
  for (const auto s : strategy_)
    f[index(s)] += 1.0;
  for (auto& x : f)
    x /= static_cast<double>(strategy_.size());
  return f;
}

EvolutionRecord run_evolution(const EvolutionParameters& p, std::uint64_t seed,
                              std::int64_t rounds) {
  Evolution evolution(p, seed);
  EvolutionRecord record;
  record.frequencies.reserve(static_cast<std::size_t>(rounds) + 1);
  record.mean_payoff.reserve(static_cast<std::size_t>(rounds) + 1);
  record.frequencies.push_back(evolution.frequencies());
  record.mean_payoff.push_back(0.0);
  for (std::int64_t t = 0; t < rounds; ++t) {
    evolution.step();
    record.frequencies.push_back(evolution.frequencies());
    record.mean_payoff.push_back(evolution.mean_payoff());
  }
  return record;
}

Frequencies time_average(std::span<const Frequencies> frequencies, std::size_t from) {
  Frequencies mean{};
  if (from >= frequencies.size())
    return mean;
  for (std::size_t t = from; t < frequencies.size(); ++t)
    for (std::size_t s = 0; s < kStrategyCount; ++s)
      mean[s] += frequencies[t][s];
  for (auto& x : mean)
    x /= static_cast<double>(frequencies.size() - from);
  return mean;
}

CycleCount count_rock_paper_scissors(std::span<const Frequencies> frequencies, double threshold) {
  constexpr std::size_t kNone = kStrategyCount;
  // The successor of each strategy in the cycle C → D → L → C.
  auto successor = [](std::size_t s) -> std::size_t {
    switch (static_cast<Strategy>(s)) {
    case Strategy::cooperator:
      return index(Strategy::defector);
    case Strategy::defector:
      return index(Strategy::loner);
    case Strategy::loner:
      return index(Strategy::cooperator);
    default:
      return kNone;
    }
  };
  CycleCount count;
  std::size_t last = kNone;
  for (const auto& f : frequencies) {
    std::size_t dominant = kNone;
    for (std::size_t s = 0; s < kStrategyCount; ++s)
      if (f[s] > threshold)
        dominant = s;
    if (dominant == kNone || dominant == last)
      continue;
    if (last != kNone) {
      if (successor(last) == dominant)
        ++count.forward;
      else if (successor(dominant) == last)
        ++count.backward;
      else
        ++count.other;
    }
    last = dominant;
  }
  return count;
}

} // namespace ptcesim::game
