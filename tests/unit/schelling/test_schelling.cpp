#include "sim/examples/schelling/schelling.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

using ptcesim::schelling::Model;
using ptcesim::schelling::Parameters;

namespace {

// Every agent on exactly one in-grid cell, no cell with two agents, the occupancy grid and the
// empty list in agreement with the agent table, and the agent count unchanged.
void require_consistent(const Model& m, std::size_t expected_agents) {
  const auto& a = m.agents();
  const std::int32_t side = m.parameters().side;
  REQUIRE(a.size() == expected_agents);
  REQUIRE(a.x.size() == a.size());
  REQUIRE(a.y.size() == a.size());
  REQUIRE(a.group.size() == a.size());
  std::set<std::pair<std::int32_t, std::int32_t>> taken;
  for (std::size_t row = 0; row < a.size(); ++row) {
    REQUIRE(a.id[row] == row);
    REQUIRE(a.x[row] >= 0);
    REQUIRE(a.x[row] < side);
    REQUIRE(a.y[row] >= 0);
    REQUIRE(a.y[row] < side);
    REQUIRE(taken.insert({a.x[row], a.y[row]}).second);
    REQUIRE(m.occupant(a.x[row], a.y[row]) == row);
  }
  std::size_t occupied = 0;
  for (std::int32_t y = 0; y < side; ++y)
    for (std::int32_t x = 0; x < side; ++x)
      occupied += m.occupant(x, y) != Model::kEmpty ? 1u : 0u;
  REQUIRE(occupied == a.size());
  const auto empty = m.empty_cells();
  REQUIRE(empty.size() + a.size() ==
          static_cast<std::size_t>(side) * static_cast<std::size_t>(side));
  const std::set<std::pair<std::int32_t, std::int32_t>> distinct(empty.begin(), empty.end());
  REQUIRE(distinct.size() == empty.size());
  for (const auto& [x, y] : empty)
    REQUIRE(m.occupant(x, y) == Model::kEmpty);
}

// Counts same-group neighbours by brute force over the whole grid: the reference for the scan.
std::int32_t brute_force_same_group(const Model& m, std::size_t row) {
  const auto& a = m.agents();
  const std::int32_t r = m.parameters().radius;
  std::int32_t count = 0;
  for (std::size_t other = 0; other < a.size(); ++other) {
    if (other == row)
      continue;
    const std::int32_t dx = a.x[other] - a.x[row];
    const std::int32_t dy = a.y[other] - a.y[row];
    if (dx >= -r && dx <= r && dy >= -r && dy <= r && a.group[other] == a.group[row])
      ++count;
  }
  return count;
}

} // namespace

TEST_CASE("the benchmark cases have the comparisons' parameters") {
  const Parameters large = ptcesim::schelling::large_case();
  CHECK(large.side == 100);
  CHECK(large.agents == 8000);
  CHECK(large.radius == 2);
  CHECK(large.min_same == 8);
  CHECK(large.steps == 20);
  const Parameters small = ptcesim::schelling::small_case();
  CHECK(small.side == 40);
  CHECK(small.agents == 1000);
  CHECK(small.radius == 1);
  CHECK(small.min_same == 3);
  CHECK(small.steps == 20);
}

TEST_CASE("a new world has two equal groups on distinct cells") {
  const Model m(ptcesim::schelling::small_case(), 7);
  require_consistent(m, 1000);
  std::size_t group1 = 0;
  for (const auto g : m.agents().group)
    group1 += g;
  CHECK(group1 == 500);
  CHECK(m.tick() == 0);
}

TEST_CASE("the grid stays consistent while agents move") {
  for (const auto& p : {ptcesim::schelling::small_case(), ptcesim::schelling::large_case()}) {
    Model m(p, 11);
    std::size_t total_moves = 0;
    for (int s = 0; s < 5; ++s) {
      m.step();
      total_moves += m.moves_last_step();
      require_consistent(m, p.agents);
    }
    CHECK(total_moves > 0); // otherwise the test would check nothing
    CHECK(m.tick() == 5);
  }
}

TEST_CASE("same seed, same world, and another seed, another world") {
  const auto p = ptcesim::schelling::small_case();
  Model a(p, 2024);
  Model b(p, 2024);
  Model c(p, 2025);
  a.run(p.steps);
  b.run(p.steps);
  c.run(p.steps);
  CHECK(a.agents().x == b.agents().x);
  CHECK(a.agents().y == b.agents().y);
  CHECK(a.empty_cells() == b.empty_cells());
  CHECK(a.moves_last_step() == b.moves_last_step());
  CHECK((a.agents().x != c.agents().x || a.agents().y != c.agents().y));
}

