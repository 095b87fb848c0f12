#pragma once
#include <cstdint>

namespace ptcesim::compare {

/// Seed of replication r, derived from the base seed by the Philox block cipher. Every
/// strategy's replication r uses it: common random numbers, so differences are paired.
[[nodiscard]] std::uint64_t replication_seed(std::uint64_t base_seed, std::uint64_t replication);

} // namespace ptcesim::compare
