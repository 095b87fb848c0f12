#pragma once
// Local-authority strategies and mobile investment (docs/model.md, "Local-authority
// strategies" and "Territories compete").
#include "sim/core/step_context.hpp"
#include "sim/model/world.hpp"

namespace ptcesim::model {

/// After burn-in: the strategy envelope of each listed authority is received and spent on its
/// strategy's instruments; mobile projects of the month choose their location.
void apply_local_strategies(World& w, const core::StepContext& ctx);

} // namespace ptcesim::model
