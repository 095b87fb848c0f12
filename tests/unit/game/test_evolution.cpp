// The evolutionary public goods game against its literature: each qualitative result is
// asserted over a fixed set of seeds with time-averaged frequencies, so that a wrong payoff or
// revision rule makes the test fail.
#include "sim/core/parallel.hpp"
#include "sim/game/evolution.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <vector>

using namespace ptcesim::game;

namespace {

constexpr std::size_t C = 0, D = 1, L = 2, V = 3, W = 4;

EvolutionParameters hauert() {
  EvolutionParameters p; // N = 5, r = 3, c = σ = 1 (Hauert et al. 2002, Fig. 2)
  p.population = 500;
  p.present = {true, true, true, false, false};
  return p;
}

EvolutionParameters sigmund(bool second_order) {
  EvolutionParameters p; // N = 5, r = 3, c = σ = 1, B = G = β = γ = 0.7, M = 100
  p.population = 100;
  p.present = {true, true, true, true, true};
  p.second_order_punishment = second_order;
  p.selection_intensity = 3.0; // strong imitation, close to the papers' best-response limit
  return p;
}

struct SeedStats {
  std::vector<Frequencies> averages;
  std::vector<CycleCount> cycles;
};

SeedStats over_seeds(const EvolutionParameters& p, std::int64_t rounds, int seeds) {
  SeedStats out;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto record = run_evolution(p, static_cast<std::uint64_t>(seed), rounds);
    // The first fifth is the transient from the uniform start.
    out.averages.push_back(time_average(record.frequencies, record.frequencies.size() / 5));
    out.cycles.push_back(count_rock_paper_scissors(record.frequencies, 0.5));
  }
  return out;
}

double mean_of(const SeedStats& s, std::size_t strategy) {
  double total = 0.0;
  for (const auto& a : s.averages)
    total += a[strategy];
  return total / static_cast<double>(s.averages.size());
}

std::vector<double> payoffs_of(const EvolutionParameters& p, std::vector<Strategy> group) {
  std::vector<double> x(group.size());
  play_group(p, group, x);
  return x;
}

} // namespace

TEST_CASE("group payoffs computed by hand", "[game][evolution]") {
  EvolutionParameters p; // r = 3, c = 1, σ = 1, fines and costs 0.7
  using S = Strategy;
  SECTION("public goods shared among participants, loners apart") {
    // 2 cooperators, 1 defector, 2 loners: 3 participants share 3·2 = 6.
    const auto x = payoffs_of(p, {S::cooperator, S::cooperator, S::defector, S::loner, S::loner});
    CHECK(x[0] == Approx(2.0 - 1.0));
    CHECK(x[2] == Approx(2.0));
    CHECK(x[3] == Approx(1.0));
  }
  SECTION("a lone participant does not play") {
    const auto x = payoffs_of(p, {S::cooperator, S::loner, S::loner, S::loner, S::loner});
    for (const double v : x)
      CHECK(v == Approx(1.0));
  }
  SECTION("peer punishment, with second order only where a defector is present") {
    // 1 cooperator, 1 defector, 2 peer punishers, 1 loner: 4 participants share 3·3 = 9.
    p.second_order_punishment = true;
    auto x =
        payoffs_of(p, {S::cooperator, S::defector, S::peer_punisher, S::peer_punisher, S::loner});
    CHECK(x[0] == Approx(2.25 - 1.0 - 2 * 0.7));
    CHECK(x[1] == Approx(2.25 - 2 * 0.7));
    CHECK(x[2] == Approx(2.25 - 1.0 - 0.7 * 2)); // punishes the defector and the cooperator
    // Without a defector nobody reveals the cooperator.
    x = payoffs_of(p, {S::cooperator, S::cooperator, S::peer_punisher, S::peer_punisher, S::loner});
    CHECK(x[0] == Approx(3.0 - 1.0));
    CHECK(x[2] == Approx(3.0 - 1.0));
  }
  SECTION("pool punishment fines whoever did not pay into the pool") {
    // 1 cooperator, 1 defector, 1 peer punisher, 2 pool punishers: share 3·4/5 = 2.4.
    p.second_order_punishment = true;
    const std::vector<S> group{S::cooperator, S::defector, S::peer_punisher, S::pool_punisher,
                               S::pool_punisher};
    auto x = payoffs_of(p, group);
    CHECK(x[0] == Approx(2.4 - 1.0 - 0.7 - 2 * 0.7)); // peer second order + pool second order
    CHECK(x[1] == Approx(2.4 - 0.7 - 2 * 0.7));
    CHECK(x[2] == Approx(2.4 - 1.0 - 0.7 * 2 - 2 * 0.7));
    CHECK(x[3] == Approx(2.4 - 1.0 - 0.7));
    p.second_order_punishment = false;
    x = payoffs_of(p, group);
    CHECK(x[0] == Approx(2.4 - 1.0));
    CHECK(x[2] == Approx(2.4 - 1.0 - 0.7));
  }
}

