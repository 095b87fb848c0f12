#pragma once
#include <array>
#include <cstdint>

namespace ptcesim::core {

/// Philox4x32-10 block cipher (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3").
/// A pure function of (counter, key): the basis of every random draw in ptcesim.
using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;
[[nodiscard]] PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key) noexcept;

} // namespace ptcesim::core
