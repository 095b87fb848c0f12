#include "sim/core/rng/philox.hpp"
#include "sim/core/rng/stream.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

using ptcesim::core::philox4x32_10;
using ptcesim::core::RandomStream;

namespace {

std::vector<std::uint32_t> words(RandomStream s, std::size_t n) {
  std::vector<std::uint32_t> out(n);
  for (auto& w : out)
    w = s.next_u32();
  return out;
}

} // namespace

TEST_CASE("RandomStream follows the documented counter layout", "[rng][stream]") {
  const std::uint64_t seed = 0x0123456789abcdefull;
  const std::uint32_t purpose = 0xbeefu;
  const std::uint64_t agent = 0x0000a1b2c3d4e5f6ull;
  const std::int64_t tick = 417;
  RandomStream s(seed, purpose, agent, tick);
  const ptcesim::core::PhiloxKey key{0x89abcdefu, 0x01234567u};
  const auto block0 = philox4x32_10({0u, 417u, 0xc3d4e5f6u, (0xa1b2u << 16) | 0xbeefu}, key);
  const auto block1 = philox4x32_10({1u, 417u, 0xc3d4e5f6u, (0xa1b2u << 16) | 0xbeefu}, key);
  for (const std::uint32_t w : block0)
    CHECK(s.next_u32() == w);
  for (const std::uint32_t w : block1)
    CHECK(s.next_u32() == w);
}

TEST_CASE("RandomStream: same key gives the same sequence", "[rng][stream]") {
  const RandomStream a(42, 7, 1234, 12);
  const RandomStream b(42, 7, 1234, 12);
  CHECK(words(a, 1001) == words(b, 1001));
}

TEST_CASE("RandomStream: every key component changes the sequence", "[rng][stream]") {
  const std::uint64_t seed = 42;
  const std::uint32_t purpose = 7;
  const std::uint64_t agent = 1234;
  const std::int64_t tick = 12;
  const auto base = words(RandomStream(seed, purpose, agent, tick), 8);
  std::set<std::vector<std::uint32_t>> distinct{base};
  const std::vector<RandomStream> variants{
      RandomStream(seed + 1, purpose, agent, tick),
      RandomStream(seed | (std::uint64_t{1} << 40), purpose, agent, tick), // high seed word
      RandomStream(seed, purpose + 1, agent, tick),
      RandomStream(seed, 0xffffu, agent, tick),
      RandomStream(seed, purpose, agent + 1, tick),
      RandomStream(seed, purpose, agent | (std::uint64_t{1} << 40), tick), // high agent bits
      RandomStream(seed, purpose, agent, tick + 1),
      RandomStream(seed, purpose, agent, -tick),
  };
  for (const auto& v : variants)
    distinct.insert(words(v, 8));
  CHECK(distinct.size() == variants.size() + 1);
}

TEST_CASE("RandomStream: neighbouring agents and ticks do not share draws", "[rng][stream]") {
  // A stream's later blocks must not coincide with another key's earlier blocks.
  std::set<std::uint32_t> seen;
  std::size_t drawn = 0;
  for (std::uint64_t agent = 0; agent < 16; ++agent)
    for (std::int64_t tick = 0; tick < 16; ++tick) {
      RandomStream s(9, 3, agent, tick);
      for (int i = 0; i < 64; ++i) {
        seen.insert(s.next_u32());
        ++drawn;
      }
    }
  // 16384 random 32-bit words: about 0.03 expected collisions.
  CHECK(seen.size() + 2 >= drawn);
}

TEST_CASE("RandomStream counts words and composes 64-bit draws low word first", "[rng][stream]") {
  RandomStream s(5, 1, 2, 3);
  const auto reference = words(RandomStream(5, 1, 2, 3), 6);
  CHECK(s.words_drawn() == 0);
  CHECK(s.next_u32() == reference[0]);
  CHECK(s.words_drawn() == 1);
  const std::uint64_t x = s.next_u64();
  CHECK(x == ((std::uint64_t{reference[2]} << 32) | reference[1]));
  CHECK(s.words_drawn() == 3);
  (void)s.next_u64();
  CHECK(s.words_drawn() == 5);
  CHECK(s.next_u32() == reference[5]);
}

TEST_CASE("uniform01 lies in [0, 1) and uniform01_open_low in (0, 1]", "[rng][stream]") {
  RandomStream s(77, 2, 0, 0);
  double sum = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    const double v = s.uniform01_open_low();
    REQUIRE(v > 0.0);
    REQUIRE(v <= 1.0);
    sum += u + v;
  }
  // Mean of 2n uniforms: 1/2 with standard error sqrt(1 / (12 * 2n)).
  CHECK(std::abs(sum / (2.0 * n) - 0.5) < 5.0 * std::sqrt(1.0 / (24.0 * n)));
}
