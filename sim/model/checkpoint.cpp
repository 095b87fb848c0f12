#include "sim/model/checkpoint.hpp"

#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ptcesim::model {

namespace {

// Guards against a member added to a table or to the World but not to the checkpoint: a run
// resumed from a checkpoint would silently start that member from its default. Tables must list
// every column in columns(); the other structs are listed member by member below.
template <class Table>
constexpr std::size_t column_count = std::tuple_size_v<decltype(std::declval<Table&>().columns())>;
constexpr std::size_t kVectorBytes = sizeof(std::vector<double>);

static_assert(sizeof(Workers) == column_count<Workers> * kVectorBytes,
              "Workers has a member missing from Workers::columns() (checkpoints use it)");
static_assert(sizeof(Firms) == column_count<Firms> * kVectorBytes,
              "Firms has a member missing from Firms::columns() (checkpoints use it)");
static_assert(sizeof(SseInitiatives) == column_count<SseInitiatives> * kVectorBytes,
              "SseInitiatives has a member missing from columns() (checkpoints use it)");
static_assert(sizeof(Poles) == column_count<Poles> * kVectorBytes,
              "Poles has a member missing from Poles::columns() (checkpoints use it)");
static_assert(sizeof(Territories) == 12 * kVectorBytes,
              "Territories changed: update visit(Territories&) in sim/model/checkpoint.cpp");
static_assert(sizeof(LocalAuthorities) == 14 * kVectorBytes,
              "LocalAuthorities changed: update visit(LocalAuthorities&) in "
              "sim/model/checkpoint.cpp");
static_assert(
    sizeof(KnowledgeBodies) == 5 * kVectorBytes,
    "KnowledgeBodies changed: update visit(KnowledgeBodies&) in sim/model/checkpoint.cpp");
static_assert(sizeof(TerritoryFlows) == 18 * kVectorBytes,
              "TerritoryFlows changed: update visit(TerritoryFlows&) in sim/model/checkpoint.cpp");
static_assert(sizeof(Environment) == sizeof(Environment::external_demand_eur) + 5 * kVectorBytes,
              "Environment changed: update visit(Environment&) in sim/model/checkpoint.cpp");
static_assert(std::is_trivially_copyable_v<OutsideFlows> &&
                  sizeof(OutsideFlows) % sizeof(double) == 0,
              "OutsideFlows is copied byte for byte into checkpoints: keep it plain doubles");
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
// The layout of this platform's standard library; elsewhere the tests guard alone.
// (World::reorder_scratch and World::territory_schedule are left out of the checkpoint
// on purpose: a buffer of up to a worker column's size, and a schedule set again at the start
// of every tick; neither carries state between ticks.)
static_assert(sizeof(World) - sizeof(scenario::Scenario) == 5600,
              "World changed: add the new member to visit_world in sim/model/checkpoint.cpp "
              "(or tell whoever owns checkpoints), then update this size");
static_assert(sizeof(PoleRecord) == 112,
              "PoleRecord changed: update save_pole_records and load_pole_records in "
              "sim/model/checkpoint.cpp, then this size");
#endif

/// Writes what it visits.
struct Saver {
  core::ByteWriter& out;

  template <class T>
  void operator()(const T& value) {
    out.scalar(value);
  }
  template <class T>
  void operator()(const std::vector<T>& values) {
    out.vector(values);
  }
  void operator()(const std::vector<std::string>& values) { out.strings(values); }
  void operator()(const core::IdAllocator& ids) { out.scalar(ids.peek()); }
  // Structs with padding go member by member, so that checkpoints hold no uninitialised bytes.
  void operator()(const std::vector<World::ProducerRef>& refs) {
    out.scalar(static_cast<std::uint64_t>(refs.size()));
    for (const auto& r : refs) {
      out.scalar(r.is_sse);
      out.scalar(static_cast<std::uint64_t>(r.row));
    }
  }
  void operator()(const std::vector<game::Member>& members) {
    out.scalar(static_cast<std::uint64_t>(members.size()));
    for (const auto& m : members) {
      out.scalar(m.revenue);
      out.scalar(m.stance);
    }
  }
  template <class Table>
  void table(Table& t) {
    std::apply([&](const auto&... column) { ((*this)(column), ...); }, t.columns());
  }
};

/// Reads back what a Saver wrote, in the same order.
struct Loader {
  core::ByteReader& in;

