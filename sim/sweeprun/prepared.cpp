#include "sim/sweeprun/prepared.hpp"

#include "sim/compare/comparison.hpp"
#include "sim/compare/outcomes.hpp"
#include "sim/compare/replication_seed.hpp"
#include "sim/core/hash.hpp"
#include "sim/model/simulation.hpp"
#include "sim/scenario/enums.hpp"
#include "sim/scenario/input_text.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace ptcesim::sweeprun {

namespace fs = std::filesystem;

std::vector<std::string> PreparedSweep::outcome_names() const {
  std::vector<std::string> names;
  for (const auto o : outcomes)
    names.push_back(compare::outcome_specs()[o].name);
  return names;
}

PreparedSweep prepare_sweep(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw scenario::ConfigError({{file.string(), 0, "", "cannot read the sweep file"}});
  std::string text;
  if (!scenario::read_bounded(in, text))
    throw scenario::ConfigError(
        {{file.string(), 0, "",
          fmt::format("cannot read the sweep file: larger than {}", scenario::kMaxInputText)}});
  if (in.bad())
    throw scenario::ConfigError({{file.string(), 0, "", "cannot read the sweep file: read error"}});
  return prepare_sweep_text(text, file.string(), file.parent_path());
}

PreparedSweep prepare_sweep_text(std::string_view toml, std::string_view display_name,
                                 const fs::path& base_dir) {
  sweep::SweepLoadOptions options;
  for (const auto& o : compare::outcome_specs())
    options.known_outcomes.push_back(o.name);
  PreparedSweep prepared;
  prepared.spec = sweep::load_sweep_text(toml, display_name, base_dir, options);
  prepared.sweep_text = std::string(toml);
  const auto& spec = prepared.spec;
  prepared.plan = sweep::make_plan(spec);
  prepared.base_display =
      spec.base_path.empty() ? std::string("default.toml") : spec.base_path.string();
  const auto base = scenario::load_scenario_text(spec.base_text, prepared.base_display);

  prepared.strategies = spec.strategies;
  const auto baseline =
      std::find(prepared.strategies.begin(), prepared.strategies.end(), base.compare.baseline);
  // The sweep file has no baseline of its own: the base scenario's, when it is run.
  prepared.baseline = baseline == prepared.strategies.end()
                          ? 0
                          : static_cast<std::size_t>(baseline - prepared.strategies.begin());
  const auto& specs = compare::outcome_specs();
  for (std::size_t o = 0; o < specs.size(); ++o)
    if (spec.outcomes.empty() ||
        std::find(spec.outcomes.begin(), spec.outcomes.end(), specs[o].name) != spec.outcomes.end())
      prepared.outcomes.push_back(o);

  // Everything that decides the numbers, nothing that names files: the same sweep moved or
  // copied elsewhere keeps its fingerprint.
  auto& d = prepared.description;
  d = "ptcesim sweep\n";
  d += fmt::format("design = {}\nseed = {}\nreplications = {}\n", sweep::design_name(spec.design),
                   spec.seed, spec.replications);
  d += fmt::format("strategies = {}\nbaseline = {}\noutcomes = {}\n",
                   fmt::join(prepared.strategies, ","), prepared.strategies[prepared.baseline],
                   fmt::join(prepared.outcome_names(), ","));
  d += "\n[plan]\n" + sweep::plan_csv(prepared.plan);
  d += "\n[base scenario]\n" + scenario::resolved_toml(base);
  core::StateHash hash;
  hash.add_bytes(d.data(), d.size());
  prepared.hash = fmt::format("{:016x}", hash.value());
  return prepared;
}

void check_points(const PreparedSweep& sweep) {
  for (std::size_t p = 0; p < sweep.plan.point_count(); ++p) {
    const auto overrides = sweep::point_overrides(sweep.plan, p);
    try {
      static_cast<void>(
          scenario::load_scenario_text(sweep.spec.base_text, sweep.base_display, overrides));
    } catch (const scenario::ConfigError& e) {
      auto diagnostics = e.diagnostics();
      diagnostics.insert(diagnostics.begin(),
                         {sweep.spec.file, 0, "",
                          fmt::format("design point {} ({}) is not a valid scenario:", p,
                                      fmt::join(overrides, ", "))});
      throw scenario::ConfigError(std::move(diagnostics));
    }
  }
}

RunResult run_one(const PreparedSweep& sweep, std::size_t run) {
  const auto planned = sweep.plan.run(run);
  const auto point = scenario::load_scenario_text(
      sweep.spec.base_text, sweep.base_display, sweep::point_overrides(sweep.plan, planned.point));
  const auto seed = compare::replication_seed(sweep.spec.seed, planned.replication);
  RunResult result;
  result.values.reserve(sweep.values_per_run());
  for (const auto& strategy : sweep.strategies) {
    scenario::Scenario s = point;
    s.strategy.kind =
        *scenario::parse_enum<scenario::StrategyKind>(strategy, scenario::kStrategyKindNames);
    s.run.seed = seed;
    model::Simulation simulation(s, seed);
    compare::RunSeries series;
    series.specs = simulation.indicator_specs();
    series.burn_in = simulation.burn_in();
    series.frames.reserve(static_cast<std::size_t>(simulation.total_ticks()));
    while (!simulation.finished()) {
      simulation.step();
      series.frames.push_back(simulation.last_frame());
    }
    const auto all = compare::compute_outcomes(
        series, s.run.horizon_months, compare::outcome_scope(s, simulation.territory_names()));
    for (const auto o : sweep.outcomes)
      result.values.push_back(all[o]);
    result.state_hash.push_back(static_cast<std::int64_t>(simulation.state_hash()));
  }
  return result;
}

} // namespace ptcesim::sweeprun
