// Long runs of the default scenario stay within sane bounds (issue 3: 240 ticks, 20 seeds).
#include "model_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <string_view>

using namespace ptcesim;

namespace {

std::size_t indicator(const model::Simulation& sim, std::string_view name) {
  const auto& specs = sim.indicator_specs();
  for (std::size_t k = 0; k < specs.size(); ++k)
    if (specs[k].name == name)
      return k;
  FAIL("no indicator " << name);
  return specs.size();
}

// Producers of a survival cohort born in [tick - oldest, tick - youngest] (births recorded by
// the indicators, per tick, territory and cohort).
double cohort_births(const model::World& w, std::int32_t tick, std::size_t territory,
                     std::size_t cohort, std::int32_t oldest, std::int32_t youngest) {
  constexpr std::size_t kCohorts = 5; // firms and the four SSE forms
  const std::size_t stride = w.territories.size() * kCohorts;
  double births = 0.0;
  for (std::int32_t b = std::max(0, tick - oldest); b <= tick - youngest; ++b)
    births += w.birth_history[static_cast<std::size_t>(b) * stride + territory * kCohorts + cohort];
  return births;
}

} // namespace

TEST_CASE("default scenario with populations x0.2: 240 months, 20 seeds stay sane",
          "[model][sanity]") {
  auto overrides = model::test::scaled_populations(0.2);
  overrides.push_back("run.snapshot_months=[]");
  const auto scenario =
      scenario::load_scenario_text(scenario::default_scenario_text(), "default.toml", overrides);
  REQUIRE(scenario.run.horizon_months == 240);
  const std::uint64_t seed = GENERATE(range(std::uint64_t{1}, std::uint64_t{21}));
  model::Simulation sim(scenario, seed);
  const auto& specs = sim.indicator_specs();
  const std::size_t employment = indicator(sim, "employment_total");
  const std::size_t unemployment = indicator(sim, "unemployment_rate");
  const std::size_t sse_share = indicator(sim, "sse_share_jobs");
  const std::size_t first_survival = indicator(sim, "survival_3y_firms");
  const std::size_t n = sim.territory_names().size();
  REQUIRE(sim.territory_names()[0] == "Territoire-centre");
  std::size_t bad_nan = 0, empty_cohorts_not_nan = 0, survival_out_of_range = 0;
  std::size_t negative_employment = 0, unemployment_out_of_range = 0, nan_survival = 0;
  while (!sim.finished()) {
    sim.step();
    const auto& frame = sim.last_frame();
    const std::int32_t tick = frame.tick;
    for (std::size_t k = 0; k < specs.size(); ++k) {
      const bool survival = specs[k].name.rfind("survival_", 0) == 0;
      for (std::size_t t = 0; t < n; ++t) {
        const double v = frame.at(k, t);
        if (!survival) {
          bad_nan += !std::isfinite(v);
          continue;
        }
        // survival_3y_* and survival_5y_* alternate per cohort, from survival_3y_firms.
        const std::size_t cohort = (k - first_survival) / 2;
        const bool five_years = (k - first_survival) % 2 == 1;
        const double births =
            cohort_births(sim.world(), tick, t, cohort, five_years ? 71 : 47, five_years ? 60 : 36);
        if (births == 0.0)
          empty_cohorts_not_nan += !std::isnan(v);
        else
          bad_nan += std::isnan(v);
        nan_survival += std::isnan(v);
        survival_out_of_range += !std::isnan(v) && (v < 0.0 || v > 1.0);
      }
    }
    for (std::size_t t = 0; t < n; ++t) {
      negative_employment += frame.at(employment, t) < 0.0;
      const double u = frame.at(unemployment, t);
      unemployment_out_of_range += !(u >= 0.0 && u <= 1.0);
    }
  }
  INFO("seed " << seed);
  CHECK(bad_nan == 0);
  CHECK(empty_cohorts_not_nan == 0);
  CHECK(survival_out_of_range == 0);
  CHECK(nan_survival > 0); // early in the run no cohort is old enough: the NaN case is exercised
  CHECK(negative_employment == 0);
  CHECK(unemployment_out_of_range == 0);
  // SSE ~10% of jobs in France (domain brief); calibration band at the horizon.
  const double share = sim.last_frame().at(sse_share, 0);
  CHECK(share >= 0.05);
  CHECK(share <= 0.25);
}
