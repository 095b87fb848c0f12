#include "sim/core/rng/stream.hpp"

#include <cassert>

namespace ptcesim::core {
namespace {

constexpr std::uint64_t kPurposeMask = 0xFFFFu;
constexpr std::uint64_t kAgentMask = (std::uint64_t{1} << 48) - 1;

} // namespace

// Purposes must fit 16 bits (asserted; masked in release builds so the layout never overlaps).
// Agent ids keep their low 48 bits: ids are allocated from 0 upwards and never get near 2^48;
// kNoAgent maps to 2^48 - 1, which a real agent cannot reach either. The tick keeps its low 32
// bits (two's complement), far beyond any horizon.
RandomStream::RandomStream(std::uint64_t run_seed, Purpose purpose, std::uint64_t agent,
                           std::int64_t tick) noexcept
    : counter_{0u, static_cast<std::uint32_t>(static_cast<std::uint64_t>(tick)),
               static_cast<std::uint32_t>(agent & 0xFFFFFFFFu),
               static_cast<std::uint32_t>((((agent & kAgentMask) >> 32) << 16) |
                                          (purpose & kPurposeMask))},
      key_{static_cast<std::uint32_t>(run_seed & 0xFFFFFFFFu),
           static_cast<std::uint32_t>(run_seed >> 32)} {
  assert(purpose <= kPurposeMask && "Purpose must fit 16 bits");
}

void RandomStream::refill() noexcept {
  // c0 counts blocks: 2^32 blocks (16 Gi words) per stream before it wraps.
  counter_[0] = blocks_++;
  block_ = philox4x32_10(counter_, key_);
  used_ = 0;
}

std::uint64_t RandomStream::words_drawn() const noexcept {
  return std::uint64_t{blocks_} * 4u - (4u - used_);
}

} // namespace ptcesim::core
