#pragma once
// Observation (docs/model.md, "Indicators"): every indicator per territory and tick.
#include "sim/core/records.hpp"
#include "sim/core/step_context.hpp"
#include "sim/model/world.hpp"

#include <vector>

namespace ptcesim::model {

/// The indicator list of a world (the per-sector series only when output.sector_series).
[[nodiscard]] std::vector<core::IndicatorSpec> indicator_specs(const World& w);

/// Computes every indicator for the tick just simulated into `frame` (sized by the specs), and
/// rolls the month-on-month bookkeeping (employment last month) forward.
void record_indicators(World& w, const core::StepContext& ctx, core::IndicatorFrame& frame);

/// Money held inside the world: household savings, producers' cash, authorities' balances,
/// dividends awaiting distribution, strategy pots, pole funds and purchases awaiting next
/// tick's markets (EUR). For the stock-flow consistency test.
[[nodiscard]] double total_money(const World& w);

} // namespace ptcesim::model
