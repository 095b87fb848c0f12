// Demography (docs/model.md, "Entry, exit and relocation"): producers in distress for too long
// go bankrupt, mobile external firms relocate, new firms and SSE initiatives enter. Deaths are
// flagged then erased in id order; entrants get new, larger ids in a fixed order.
#include "sim/core/counting_sort.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/initialise.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <cmath>

namespace ptcesim::model {

namespace {

// Closures other than bankruptcy are firms.closure_rate_per_month at this size (employees).
constexpr double kClosureReferenceSize = 5.0;

// Settles the cash of exiting producers (listed in row order) with the outside world (owners
// and creditors) and counts their jobs as destroyed; their workers are freed by the remapping
// pass below.
void close_exiting(World& w, Producers& p, const std::vector<std::uint32_t>& exiting,
                   std::vector<std::int64_t>& deaths) {
  for (const std::uint32_t i : exiting) {
    w.flows.jobs_destroyed[p.territory[i]] += p.employees_last_month[i];
    ++deaths[p.territory[i]];
    if (p.cash[i] >= 0)
      w.outside.exit_payouts += p.cash[i];
    else
      w.outside.exit_write_offs -= p.cash[i];
  }
}

// New row of every row once the exiting ones (listed in row order) are erased, -1 for those:
// the rows between the k-th and the (k+1)-th exiting row move up by k, in parallel.
void remap_rows(std::size_t rows, const std::vector<std::uint32_t>& exiting,
                std::vector<std::int32_t>& new_row) {
  new_row.resize(rows);
  core::parallel_for_rows(
      exiting.size() + 1,
      [&](std::size_t k) {
        const std::size_t first = k == 0 ? 0 : exiting[k - 1] + std::size_t{1};
        const std::size_t last = k < exiting.size() ? exiting[k] : rows;
        for (std::size_t i = first; i < last; ++i)
          new_row[i] = static_cast<std::int32_t>(i - k);
        if (k < exiting.size())
          new_row[exiting[k]] = -1;
      },
      64);
}

} // namespace

void apply_entry_exit(World& w, const core::StepContext& ctx) {
  auto& firms = w.firms;
  auto& sse = w.sse;
  const auto& sc = w.scenario;
  const std::size_t n = w.territories.size();
  const std::int32_t month = ctx.tick - w.strategy_start_tick + 1;

  // 1. Distress and exits.
  auto& dead_firm = w.dead_firm;
  auto& dead_sse = w.dead_sse;
  dead_firm.assign(firms.size(), 0);
  dead_sse.assign(sse.size(), 0);
  core::parallel_for_rows(firms.size(), [&](std::size_t i) {
    firms.distress_months[i] =
        firms.cash[i] < 0 ? static_cast<std::int16_t>(firms.distress_months[i] + 1) : 0;
    if (firms.distress_months[i] >= sc.firms.bankruptcy_months)
      dead_firm[i] = 1;
    core::RandomStream closure(w.seed, purpose::kClosure, firms.id[i], ctx.tick);
    // Closures other than bankruptcy (retirement, failed transfer) fall with size (Evans 1987;
    // Dunne, Roberts & Samuelson 1989): a large firm is sold or restructured, not closed.
    const double closure_size = std::max(1.0, static_cast<double>(firms.employees_last_month[i]));
    const double closure_rate =
        sc.firms.closure_rate_per_month *
        std::pow(closure_size / kClosureReferenceSize, -sc.firms.closure_size_elasticity);
    if (closure.uniform01() < closure_rate)
      dead_firm[i] = 1;
    // Mobile firms owned outside leave with a small hazard, higher once their subsidy ended
    // (the footloose plants that location incentives attract; Bartik 2018).
    if (firms.mobile[i] && !dead_firm[i]) {
      core::RandomStream rng(w.seed, purpose::kRelocation, firms.id[i], ctx.tick);
      double hazard = sc.firms.relocation_base_hazard;
      if (firms.attracted_tick[i] >= 0 && firms.subsidy_until_tick[i] >= 0 &&
          ctx.tick >= firms.subsidy_until_tick[i])
        hazard *= 3.0;
      if (rng.uniform01() < hazard)
        dead_firm[i] = 2;
    }
  });
  core::parallel_for_rows(sse.size(), [&](std::size_t i) {
    sse.distress_months[i] =
        sse.cash[i] < 0 ? static_cast<std::int16_t>(sse.distress_months[i] + 1) : 0;
    if (sse.distress_months[i] >= sc.sse.bankruptcy_months)
      dead_sse[i] = 1;
    core::RandomStream closure(w.seed, purpose::kClosure, (std::uint64_t{1} << 40) + sse.id[i],
                               ctx.tick);
    if (closure.uniform01() < sc.sse.closure_rate_per_month)
      dead_sse[i] = 1;
  });
  // Shock: the largest externally owned firm leaves at the shock's start month.
  for (const auto& shock : sc.shocks) {
    if (shock.kind != scenario::ShockKind::large_firm_departure || shock.start_month != month)
      continue;
    std::size_t largest = firms.size();
    for (std::size_t i = 0; i < firms.size(); ++i) {
      if (!firms.external_owned[i] || dead_firm[i])
        continue;
      if (!shock.territory.empty() && w.territories.name[firms.territory[i]] != shock.territory)
        continue;
      if (largest == firms.size() || firms.employees[i] > firms.employees[largest])
        largest = i;
    }
    if (largest < firms.size())
      dead_firm[largest] = 2;
  }
  // Exiting producers listed in row order, in parallel: what follows touches only them.
  auto& exiting_firms = w.exiting_firm_rows;
  auto& exiting_sse = w.exiting_sse_rows;
  core::rows_where(
      firms.size(), [&](std::size_t i) { return dead_firm[i] != 0; }, exiting_firms);
  core::rows_where(
      sse.size(), [&](std::size_t i) { return dead_sse[i] != 0; }, exiting_sse);
  for (const std::uint32_t i : exiting_firms) {
    if (dead_firm[i] == 2)
      ++w.flows.relocations[firms.territory[i]];
    // An attracted firm's customers outside were its own: they leave with it (whatever the
    // cause of its exit) instead of being shared by the sector's remaining firms.
    if (firms.brought_external_demand_eur[i] > 0) {
      auto& demand = w.environment.external_demand_eur[static_cast<std::size_t>(firms.sector[i])];
      demand = std::max(0.0, demand - firms.brought_external_demand_eur[i]);
    }
    // Clawback: an attracted firm relocating early repays part of its grant (from its cash);
    // a bankrupt firm has nothing to repay, and its creditors come first.
    if (dead_firm[i] == 2 && firms.attracted_tick[i] >= 0 &&
        firms.subsidy_per_job_eur_month[i] > 0 &&
        ctx.tick - firms.attracted_tick[i] <
            static_cast<std::int32_t>(12.0 * sc.strategy.clawback_years)) {
      const double repaid =
          std::min(std::max(0.0, firms.cash[i]),
                   sc.strategy.clawback_share * firms.subsidy_per_job_eur_month[i]);
      firms.cash[i] -= repaid;
      w.strategy_pot[firms.territory[i]] += repaid;
    }
  }
  close_exiting(w, firms, exiting_firms, w.flows.firm_deaths);
  close_exiting(w, sse, exiting_sse, w.flows.sse_deaths);
  remap_rows(firms.size(), exiting_firms, w.firm_row_map);
  remap_rows(sse.size(), exiting_sse, w.sse_row_map);
  if (!exiting_firms.empty() || !exiting_sse.empty()) {
    core::erase_flagged_rows(firms, dead_firm);
    core::erase_flagged_rows(sse, dead_sse);
    // One pass over the workers: those of exiting producers become unemployed (their jobs are
    // destroyed), the others follow their employer's new row.
    auto& workers = w.workers;
    // Raw column pointers: through the vectors, every store to a row reloaded every column's
    // address (the compiler cannot tell the stores from the vectors' own pointers).
    EmployerKind* const kind_of = workers.employer_kind.data();
    std::int32_t* const row_of = workers.employer_row.data();
    std::int32_t* const hire_tick = workers.hire_tick.data();
    std::uint8_t* const insertion = workers.insertion.data();
    const std::int32_t* const firm_map = w.firm_row_map.data();
    const std::int32_t* const sse_map = w.sse_row_map.data();
    core::parallel_for_rows(workers.size(), [=](std::size_t r) {
      const auto kind = kind_of[r];
      if (kind != EmployerKind::firm && kind != EmployerKind::sse)
        return;
      const std::int32_t* const map = kind == EmployerKind::firm ? firm_map : sse_map;
      const std::int32_t row = map[static_cast<std::size_t>(row_of[r])];
      row_of[r] = row;
      if (row < 0) {
        kind_of[r] = EmployerKind::none;
        hire_tick[r] = -1;
        insertion[r] = 0;
      }
    });
  }

  // 2. Entry: Poisson arrivals per territory and sector, proportional to the structural number
  // of firms of the market (its initial count, which scales with inhabitants: INSEE creations
  // follow population; Brenner 2001). Entry proportional to current incumbents had no restoring
  // force: once exits exceeded entries the population shrank geometrically (docs/model.md §7.7).
  // An incubator raises SSE entry.
  // One pass over each producer table gathers the markets' counts, customer bases and staff
  // and the sectors' mean external shares (each sum in row order, as separate passes did).
  auto& incumbents = w.market_scratch_a;
  auto& firm_base = w.market_scratch_c;
  auto& sse_base = w.market_scratch_d;
  incumbents.assign(n * kSectors, 0.0);
  firm_base.assign(n * kSectors, 0.0);
  sse_base.assign(n * kSectors, 0.0);
  std::vector<double> firm_staff(n * kSectors, 0.0), sse_market_count(n * kSectors, 0.0);
  // Mean share of each sector's external demand per producer of a segment: entrants get half.
  std::array<double, kSectors> sector_external_mean{}, sse_external_mean{}, firm_count{},
      sse_count{};
  // Two serial passes at once: the firms' market totals, then the rest (the sector sums are
  // kept in the task's own arrays until the end: no cache line shared with the other thread).
  core::parallel_invoke(
      [&] {
        for (std::size_t i = 0; i < firms.size(); ++i) {
          const std::size_t m = market_index(firms.territory[i], firms.sector[i]);
          incumbents[m] += 1.0;
          firm_base[m] += firms.customer_base[i];
          firm_staff[m] += firms.employees[i];
        }
      },
      [&] {
        std::array<double, kSectors> firm_external{}, firms_in_sector{}, sse_external{},
            sse_in_sector{};
        for (std::size_t i = 0; i < firms.size(); ++i) {
          const auto sector = static_cast<std::size_t>(firms.sector[i]);
          firm_external[sector] += firms.external_share[i];
          firms_in_sector[sector] += 1.0;
        }
        for (std::size_t i = 0; i < sse.size(); ++i) {
          const std::size_t m = market_index(sse.territory[i], sse.sector[i]);
          const auto sector = static_cast<std::size_t>(sse.sector[i]);
          sse_base[m] += sse.customer_base[i];
          sse_market_count[m] += 1.0;
          sse_external[sector] += sse.external_share[i];
          sse_in_sector[sector] += 1.0;
        }
        sector_external_mean = firm_external;
        firm_count = firms_in_sector;
        sse_external_mean = sse_external;
        sse_count = sse_in_sector;
      });
  for (std::size_t sector = 0; sector < kSectors; ++sector) {
    sector_external_mean[sector] =
        firm_count[sector] > 0 ? sector_external_mean[sector] / firm_count[sector] : 0.0;
    sse_external_mean[sector] =
        sse_count[sector] > 0 ? sse_external_mean[sector] / sse_count[sector] : 0.0;
  }
  // Mean customer base per (territory, sector) market and segment: an entrant starts with half
  // of it (a foothold in the market, not an average incumbent's clientele).
  auto entrant_base = [](double total, double count) {
    return count > 0 ? 0.5 * total / count : 0.0;
  };
  std::array<double, scenario::kSseFormCount> form_share{};
  for (std::size_t f = 0; f < scenario::kSseFormCount; ++f)
    form_share[f] = sc.sse_forms[f].share;
  const std::array<double, scenario::kSseActivityCount> activity_share{0.35, 0.12, 0.10, 0.06,
                                                                       0.12, 0.10, 0.15};
  for (std::size_t t = 0; t < n; ++t) {
    const auto ti = static_cast<TerritoryIndex>(t);
    for (std::size_t s = 0; s < kSectors; ++s) {
      core::RandomStream rng(w.seed, purpose::kFirmEntry, t * kSectors + s, ctx.tick);
      // Entry rises as the market thins out relative to its structural number (room for new
      // firms: Brenner 2001's local market potential), so the count is mean-reverting.
      const double reference = w.reference_firms[t * kSectors + s];
      const double room = reference / std::max(1.0, incumbents[t * kSectors + s]);
      const auto entrants = core::poisson(rng, sc.firms.entry_rate_per_month * reference * room);
      for (std::uint64_t k = 0; k < entrants; ++k) {
        const auto size = static_cast<std::int32_t>(1 + core::uniform_index(rng, 3));
        core::RandomStream frng(w.seed, purpose::kEntrant, w.firm_ids.peek(), ctx.tick);
        const std::size_t r = add_firm(w, ti, static_cast<Sector>(s), size, ctx.tick, frng);
        firms.max_employees[r] = 0;  // an entrant builds its premises
        firms.external_owned[r] = 0; // entrants are local start-ups
        firms.mobile[r] = 0;
        const double n_market = std::max(1.0, incumbents[t * kSectors + s]);
        // A start-up's clientele is that of its founding staff: the market's customer base per
        // employee times its 1-3 employees, a small fraction of an average incumbent's. The
        // ratio of entrants' to mean size sets the tail of the size distribution (Gabaix 2009:
        // Zipf exponent ≈ 1/(1 − s_entry/s_mean)); entrants at half the mean gave ≈ 2.
        const double market_base = firm_base[t * kSectors + s];
        const double staff = firm_staff[t * kSectors + s];
        firms.customer_base[r] = market_base > 0 && staff > 0
                                     ? sc.firms.entrant_demand_multiple * market_base / staff * size
                                     : firms.productivity[r] * size;
        // Its first shares are those its clientele warrants (the demand system's target), so a
        // start-up does not hire for a foothold it then loses within months.
        const double relative_base =
            market_base > 0 ? firms.customer_base[r] * n_market / market_base : 0.5;
        firms.local_share[r] = relative_base / n_market;
        firms.external_share[r] = sector_external_mean[s] * relative_base;
        firms.normal_customer_base[r] = firms.customer_base[r];
        // Founders bring six months of wages as capital.
        firms.cash[r] = 6.0 * sc.sectors[s].wage_eur_month * size;
        w.outside.entrant_capital += firms.cash[r];
        ++w.flows.firm_births[t];
      }
    }
    core::RandomStream rng(w.seed, purpose::kSseEntry, t, ctx.tick);
    const double rate =
        sc.sse.entry_rate_per_month * (1.0 + w.authorities.incubator_entry_boost[t]);
    double sse_here = 0.0;
    for (std::size_t m = t * kSectors; m < (t + 1) * kSectors; ++m)
      sse_here += sse_market_count[m];
    const auto entrants = core::poisson(rng, rate * w.reference_sse[t] * w.reference_sse[t] /
                                                 std::max(1.0, sse_here));
    for (std::uint64_t k = 0; k < entrants; ++k) {
      const auto form = static_cast<SseForm>(core::categorical(rng, form_share));
      // Work-integration enterprises do recycling or building renovation, as at initialisation.
      const auto activity = form == SseForm::work_integration
                                ? (core::bernoulli(rng, 0.5) ? SseActivity::recycling_circular
                                                             : SseActivity::building_renovation)
                                : static_cast<SseActivity>(core::categorical(rng, activity_share));
      const auto size = static_cast<std::int32_t>(1 + core::uniform_index(rng, 3));
      core::RandomStream srng(w.seed, purpose::kEntrant,
                              (std::uint64_t{1} << 40) + w.sse_ids.peek(), ctx.tick);
      const std::size_t r = add_sse(w, ti, form, activity, size, ctx.tick, srng);
      const std::size_t m = market_index(ti, sse.sector[r]);
      const auto sector = static_cast<std::size_t>(sse.sector[r]);
      sse.max_employees[r] = 0;
      sse.local_share[r] = 0.5 / std::max(1.0, sse_market_count[m]);
      sse.external_share[r] = 0.5 * sse_external_mean[sector];
      sse.customer_base[r] = sse_base[m] > 0 ? entrant_base(sse_base[m], sse_market_count[m])
                                             : sse.productivity[r] * size;
      sse.normal_customer_base[r] = sse.customer_base[r];
      // Founders bring six months of wages; cooperatives twice that, lent by their network's
      // funds (Scop network's Socoden and Scopinvest; start-up support is the reason CG Scop
      // gives for cooperatives' higher survival).
      const double months =
          (form == SseForm::worker_cooperative || form == SseForm::scic) ? 12.0 : 6.0;
      sse.cash[r] =
          months * sc.sectors[static_cast<std::size_t>(sse.sector[r])].wage_eur_month * size;
      w.outside.entrant_capital += sse.cash[r];
      ++w.flows.sse_births[t];
    }
  }
  rebuild_employment(w);
}

} // namespace ptcesim::model
