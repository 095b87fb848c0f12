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

std::uint32_t RandomStream::next_u32() noexcept {
  if (used_ == 4) {
    // c0 counts blocks: 2^32 blocks (16 Gi words) per stream before it wraps.
    counter_[0] = blocks_++;
    block_ = philox4x32_10(counter_, key_);
    used_ = 0;
  }
  return block_[used_++];
}

std::uint64_t RandomStream::next_u64() noexcept {
  const std::uint64_t low = next_u32();
  const std::uint64_t high = next_u32();
  return (high << 32) | low;
}

double RandomStream::uniform01() noexcept {
  // Top 53 bits scaled by 2^-53: every value k * 2^-53, k in [0, 2^53), equally likely.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double RandomStream::uniform01_open_low() noexcept {
  return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53;
}

std::uint64_t RandomStream::words_drawn() const noexcept {
  return std::uint64_t{blocks_} * 4u - (4u - used_);
}

} // namespace ptcesim::core
