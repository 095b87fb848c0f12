#pragma once
#include "sim/core/rng/philox.hpp"

#include <cstdint>

namespace ptcesim::core {

/// What a draw is for. The model layer defines its own values (see sim/model/purposes.hpp);
/// the core only needs them to be distinct.
using Purpose = std::uint32_t;

/// A counter-based random stream keyed by (run seed, purpose, agent id, tick). Draw i of the
/// stream is a pure function of the key and i, so results never depend on thread scheduling.
/// Counter layout: c0 = draw block index, c1 = tick, c2 = agent id (low 32 bits),
/// c3 = agent id (bits 32-47) << 16 | purpose (16 bits). Key = run seed (low word, high word).
/// Purposes must be below 2^16 (asserted in debug builds, masked otherwise); agent ids keep
/// their low 48 bits (kNoAgent, for draws that belong to no agent, maps to 2^48 - 1); the tick
/// keeps its low 32 bits. A stream yields 2^34 words before its block index wraps.
class RandomStream {
public:
  /// Stream positioned at its first word.
  RandomStream(std::uint64_t run_seed, Purpose purpose, std::uint64_t agent,
               std::int64_t tick) noexcept;
  // The draws are inline (every random number of the model passes here); only the cipher
  // call that refills the block, once per four words, is out of line.
  /// Next uniformly distributed 32-bit word.
  [[nodiscard]] std::uint32_t next_u32() noexcept {
    if (used_ == 4)
      refill();
    return block_[used_++];
  }
  /// Next uniformly distributed 64-bit word (two 32-bit words, the first is the low half).
  [[nodiscard]] std::uint64_t next_u64() noexcept {
    const std::uint64_t low = next_u32();
    const std::uint64_t high = next_u32();
    return (high << 32) | low;
  }
  /// Uniform double in [0, 1) with 53 random bits.
  [[nodiscard]] double uniform01() noexcept {
    // Top 53 bits scaled by 2^-53: every value k * 2^-53, k in [0, 2^53), equally likely.
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  }
  /// Uniform double in (0, 1]: safe for log().
  [[nodiscard]] double uniform01_open_low() noexcept {
    return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53;
  }
  /// Number of 32-bit words drawn so far.
  [[nodiscard]] std::uint64_t words_drawn() const noexcept;

private:
  /// Enciphers the next block of the stream into block_.
  void refill() noexcept;

  PhiloxCounter counter_;
  PhiloxKey key_;
  PhiloxCounter block_{};
  std::uint32_t used_ = 4; // words of block_ already consumed
  std::uint32_t blocks_ = 0;
};

} // namespace ptcesim::core
