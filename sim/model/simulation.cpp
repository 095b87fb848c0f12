#include "sim/model/simulation.hpp"

#include "sim/core/hash.hpp"
#include "sim/model/cooperation/cooperation.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/initialise.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/policy/policy.hpp"

#include <utility>

namespace ptcesim::model {

Simulation::Simulation(const scenario::Scenario& scenario, std::uint64_t seed)
    : Simulation(initialise_world(scenario, seed)) {}

Simulation::Simulation(World world, std::int32_t next_tick, core::IndicatorFrame last_frame,
                       double last_net_inflow)
    : Simulation(std::move(world)) {
  clock_.restore(next_tick);
  frame_ = std::move(last_frame);
  last_net_inflow_ = last_net_inflow;
}

Simulation::Simulation(World world)
    : world_(std::move(world)),
      clock_(world_.scenario.run.burn_in_months, world_.scenario.run.horizon_months) {
  // The tick, in the order of docs/model.md ("Process overview and scheduling").
  pipeline_.add("apply_shocks", apply_shocks);
  pipeline_.add("apply_local_strategies", apply_local_strategies);
  pipeline_.add("form_demand", form_demand);
  pipeline_.add("produce_and_compete", produce_and_compete);
  pipeline_.add("play_cooperation_game", play_cooperation_game);
  pipeline_.add("match_labour", match_labour);
  pipeline_.add("revise_strategies", revise_strategies);
  pipeline_.add("apply_entry_exit", apply_entry_exit);
  pipeline_.add("run_public_finance", run_public_finance);
  pipeline_.add("migrate_households", migrate_households);
  specs_ = model::indicator_specs(world_);
  frame_.territories = world_.territories.size();
  frame_.values.assign(specs_.size() * frame_.territories, 0.0);
}

void Simulation::step() {
  const core::StepContext ctx{world_.seed, clock_.tick()};
  schedule_territories(world_);
  pipeline_.run_tick(world_, ctx);
  record_indicators(world_, ctx, frame_);
  last_net_inflow_ = world_.outside.net_inflow();
  clock_.advance();
}

namespace {

template <class T>
core::SnapshotColumn column(std::string name, std::string unit, const std::vector<T>& values) {
  if constexpr (std::is_floating_point_v<T>)
    return {std::move(name), std::move(unit), std::vector<double>(values.begin(), values.end())};
  else {
    std::vector<std::int64_t> out;
    out.reserve(values.size());
    for (const auto& v : values)
      out.push_back(static_cast<std::int64_t>(v));
    return {std::move(name), std::move(unit), std::move(out)};
  }
}

void producer_columns(core::TableSnapshot& s, const Producers& p) {
  s.columns.push_back(column("id", "", p.id));
  s.columns.push_back(column("territory", "index", p.territory));
  s.columns.push_back(column("sector", "index", p.sector));
  s.columns.push_back(column("employees", "jobs", p.employees));
  s.columns.push_back(column("price", "EUR/unit", p.price));
  s.columns.push_back(column("markup", "share", p.markup));
  s.columns.push_back(column("revenue", "EUR/month", p.revenue));
  s.columns.push_back(column("cash", "EUR", p.cash));
  s.columns.push_back(column("local_share", "share", p.local_share));
  s.columns.push_back(column("birth_tick", "tick", p.birth_tick));
  s.columns.push_back(column("stance", "index", p.stance));
  s.columns.push_back(column("pole", "row", p.pole));
}

} // namespace

std::vector<core::TableSnapshot> Simulation::snapshot() const {
  const std::int32_t tick = clock_.tick() - 1;
  std::vector<core::TableSnapshot> out;
  core::TableSnapshot firms{"firms", tick, {}};
  producer_columns(firms, world_.firms);
  firms.columns.push_back(column("external_owned", "flag", world_.firms.external_owned));
  firms.columns.push_back(column("mobile", "flag", world_.firms.mobile));
  out.push_back(std::move(firms));
  core::TableSnapshot sse{"sse_initiatives", tick, {}};
  producer_columns(sse, world_.sse);
  sse.columns.push_back(column("form", "index", world_.sse.form));
  sse.columns.push_back(column("activity", "index", world_.sse.activity));
  sse.columns.push_back(column("volunteers", "persons", world_.sse.volunteers));
  sse.columns.push_back(column("insertion_employees", "jobs", world_.sse.insertion_employees));
  out.push_back(std::move(sse));
  const auto& wk = world_.workers;
  core::TableSnapshot workers{"workers", tick, {}};
  workers.columns.push_back(column("id", "", wk.id));
  workers.columns.push_back(column("territory", "index", wk.territory));
  workers.columns.push_back(column("employer_kind", "index", wk.employer_kind));
  workers.columns.push_back(column("employer_row", "row", wk.employer_row));
  workers.columns.push_back(column("skill", "multiplier", wk.skill));
  workers.columns.push_back(column("wage", "EUR/month", wk.wage));
  workers.columns.push_back(column("unemployment_months", "months", wk.unemployment_months));
  workers.columns.push_back(column("savings", "EUR", wk.savings));
  out.push_back(std::move(workers));
  return out;
}

std::uint64_t Simulation::state_hash() const {
  core::StateHash h;
  auto& w = const_cast<World&>(world_); // columns() is non-const; hashing only reads
  std::apply([&](const auto&... c) { (h.add(c), ...); }, w.workers.columns());
  std::apply([&](const auto&... c) { (h.add(c), ...); }, w.firms.columns());
  std::apply([&](const auto&... c) { (h.add(c), ...); }, w.sse.columns());
  h.add(world_.authorities.balance);
  h.add(world_.authorities.procurement);
  return h.value();
}

} // namespace ptcesim::model
