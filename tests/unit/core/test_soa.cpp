#include "sim/core/ids.hpp"
#include "sim/core/soa.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

using namespace ptcesim::core;

namespace {

struct Workshops {
  std::vector<AgentId> id;
  std::vector<double> cash;
  std::vector<std::int32_t> employees;
  auto columns() { return std::tie(id, cash, employees); }
};

Workshops three_workshops() {
  Workshops w;
  w.id = {2, 5, 9};
  w.cash = {20.0, 50.0, 90.0};
  w.employees = {1, 4, 7};
  return w;
}

} // namespace

TEST_CASE("find_row locates ids by binary search", "[soa]") {
  const Workshops w = three_workshops();
  CHECK(find_row(w.id, 2) == 0);
  CHECK(find_row(w.id, 5) == 1);
  CHECK(find_row(w.id, 9) == 2);
  CHECK(find_row(w.id, 0) == npos);
  CHECK(find_row(w.id, 6) == npos);
  CHECK(find_row(w.id, 10) == npos);
  CHECK(find_row(std::vector<AgentId>{}, 1) == npos);
}

TEST_CASE("erase_flagged_rows removes whole rows and keeps order", "[soa]") {
  Workshops w = three_workshops();
  w.id.push_back(12);
  w.cash.push_back(120.0);
  w.employees.push_back(10);
  const std::vector<unsigned char> dead{0, 1, 0, 1};
  erase_flagged_rows(w, dead);
  CHECK(row_count(w) == 2);
  CHECK(w.id == std::vector<AgentId>{2, 9});
  CHECK(w.cash == std::vector<double>{20.0, 90.0});
  CHECK(w.employees == std::vector<std::int32_t>{1, 7});

  const std::vector<unsigned char> none{0, 0};
  erase_flagged_rows(w, none);
  CHECK(w.id == std::vector<AgentId>{2, 9});
  const std::vector<unsigned char> all{1, 1};
  erase_flagged_rows(w, all);
  CHECK(row_count(w) == 0);
  CHECK(w.cash.empty());
  CHECK(w.employees.empty());
}

TEST_CASE("erase_flagged_rows keeps exactly the unflagged rows for any flag pattern", "[soa]") {
  // Flag patterns where a wrong keep/drop decision, an off-by-one at the first flagged row or
  // a lost tail would show: none, all, first only, last only, runs, alternating, random.
  // Columns of trivially copyable types take the branch-free path, the string column the other;
  // sparse flags (one row in 16 or fewer: first only, last only, 1 % random) take the path
  // that moves whole runs of kept rows, the others the row-by-row one.
  struct Mixed {
    std::vector<AgentId> id;
    std::vector<double> cash;
    std::vector<std::uint8_t> code;
    std::vector<std::string> name;
    auto columns() { return std::tie(id, cash, code, name); }
  };
  std::uint64_t state = 12345;
  auto next_bit = [&](unsigned percent) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned char>((state >> 33) % 100 < percent ? 1 : 0);
  };
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7},
                              std::size_t{64}, std::size_t{1000}}) {
    std::vector<std::vector<unsigned char>> patterns;
    patterns.emplace_back(n, 0);
    patterns.emplace_back(n, 1);
    if (n > 0) {
      patterns.emplace_back(n, 0);
      patterns.back().front() = 1;
      patterns.emplace_back(n, 0);
      patterns.back().back() = 1;
    }
    std::vector<unsigned char> alternate(n), runs(n);
    for (std::size_t i = 0; i < n; ++i) {
      alternate[i] = static_cast<unsigned char>(i % 2);
      runs[i] = static_cast<unsigned char>((i / 5) % 3 == 1 ? 2 : 0); // any nonzero flag removes
    }
    patterns.push_back(alternate);
    patterns.push_back(runs);
    for (const unsigned percent : {1u, 10u, 50u, 90u}) {
      std::vector<unsigned char> random(n);
      for (auto& d : random)
        d = next_bit(percent);
      patterns.push_back(random);
    }
    for (const auto& dead : patterns) {
      Mixed t;
      Mixed expected;
      for (std::size_t i = 0; i < n; ++i) {
        t.id.push_back(static_cast<AgentId>(3 * i + 1));
        t.cash.push_back(0.5 * static_cast<double>(i));
        t.code.push_back(static_cast<std::uint8_t>(i % 251));
        t.name.push_back("row " + std::to_string(i));
        if (!dead[i]) {
          expected.id.push_back(t.id.back());
          expected.cash.push_back(t.cash.back());
          expected.code.push_back(t.code.back());
          expected.name.push_back(t.name.back());
        }
      }
      erase_flagged_rows(t, dead);
      CHECK(t.id == expected.id);
      CHECK(t.cash == expected.cash);
      CHECK(t.code == expected.code);
      CHECK(t.name == expected.name);
    }
  }
}

