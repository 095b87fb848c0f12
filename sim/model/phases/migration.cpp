// Residential migration (docs/model.md, "Residential migration"): once a year after the
// burn-in, unemployed households move to the neighbouring territory whose labour market has
// improved most relative to their own since the burn-in, and territories exchange households
// with the rest of the country as their unemployment falls or rises (Blanchard & Katz 1992).
#include "sim/core/counting_sort.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/stream.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace ptcesim::model {

namespace {
// The trend is an exponential average over about a year: households compare labour markets
// over a year, not month to month.
constexpr double kTrendMonths = 12.0;
constexpr std::int32_t kMonthsPerYear = 12;
// At most this share of a territory's unemployed moves in a year, however wide the gap.
constexpr double kMaxMovingShare = 0.5;
// Arrivals from the rest of the country in a year: at most this share of the labour force
// (the fastest-growing French employment areas gain 2-3 % a year).
constexpr double kMaxArrivalShare = 0.05;
// Inhabitants per worker when a territory has no labour force left (never in practice).
constexpr double kFallbackInhabitantsPerWorker = 2.0;

// Regroups the worker table by home territory (id order within each territory) after moves,
// and resets the territories' row ranges. Rows whose territory is the sentinel n (households
// gone to the rest of the country) are dropped; rows appended after the last territory's block
// (households arrived from it) are arrivals like the others.
void regroup_workers(World& w, const std::vector<unsigned char>& received) {
  auto& workers = w.workers;
  auto& terr = w.territories;
  const std::size_t n = terr.size();
  const std::size_t rows_before = workers.size();
  const std::vector<std::size_t> old_offset = terr.worker_offset;
  auto& offset = terr.worker_offset;
  // order[new row] = old row: a stable counting sort by territory. In a territory that
  // received arrivals, its stayers (in id order already) are merged with the arrivals sorted
  // by id: linear in the block, where sorting whole blocks cost seconds at France's scale.
  auto order =
      core::rows_grouped_by(std::span<const TerritoryIndex>(workers.territory), n + 1, offset);
  order.resize(offset[n]); // the leavers' group is last
  offset.resize(n + 1);
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    if (!received[t])
      return;
    const auto first = order.begin() + static_cast<std::ptrdiff_t>(offset[t]);
    const auto last = order.begin() + static_cast<std::ptrdiff_t>(offset[t + 1]);
    const auto by_id = [&](std::uint32_t a, std::uint32_t b) {
      return workers.id[a] < workers.id[b];
    };
    const auto arrivals = std::stable_partition(
        first, last, [&](std::uint32_t r) { return r >= old_offset[t] && r < old_offset[t + 1]; });
    std::sort(arrivals, last, by_id);
    std::inplace_merge(first, arrivals, last, by_id);
  });
  core::reorder_rows(workers, std::span<const std::uint32_t>(order), w.reorder_scratch);
  // Households move with their jobs: employers, wages and so every employer's counts are
  // unchanged, and only the rows in the employers' worker lists move. Remapping the lists
  // (O(employed), in parallel) replaces a full rebuild of the grouping. Their order within an
  // employer changes, which the layoffs do not see: they pick by a strict order (seniority,
  // then row) whatever the list's order.
  // Leavers were unemployed, so no list holds them.
  auto& new_row_of = w.match_pool; // labour's scratch, free outside the labour phase
  new_row_of.resize(rows_before);
  core::parallel_for_rows(
      order.size(), [&](std::size_t r) { new_row_of[order[r]] = static_cast<std::uint32_t>(r); });
  auto& listed = w.employer_workers;
  core::parallel_for_rows(listed.size(), [&](std::size_t k) { listed[k] = new_row_of[listed[k]]; });
}

// Inhabitants per worker of territory t: households move with their members.
double inhabitants_per_worker(const Territories& terr, std::size_t t) {
  return terr.labour_force[t] > 0
             ? static_cast<double>(terr.population[t]) / static_cast<double>(terr.labour_force[t])
             : kFallbackInhabitantsPerWorker;
}

// Moves `movers` workers' households from territory `from` (to == -1: the rest of the country)
// to `to` (from == -1: arriving from it) in the territories' counts.
void record_moves(World& w, std::int64_t movers, std::int64_t from, std::int64_t to) {
  auto& terr = w.territories;
  auto& f = w.flows;
  const auto origin = static_cast<std::size_t>(from >= 0 ? from : to);
  const auto inhabitants =
      std::llround(static_cast<double>(movers) * inhabitants_per_worker(terr, origin));
  if (from >= 0) {
    const auto t = static_cast<std::size_t>(from);
    terr.population[t] -= inhabitants;
    terr.labour_force[t] -= movers;
    f.unemployed[t] -= movers;
    f.net_migration[t] -= movers;
  }
  if (to >= 0) {
    const auto t = static_cast<std::size_t>(to);
    terr.population[t] += inhabitants;
    terr.labour_force[t] += movers;
    f.unemployed[t] += movers;
    f.net_migration[t] += movers;
  }
}

