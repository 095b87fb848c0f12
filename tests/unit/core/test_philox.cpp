#include "sim/core/rng/philox.hpp"

#include <catch2/catch.hpp>

using ptcesim::core::philox4x32_10;
using ptcesim::core::PhiloxCounter;
using ptcesim::core::PhiloxKey;

// Known-answer vectors from Random123's kat_vectors (philox4x32, 10 rounds).
TEST_CASE("Philox4x32-10 reproduces Random123's known-answer vectors", "[rng][philox]") {
  CHECK(philox4x32_10({0u, 0u, 0u, 0u}, {0u, 0u}) ==
        PhiloxCounter{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                      {0xffffffffu, 0xffffffffu}) ==
        PhiloxCounter{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                      {0xa4093822u, 0x299f31d0u}) ==
        PhiloxCounter{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("Philox is a pure function and every input word matters", "[rng][philox]") {
  const PhiloxCounter ctr{1u, 2u, 3u, 4u};
  const PhiloxKey key{5u, 6u};
  const PhiloxCounter base = philox4x32_10(ctr, key);
  CHECK(philox4x32_10(ctr, key) == base);
  for (std::size_t i = 0; i < 4; ++i) {
    PhiloxCounter c = ctr;
    c[i] ^= 1u;
    CHECK(philox4x32_10(c, key) != base);
  }
  for (std::size_t i = 0; i < 2; ++i) {
    PhiloxKey k = key;
    k[i] ^= 1u;
    CHECK(philox4x32_10(ctr, k) != base);
  }
}
