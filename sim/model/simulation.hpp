#pragma once
// A run of the model: the world, the tick clock and the phase pipeline.
#include "sim/core/clock.hpp"
#include "sim/core/pipeline.hpp"
#include "sim/core/records.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ptcesim::model {

/// One simulation run. Same scenario and seed ⇒ same bytes, whatever the thread count.
class Simulation {
public:
  /// Builds the world of `scenario` (docs/model.md, "Initialisation").
  Simulation(const scenario::Scenario& scenario, std::uint64_t seed);
  /// Continues a run from a restored world (a checkpoint, see checkpoint.hpp): `next_tick` is
  /// the next tick to compute; `last_frame` and `last_net_inflow` are those of the tick before.
  Simulation(World world, std::int32_t next_tick, core::IndicatorFrame last_frame,
             double last_net_inflow);
  /// Computes one tick (one month) and records its indicators.
  void step();
  [[nodiscard]] bool finished() const noexcept { return clock_.finished(); }
  /// The next tick to compute.
  [[nodiscard]] std::int32_t tick() const noexcept { return clock_.tick(); }
  [[nodiscard]] std::int32_t total_ticks() const noexcept { return clock_.total_ticks(); }
  [[nodiscard]] std::int32_t burn_in() const noexcept { return clock_.burn_in(); }
  [[nodiscard]] const std::vector<core::IndicatorSpec>& indicator_specs() const noexcept {
    return specs_;
  }
  /// Indicators of the tick just computed.
  [[nodiscard]] const core::IndicatorFrame& last_frame() const noexcept { return frame_; }
  /// Every agent table now, as columns.
  [[nodiscard]] std::vector<core::TableSnapshot> snapshot() const;
  [[nodiscard]] const std::vector<std::string>& territory_names() const noexcept {
    return world_.territories.name;
  }
  [[nodiscard]] std::vector<std::int64_t> territory_populations() const {
    return world_.territories.population;
  }
  /// Fingerprint of all agent state (determinism tests).
  [[nodiscard]] std::uint64_t state_hash() const;
  [[nodiscard]] const World& world() const noexcept { return world_; }
  /// For tests that set up hand-made situations.
  World& mutable_world() noexcept { return world_; }
  /// Cumulated wall time per phase (names, seconds), for profiling and `ptcesim bench`.
  [[nodiscard]] std::vector<std::pair<std::string, double>> phase_seconds() const {
    std::vector<std::pair<std::string, double>> out;
    const auto names = pipeline_.names();
    const auto seconds = pipeline_.seconds();
    for (std::size_t i = 0; i < names.size(); ++i)
      out.emplace_back(names[i], seconds[i]);
    return out;
  }
  /// Net money inflow from outside during the last tick (stock-flow test).
  [[nodiscard]] double last_net_inflow() const noexcept { return last_net_inflow_; }

private:
  /// Sets up the pipeline and the indicators around a built world, at tick 0.
  explicit Simulation(World world);
  World world_;
  core::TickClock clock_;
  core::Pipeline<World> pipeline_;
  std::vector<core::IndicatorSpec> specs_;
  core::IndicatorFrame frame_;
  double last_net_inflow_ = 0.0;
};

} // namespace ptcesim::model
