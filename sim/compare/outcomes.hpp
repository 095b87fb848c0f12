#pragma once
// Outcomes of a run at a time point, computed from its indicator series: the quantities that
// `ptcesim compare` reports per strategy and as paired differences (docs/model.md, "Outcomes").
#include "sim/core/records.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ptcesim::compare {

/// One outcome: name, unit, meaning.
struct OutcomeSpec {
  std::string name;
  std::string unit;
  std::string description;
};

/// The indicator series of one run, kept in memory for outcome computation.
struct RunSeries {
  std::vector<core::IndicatorSpec> specs;
  std::vector<core::IndicatorFrame> frames; // one per tick, burn-in included
  std::int32_t burn_in = 0;
};

/// Which territories an outcome aggregates, and when the scenario's first shock starts.
struct OutcomeScope {
  std::vector<std::size_t> focal_territories; // where the strategy is applied
  std::int32_t shock_start_month = -1;        // observed month; -1: no shock
};

/// The outcomes reported by `ptcesim compare`, in a fixed order.
[[nodiscard]] const std::vector<OutcomeSpec>& outcome_specs();

/// Values of outcome_specs() for `run` at the end of observed month `month` (1-based: month m
/// is tick burn_in + m - 1). Non-computable values (a ratio over zero) are NaN.
[[nodiscard]] std::vector<double> compute_outcomes(const RunSeries& run, std::int32_t month,
                                                   const OutcomeScope& scope);

} // namespace ptcesim::compare