  template <class T>
  void operator()(T& value) {
    in.scalar(value);
  }
  template <class T>
  void operator()(std::vector<T>& values) {
    in.vector(values);
  }
  void operator()(std::vector<std::string>& values) { in.strings(values); }
  void operator()(core::IdAllocator& ids) { ids.restore(in.scalar<AgentId>()); }
  void operator()(std::vector<World::ProducerRef>& refs) {
    refs.resize(in.length(sizeof(bool) + sizeof(std::uint64_t)));
    for (auto& r : refs) {
      in.scalar(r.is_sse);
      r.row = static_cast<std::size_t>(in.scalar<std::uint64_t>());
    }
  }
  void operator()(std::vector<game::Member>& members) {
    members.resize(in.length(sizeof(double) + sizeof(Stance)));
    for (auto& m : members) {
      in.scalar(m.revenue);
      in.scalar(m.stance);
    }
  }
  template <class Table>
  void table(Table& t) {
    std::apply([&](auto&... column) { ((*this)(column), ...); }, t.columns());
    const auto rows = t.id.size();
    bool same = true;
    std::apply([&](const auto&... column) { ((same = same && column.size() == rows), ...); },
               t.columns());
    if (!same)
      throw core::ArchiveError("agent table with columns of different lengths");
  }
};

template <class Archive>
void visit(Territories& t, Archive& a) {
  a(t.name);
  a(t.population);
  a(t.labour_force);
  a(t.land_ha);
  a(t.artificialised_ha);
  a(t.unmet_needs_eur_month);
  a(t.neighbour_offset);
  a(t.neighbour);
  a(t.commuting_minutes);
  a(t.worker_offset);
  a(t.unemployment_trend);
  a(t.reference_unemployment);
}

template <class Archive>
void visit(LocalAuthorities& l, Archive& a) {
  a(l.public_jobs_target);
  a(l.initial_public_jobs);
  a(l.public_jobs_per_inhabitant);
  a(l.public_employees);
  a(l.public_wage_bill);
  a(l.revenue);
  a(l.spending);
  a(l.procurement);
  a(l.balance);
  a(l.strategy_budget_eur_month);
  a(l.strategy_spent_eur_month);
  a(l.social_procurement_share);
  a(l.incubator_entry_boost);
  a(l.serviced_land_ha);
}

template <class Archive>
void visit(KnowledgeBodies& k, Archive& a) {
  a(k.id);
  a(k.territory);
  a(k.is_research);
  a(k.trainees_per_month);
  a(k.pole);
}

template <class Archive>
void visit(TerritoryFlows& f, Archive& a) {
  a(f.household_income);
  a(f.household_tax);
  a(f.consumption);
  a(f.local_dividends);
  a(f.business_tax);
  a(f.unemployed);
  a(f.vacancies);
  a(f.jobs_created);
  a(f.jobs_destroyed);
  a(f.hires);
  a(f.separations);
  a(f.firm_births);
  a(f.firm_deaths);
  a(f.sse_births);
  a(f.sse_deaths);
  a(f.relocations);
  a(f.built_land_ha);
  a(f.net_migration);
}

template <class Archive>
void visit(Environment& e, Archive& a) {
  a(e.external_demand_eur);
  a(e.external_multiplier);
  a(e.energy_index);
  a(e.sse_subsidy_multiplier);
  a(e.strategy_budget_multiplier);
  a(e.facilitation_lost);
}

/// Every member of World but the scenario, in declaration order.
template <class Archive>
void visit_world(World& w, Archive& a) {
  a(w.seed);
  a(w.strategy_start_tick);
  a(w.shared_premises_land_saving);
  a(w.pending_local_dividends);
  visit(w.territories, a);
  a.table(w.workers);
  a.table(w.firms);
  a.table(w.sse);
  visit(w.authorities, a);
  visit(w.knowledge, a);
  a.table(w.poles);
  a(w.pole_ids);
  a(w.strategy_pot);
  a(w.grant_offer);
  a(w.innovation_demand);
  a(w.location_decisions);
  a(w.location_by_incentives);
  visit(w.environment, a);
  a(w.local_demand);
  a(w.sse_reserved_demand);
  a(w.sse_segment_share);
  a(w.sse_external_segment_share);
  visit(w.flows, a);
  a(w.outside);
  a(w.firm_ids);
  a(w.sse_ids);
  a(w.worker_ids);
  a(w.reference_firms);
  a(w.reference_sse);
  a(w.sum_scratch);
  a(w.market_scratch_a);
  a(w.market_scratch_b);
  a(w.market_scratch_c);
  a(w.market_scratch_d);
  a(w.local_sse_subsidies);
  a(w.employer_worker_offset);
  a(w.employer_workers);
  a(w.grouped_firms);
  a(w.grouped_sse);
  a(w.employer_cursor);
  a(w.match_pool);
  a(w.vacancy_offset);
  a(w.vacancy_slots);
  a(w.insertion_slot_count);
  a(w.ordinary_vacancies);
  a(w.pool_remaining);
  a(w.pool_end);
  a(w.slots_used);
  a(w.commuter_quits);
  a(w.commuting_matches);
  a(w.commuting_pool_from);
  a(w.commuting_slot_from);
  a(w.wage_curve);
  a(w.production_flows);
  a(w.attraction_scratch);
  a(w.firm_territory_offset);
  a(w.sse_territory_offset);
  a(w.dead_firm);
  a(w.dead_sse);
  a(w.exiting_firm_rows);
  a(w.exiting_sse_rows);
  a(w.growing_rows);
  a(w.revising_rows);
  a(w.firm_row_map);
  a(w.sse_row_map);
  a(w.durable_scratch);
  a(w.gini_scratch);
  a(w.wage_scratch);
  a(w.pole_members);
  a(w.producer_list);
  a(w.pole_member_offset);
  a(w.pole_member_cursor);
  a(w.producer_offset);
  a(w.pool_inputs);
  a(w.next_stance_firms);
  a(w.next_stance_sse);
  a(w.dead_pole);
  a(w.pole_row_map);
  a(w.pole_services_demand);
  a(w.local_input_demand);
  a(w.construction_demand);
  a(w.social_output_baseline);
  a(w.birth_history);
  a(w.public_employees_last_month);
  a(w.pole_count);
}

void save_frame(const core::IndicatorFrame& frame, core::ByteWriter& out) {
  out.scalar(frame.tick);
  out.scalar(static_cast<std::uint64_t>(frame.territories));
  out.vector(frame.values);
}

core::IndicatorFrame load_frame(core::ByteReader& in) {
  core::IndicatorFrame frame;
  in.scalar(frame.tick);
  frame.territories = static_cast<std::size_t>(in.scalar<std::uint64_t>());
  in.vector(frame.values);
  if (frame.territories == 0 ? !frame.values.empty() : frame.values.size() % frame.territories)
    throw core::ArchiveError("indicator frame with a partial row of territories");
  return frame;
}

} // namespace

