#pragma once
#include "sim/core/ids.hpp"
#include "sim/model/accounts.hpp"
#include "sim/model/authorities.hpp"
#include "sim/model/cooperation/poles.hpp"
#include "sim/model/producers.hpp"
#include "sim/model/territories.hpp"
#include "sim/model/workers.hpp"
#include "sim/scenario/scenario.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ptcesim::model {

/// Per-territory quantities the phases hand to each other within a tick (EUR/month unless
/// stated). Reset where they are produced.
struct TerritoryFlows {
  std::vector<double> household_income; // wages + benefits + local dividends, before tax
  std::vector<double> household_tax;
  std::vector<double> consumption;     // local + non-local
  std::vector<double> local_dividends; // paid last tick, distributed this tick
  std::vector<double> business_tax;
  std::vector<std::int64_t> unemployed;
  std::vector<std::int64_t> vacancies;
  std::vector<std::int64_t> jobs_created;
  std::vector<std::int64_t> jobs_destroyed;
  std::vector<std::int64_t> hires;
  std::vector<std::int64_t> separations;
  std::vector<std::int64_t> firm_births, firm_deaths, sse_births, sse_deaths, relocations;
  std::vector<double> built_land_ha;       // land newly built this tick
  std::vector<std::int64_t> net_migration; // workers moved in minus out this tick
};

/// Exogenous state of the world outside the territories. Shock factors are per territory (a
/// shock may hit one territory only); apply_shocks sizes and resets them every tick.
struct Environment {
  std::array<double, kSectors> external_demand_eur{}; // baseline external demand per sector
  std::vector<double> external_multiplier;        // per (territory, sector) market: export shocks
  std::vector<double> energy_index;               // per territory: price of materials and energy
  std::vector<double> sse_subsidy_multiplier;     // per territory: end of a subsidy programme
  std::vector<double> strategy_budget_multiplier; // per territory
  std::vector<unsigned char> facilitation_lost;   // per territory: poles lost their facilitators
};

