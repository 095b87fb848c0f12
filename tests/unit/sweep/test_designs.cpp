// Design properties: Latin hypercube strata, full factorial coverage, Morris trajectory
// structure, Saltelli blocks, determinism from the seed.
#include "sim/sweep/design.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace ptcesim::sweep;

TEST_CASE("a Latin hypercube puts exactly one point in each stratum of each dimension",
          "[sweep][design]") {
  for (const std::size_t n : {1u, 7u, 64u, 1000u}) {
    const std::size_t k = 5;
    const auto points = latin_hypercube(n, k, 42);
    REQUIRE(points.size() == n);
    for (std::size_t j = 0; j < k; ++j) {
      std::vector<int> hits(n, 0);
      for (const auto& p : points) {
        REQUIRE(p.size() == k);
        REQUIRE(p[j] >= 0.0);
        REQUIRE(p[j] < 1.0);
        ++hits[static_cast<std::size_t>(std::floor(p[j] * static_cast<double>(n)))];
      }
      CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    }
  }
}

TEST_CASE("Latin hypercube strata are permuted independently per dimension", "[sweep][design]") {
  const std::size_t n = 200;
  const auto points = latin_hypercube(n, 3, 9);
  const auto stratum = [&](std::size_t i, std::size_t j) {
    return static_cast<long>(std::floor(points[i][j] * static_cast<double>(n)));
  };
  std::size_t same01 = 0, same12 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    same01 += stratum(i, 0) == stratum(i, 1);
    same12 += stratum(i, 1) == stratum(i, 2);
  }
  // Two independent random permutations share about one fixed point; identical ones share n.
  CHECK(same01 < 10);
  CHECK(same12 < 10);
}

TEST_CASE("designs are deterministic for a seed and differ across seeds", "[sweep][design]") {
  CHECK(latin_hypercube(50, 4, 1) == latin_hypercube(50, 4, 1));
  CHECK(latin_hypercube(50, 4, 1) != latin_hypercube(50, 4, 2));
  CHECK(random_points(50, 4, 1) == random_points(50, 4, 1));
  CHECK(random_points(50, 4, 1) != random_points(50, 4, 2));
  CHECK(morris_trajectories(10, 4, 4, 1) == morris_trajectories(10, 4, 4, 1));
  CHECK(morris_trajectories(10, 4, 4, 1) != morris_trajectories(10, 4, 4, 2));
  // A prefix of a random design is the smaller design: point i depends on i alone.
  const auto big = random_points(50, 4, 3);
  const auto small = random_points(10, 4, 3);
  CHECK(std::equal(small.begin(), small.end(), big.begin()));
}

TEST_CASE("a full factorial lists every combination once, last factor fastest", "[sweep][design]") {
  const std::vector<std::size_t> counts{2, 3, 4};
  const auto combos = full_factorial(counts);
  REQUIRE(combos.size() == 24);
  CHECK(combos[0] == std::vector<std::size_t>{0, 0, 0});
  CHECK(combos[1] == std::vector<std::size_t>{0, 0, 1});
  CHECK(combos[4] == std::vector<std::size_t>{0, 1, 0});
  CHECK(combos[23] == std::vector<std::size_t>{1, 2, 3});
  const std::set<std::vector<std::size_t>> unique(combos.begin(), combos.end());
  CHECK(unique.size() == 24);
  for (const auto& c : combos)
    for (std::size_t j = 0; j < counts.size(); ++j)
      CHECK(c[j] < counts[j]);
}

TEST_CASE("Morris trajectories move one factor at a time by the grid step", "[sweep][design]") {
  for (const std::size_t p : {2u, 4u, 6u}) {
    const std::size_t k = 6, r = 25;
    const double delta = morris_delta(p);
    CHECK(delta == Approx(static_cast<double>(p) / (2.0 * static_cast<double>(p - 1))));
    const auto points = morris_trajectories(r, k, p, 2024);
    REQUIRE(points.size() == r * (k + 1));
    std::set<std::vector<std::size_t>> orders;
    for (std::size_t t = 0; t < r; ++t) {
      std::vector<int> moved(k, 0);
      std::vector<std::size_t> order;
      for (std::size_t s = 0; s <= k; ++s) {
        const auto& x = points[t * (k + 1) + s];
        for (const double u : x) { // on the grid {0, 1/(p-1), ..., 1}
          const double level = u * static_cast<double>(p - 1);
          CHECK(std::fabs(level - std::round(level)) < 1e-12);
          CHECK(u >= 0.0);
          CHECK(u <= 1.0);
        }
        if (s == 0)
          continue;
        const auto& before = points[t * (k + 1) + s - 1];
        std::size_t changes = 0;
        for (std::size_t i = 0; i < k; ++i)
          if (x[i] != before[i]) {
            ++changes;
            ++moved[i];
            order.push_back(i);
            CHECK(std::fabs(std::fabs(x[i] - before[i]) - delta) < 1e-12);
          }
        CHECK(changes == 1);
      }
      CHECK(std::all_of(moved.begin(), moved.end(), [](int m) { return m == 1; }));
      orders.insert(order);
    }
    if (k > 2)
      CHECK(orders.size() > 1); // factors change in a random order, not a fixed one
  }
}

TEST_CASE("Morris trajectories move factors both up and down", "[sweep][design]") {
  const auto points = morris_trajectories(40, 3, 4, 5);
  int up = 0, down = 0;
  for (std::size_t row = 0; row + 1 < points.size(); ++row) {
    if ((row + 1) % 4 == 0)
      continue; // next trajectory
    for (std::size_t i = 0; i < 3; ++i) {
      up += points[row + 1][i] > points[row][i];
      down += points[row + 1][i] < points[row][i];
    }
  }
  CHECK(up > 20);
  CHECK(down > 20);
}

TEST_CASE("the Saltelli scheme builds A, B and AB_i from one Sobol' sequence", "[sweep][design]") {
  const std::size_t n = 16, k = 3;
  const auto points = saltelli_points(n, k);
  REQUIRE(points.size() == n * (k + 2));
  const auto base = sobol_points(n, 2 * k);
  for (std::size_t row = 0; row < n; ++row) {
    for (std::size_t j = 0; j < k; ++j) {
      CHECK(points[row][j] == base[row][j]);
      CHECK(points[n + row][j] == base[row][k + j]);
    }
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j)
        CHECK(points[(2 + i) * n + row][j] == (j == i ? base[row][k + j] : base[row][j]));
  }
}
