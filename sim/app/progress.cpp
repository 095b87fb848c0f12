#include "sim/app/progress.hpp"

#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

namespace ptcesim::app {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "?";
  if (seconds < 60)
    return fmt::format("{:.1f}s", seconds);
  const auto total = static_cast<long>(seconds + 0.5);
  if (total < 3600)
    return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
}

ProgressBar::ProgressBar(std::string label, std::int64_t total, bool quiet)
    : label_(std::move(label)), total_(total > 0 ? total : 1),
      enabled_(!quiet && isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (enabled_ && !finished_)
    std::fputs("\n", stderr);
}

void ProgressBar::update(std::int64_t done) {
  if (!enabled_)
    return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done < total_)
    return;
  last_draw_ = now;
  draw(done);
}

void ProgressBar::finish() {
  if (!enabled_ || finished_)
    return;
  draw(total_);
  std::fputs("\n", stderr);
  finished_ = true;
}

void ProgressBar::draw(std::int64_t done) {
  constexpr int kWidth = 30;
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * kWidth);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = done > 0 ? elapsed * (1.0 - fraction) / fraction : -1.0;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fputs(fmt::format("\r{} [{}] {:3.0f}%  {}/{}  elapsed {}  ETA {}   ", label_, bar,
                         100.0 * fraction, done, total_, format_duration(elapsed),
                         done >= total_ ? "0.0s" : format_duration(eta))
                 .c_str(),
             stderr);
  std::fflush(stderr);
}

} // namespace ptcesim::app
