// Residential migration (docs/model.md, "Residential migration"): once a year after the
// burn-in, unemployed households move to the neighbouring territory whose labour market has
// improved most relative to their own since the burn-in (Blanchard & Katz 1992).
#include "sim/core/parallel.hpp"
#include "sim/core/rng/stream.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
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

// Regroups the worker table by home territory (id order within each territory) after moves,
// and resets the territories' row ranges.
void regroup_workers(World& w, const std::vector<unsigned char>& received) {
  auto& workers = w.workers;
  auto& terr = w.territories;
  const std::size_t n = terr.size();
  const std::vector<std::size_t> old_offset = terr.worker_offset;
  auto& offset = terr.worker_offset;
  // order[new row] = old row: a stable counting sort by territory. In a territory that
  // received arrivals, its stayers (in id order already) are merged with the arrivals sorted
  // by id: linear in the block, where sorting whole blocks cost seconds at France's scale.
  auto order = core::rows_grouped_by(std::span<const TerritoryIndex>(workers.territory), n, offset);
  core::parallel_for_rows(
      n,
      [&](std::size_t t) {
        if (!received[t])
          return;
        const auto first = order.begin() + static_cast<std::ptrdiff_t>(offset[t]);
        const auto last = order.begin() + static_cast<std::ptrdiff_t>(offset[t + 1]);
        const auto by_id = [&](std::uint32_t a, std::uint32_t b) {
          return workers.id[a] < workers.id[b];
        };
        const auto arrivals = std::stable_partition(first, last, [&](std::uint32_t r) {
          return r >= old_offset[t] && r < old_offset[t + 1];
        });
        std::sort(arrivals, last, by_id);
        std::inplace_merge(first, arrivals, last, by_id);
      },
      1);
  core::reorder_rows(workers, std::span<const std::uint32_t>(order));
  // Households move with their jobs: employers, wages and so every employer's counts are
  // unchanged, and only the rows in the employers' worker lists move. Remapping the lists
  // (O(employed), in parallel) replaces a full rebuild of the grouping. Their order within an
  // employer changes, which the layoffs do not see: they pick by a strict order (seniority,
  // then row) whatever the list's order.
  auto& new_row_of = w.match_pool; // labour's scratch, free outside the labour phase
  new_row_of.resize(order.size());
  core::parallel_for_rows(
      order.size(), [&](std::size_t r) { new_row_of[order[r]] = static_cast<std::uint32_t>(r); });
  auto& listed = w.employer_workers;
  core::parallel_for_rows(listed.size(), [&](std::size_t k) { listed[k] = new_row_of[listed[k]]; });
}
} // namespace

void migrate_households(World& w, const core::StepContext& ctx) {
  auto& terr = w.territories;
  auto& workers = w.workers;
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
  const double response = w.scenario.labour.migration_response;
  const std::int32_t months_since_start = ctx.tick - w.strategy_start_tick + 1;
  if (response <= 0.0 || months_since_start <= 0 || months_since_start % kMonthsPerYear != 0)
    return;

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

  // Each unemployed resident moves with that probability: one draw keyed by its id, so the
  // movers do not depend on row order or threads.
  std::vector<std::int64_t> movers(n, 0);
  core::parallel_for_rows(
      n,
      [&](std::size_t t) {
        if (destination[t] < 0 || moving_share[t] <= 0.0)
          return;
        std::int64_t moved = 0;
        for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1]; ++r) {
          if (workers.employer_kind[r] != EmployerKind::none)
            continue;
          core::RandomStream rng(w.seed, purpose::kMigration, workers.id[r], ctx.tick);
          if (rng.uniform01() < moving_share[t]) {
            workers.territory[r] = static_cast<TerritoryIndex>(destination[t]);
            ++moved;
          }
        }
        movers[t] = moved;
      },
      1);

  // Households move with their members: the origin's inhabitants per worker.
  std::vector<unsigned char> received(n, 0);
  bool anyone = false;
  for (std::size_t t = 0; t < n; ++t) {
    if (movers[t] == 0)
      continue;
    anyone = true;
    const auto d = static_cast<std::size_t>(destination[t]);
    const auto inhabitants =
        std::llround(static_cast<double>(movers[t]) * static_cast<double>(terr.population[t]) /
                     static_cast<double>(terr.labour_force[t]));
    terr.population[t] -= inhabitants;
    terr.population[d] += inhabitants;
    terr.labour_force[t] -= movers[t];
    terr.labour_force[d] += movers[t];
    f.unemployed[t] -= movers[t];
    f.unemployed[d] += movers[t];
    f.net_migration[t] -= movers[t];
    f.net_migration[d] += movers[t];
    received[d] = 1;
  }
  if (!anyone)
    return;
  regroup_workers(w, received);
}

} // namespace ptcesim::model
