#pragma once
#include <cstdint>

namespace ptcesim::core {

/// What every phase knows about "now": the run's seed and the tick being computed.
struct StepContext {
  std::uint64_t run_seed = 0;
  std::int32_t tick = 0;
};

} // namespace ptcesim::core
