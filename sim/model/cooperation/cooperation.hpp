#pragma once
// Cooperation phases (docs/model.md, "Cooperation game" and "Strategy revision").
#include "sim/core/step_context.hpp"
#include "sim/model/world.hpp"

#include <cstdint>

namespace ptcesim::model {

/// Poles play their public-goods game: contributions, benefits, trust, the fund's spending.
void play_cooperation_game(World& w, const core::StepContext& ctx);
/// Producers revise their stance (Fermi imitation, exploration); poles form, split, dissolve.
void revise_strategies(World& w, const core::StepContext& ctx);
/// Creates an empty pole in territory t; returns its row.
std::int32_t found_pole(World& w, TerritoryIndex t, scenario::PoleOrigin origin, std::int32_t tick);
/// Origin of a pole founded by a producer: a firm or an SSE enterprise (cooperative,
/// work-integration) → entrepreneurial; an association or SCIC → citizen.
[[nodiscard]] scenario::PoleOrigin origin_of_founder(const World& w, bool is_sse, std::size_t row);

} // namespace ptcesim::model