/// Everything the phases read and write. Built by `initialise_world`.
struct World {
  scenario::Scenario scenario;
  std::uint64_t seed = 0;
  std::int32_t strategy_start_tick = 0; // = burn-in
  /// Share of land per job that pole members of each territory save by sharing premises
  /// funded by their authority (cooperation layer).
  std::vector<double> shared_premises_land_saving;
  /// Local dividends paid this tick, distributed to the territory's households next tick.
  std::vector<double> pending_local_dividends;
  Territories territories;
  Workers workers;
  Firms firms;
  SseInitiatives sse;
  LocalAuthorities authorities;
  KnowledgeBodies knowledge;
  Poles poles;
  core::IdAllocator pole_ids{0};
  /// Strategy money received but not yet spent, per authority (EUR).
  std::vector<double> strategy_pot;
  /// Reindustrialisation: grant per job currently offered, per authority (EUR).
  std::vector<double> grant_offer;
  /// Pole-funded social innovation demand for SSE, per territory (EUR/month, next tick).
  std::vector<double> innovation_demand;
  /// Location decisions of mobile projects this tick: chosen a territory; decided by incentives.
  std::vector<std::int64_t> location_decisions, location_by_incentives;
  Environment environment;
  // Markets: local demand per (territory, sector) this tick, EUR.
  std::vector<double> local_demand;
  std::vector<double> sse_reserved_demand; // procurement reserved to SSE by social clauses
  std::vector<double> sse_segment_share;   // SSE segment's share of each local market
  std::array<double, kSectors> sse_external_segment_share{}; // and of external demand
  TerritoryFlows flows;
  OutsideFlows outside; // this tick's flows with the outside world
  core::IdAllocator firm_ids{0};
  core::IdAllocator sse_ids{0};
  core::IdAllocator worker_ids{0}; // households arriving from the rest of the country
  /// Structural number of firms per (territory, sector) market and of SSE initiatives per
  /// territory: the initial counts, which scale with inhabitants. Entry is proportional to them.
  std::vector<double> reference_firms, reference_sse;
  // Scratch buffers reused every tick (no allocation in hot loops).
  std::vector<double> sum_scratch;
  std::vector<double> market_scratch_a, market_scratch_b, market_scratch_c, market_scratch_d;
  /// SSE subsidies owed by each local authority this tick (paid in run_public_finance).
  std::vector<double> local_sse_subsidies;
  std::vector<std::uint32_t> employer_worker_offset; // workers grouped by employer
  std::vector<std::uint32_t> employer_workers;
  /// Firms and SSE initiatives when the workers were last grouped: producers appended since
  /// (mobile projects, with no worker yet) have no list, and the SSE slots start after the
  /// grouped firms'.
  std::uint64_t grouped_firms = 0, grouped_sse = 0;
  std::vector<std::uint32_t> employer_cursor;
  std::vector<std::uint32_t> match_pool;     // per-territory candidate lists in the labour phase
  std::vector<std::uint32_t> vacancy_offset; // vacancy slots grouped by territory
  std::vector<std::uint64_t> vacancy_slots;  // (employer kind << 32) | row
  std::vector<std::uint32_t> insertion_slot_count;
  std::vector<std::int32_t> ordinary_vacancies; // per SSE initiative: vacancies not for insertion
  std::vector<std::size_t> pool_remaining, pool_end, slots_used;
  std::vector<std::size_t> commuter_quits; // per territory: quitters working elsewhere
  // Per neighbour link: this month's commuting hires and where they start in the pool and slots.
  std::vector<std::uint32_t> commuting_matches, commuting_pool_from, commuting_slot_from;
  std::vector<double> wage_curve;         // per territory: this month's wage-curve factor on hiring
  std::vector<double> production_flows;   // per producer: sales, tax and payments to add up
  std::vector<double> attraction_scratch; // per producer: its attraction for customers
  std::vector<std::size_t> firm_territory_offset, sse_territory_offset; // producers by territory
  std::vector<unsigned char> dead_firm, dead_sse;
  std::vector<std::uint32_t> exiting_firm_rows, exiting_sse_rows; // dead rows, in row order
  std::vector<std::uint32_t> growing_rows;  // employers beyond their peak employment
  std::vector<std::uint32_t> revising_rows; // producers whose stance or pole changes this month
  std::vector<std::int32_t> firm_row_map, sse_row_map;
  std::vector<double> durable_scratch, gini_scratch, wage_scratch;
  /// Migration's regrouping gathers each worker column here (not archived: it carries no
  /// state between ticks, and a resumed run regrows it).
  std::vector<std::byte> reorder_scratch;
  /// Territories by decreasing number of resident workers, set at the start of each tick: the
  /// order in which per-territory parallel loops hand out territories, the largest first, so
  /// that no thread is left alone with a large territory at the end of a loop. Scheduling only
  /// (results never depend on it), so not archived.
  std::vector<std::uint32_t> territory_schedule;
  // Cooperation scratch: members per pole, producers per territory, next stances.
  struct ProducerRef {
    bool is_sse;
    std::size_t row;
  };
  std::vector<ProducerRef> pole_members, producer_list;
  std::vector<std::size_t> pole_member_offset, pole_member_cursor, producer_offset;
  std::vector<game::Member> pool_inputs;
  std::vector<Stance> next_stance_firms, next_stance_sse;
  std::vector<unsigned char> dead_pole;
  std::vector<std::int32_t> pole_row_map;
  /// Shared services bought by poles, spent on the local services market next tick (EUR).
  std::vector<double> pole_services_demand;
  /// Producers' purchases of local business services (their materials' local_input_share),
  /// spent on the local services market next tick (EUR).
  std::vector<double> local_input_demand;
  /// Strategy works (serviced land) bought on the local construction market (EUR).
  std::vector<double> construction_demand;
  // Observation state.
  std::vector<double> social_output_baseline; // social-utility SSE sales at strategy start
  std::vector<double> birth_history;          // [tick][territory][cohort] births
  std::vector<std::int32_t> public_employees_last_month;
  std::vector<double> pole_count; // per territory (cooperation layer)
};

} // namespace ptcesim::model
