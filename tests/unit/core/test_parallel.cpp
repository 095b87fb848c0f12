#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"

#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace ptcesim::core;

namespace {

// Terms of very different magnitudes, so that any change of summation order changes the bits.
std::vector<double> ill_conditioned_terms(std::size_t n) {
  std::vector<double> terms(n);
  RandomStream s(11, 1, 0, 0);
  for (auto& t : terms)
    t = normal(s, 0.0, 1.0) * std::pow(10.0, uniform(s, -8.0, 8.0));
  return terms;
}

} // namespace

TEST_CASE("deterministic_sum gives the same bits for 1, 2 and 4 threads", "[parallel]") {
  const auto terms = ill_conditioned_terms(100003);
  const auto term = [&](std::size_t i) { return terms[i]; };

  // Reference: fixed 4096-term chunks summed in order, chunk totals added in order.
  double reference = 0.0;
  for (std::size_t lo = 0; lo < terms.size(); lo += 4096) {
    double chunk = 0.0;
    for (std::size_t i = lo; i < std::min(lo + 4096, terms.size()); ++i)
      chunk += terms[i];
    reference += chunk;
  }
  double naive = 0.0;
  for (const double t : terms)
    naive += t;
  // The data must be sensitive to the order, or the test would prove nothing.
  REQUIRE(std::bit_cast<std::uint64_t>(naive) != std::bit_cast<std::uint64_t>(reference));

  std::vector<double> scratch;
  for (const int threads : {1, 2, 4}) {
    INFO(threads << " threads");
    const ThreadLimit limit(threads);
    CHECK(std::bit_cast<std::uint64_t>(deterministic_sum(terms.size(), term, scratch)) ==
          std::bit_cast<std::uint64_t>(reference));
    CHECK(std::bit_cast<std::uint64_t>(deterministic_sum(terms.size(), term)) ==
          std::bit_cast<std::uint64_t>(reference));
  }
  CHECK(deterministic_sum(0, term) == 0.0);
}

TEST_CASE("parallel_for_rows visits each row exactly once", "[parallel]") {
  for (const int threads : {1, 2, 4}) {
    INFO(threads << " threads");
    const ThreadLimit limit(threads);
    std::vector<int> visits(50021, 0);
    parallel_for_rows(
        visits.size(), [&](std::size_t i) { ++visits[i]; }, 64);
    CHECK(std::count(visits.begin(), visits.end(), 1) == static_cast<long>(visits.size()));
  }
  bool called = false;
  parallel_for_rows(0, [&](std::size_t) { called = true; });
  CHECK_FALSE(called);
}

TEST_CASE("ThreadLimit caps oneTBB's parallelism for its lifetime", "[parallel]") {
  const int before = ThreadLimit::active_threads();
  REQUIRE(before >= 1);
  {
    const ThreadLimit limit(1);
    CHECK(ThreadLimit::active_threads() == 1);
  }
  CHECK(ThreadLimit::active_threads() == before);
  {
    const ThreadLimit keep_default(0);
    CHECK(ThreadLimit::active_threads() == before);
  }
}

TEST_CASE("parallel_invoke runs every task once and returns after all of them", "[parallel]") {
  // Three serial sums in row order into separate totals, as the model's phases use it: each
  // total is there, the serial pass's, once the call returns, at any thread count.
  std::vector<double> values(50'000);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = 1.0 / (1.0 + static_cast<double>(i % 977)) * (i % 3 == 0 ? -1.0 : 1.0);
  const auto serial = [&](std::size_t phase) {
    double s = 0.0;
    for (std::size_t i = phase; i < values.size(); i += 3)
      s += values[i];
    return s;
  };
  for (const int threads : {1, 2, 4}) {
    ThreadLimit limit(threads);
    std::array<double, 3> totals{-1.0, -1.0, -1.0};
    std::array<int, 3> runs{};
    parallel_invoke(
        [&] {
          totals[0] = serial(0);
          ++runs[0];
        },
        [&] {
          totals[1] = serial(1);
          ++runs[1];
        },
        [&] {
          totals[2] = serial(2);
          ++runs[2];
        });
    CHECK(runs == std::array<int, 3>{1, 1, 1});
    for (std::size_t k = 0; k < 3; ++k)
      CHECK(totals[k] == serial(k));
  }
}

TEST_CASE("parallel_for_each_of calls the body once per listed item", "[parallel]") {
  // Items listed in a scrambled order, some rows not listed: each listed row is visited once,
  // the others never, at any thread count.
  std::vector<std::uint32_t> order;
  for (std::uint32_t k = 0; k < 5'000; ++k)
    order.push_back((k * 7919u) % 6'007u);
  for (const int threads : {1, 2, 4}) {
    ThreadLimit limit(threads);
    std::vector<int> visits(6'007, 0);
    parallel_for_each_of(std::span<const std::uint32_t>(order), [&](std::size_t row) {
      ++visits[row]; // rows are distinct: no two bodies touch the same counter
    });
    std::vector<int> expected(6'007, 0);
    for (const auto row : order)
      expected[row] = 1;
    CHECK(visits == expected);
  }
}
