#pragma once
#include "sim/core/rng/stream.hpp"
#include "sim/model/world.hpp"

#include <cstdint>

namespace ptcesim::model {

/// Builds the world of a scenario: territories, workers, employers, authorities, knowledge
/// bodies; workers are hired into their initial jobs and markets are calibrated so that the
/// initial state is close to balance (docs/model.md, "Initialisation").
[[nodiscard]] World initialise_world(const scenario::Scenario& scenario, std::uint64_t seed);

/// Output units per worker-month of a sector: value added per worker at initial prices over
/// one minus the materials and energy share.
[[nodiscard]] double output_units_per_worker(const scenario::SectorConfig& s) noexcept;

/// SSE labour productivity in market terms relative to firms of the same sector (labour-
/// intensive services, insertion jobs; a stated assumption, docs/model.md §5).
inline constexpr double kSseLabourProductivity = 0.8;

/// Appends a firm with `employees` positions to fill (vacancies); returns its row.
std::size_t add_firm(World& w, TerritoryIndex t, Sector sector, std::int32_t employees,
                     std::int32_t birth_tick, core::RandomStream& rng);
/// Appends an SSE initiative with `employees` positions to fill; returns its row.
std::size_t add_sse(World& w, TerritoryIndex t, SseForm form, SseActivity activity,
                    std::int32_t employees, std::int32_t birth_tick, core::RandomStream& rng);

} // namespace ptcesim::model