TEST_CASE("happiness on a hand-drawn 5x5 grid") {
  // Radius 1, happy with at least 2 same-group neighbours. Ids follow reading order:
  //   y=0: A(0) A(1) . B(2) B(3)
  //   y=1: A(4) B(5) . B(6) .
  //   y=2: . . . . .
  //   y=3: B(7) . A(8) . .
  //   y=4: A(9) B(10) . . A(11)
  const std::array<std::string_view, 5> picture{"AA.BB", "AB.B.", ".....", "B.A..", "AB..A"};
  const Model m = Model::from_picture(picture, 1, 2, 1);
  require_consistent(m, 12);
  const std::array<std::int32_t, 12> expected{2, 2, 2, 2, 2, 0, 2, 1, 0, 0, 1, 0};
  const std::array<bool, 12> happy{true, true,  true,  true,  true,  false,
                                   true, false, false, false, false, false};
  for (std::size_t row = 0; row < expected.size(); ++row) {
    INFO("agent " << row);
    CHECK(m.same_group_neighbours(row) == expected[row]);
    CHECK(m.same_group_neighbours(row) == brute_force_same_group(m, row));
    CHECK(m.is_happy(row) == happy[row]);
  }
  CHECK(m.happy_fraction() == Approx(6.0 / 12.0));
}

TEST_CASE("the neighbourhood scan matches brute force at the edges, radius 1 to 5") {
  // Radius 4 and 5 make rows wider than the scan's 8-byte words; full grids test the padding.
  for (const Parameters& p : {Parameters{9, 50, 2, 5, 3}, Parameters{6, 36, 1, 3, 3},
                              Parameters{12, 80, 3, 9, 3}, Parameters{12, 100, 4, 20, 3},
                              Parameters{13, 169, 5, 40, 3}, Parameters{20, 300, 5, 40, 3}}) {
    Model m(p, 5);
    for (int s = 0; s < 3; ++s) {
      for (std::size_t row = 0; row < m.agents().size(); ++row) {
        INFO("radius " << p.radius << ", agent " << row);
        REQUIRE(m.same_group_neighbours(row) == brute_force_same_group(m, row));
      }
      m.step();
    }
  }
}

TEST_CASE("an unhappy agent moves to a cell that was empty, happy agents stay") {
  // Agent 0 (A) has no same-group neighbour and needs 1: it must move. The B pair is happy.
  const std::array<std::string_view, 4> picture{"A...", "....", "..BB", "...."};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Model m = Model::from_picture(picture, 1, 1, seed);
    const auto empty_before = m.empty_cells();
    const std::set<std::pair<std::int32_t, std::int32_t>> was_empty(empty_before.begin(),
                                                                    empty_before.end());
    m.step();
    const auto& a = m.agents();
    INFO("seed " << seed);
    CHECK(was_empty.count({a.x[0], a.y[0]}) == 1);
    CHECK((a.x[1] == 2 && a.y[1] == 2 && a.x[2] == 3 && a.y[2] == 2));
    // The vacated cell is empty now.
    CHECK(m.occupant(0, 0) == Model::kEmpty);
    require_consistent(m, 3);
  }
}

TEST_CASE("segregation: mean happiness rises over the steps of the small case") {
  const auto p = ptcesim::schelling::small_case();
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Model m(p, seed);
    const double before = m.happy_fraction();
    m.run(p.steps);
    INFO("seed " << seed << ": " << before << " -> " << m.happy_fraction());
    CHECK(m.happy_fraction() > before + 0.2);
  }
}

TEST_CASE("invalid parameters are rejected with the field's name") {
  CHECK_THROWS_WITH(Model(Parameters{10, 101, 1, 3, 20}, 1),
                    Catch::Contains("agents: must not exceed side * side = 100"));
  CHECK_THROWS_WITH(Model(Parameters{0, 0, 1, 3, 20}, 1), Catch::Contains("side:"));
  CHECK_THROWS_WITH(Model(Parameters{10, 5, 0, 3, 20}, 1), Catch::Contains("radius:"));
  const std::array<std::string_view, 2> ragged{"AB", "A"};
  CHECK_THROWS_AS(Model::from_picture(ragged, 1, 1, 1), std::invalid_argument);
  const std::array<std::string_view, 2> unknown{"AB", "AC"};
  CHECK_THROWS_WITH(Model::from_picture(unknown, 1, 1, 1), Catch::Contains("got 'C'"));
}
