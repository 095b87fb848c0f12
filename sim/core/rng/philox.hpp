#pragma once
#include <array>
#include <cstdint>

namespace ptcesim::core {

/// Philox4x32-10 block cipher (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3").
/// A pure function of (counter, key): the basis of every random draw in ptcesim.
using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;

namespace philox_detail {

// Multipliers and Weyl key increments from Salmon et al. (2011), table 2 / Random123.
inline constexpr std::uint32_t kM0 = 0xD2511F53u;
inline constexpr std::uint32_t kM1 = 0xCD9E8D57u;
inline constexpr std::uint32_t kW0 = 0x9E3779B9u;
inline constexpr std::uint32_t kW1 = 0xBB67AE85u;

// One round on four words held in registers; the key is bumped by the caller between rounds.
[[gnu::always_inline]] constexpr void round(std::uint32_t& c0, std::uint32_t& c1, std::uint32_t& c2,
                                            std::uint32_t& c3, std::uint32_t k0,
                                            std::uint32_t k1) noexcept {
  const std::uint64_t p0 = std::uint64_t{kM0} * c0;
  const std::uint64_t p1 = std::uint64_t{kM1} * c2;
  const auto hi0 = static_cast<std::uint32_t>(p0 >> 32);
  const auto hi1 = static_cast<std::uint32_t>(p1 >> 32);
  c0 = hi1 ^ c1 ^ k0;
  c1 = static_cast<std::uint32_t>(p1);
  c2 = hi0 ^ c3 ^ k1;
  c3 = static_cast<std::uint32_t>(p0);
}

} // namespace philox_detail

/// Inline and fully unrolled: a loop with a counter and a first-round test costs about twice
/// the instructions of the ten rounds themselves, and every draw of the model goes through here.
[[nodiscard]] constexpr PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key) noexcept {
  using namespace philox_detail;
  std::uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
  std::uint32_t k0 = key[0], k1 = key[1];
  round(c0, c1, c2, c3, k0, k1);
#pragma GCC unroll 9
  for (int r = 1; r < 10; ++r) {
    k0 += kW0;
    k1 += kW1;
    round(c0, c1, c2, c3, k0, k1);
  }
  return {c0, c1, c2, c3};
}

} // namespace ptcesim::core