// Each unemployed resident still in territory t moves to destination(t) with probability
// share[t]: one draw keyed by its id (not its row), so the movers do not depend on row order
// or threads. Returns the movers per territory of origin.
template <class Destination>
std::vector<std::int64_t> draw_movers(World& w, const core::StepContext& ctx, core::Purpose purpose,
                                      const std::vector<double>& share, Destination&& destination) {
  auto& terr = w.territories;
  auto& workers = w.workers;
  std::vector<std::int64_t> movers(terr.size(), 0);
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    if (share[t] <= 0.0)
      return;
    const auto to = static_cast<TerritoryIndex>(destination(t));
    std::int64_t moved = 0;
    for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1]; ++r) {
      if (workers.employer_kind[r] != EmployerKind::none || workers.territory[r] != t)
        continue;
      core::RandomStream rng(w.seed, purpose, workers.id[r], ctx.tick);
      if (rng.uniform01() < share[t]) {
        workers.territory[r] = to;
        ++moved;
      }
    }
    movers[t] = moved;
  });
  return movers;
}

// Moves between neighbours: each territory's unemployed move, with a probability growing with
// the gap, to the neighbour whose unemployment changed least since the burn-in relative to
// theirs. Marks the territories that received someone; true if anyone moved.
bool move_to_neighbours(World& w, const core::StepContext& ctx,
                        std::vector<unsigned char>& received) {
  auto& terr = w.territories;
  const std::size_t n = terr.size();
  const double response = w.scenario.labour.migration_response;
  // Destination of each territory's movers: the neighbour with the widest positive gap
  // g = (trend - reference) at home minus the same at the neighbour.
  std::vector<std::int32_t> destination(n, -1);
  std::vector<double> moving_share(n, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    const double home_change = terr.unemployment_trend[t] - terr.reference_unemployment[t];
    double widest = 0.0;
    for (std::uint32_t k = terr.neighbour_offset[t]; k < terr.neighbour_offset[t + 1]; ++k) {
      const std::size_t nb = terr.neighbour[k];
      const double gap =
          home_change - (terr.unemployment_trend[nb] - terr.reference_unemployment[nb]);
      if (gap > widest) {
        widest = gap;
        destination[t] = static_cast<std::int32_t>(nb);
      }
    }
    moving_share[t] = std::min(kMaxMovingShare, response * widest);
  }

  // (No destination: the widest gap stayed 0, and so did the share.)
  const auto movers = draw_movers(w, ctx, purpose::kMigration, moving_share,
                                  [&](std::size_t t) { return destination[t]; });
  bool anyone = false;
  for (std::size_t t = 0; t < n; ++t)
    if (movers[t] > 0) {
      record_moves(w, movers[t], static_cast<std::int64_t>(t), destination[t]);
      received[static_cast<std::size_t>(destination[t])] = 1;
      anyone = true;
    }
  return anyone;
}

