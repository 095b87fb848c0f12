#pragma once
// Whole-model measurements of issue 9: time per tick, agent state bytes, peak memory, the
// machine's streaming bandwidth, the scaling curve and the France-scale world. Used by
// `ptcesim bench`; never by unit tests (which only check the helpers' arithmetic).
#include "sim/scenario/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ptcesim::model {
struct World;
}

namespace ptcesim::bench {

/// STREAM triad bandwidth (GB/s, 24 bytes per element) over three arrays of `elements`
/// doubles, with the threads oneTBB may use now; one sample per run after a warm-up.
[[nodiscard]] std::vector<double> measure_bandwidth_gb_per_s(std::size_t runs,
                                                             std::size_t elements);

/// Bytes held by the agent tables (workers, firms, SSE initiatives): every column's rows times
/// its element size. Each tick reads every one of these columns at least once, so it is a
/// lower bound on the bytes a tick moves between memory and the cores.
[[nodiscard]] std::size_t agent_state_bytes(const model::World& world);

/// Workers + firms + SSE initiatives.
[[nodiscard]] std::size_t agent_count(const model::World& world);

/// What one measured model run gave.
struct ModelMeasure {
  std::vector<double> ms_per_tick; ///< wall time of each timed tick
  double init_seconds = 0.0;       ///< building the world
  double run_seconds = 0.0;        ///< all timed ticks together
  std::size_t agents = 0;          ///< workers + firms + SSE initiatives after initialisation
  std::size_t state_bytes = 0;     ///< agent_state_bytes after initialisation
  std::int64_t peak_bytes = 0;     ///< resident-set high-water mark of the run (-1: unknown)
  /// Wall time of each phase summed over the timed ticks (pipeline order), for profiles.
  std::vector<std::pair<std::string, double>> phase_seconds;
};

/// Builds the world of `scenario` (timed), runs `warm_ticks` untimed ticks, then times
/// `timed_ticks` ticks one by one (0: every remaining tick). The resident-set high-water mark is
/// reset first where Linux allows it (/proc/self/clear_refs), so the peak is this run's.
[[nodiscard]] ModelMeasure measure_model(const scenario::Scenario& scenario, std::uint64_t seed,
                                         std::size_t warm_ticks, std::size_t timed_ticks);

/// A synthetic world of about `workers` workers with French densities (territories of about
/// 53,600 inhabitants, as 67M over 1,250 intercommunalities), no burn-in, `months` observed.
[[nodiscard]] scenario::Scenario synthetic_world(std::int64_t workers, std::int32_t months);

/// Exponent b of y = a x^b fitted by least squares on log x, log y (at least two points,
/// all positive).
[[nodiscard]] double fit_power_law_exponent(std::span<const double> x, std::span<const double> y);

/// Resident-set high-water mark of this process in bytes (VmHWM), -1 when unknown.
[[nodiscard]] std::int64_t peak_resident_bytes();

/// Resets the high-water mark to the current resident set; false when the kernel refuses.
bool reset_peak_resident();

} // namespace ptcesim::bench
