#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/step_context.hpp"

namespace ptcesim::core {

/// An ordered list of named phases applied to a world once per tick, with the time each takes.
template <class World>
class Pipeline {
public:
  using Phase = std::function<void(World&, const StepContext&)>;

  /// Appends a phase; phases run in the order they were added.
  void add(std::string name, Phase phase) {
    phases_.push_back({std::move(name), std::move(phase), 0.0});
  }

  /// Runs every phase once, in order.
  void run_tick(World& world, const StepContext& ctx) {
    for (auto& p : phases_) {
      const auto start = std::chrono::steady_clock::now();
      p.phase(world, ctx);
      p.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  }

  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& p : phases_) out.push_back(p.name);
    return out;
  }
  /// Cumulated wall time per phase, in the order of names().
  [[nodiscard]] std::vector<double> seconds() const {
    std::vector<double> out;
    for (const auto& p : phases_) out.push_back(p.seconds);
    return out;
  }

private:
  struct Entry {
    std::string name;
    Phase phase;
    double seconds;
  };
  std::vector<Entry> phases_;
};

} // namespace ptcesim::core