// Exchanges with the rest of the country, whose unemployment is held at its burn-in level: a
// territory whose unemployment trend fell by d since the burn-in receives households making
// min(0.05, λ d) of its labour force, new unemployed workers; one whose trend rose by d loses
// λ d of its labour force from its unemployed, each leaving with that share of them as
// probability (at most one half). Leavers get the sentinel territory n; arrivals are appended.
// True if anyone left or arrived.
bool exchange_with_country(World& w, const core::StepContext& ctx,
                           std::vector<unsigned char>& received) {
  auto& terr = w.territories;
  auto& workers = w.workers;
  const std::size_t n = terr.size();
  const double response = w.scenario.labour.country_migration_response;
  std::vector<std::int64_t> arrivals(n, 0);
  std::vector<double> leaving_share(n, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    const double change = terr.unemployment_trend[t] - terr.reference_unemployment[t];
    const auto labour_force = static_cast<double>(terr.labour_force[t]);
    if (change < 0.0)
      arrivals[t] = std::llround(std::min(kMaxArrivalShare, -response * change) * labour_force);
    else if (change > 0.0 && w.flows.unemployed[t] > 0)
      leaving_share[t] = std::min(kMaxMovingShare, response * change * labour_force /
                                                       static_cast<double>(w.flows.unemployed[t]));
  }

  // Leavers: residents who just moved to a neighbour already have another territory and stay
  // there this year.
  const auto gone = static_cast<TerritoryIndex>(n);
  const auto leavers =
      draw_movers(w, ctx, purpose::kEmigration, leaving_share, [&](std::size_t) { return gone; });
  // Their savings leave with them (the leavers found in parallel, their savings added in row
  // order).
  std::vector<std::uint32_t> gone_rows;
  core::rows_where(
      workers.size(), [&](std::size_t r) { return workers.territory[r] == gone; }, gone_rows);
  for (const std::uint32_t r : gone_rows)
    w.outside.emigrant_savings += workers.savings[r];

  // Arrivals: unemployed job-seekers, insured at the local services wage for their skill, with
  // the savings of the initial households; ids in territory order, each arrival drawn from its
  // own id's stream, territories in parallel, their savings added in row order afterwards.
  const std::int64_t arriving = std::accumulate(arrivals.begin(), arrivals.end(), std::int64_t{0});
  const std::size_t first_row = workers.size();
  core::resize_rows(workers, first_row + static_cast<std::size_t>(arriving));
  const AgentId first_id = w.worker_ids.allocate_block(static_cast<std::uint64_t>(arriving));
  std::vector<std::size_t> arrival_offset(n + 1, 0); // arrivals of t: rows from first_row + this
  for (std::size_t t = 0; t < n; ++t)
    arrival_offset[t + 1] = arrival_offset[t] + static_cast<std::size_t>(arrivals[t]);
  const auto& sc = w.scenario;
  const double sigma = sc.households.skill_lognormal_sigma;
  const double services_wage =
      sc.sectors[static_cast<std::size_t>(scenario::Sector::local_services)].wage_eur_month;
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    for (std::size_t k = arrival_offset[t]; k < arrival_offset[t + 1]; ++k) {
      const std::size_t r = first_row + k;
      const AgentId id = first_id + k;
      core::RandomStream rng(w.seed, purpose::kImmigrant, id, ctx.tick);
      workers.id[r] = id;
      workers.territory[r] = static_cast<TerritoryIndex>(t);
      workers.employer_kind[r] = EmployerKind::none;
      workers.employer_row[r] = -1;
      workers.skill[r] = static_cast<float>(core::lognormal(rng, -0.5 * sigma * sigma, sigma));
      workers.wage[r] = static_cast<float>(services_wage * workers.skill[r]);
      workers.hire_tick[r] = -1;
      workers.unemployment_months[r] = 0;
      workers.insertion[r] = 0;
      workers.savings[r] = sc.households.initial_savings_months *
                           std::max(600.0, static_cast<double>(workers.wage[r]));
    }
  });
  for (std::size_t r = first_row; r < workers.size(); ++r)
    w.outside.immigrant_savings += workers.savings[r];

  bool anyone = arriving > 0;
  for (std::size_t t = 0; t < n; ++t) {
    if (leavers[t] > 0) {
      record_moves(w, leavers[t], static_cast<std::int64_t>(t), -1);
      anyone = true;
    }
    if (arrivals[t] > 0) {
      record_moves(w, arrivals[t], -1, static_cast<std::int64_t>(t));
      received[t] = 1;
    }
  }
  return anyone;
}

// Public services follow the population they serve: a share φ of each territory's public jobs
// in proportion to its inhabitants, the rest at the initial number. A lower target is reached
// by attrition (public employers do not lay off).
void follow_population_with_public_jobs(World& w) {
  auto& a = w.authorities;
  const double share = w.scenario.authority.public_jobs_population_share;
  for (std::size_t t = 0; t < a.size(); ++t)
    a.public_jobs_target[t] = static_cast<std::int32_t>(
        std::lround((1.0 - share) * static_cast<double>(a.initial_public_jobs[t]) +
                    share * a.public_jobs_per_inhabitant[t] *
                        static_cast<double>(w.territories.population[t])));
}
} // namespace

void migrate_households(World& w, const core::StepContext& ctx) {
  auto& terr = w.territories;
  auto& f = w.flows;
  const std::size_t n = terr.size();
  f.net_migration.assign(n, 0);
  for (std::size_t t = 0; t < n; ++t) {
    const double lf = static_cast<double>(std::max<std::int64_t>(1, terr.labour_force[t]));
    const double u = static_cast<double>(f.unemployed[t]) / lf;
    terr.unemployment_trend[t] += (u - terr.unemployment_trend[t]) / kTrendMonths;
  }
  // The reference is the trend at the end of the burn-in: migration answers changes since then
  // (a territory's structurally higher unemployment does not empty it).
  if (ctx.tick == w.strategy_start_tick - 1)
    terr.reference_unemployment = terr.unemployment_trend;
  const auto& labour = w.scenario.labour;
  const std::int32_t months_since_start = ctx.tick - w.strategy_start_tick + 1;
  if (months_since_start <= 0 || months_since_start % kMonthsPerYear != 0)
    return;
  std::vector<unsigned char> received(n, 0);
  bool anyone = false;
  if (labour.migration_response > 0.0)
    anyone = move_to_neighbours(w, ctx, received);
  if (labour.country_migration_response > 0.0)
    anyone = exchange_with_country(w, ctx, received) || anyone;
  if (!anyone)
    return;
  regroup_workers(w, received);
  follow_population_with_public_jobs(w);
}

} // namespace ptcesim::model