TEST_CASE("bad parameters are rejected", "[game][evolution]") {
  auto p = hauert();
  p.population = 501;
  CHECK_THROWS_WITH(Evolution(p, 1), Catch::Contains("multiple of game.group_size"));
  p = hauert();
  p.present[C] = false;
  CHECK_THROWS_WITH(Evolution(p, 1), Catch::Contains("always present"));
  p = hauert();
  p.revision_rate = 0.0;
  CHECK_THROWS_WITH(Evolution(p, 1), Catch::Contains("revision_rate"));
}

TEST_CASE("a trajectory depends on the seed only, not on the thread count", "[game][evolution]") {
  auto p = sigmund(true);
  p.population = 2000;
  EvolutionRecord one, two;
  {
    const ptcesim::core::ThreadLimit limit(1);
    one = run_evolution(p, 7, 50);
  }
  {
    const ptcesim::core::ThreadLimit limit(2);
    two = run_evolution(p, 7, 50);
  }
  CHECK(one.frequencies == two.frequencies);
  CHECK(one.mean_payoff == two.mean_payoff);
  CHECK(run_evolution(p, 8, 50).frequencies != one.frequencies);
  // Frequencies are shares of the population.
  for (const auto& f : one.frequencies) {
    double total = 0.0;
    for (const double x : f)
      total += x;
    CHECK(total == Approx(1.0));
  }
}

TEST_CASE("plain public goods game: cooperation collapses when r < N and thrives when r > N",
          "[game][evolution]") {
  auto p = hauert();
  p.present = {true, true, false, false, false};
  const auto collapse = over_seeds(p, 2000, 4);
  for (const auto& a : collapse.averages)
    CHECK(a[C] < 0.05);          // mutation alone keeps a few
  p.multiplication_factor = 7.0; // r > N: contributing pays even alone
  const auto thrive = over_seeds(p, 2000, 4);
  for (const auto& a : thrive.averages)
    CHECK(a[C] > 0.9);
}

TEST_CASE("optional participation sustains cooperation in C -> D -> L -> C cycles "
          "(Hauert et al. 2002)",
          "[game][evolution]") {
  const auto p = hauert();
  const auto optional = over_seeds(p, 3000, 6);
  auto compulsory_p = p;
  compulsory_p.present[L] = false;
  const auto compulsory = over_seeds(compulsory_p, 3000, 6);
  // Cooperation persists with loners and not without them, seed by seed.
  for (std::size_t k = 0; k < optional.averages.size(); ++k) {
    CHECK(optional.averages[k][C] > 0.04);
    CHECK(optional.averages[k][C] > 10 * compulsory.averages[k][C]);
  }
  CHECK(mean_of(optional, C) > 0.1);
  // Dominance rotates in the rock-paper-scissors order, not the reverse.
  std::int64_t forward = 0, backward = 0;
  for (const auto& c : optional.cycles) {
    CHECK(c.forward >= 2);
    forward += c.forward;
    backward += c.backward;
  }
  CHECK(forward >= 30); // at least ten full cycles over the six seeds
  CHECK(forward > 5 * backward);
  // Without loners there is nothing to cycle through.
  for (const auto& c : compulsory.cycles)
    CHECK(c.forward + c.backward <= 2);
}

TEST_CASE("pool punishment prevails over peer punishment with second-order punishment, and "
          "peer punishment without it (Sigmund et al. 2010)",
          "[game][evolution]") {
  constexpr int kSeeds = 8;
  const auto with = over_seeds(sigmund(true), 20000, kSeeds);
  const auto without = over_seeds(sigmund(false), 20000, kSeeds);
  int pool_wins = 0, peer_wins = 0;
  for (int k = 0; k < kSeeds; ++k) {
    pool_wins += with.averages[static_cast<std::size_t>(k)][W] >
                 with.averages[static_cast<std::size_t>(k)][V];
    peer_wins += without.averages[static_cast<std::size_t>(k)][V] >
                 without.averages[static_cast<std::size_t>(k)][W];
  }
  CHECK(pool_wins >= 6);
  CHECK(mean_of(with, W) > 0.6);
  CHECK(mean_of(with, W) > 3 * mean_of(with, V));
  CHECK(peer_wins >= 6);
  CHECK(mean_of(without, V) > 0.5);
  CHECK(mean_of(without, W) < 0.1);
  // The pool keeps defectors out.
  CHECK(mean_of(with, D) < 0.05);
}