void save_world(const World& world, core::ByteWriter& out) {
  Saver saver{out};
  // The tables' columns() are non-const; saving only reads them.
  visit_world(const_cast<World&>(world), saver);
}

World load_world(const scenario::Scenario& scenario, core::ByteReader& in) {
  World world;
  world.scenario = scenario;
  Loader loader{in};
  visit_world(world, loader);
  if (world.seed != scenario.run.seed)
    throw core::ArchiveError("the world's seed differs from its scenario's run.seed");
  return world;
}

void save_simulation(const Simulation& simulation, core::ByteWriter& out) {
  save_world(simulation.world(), out);
  out.scalar(simulation.tick());
  save_frame(simulation.last_frame(), out);
  out.scalar(simulation.last_net_inflow());
}

std::unique_ptr<Simulation> load_simulation(const scenario::Scenario& scenario,
                                            core::ByteReader& in) {
  auto world = load_world(scenario, in);
  const auto next_tick = in.scalar<std::int32_t>();
  auto frame = load_frame(in);
  const auto net_inflow = in.scalar<double>();
  const auto total = scenario.run.burn_in_months + scenario.run.horizon_months;
  if (next_tick < 0 || next_tick > total)
    throw core::ArchiveError("next tick " + std::to_string(next_tick) + " outside the run's " +
                             std::to_string(total) + " ticks");
  auto simulation =
      std::make_unique<Simulation>(std::move(world), next_tick, std::move(frame), net_inflow);
  const auto& restored = simulation->last_frame();
  if (restored.territories != simulation->world().territories.size() ||
      restored.values.size() != simulation->indicator_specs().size() * restored.territories)
    throw core::ArchiveError("last indicator frame does not match the world's indicators");
  return simulation;
}

