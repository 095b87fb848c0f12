#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace ptcesim::app {

/// A one-line progress bar with ETA on stderr. Silent when stderr is not a terminal or when
/// the user asked for --quiet, so logs and pipes stay clean.
class ProgressBar {
public:
  ProgressBar(std::string label, std::int64_t total, bool quiet);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  /// Records that `done` units of `total` are complete; redraws at most ~10 times a second.
  void update(std::int64_t done);
  /// Draws the final state and ends the line.
  void finish();
  [[nodiscard]] bool enabled() const noexcept { return enabled_; }

private:
  void draw(std::int64_t done);
  std::string label_;
  std::int64_t total_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

/// Formats a duration in seconds as "1h02m", "3m05s" or "12.3s".
[[nodiscard]] std::string format_duration(double seconds);

} // namespace ptcesim::app
