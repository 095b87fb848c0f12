#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/game/public_goods.hpp"

using namespace ptcesim::game;

TEST_CASE("diversity is 0 for one type and 1 for an even spread over all types", "[game]") {
  const std::vector<std::int64_t> one{5, 0, 0};
  const std::vector<std::int64_t> even{2, 2, 2};
  const std::vector<std::int64_t> uneven{4, 1, 1};
  CHECK(diversity(one) == 0.0);
  CHECK(diversity(even) == Approx(1.0));
  CHECK(diversity(uneven) > 0.0);
  CHECK(diversity(uneven) < diversity(even));
  // Adding a type raises diversity.
  const std::vector<std::int64_t> two{3, 3, 0};
  CHECK(diversity(two) < diversity(even));
}

TEST_CASE("pool outcome computed by hand", "[game]") {
  PoolParameters p;
  p.contribution_share = 0.1;
  p.synergy_base = 2.0;
  p.diversity_gain = 1.0;
  p.coordination_cost_per_member = 10.0;
  p.size_cost_exponent = 0.0;
  p.facilitation_cost_reduction = 0.5;
  const std::vector<Member> members{{1000, Stance::cooperate}, {1000, Stance::cooperate},
                                    {2000, Stance::free_ride}};
  // C = 0.1·2000 = 200; r = (2 + 1·0.5)·0.8 = 2; K = 10·3·(1 − 0.5·1) = 15;
  // ρ = (2·200 − 15) / 4000 = 0.09625
  const auto out = evaluate_pool(p, members, 0.5, 0.8, 1.0, 0.0);
  CHECK(out.contributions == Approx(200.0));
  CHECK(out.synergy == Approx(2.0));
  CHECK(out.coordination_cost == Approx(15.0));
  CHECK(out.return_rate == Approx(0.09625));
  CHECK(out.contributor_share == Approx(0.5));
  CHECK(net_benefit_rate(p, out, Stance::cooperate) == Approx(0.09625 - 0.1));
  CHECK(net_benefit_rate(p, out, Stance::free_ride) == Approx(0.09625));
  CHECK(net_benefit_rate(p, out, Stance::abstain) == 0.0);
}

TEST_CASE("free riding pays individually unless punished (the social dilemma)", "[game]") {
  PoolParameters p;
  const std::vector<Member> members(8, Member{10000, Stance::cooperate});
  const auto pool = evaluate_pool(p, members, 0.5, 1.0, 1.0, 0.0);
  CHECK(net_benefit_rate(p, pool, Stance::free_ride) >
        net_benefit_rate(p, pool, Stance::cooperate));
  p.pool_punishment = true;
  p.punishment_fine_share = 0.05;
  const auto punished = evaluate_pool(p, members, 0.5, 1.0, 1.0, 0.0);
  CHECK(net_benefit_rate(p, punished, Stance::free_ride) <
        net_benefit_rate(p, punished, Stance::cooperate));
}

TEST_CASE("facilitation lowers coordination cost, larger groups cost more per member",
          "[game]") {
  PoolParameters p;
  const std::vector<Member> small(5, Member{10000, Stance::cooperate});
  const std::vector<Member> large(30, Member{10000, Stance::cooperate});
  const auto bare = evaluate_pool(p, small, 0.5, 1.0, 0.0, 0.0);
  const auto facilitated = evaluate_pool(p, small, 0.5, 1.0, 1.0, 0.0);
  CHECK(facilitated.coordination_cost < bare.coordination_cost);
  CHECK(facilitated.return_rate > bare.return_rate);
  const auto big = evaluate_pool(p, large, 0.5, 1.0, 0.0, 0.0);
  CHECK(big.coordination_cost / 30.0 > bare.coordination_cost / 5.0);
}

TEST_CASE("trust moves toward the observed contributor share", "[game]") {
  CHECK(update_trust(0.5, 1.0, 0.1) == Approx(0.55));
  CHECK(update_trust(0.5, 0.0, 0.1) == Approx(0.45));
  CHECK(update_trust(0.99, 1.0, 1.0) == Approx(1.0));
}

TEST_CASE("Fermi rule", "[game]") {
  CHECK(fermi_probability(1.0, 1.0, 5.0) == Approx(0.5));
  CHECK(fermi_probability(0.0, 1.0, 5.0) == Approx(1.0 / (1.0 + std::exp(-5.0))));
  CHECK(fermi_probability(1.0, 0.0, 5.0) < 0.01);
  CHECK(fermi_probability(0.0, 1e6, 5.0) == Approx(1.0));
  CHECK(fermi_probability(1e6, 0.0, 5.0) == 0.0);
  // Selection intensity 0: random drift.
  CHECK(fermi_probability(0.0, 10.0, 0.0) == Approx(0.5));
}
