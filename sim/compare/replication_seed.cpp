#include "sim/compare/replication_seed.hpp"

#include "sim/core/rng/philox.hpp"

namespace ptcesim::compare {

std::uint64_t replication_seed(std::uint64_t base_seed, std::uint64_t replication) {
  // A fixed tag in c3 keeps these seeds apart from every model stream.
  constexpr std::uint32_t kReplicationTag = 0x52455053; // "REPS"
  const auto block = core::philox4x32_10(
      {static_cast<std::uint32_t>(replication), static_cast<std::uint32_t>(replication >> 32), 0,
       kReplicationTag},
      {static_cast<std::uint32_t>(base_seed), static_cast<std::uint32_t>(base_seed >> 32)});
  // 63 bits: the seed is written back into the resolved scenario as a TOML integer (signed).
  return ((static_cast<std::uint64_t>(block[1]) << 32) | block[0]) >> 1;
}

} // namespace ptcesim::compare
