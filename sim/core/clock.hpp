#pragma once
#include <cstdint>

namespace ptcesim::core {

/// Discrete time. Ticks [0, burn_in) are burn-in; [burn_in, burn_in + horizon) the observed
/// period. The model gives ticks their meaning (one month in ptcesim's economy).
class TickClock {
public:
  TickClock(std::int32_t burn_in, std::int32_t horizon) noexcept
      : burn_in_(burn_in), horizon_(horizon) {}
  [[nodiscard]] std::int32_t tick() const noexcept { return tick_; }
  [[nodiscard]] std::int32_t burn_in() const noexcept { return burn_in_; }
  [[nodiscard]] std::int32_t horizon() const noexcept { return horizon_; }
  [[nodiscard]] std::int32_t total_ticks() const noexcept { return burn_in_ + horizon_; }
  [[nodiscard]] bool in_burn_in() const noexcept { return tick_ < burn_in_; }
  [[nodiscard]] bool finished() const noexcept { return tick_ >= total_ticks(); }
  /// Ticks since the end of burn-in (negative during burn-in).
  [[nodiscard]] std::int32_t observed_tick() const noexcept { return tick_ - burn_in_; }
  void advance() noexcept { ++tick_; }
  /// For checkpoint restore only.
  void restore(std::int32_t tick) noexcept { tick_ = tick; }

private:
  std::int32_t burn_in_;
  std::int32_t horizon_;
  std::int32_t tick_ = 0;
};

} // namespace ptcesim::core
