#pragma once
// The phases of a tick, in the order Simulation runs them (docs/model.md, "Process overview
// and scheduling"). Each is a free function of the world and the step context.
#include "sim/core/parallel.hpp"
#include "sim/core/step_context.hpp"
#include "sim/model/world.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

namespace ptcesim::model {

/// Environment for this tick: external demand and energy prices under the scenario's shocks.
void apply_shocks(World& w, const core::StepContext& ctx);
/// Households' income, taxes and consumption; local demand per (territory, sector); imports.
void form_demand(World& w, const core::StepContext& ctx);
/// Market shares (replicator dynamics), sales within capacity, prices, costs and profits.
void produce_and_compete(World& w, const core::StepContext& ctx);
/// Quits, layoffs, vacancies, matching (local, then commuting), wages; rebuilds wage bills.
void match_labour(World& w, const core::StepContext& ctx);
/// Bankruptcies, relocations and entry; births and deaths applied in id order.
void apply_entry_exit(World& w, const core::StepContext& ctx);
/// Authorities' revenue, payroll, SSE subsidies, procurement for the next tick, balance.
void run_public_finance(World& w, const core::StepContext& ctx);
/// Unemployment trends; once a year after the burn-in, unemployed households move to the
/// neighbour whose labour market improved most relative to theirs; regroups the workers.
void migrate_households(World& w, const core::StepContext& ctx);

/// Sets w.territory_schedule: territories by decreasing resident workers (ties by index), the
/// order in which per-territory parallel loops hand them out (largest first).
void schedule_territories(World& w);
/// The schedule, set first if it does not list every territory (a world not yet stepped).
std::span<const std::uint32_t> territories_largest_first(World& w);

/// Whether rebuild_employment must group the workers by employer (w.employer_workers), or may
/// leave the grouping as it was (a rebuild whose grouping nobody reads before the next one).
enum class EmployerGrouping { group_workers, counts_only };
/// Re-derives each producer's employees and wage bill from the workers (after any change of
/// employment), and groups workers by employer for the labour phase.
void rebuild_employment(World& w, EmployerGrouping grouping = EmployerGrouping::group_workers);
/// Built land for the jobs beyond each producer's peak employment (called by
/// rebuild_employment, and by the labour phase, which keeps the counts itself).
void follow_peak_employment(World& w);
/// Hires worker `r` into (kind, row) at `tick`, at the wage the labour market sets.
void hire(World& w, std::size_t r, EmployerKind kind, std::int32_t row, std::int32_t tick);
/// The wage curve's factor on hiring wages for residents of `home` this month (1 before the
/// first labour phase).
double wage_curve_factor(const World& w, TerritoryIndex home);
/// hire() with the resident territory's wage_curve_factor already computed (the labour phase
/// computes it once per territory, not once per hire).
void hire_at_curve(World& w, std::size_t r, EmployerKind kind, std::int32_t row, std::int32_t tick,
                   double curve);

/// Sums market_term(i) into producer i's (territory, sector) market and sector_term(i) into its
/// sector, each total in row order: two serial passes at once (core::parallel_invoke), so that
/// every total is a serial pass's whatever the threads. market_total keeps its size (one cell
/// per market) and is cleared first.
template <class MarketTerm, class SectorTerm>
void sum_by_market_and_sector(const Producers& p, MarketTerm&& market_term,
                              SectorTerm&& sector_term, std::vector<double>& market_total,
                              std::array<double, kSectors>& sector_total) {
  std::fill(market_total.begin(), market_total.end(), 0.0);
  core::parallel_invoke(
      [&] {
        for (std::size_t i = 0; i < p.size(); ++i)
          market_total[market_index(p.territory[i], p.sector[i])] += market_term(i);
      },
      [&] {
        std::array<double, kSectors> totals{}; // this thread's own lines until the end
        for (std::size_t i = 0; i < p.size(); ++i)
          totals[static_cast<std::size_t>(p.sector[i])] += sector_term(i);
        sector_total = totals;
      });
}

} // namespace ptcesim::model