void save_frames(const std::vector<core::IndicatorFrame>& frames, core::ByteWriter& out) {
  out.scalar(static_cast<std::uint64_t>(frames.size()));
  for (const auto& f : frames)
    save_frame(f, out);
}

std::vector<core::IndicatorFrame> load_frames(core::ByteReader& in) {
  // A frame takes at least its tick, territory count and value count.
  const auto n = in.length(sizeof(std::int32_t) + 2 * sizeof(std::uint64_t));
  std::vector<core::IndicatorFrame> frames;
  frames.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    frames.push_back(load_frame(in));
  return frames;
}

void save_snapshots(const std::vector<core::TableSnapshot>& snapshots, core::ByteWriter& out) {
  out.scalar(static_cast<std::uint64_t>(snapshots.size()));
  for (const auto& s : snapshots) {
    out.string(s.table);
    out.scalar(s.tick);
    out.scalar(static_cast<std::uint64_t>(s.columns.size()));
    for (const auto& c : s.columns) {
      out.string(c.name);
      out.string(c.unit);
      out.scalar(static_cast<std::uint8_t>(c.data.index()));
      std::visit([&](const auto& values) { out.vector(values); }, c.data);
    }
  }
}

std::vector<core::TableSnapshot> load_snapshots(core::ByteReader& in) {
  const auto n = in.length(2 * sizeof(std::uint64_t) + sizeof(std::int32_t));
  std::vector<core::TableSnapshot> snapshots(n);
  for (auto& s : snapshots) {
    s.table = in.string();
    in.scalar(s.tick);
    s.columns.resize(in.length(3 * sizeof(std::uint64_t) + 1));
    for (auto& c : s.columns) {
      c.name = in.string();
      c.unit = in.string();
      const auto kind = in.scalar<std::uint8_t>();
      if (kind == 0) {
        std::vector<double> values;
        in.vector(values);
        c.data = std::move(values);
      } else if (kind == 1) {
        std::vector<std::int64_t> values;
        in.vector(values);
        c.data = std::move(values);
      } else {
        throw core::ArchiveError("snapshot column of unknown type " + std::to_string(kind));
      }
    }
  }
  return snapshots;
}

void save_pole_records(const std::vector<PoleRecord>& records, core::ByteWriter& out) {
  out.scalar(static_cast<std::uint64_t>(records.size()));
  // Member by member: the struct has padding.
  for (const auto& r : records) {
    out.scalar(r.tick);
    out.scalar(r.pole_id);
    out.scalar(r.territory);
    out.scalar(r.origin);
    out.scalar(r.birth_tick);
    out.scalar(r.charter_tick);
    out.scalar(r.members_sse);
    out.scalar(r.members_sme);
    out.scalar(r.members_large_firm);
    out.scalar(r.members_local_authority);
    out.scalar(r.members_research);
    out.scalar(r.members_training);
    out.scalar(r.members_on_territory);
    out.scalar(r.jobs);
    out.scalar(r.revenue_eur_month);
    out.scalar(r.social_utility_eur_month);
    out.scalar(r.pooled_eur_month);
    out.scalar(r.shared_premises_m2);
    out.scalar(r.facilitation_fte);
  }
}

std::vector<PoleRecord> load_pole_records(core::ByteReader& in) {
  std::vector<PoleRecord> records(in.length(sizeof(PoleRecord) / 2));
  for (auto& r : records) {
    in.scalar(r.tick);
    in.scalar(r.pole_id);
    in.scalar(r.territory);
    in.scalar(r.origin);
    in.scalar(r.birth_tick);
    in.scalar(r.charter_tick);
    in.scalar(r.members_sse);
    in.scalar(r.members_sme);
    in.scalar(r.members_large_firm);
    in.scalar(r.members_local_authority);
    in.scalar(r.members_research);
    in.scalar(r.members_training);
    in.scalar(r.members_on_territory);
    in.scalar(r.jobs);
    in.scalar(r.revenue_eur_month);
    in.scalar(r.social_utility_eur_month);
    in.scalar(r.pooled_eur_month);
    in.scalar(r.shared_premises_m2);
    in.scalar(r.facilitation_fte);
  }
  return records;
}

} // namespace ptcesim::model
