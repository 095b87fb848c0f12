#include "sim/core/rng/philox.hpp"

namespace ptcesim::core {
namespace {

// Multipliers and Weyl key increments from Salmon et al. (2011), table 2 / Random123.
constexpr std::uint32_t kM0 = 0xD2511F53u;
constexpr std::uint32_t kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u;
constexpr std::uint32_t kW1 = 0xBB67AE85u;

struct HiLo {
  std::uint32_t hi;
  std::uint32_t lo;
};

constexpr HiLo mulhilo(std::uint32_t a, std::uint32_t b) noexcept {
  const std::uint64_t product = std::uint64_t{a} * std::uint64_t{b};
  return {static_cast<std::uint32_t>(product >> 32), static_cast<std::uint32_t>(product)};
}

constexpr PhiloxCounter round(const PhiloxCounter& c, const PhiloxKey& k) noexcept {
  const HiLo p0 = mulhilo(kM0, c[0]);
  const HiLo p1 = mulhilo(kM1, c[2]);
  return {p1.hi ^ c[1] ^ k[0], p1.lo, p0.hi ^ c[3] ^ k[1], p0.lo};
}

} // namespace

PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key) noexcept {
  for (int r = 0; r < 10; ++r) {
    if (r > 0) {
      key[0] += kW0;
      key[1] += kW1;
    }
    counter = round(counter, key);
  }
  return counter;
}

} // namespace ptcesim::core
