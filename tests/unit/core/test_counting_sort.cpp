#include "sim/core/counting_sort.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/soa.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <span>
#include <vector>

using namespace ptcesim::core;

namespace {

// Rows enough for several chunks at 2 and 4 threads, keys in 37 groups with some left empty.
std::vector<std::uint32_t> random_keys(std::size_t n) {
  std::vector<std::uint32_t> keys(n);
  RandomStream s(5, 2, 0, 0);
  for (auto& k : keys)
    k = static_cast<std::uint32_t>(uniform_index(s, 30)) * 37 / 30;
  return keys;
}

} // namespace

TEST_CASE("rows_grouped_by gives a serial counting sort's rows for 1, 2 and 4 threads",
          "[counting_sort]") {
  const auto keys = random_keys(100'003);
  constexpr std::size_t kGroups = 37;
  // Reference: each group's rows in row order, groups one after another.
  std::vector<std::uint32_t> expected;
  std::vector<std::size_t> expected_offset{0};
  for (std::size_t g = 0; g < kGroups; ++g) {
    for (std::uint32_t r = 0; r < keys.size(); ++r)
      if (keys[r] == g)
        expected.push_back(r);
    expected_offset.push_back(expected.size());
  }
  for (const int threads : {1, 2, 4}) {
    ThreadLimit limit(threads);
    std::vector<std::size_t> offset;
    const auto rows = rows_grouped_by(std::span<const std::uint32_t>(keys), kGroups, offset);
    CHECK(offset == expected_offset);
    CHECK(rows == expected);
  }
}

TEST_CASE("ChunkedCountingSort places copies after the given positions, in row order",
          "[counting_sort]") {
  const auto keys = random_keys(60'001);
  constexpr std::size_t kGroups = 37;
  // Row r wants r % 3 copies (none for a third of the rows); group g starts at 5 g + 1000 g.
  const auto copies_of = [](std::size_t r) { return static_cast<std::uint32_t>(r % 3); };
  const auto group_of = [&](std::size_t r) { return static_cast<std::size_t>(keys[r]); };
  std::vector<std::uint64_t> expected_next(kGroups);
  std::vector<std::int64_t> expected(kGroups * 5000, -1);
  for (std::size_t g = 0; g < kGroups; ++g) {
    std::size_t at = g * 5000;
    for (std::uint32_t r = 0; r < keys.size(); ++r)
      if (keys[r] == g)
        for (std::uint32_t k = 0; k < copies_of(r); ++k)
          expected[at++] = r;
    expected_next[g] = at;
  }
  for (const int threads : {1, 2, 4}) {
    ThreadLimit limit(threads);
    ChunkedCountingSort sort;
    sort.count(keys.size(), kGroups, group_of, copies_of);
    for (std::size_t g = 0; g < kGroups; ++g)
      CHECK(sort.total(g) == expected_next[g] - g * 5000);
    std::vector<std::uint64_t> next(kGroups);
    for (std::size_t g = 0; g < kGroups; ++g)
      next[g] = g * 5000;
    std::vector<std::int64_t> placed(kGroups * 5000, -1);
    sort.place(std::span<std::uint64_t>(next), group_of, copies_of,
               [&](std::size_t r, std::size_t position) {
                 placed[position] = static_cast<std::int64_t>(r);
               });
    CHECK(next == expected_next);
    CHECK(placed == expected);
  }
}

TEST_CASE("rows_where lists the kept rows in row order for 1, 2 and 4 threads", "[counting_sort]") {
  const auto keys = random_keys(50'021);
  const auto keep = [&](std::size_t r) { return keys[r] % 7 == 3; };
  std::vector<std::uint32_t> expected;
  for (std::uint32_t r = 0; r < keys.size(); ++r)
    if (keep(r))
      expected.push_back(r);
  REQUIRE(!expected.empty());
  for (const int threads : {1, 2, 4}) {
    ThreadLimit limit(threads);
    std::vector<std::uint32_t> rows{99, 98}; // replaced, not appended to
    rows_where(keys.size(), keep, rows);
    CHECK(rows == expected);
  }
}

TEST_CASE("offsets lay out many groups (a prefix sum over several blocks) as a serial pass",
          "[counting_sort]") {
  // More groups than rows, most empty, some with several rows: the prefix sum runs over
  // several blocks of groups; every offset must equal the serial running total.
  constexpr std::size_t kGroups = 70'001;
  std::vector<std::uint32_t> keys(40'009);
  RandomStream s(11, 3, 0, 0);
  for (auto& k : keys)
    k = static_cast<std::uint32_t>(uniform_index(s, kGroups / 7)) * 7;
  std::vector<std::uint32_t> expected(kGroups + 1, 0);
  for (const auto k : keys)
    ++expected[k + 1];
  for (std::size_t g = 0; g < kGroups; ++g)
    expected[g + 1] += expected[g];
  for (const int threads : {1, 2, 4}) {
    ThreadLimit limit(threads);
    ChunkedCountingSort sort;
    sort.count(
        keys.size(), kGroups, [&](std::size_t r) { return std::size_t{keys[r]}; }, OneCopy{});
    std::vector<std::uint32_t> offset{5, 6, 7}; // replaced
    sort.offsets(offset);
    CHECK(offset == expected);
  }
}