TEST_CASE("append_rows moves staged rows to the end and clears the stage", "[soa]") {
  Workshops w = three_workshops();
  IdAllocator ids(10);
  Workshops staged;
  for (int i = 0; i < 2; ++i) {
    staged.id.push_back(ids.allocate());
    staged.cash.push_back(1.0 + i);
    staged.employees.push_back(i);
  }
  append_rows(w, staged);
  CHECK(w.id == std::vector<AgentId>{2, 5, 9, 10, 11});
  CHECK(w.cash == std::vector<double>{20.0, 50.0, 90.0, 1.0, 2.0});
  CHECK(w.employees == std::vector<std::int32_t>{1, 4, 7, 0, 1});
  CHECK(row_count(staged) == 0);
  CHECK(staged.cash.empty());
  CHECK(staged.employees.empty());
  CHECK(find_row(w.id, 11) == 4);
}

TEST_CASE("resize_rows, reserve_rows and payload_bytes act on every column", "[soa]") {
  Workshops w = three_workshops();
  resize_rows(w, 5);
  CHECK(w.id.size() == 5);
  CHECK(w.cash.size() == 5);
  CHECK(w.employees.size() == 5);
  CHECK(w.cash[4] == 0.0);
  CHECK(payload_bytes(w) == 5 * (sizeof(AgentId) + sizeof(double) + sizeof(std::int32_t)));
  reserve_rows(w, 100);
  CHECK(w.id.capacity() >= 100);
  CHECK(w.cash.capacity() >= 100);
  CHECK(w.employees.capacity() >= 100);
}

TEST_CASE("IdAllocator hands out increasing ids and restores", "[soa][ids]") {
  IdAllocator ids(3);
  CHECK(ids.allocate() == 3);
  CHECK(ids.allocate() == 4);
  CHECK(ids.peek() == 5);
  ids.restore(40);
  CHECK(ids.allocate() == 40);
  // A block is what as many single allocations would give, and the next id follows it.
  CHECK(ids.allocate_block(5) == 41);
  CHECK(ids.allocate() == 46);
  CHECK(ids.allocate_block(0) == 47);
  CHECK(ids.peek() == 47);
}

TEST_CASE("rows_grouped_by groups rows by key, in row order within a group", "[soa]") {
  const std::vector<std::uint16_t> keys{2, 0, 2, 1, 0, 2};
  std::vector<std::size_t> offset;
  const auto rows = rows_grouped_by(std::span<const std::uint16_t>(keys), 4, offset);
  CHECK(offset == std::vector<std::size_t>{0, 2, 3, 6, 6}); // group 3 is empty
  CHECK(rows == std::vector<std::uint32_t>{1, 4, 3, 0, 2, 5});
}

TEST_CASE("reorder_rows moves whole rows to the given order", "[soa]") {
  Workshops w = three_workshops();
  const std::vector<std::uint32_t> order{2, 0, 1};
  std::vector<std::byte> scratch;
  reorder_rows(w, std::span<const std::uint32_t>(order), scratch);
  CHECK(w.id == std::vector<AgentId>{9, 2, 5});
  CHECK(w.cash == std::vector<double>{90.0, 20.0, 50.0});
  CHECK(w.employees == std::vector<std::int32_t>{7, 1, 4});
}

TEST_CASE("reorder_rows gathers every block of a large table, reuses its buffer and may drop "
          "rows",
          "[soa]") {
  // A table large enough for several blocks of the copy back, in a shuffled order.
  Workshops reference;
  constexpr std::uint32_t kRows = 200'003;
  for (std::uint32_t r = 0; r < kRows; ++r) {
    reference.id.push_back(r);
    reference.cash.push_back(0.5 * r);
    reference.employees.push_back(static_cast<std::int32_t>(r % 97));
  }
  std::vector<std::uint32_t> order(kRows);
  for (std::uint32_t r = 0; r < kRows; ++r)
    order[r] = (r * 7919u) % kRows; // a permutation: 7919 is prime to kRows
  std::vector<std::byte> scratch;
  SECTION("a permutation") {
    Workshops gathered = reference, expected;
    for (const auto old : order) { // the rows as the order lists them
      expected.id.push_back(reference.id[old]);
      expected.cash.push_back(reference.cash[old]);
      expected.employees.push_back(reference.employees[old]);
    }
    reorder_rows(gathered, std::span<const std::uint32_t>(order), scratch);
    CHECK(gathered.id == expected.id);
    CHECK(gathered.cash == expected.cash);
    CHECK(gathered.employees == expected.employees);
    // The buffer is reused: a second reordering does not grow it.
    const auto size = scratch.size();
    reorder_rows(gathered, std::span<const std::uint32_t>(order), scratch);
    CHECK(scratch.size() == size);
  }
  SECTION("rows left out of the order are dropped") {
    Workshops gathered = reference;
    const std::vector<std::uint32_t> kept(order.begin(), order.begin() + 1000);
    reorder_rows(gathered, std::span<const std::uint32_t>(kept), scratch);
    REQUIRE(gathered.id.size() == 1000);
    for (std::size_t r = 0; r < kept.size(); ++r) {
      CHECK(gathered.id[r] == kept[r]);
      CHECK(gathered.cash[r] == 0.5 * kept[r]);
    }
  }
}
