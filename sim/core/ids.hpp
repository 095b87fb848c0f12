#pragma once
#include <cstdint>
#include <limits>

namespace ptcesim::core {

/// Stable identifier of an agent: allocated once, never reused, increasing with creation order.
using AgentId = std::uint64_t;
inline constexpr AgentId kNoAgent = std::numeric_limits<AgentId>::max();

/// Hands out agent ids in increasing order. One allocator per agent type.
class IdAllocator {
public:
  explicit IdAllocator(AgentId first = 0) noexcept : next_(first) {}
  [[nodiscard]] AgentId allocate() noexcept { return next_++; }
  [[nodiscard]] AgentId peek() const noexcept { return next_; }
  /// Allocates `count` consecutive ids at once (what `count` calls of allocate() would give);
  /// returns the first.
  [[nodiscard]] AgentId allocate_block(std::uint64_t count) noexcept {
    const AgentId first = next_;
    next_ += count;
    return first;
  }
  /// For checkpoint restore only.
  void restore(AgentId next) noexcept { next_ = next; }

private:
  AgentId next_;
};

} // namespace ptcesim::core
