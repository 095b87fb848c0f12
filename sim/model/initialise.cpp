// Initialisation (docs/model.md, "Initialisation"): territories from the scenario (listed or
// synthetic), one worker per member of the labour force, employer firms with a Pareto size
// distribution, SSE initiatives, public employment, then workers assigned to employers.
#include "sim/model/initialise.hpp"

#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <stdexcept>

namespace ptcesim::model {

namespace {

// Targets of the initial labour market; the burn-in lets the economy settle around them.
// Initial unemployment: France 2019-2023 is at 7-8% (INSEE), but the initial demand omits the
// local dividends that firms start paying in the first months (≈ 3% of household income), which
// lowers unemployment by about two points during the burn-in; starting at 9.5% lands the
// stationary state near 7.5% (docs/model.md §9.3).
constexpr double kInitialUnemployment = 0.095;

void add_listed_territories(World& w) {
  const auto& s = w.scenario;
  auto& t = w.territories;
  for (const auto& cfg : s.territories) {
    t.name.push_back(cfg.name);
    t.population.push_back(cfg.population);
    t.labour_force.push_back(
        std::llround(static_cast<double>(cfg.population) * cfg.labour_force_share));
    t.land_ha.push_back(cfg.land_ha);
    t.artificialised_ha.push_back(cfg.land_ha * cfg.artificialised_share);
    t.unmet_needs_eur_month.push_back(cfg.unmet_needs_eur_month_per_capita *
                                      static_cast<double>(cfg.population));
  }
  t.neighbour_offset.push_back(0);
  for (const auto& cfg : s.territories) {
    for (std::size_t k = 0; k < cfg.neighbours.size(); ++k) {
      const auto it = std::find(t.name.begin(), t.name.end(), cfg.neighbours[k]);
      t.neighbour.push_back(static_cast<TerritoryIndex>(it - t.name.begin()));
      t.commuting_minutes.push_back(k < cfg.commuting_minutes.size() ? cfg.commuting_minutes[k]
                                                                     : 30.0);
    }
    t.neighbour_offset.push_back(static_cast<std::uint32_t>(t.neighbour.size()));
  }
}

// A synthetic world: territory sizes from a Pareto law (French intercommunalities have a heavy
// upper tail), placed on a line of a square grid; neighbours are the nearest territories.
void add_synthetic_territories(World& w) {
  const auto& cfg = w.scenario.world;
  const auto n = static_cast<std::size_t>(cfg.synthetic_territories);
  core::RandomStream rng(w.seed, purpose::kInitSynthetic, 0, 0);
  std::vector<double> raw(n);
  for (auto& r : raw)
    r = core::pareto(rng, 1.0, cfg.synthetic_size_pareto_alpha);
  double total_raw = std::accumulate(raw.begin(), raw.end(), 0.0);
  const auto min_population = static_cast<double>(cfg.synthetic_min_population);
  const double spare = std::max(0.0, static_cast<double>(cfg.synthetic_population) -
                                         min_population * static_cast<double>(n));
  // Cap (synthetic_max_population): territories whose share would exceed it get the cap, and
  // the rest of the spare population is shared by the others in proportion to their draws,
  // until none exceeds it (each round caps at least one more territory; the loader has checked
  // that n caps hold the population). Without a cap, or when none binds, the shares are
  // unchanged. An uncapped Pareto(1.1) draw gave France one territory of 28.7M inhabitants,
  // four times Métropole du Grand Paris, the largest EPCI.
  std::vector<unsigned char> capped(n, 0);
  double uncapped_spare = spare;
  const auto max_population = static_cast<double>(cfg.synthetic_max_population);
  for (bool more = max_population > 0; more;) {
    more = false;
    for (std::size_t i = 0; i < n; ++i)
      if (!capped[i] && min_population + uncapped_spare * raw[i] / total_raw > max_population) {
        capped[i] = 1;
        more = true;
      }
    if (!more)
      break;
    uncapped_spare = spare;
    total_raw = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (capped[i])
        uncapped_spare -= max_population - min_population;
      else
        total_raw += raw[i];
    }
    uncapped_spare = std::max(0.0, uncapped_spare);
    more = total_raw > 0.0;
  }
  const auto side = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n))));
  auto& t = w.territories;
  for (std::size_t i = 0; i < n; ++i) {
    const auto population = static_cast<std::int64_t>(
        capped[i] ? max_population : min_population + uncapped_spare * raw[i] / total_raw);
    t.name.push_back(fmt::format("T{:04}", i));
    t.population.push_back(population);
    t.labour_force.push_back(std::llround(static_cast<double>(population) * 0.46));
    const double land = static_cast<double>(population) / 105.0 * 100.0; // 105 inh./km2
    t.land_ha.push_back(land);
    t.artificialised_ha.push_back(land * 0.09);
    t.unmet_needs_eur_month.push_back(6.0 * static_cast<double>(population));
  }
  // Neighbours: grid cells at Chebyshev distance 1, up to synthetic_neighbours of them.
  t.neighbour_offset.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<long>(i % side), y = static_cast<long>(i / side);
    std::int64_t added = 0;
    for (long dy = -1; dy <= 1 && added < cfg.synthetic_neighbours; ++dy)
      for (long dx = -1; dx <= 1 && added < cfg.synthetic_neighbours; ++dx) {
        if (dx == 0 && dy == 0)
          continue;
        const long nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= static_cast<long>(side))
          continue;
        const auto j = static_cast<std::size_t>(ny) * side + static_cast<std::size_t>(nx);
        if (j >= n)
          continue;
        t.neighbour.push_back(static_cast<TerritoryIndex>(j));
        t.commuting_minutes.push_back(cfg.synthetic_mean_commuting_minutes *
                                      ((dx != 0 && dy != 0) ? 1.4 : 1.0));
        ++added;
      }
    t.neighbour_offset.push_back(static_cast<std::uint32_t>(t.neighbour.size()));
  }
}

void add_workers(World& w) {
  auto& t = w.territories;
  auto& workers = w.workers;
  const std::int64_t total =
      std::accumulate(t.labour_force.begin(), t.labour_force.end(), std::int64_t{0});
  core::resize_rows(workers, static_cast<std::size_t>(total));
  w.worker_ids = core::IdAllocator(static_cast<AgentId>(total)); // ids 0 .. total-1 below
  t.worker_offset.assign(t.size() + 1, 0);
  for (std::size_t i = 0; i < t.size(); ++i)
    t.worker_offset[i + 1] = t.worker_offset[i] + static_cast<std::size_t>(t.labour_force[i]);
  const double sigma = w.scenario.households.skill_lognormal_sigma;
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t ti) {
    for (std::size_t r = t.worker_offset[ti]; r < t.worker_offset[ti + 1]; ++r) {
      core::RandomStream rng(w.seed, purpose::kInitWorker, r, 0);
      workers.id[r] = r;
      workers.territory[r] = static_cast<TerritoryIndex>(ti);
      workers.employer_kind[r] = EmployerKind::none;
      workers.employer_row[r] = -1;
      // Mean-one lognormal: exp(N(-σ²/2, σ²)).
      workers.skill[r] = static_cast<float>(core::lognormal(rng, -0.5 * sigma * sigma, sigma));
      workers.wage[r] = 0.0f;
      workers.hire_tick[r] = -1;
      workers.unemployment_months[r] = 0;
      workers.insertion[r] = 0;
      workers.savings[r] = 0.0;
    }
  });
}

void init_producer_row(Producers& p, std::size_t r, AgentId id, TerritoryIndex t, Sector sector,
                       std::int32_t employees, double productivity, double markup,
                       std::int32_t birth_tick) {
  p.id[r] = id;
  p.territory[r] = t;
  p.sector[r] = sector;
  p.employees[r] = 0; // filled when workers are assigned
  p.employees_last_month[r] = 0;
  p.max_employees[r] = employees;
  p.vacancies[r] = employees;
  p.productivity[r] = productivity;
  p.price[r] = 1.0;
  p.markup[r] = markup;
  p.wage_bill[r] = 0.0;
  p.local_share[r] = 0.0;
  p.external_share[r] = 0.0;
  p.customer_base[r] = 0.0;
  p.normal_customer_base[r] = p.customer_base[r];
  p.expected_units[r] = productivity * employees;
  p.demand_units[r] = p.expected_units[r];
  p.sold_units[r] = p.expected_units[r];
  p.revenue[r] = 0.0;
  p.materials[r] = 0.0;
  p.profit[r] = 0.0;
  p.cash[r] = 0.0;
  p.distress_months[r] = 0;
  p.birth_tick[r] = birth_tick;
  p.stance[r] = Stance::compete;
  p.pole[r] = -1;
  p.pool_cost_saving[r] = 0.0;
  p.pool_demand_bonus[r] = 1.0;
  p.payoff[r] = 0.0;
  p.funded_staff[r] = 0;
}

} // namespace

double output_units_per_worker(const scenario::SectorConfig& s) noexcept {
  // Output is measured in euros at initial unit cost; value added per worker is the sector's
  // productivity, and materials are materials_energy_share of output.
  return s.productivity_eur_per_worker_month / (1.0 - s.materials_energy_share);
}

std::size_t add_firm(World& w, TerritoryIndex t, Sector sector, std::int32_t employees,
                     std::int32_t birth_tick, core::RandomStream& rng) {
  const auto& sc = w.scenario.sectors[static_cast<std::size_t>(sector)];
  auto& f = w.firms;
  const std::size_t r = f.size();
  core::resize_rows(f, r + 1);
  const double productivity = output_units_per_worker(sc) * core::lognormal(rng, -0.02, 0.2);
  init_producer_row(f, r, w.firm_ids.allocate(), t, sector, employees, productivity,
                    w.scenario.firms.initial_markup, birth_tick);
  f.external_owned[r] = core::bernoulli(rng, sc.external_ownership_share) ? 1 : 0;
  f.mobile[r] =
      f.external_owned[r] &&
              core::bernoulli(rng, sc.mobile_share / std::max(sc.external_ownership_share, 1e-9))
          ? 1
          : 0;
  f.subsidy_per_job_eur_month[r] = 0.0;
  f.subsidy_until_tick[r] = -1;
  f.attracted_tick[r] = -1;
  f.brought_external_demand_eur[r] = 0.0;
  return r;
}

std::size_t add_sse(World& w, TerritoryIndex t, SseForm form, SseActivity activity,
                    std::int32_t employees, std::int32_t birth_tick, core::RandomStream& rng) {
  const Sector sector = market_sector(activity);
  const auto& sc = w.scenario.sectors[static_cast<std::size_t>(sector)];
  const auto& fc = w.scenario.sse_forms[static_cast<std::size_t>(form)];
  auto& s = w.sse;
  const std::size_t r = s.size();
  core::resize_rows(s, r + 1);
  // SSE labour productivity in market terms is lower than in for-profit firms (labour-
  // intensive services, insertion jobs); 0.8 is a stated assumption, see docs/model.md.
  const double productivity =
      kSseLabourProductivity * output_units_per_worker(sc) * core::lognormal(rng, -0.02, 0.2);
  init_producer_row(s, r, w.sse_ids.allocate(), t, sector, employees, productivity,
                    w.scenario.sse.markup, birth_tick);
  s.form[r] = form;
  s.activity[r] = activity;
  s.volunteers[r] = static_cast<std::int32_t>(std::lround(fc.volunteer_ratio * employees));
  s.insertion_employees[r] = 0;
  // Hybrid resources: subsidies and donations cover their shares of the expected costs
  // (wages and materials); sales must recover the rest, so SSE prices are below full cost.
  const double expected_cost =
      employees * 0.9 * sc.wage_eur_month + employees * productivity * materials_per_unit(w, s, r);
  const double money_share = std::max(1e-9, fc.sales_share + fc.subsidy_share + fc.donation_share);
  s.subsidy_eur_month[r] = fc.subsidy_share / money_share * expected_cost;
  s.donation_eur_month[r] = fc.donation_share / money_share * expected_cost;
  s.seed_aid_eur_month[r] = 0.0;
  // Social utility: most SSE activity has recognised social utility; work-integration and
  // associations fully, cooperatives partly (their market activity is ordinary).
  s.social_utility[r] =
      form == SseForm::worker_cooperative ? 0.4 : (form == SseForm::scic ? 0.7 : 0.9);
  return r;
}

namespace {

// Fills the initial jobs and sets prices, market shares and the external demand so that the
// initial state is near balance: each sector sells 97% of its capacity, the local part to
// local demand and the rest outside (docs/model.md, "Initialisation").
void calibrate(World& w) {
  const std::size_t n = w.territories.size();
  auto& f = w.flows;
  // The wage curve of the initial hires reads the initial unemployment target, so that their
  // wages are the sector wages (curve = 1), not those of a 1% unemployment rate.
  f.unemployed.assign(n, 0);
  for (std::size_t t = 0; t < n; ++t)
    f.unemployed[t] =
        std::llround(kInitialUnemployment * static_cast<double>(w.territories.labour_force[t]));
  f.vacancies.assign(n, 0);
  f.net_migration.assign(n, 0);
  // Migration's unemployment trend starts at the initial rate; its reference is set again at
  // the end of the burn-in.
  w.territories.unemployment_trend.assign(n, kInitialUnemployment);
  w.territories.reference_unemployment.assign(n, kInitialUnemployment);
  w.pending_local_dividends.assign(n, 0.0);
  w.local_sse_subsidies.assign(n, 0.0);
  w.public_employees_last_month.assign(n, 0);
  w.pole_count.assign(n, 0.0);
  w.strategy_pot.assign(n, 0.0);
  w.grant_offer.assign(n, 0.0);
  w.innovation_demand.assign(n, 0.0);
  w.pole_services_demand.assign(n, 0.0);
  w.local_input_demand.assign(n, 0.0);
  w.construction_demand.assign(n, 0.0);
  w.location_decisions.assign(n, 0);
  w.location_by_incentives.assign(n, 0);
  w.shared_premises_land_saving.assign(n, 0.0);
  // Shock factors at their neutral values (apply_shocks resets them every tick).
  w.environment.external_multiplier.assign(n * kSectors, 1.0);
  w.environment.energy_index.assign(n, 1.0);
  w.environment.sse_subsidy_multiplier.assign(n, 1.0);
  w.environment.strategy_budget_multiplier.assign(n, 1.0);
  w.environment.facilitation_lost.assign(n, 0);
  // Initial hires: each territory's residents fill its employers' positions in a random
  // order; positions left over are filled from neighbours in the first months.
  auto& workers = w.workers;
  // Each territory's producers in row order, by a counting sort (a pass over every producer
  // per territory took 1.6 s of France's 8.5 s setup).
  auto rows_by_territory = [n](const Producers& p, std::vector<std::uint32_t>& offset) {
    return core::rows_grouped_by(std::span<const TerritoryIndex>(p.territory), n, offset);
  };
  std::vector<std::uint32_t> firm_offset, sse_offset;
  const auto firm_rows = rows_by_territory(w.firms, firm_offset);
  const auto sse_rows = rows_by_territory(w.sse, sse_offset);
  // Territories in parallel, largest first: each hires its own residents, at its own wage
  // curve (read from its own unemployment target, which it alone rewrites at the end).
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    core::RandomStream rng(w.seed, purpose::kInitTerritory, t, 1);
    const double curve = wage_curve_factor(w, static_cast<TerritoryIndex>(t));
    const std::size_t lo = w.territories.worker_offset[t], hi = w.territories.worker_offset[t + 1];
    std::vector<std::uint32_t> order(hi - lo);
    for (std::size_t k = 0; k < order.size(); ++k)
      order[k] = static_cast<std::uint32_t>(lo + k);
    core::shuffle(rng, std::span<std::uint32_t>(order));
    std::size_t next = 0;
    auto fill = [&](EmployerKind kind, std::size_t row, std::int32_t positions) {
      for (std::int32_t k = 0; k < positions && next < order.size(); ++k) {
        const std::uint32_t r = order[next++];
        hire_at_curve(w, r, kind, static_cast<std::int32_t>(row), -1, curve);
        // Initial tenures: spread over the past 10 years so that durable-job counts start at
        // a steady state (hire ticks before 0).
        workers.hire_tick[r] = -static_cast<std::int32_t>(core::uniform_index(rng, 120)) - 1;
      }
    };
    fill(EmployerKind::public_sector, t, w.authorities.public_jobs_target[t]);
    for (std::size_t k = firm_offset[t]; k < firm_offset[t + 1]; ++k)
      fill(EmployerKind::firm, firm_rows[k], w.firms.vacancies[firm_rows[k]]);
    for (std::size_t k = sse_offset[t]; k < sse_offset[t + 1]; ++k)
      fill(EmployerKind::sse, sse_rows[k], w.sse.vacancies[sse_rows[k]]);
    for (std::size_t k = next; k < order.size(); ++k) {
      // The unemployed: a last wage from the local services sector, spells up to 2 years.
      const std::uint32_t r = order[k];
      workers.wage[r] = static_cast<float>(
          w.scenario.sectors[static_cast<std::size_t>(Sector::local_services)].wage_eur_month *
          workers.skill[r]);
      workers.unemployment_months[r] = static_cast<std::int16_t>(core::uniform_index(rng, 24));
    }
    f.unemployed[t] = static_cast<std::int64_t>(order.size() - next);
  });
  // Insertion contracts: insertion_share of each initiative's initial staff (in worker order).
  std::vector<std::int32_t> insertion_left(w.sse.size(), 0);
  rebuild_employment(w, EmployerGrouping::counts_only); // grouped by the rebuild below
  for (std::size_t i = 0; i < w.sse.size(); ++i)
    insertion_left[i] = static_cast<std::int32_t>(
        std::lround(w.scenario.sse_forms[static_cast<std::size_t>(w.sse.form[i])].insertion_share *
                    w.sse.employees[i]));
  for (std::size_t r = 0; r < workers.size(); ++r)
    if (workers.employer_kind[r] == EmployerKind::sse &&
        insertion_left[static_cast<std::size_t>(workers.employer_row[r])]-- > 0)
      workers.insertion[r] = 1;
  rebuild_employment(w);
  // Savings: a few months of income.
  core::parallel_for_rows(workers.size(), [&](std::size_t r) {
    workers.savings[r] = w.scenario.households.initial_savings_months *
                         std::max(600.0, static_cast<double>(workers.wage[r]));
  });
  // Prices: the markup on unit cost.
  const auto& sc = w.scenario;
  auto price = [&](Producers& p, std::size_t i) {
    p.price[i] = (1.0 + p.markup[i]) *
                 (labour_cost_per_unit(w, p, i) + materials_per_unit(w, p, i)) *
                 cost_recovery(w, p, i);
    p.cash[i] = 3.0 * p.wage_bill[i]; // three months of wages in reserve
    p.employees_last_month[i] = p.employees[i];
    p.vacancies[i] = 0;
  };
  core::parallel_for_rows(w.firms.size(), [&](std::size_t i) { price(w.firms, i); });
  core::parallel_for_rows(w.sse.size(), [&](std::size_t i) { price(w.sse, i); });
  std::copy(w.authorities.public_employees.begin(), w.authorities.public_employees.end(),
            w.public_employees_last_month.begin());
  // Procurement of the first month: the State grant (taxes come on top once collected).
  for (std::size_t t = 0; t < n; ++t)
    w.authorities.procurement[t] = sc.authority.state_grant_eur_month_per_capita *
                                   static_cast<double>(w.territories.population[t]);
  // Local demand at the initial incomes (no dividends yet), as form_demand computes it.
  std::vector<double> local(n * kSectors, 0.0);
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    double income = 0.0;
    for (std::size_t r = w.territories.worker_offset[t]; r < w.territories.worker_offset[t + 1];
         ++r)
      income += workers.employer_kind[r] != EmployerKind::none
                    ? workers.wage[r]
                    : std::max(600.0, sc.households.unemployment_replacement * workers.wage[r]);
    // The consumption rule of form_demand at the initial savings.
    double savings = 0.0;
    for (std::size_t r = w.territories.worker_offset[t]; r < w.territories.worker_offset[t + 1];
         ++r)
      savings += workers.savings[r];
    const double consumption =
        sc.households.consumption_propensity * income * (1.0 - sc.authority.household_tax_rate) +
        sc.households.wealth_consumption * savings;
    for (std::size_t s = 0; s < kSectors; ++s)
      local[t * kSectors + s] =
          consumption * sc.sectors[s].household_budget_share * sc.sectors[s].local_purchase_share +
          w.authorities.procurement[t] * kProcurementSplit[s];
  });
  // Capacity value per market and sector, per segment (firms, SSE); shares proportional to
  // capacity within a segment; the SSE segment's share of demand = its share of capacity.
  std::vector<double> capacity(n * kSectors, 0.0), sse_capacity(n * kSectors, 0.0);
  std::array<double, kSectors> sector_capacity{}, sse_sector_capacity{};
  // Each producer's capacity value and customer base in parallel (a pow each), then the sums
  // in row order.
  auto row_capacity = [&](Producers& p, std::size_t i, double extra_units) {
    const double value = p.price[i] * p.productivity[i] * (p.employees[i] + extra_units);
    p.local_share[i] = value;
    p.external_share[i] = value;
    // Customer base: the capacity value over its attraction per unit of base (production.cpp),
    // so that the target shares of the demand system are the initial shares.
    p.customer_base[i] =
        value / std::pow(cost_recovery(w, p, i) / p.price[i], sc.firms.price_elasticity);
    p.normal_customer_base[i] = p.customer_base[i];
  };
  core::parallel_for_rows(w.firms.size(), [&](std::size_t i) { row_capacity(w.firms, i, 0.0); });
  core::parallel_for_rows(w.sse.size(), [&](std::size_t i) {
    row_capacity(w.sse, i, sc.sse.volunteer_productivity * w.sse.volunteers[i]);
  });
  auto add_capacity = [&](const Producers& p, std::size_t i, bool is_sse) {
    const double value = p.local_share[i];
    const std::size_t m = market_index(p.territory[i], p.sector[i]);
    const auto s = static_cast<std::size_t>(p.sector[i]);
    capacity[m] += value;
    sector_capacity[s] += value;
    if (is_sse) {
      sse_capacity[m] += value;
      sse_sector_capacity[s] += value;
    }
  };
  for (std::size_t i = 0; i < w.firms.size(); ++i)
    add_capacity(w.firms, i, false);
  for (std::size_t i = 0; i < w.sse.size(); ++i)
    add_capacity(w.sse, i, true);
  // Demand at 97% of capacity: staff then matches need within the layoff tolerance.
  constexpr double kUtilisation = 0.97;
  // Producers' local purchases of business services at that utilisation (production.cpp):
  // part of the local services market's demand from the first month, as in the steady state.
  auto add_local_inputs = [&](const Producers& p, std::size_t i, double extra_units) {
    const auto s = static_cast<std::size_t>(p.sector[i]);
    const double materials = kUtilisation * p.productivity[i] * (p.employees[i] + extra_units) *
                             materials_per_unit(w, p, i);
    w.local_input_demand[p.territory[i]] += sc.sectors[s].local_input_share * materials;
  };
  for (std::size_t i = 0; i < w.firms.size(); ++i)
    add_local_inputs(w.firms, i, 0.0);
  for (std::size_t i = 0; i < w.sse.size(); ++i)
    add_local_inputs(w.sse, i, sc.sse.volunteer_productivity * w.sse.volunteers[i]);
  for (std::size_t t = 0; t < n; ++t)
    local[market_index(static_cast<TerritoryIndex>(t), Sector::local_services)] +=
        w.local_input_demand[t];
  std::array<double, kSectors> local_total{};
  for (std::size_t m = 0; m < n * kSectors; ++m)
    local_total[m % kSectors] += local[m];
  for (std::size_t s = 0; s < kSectors; ++s)
    w.environment.external_demand_eur[s] =
        std::max(0.0, kUtilisation * sector_capacity[s] - local_total[s]);
  w.sse_segment_share.assign(n * kSectors, 0.0);
  for (std::size_t m = 0; m < n * kSectors; ++m)
    w.sse_segment_share[m] = capacity[m] > 0 ? sse_capacity[m] / capacity[m] : 0.0;
  for (std::size_t s = 0; s < kSectors; ++s)
    w.sse_external_segment_share[s] =
        sector_capacity[s] > 0 ? sse_sector_capacity[s] / sector_capacity[s] : 0.0;
  auto normalise = [&](Producers& p, bool is_sse) {
    core::parallel_for_rows(p.size(), [&](std::size_t i) {
      const std::size_t m = market_index(p.territory[i], p.sector[i]);
      const auto s = static_cast<std::size_t>(p.sector[i]);
      const double seg = is_sse ? sse_capacity[m] : capacity[m] - sse_capacity[m];
      const double xseg =
          is_sse ? sse_sector_capacity[s] : sector_capacity[s] - sse_sector_capacity[s];
      const double seg_share = is_sse ? w.sse_segment_share[m] : 1.0 - w.sse_segment_share[m];
      const double xseg_share =
          is_sse ? w.sse_external_segment_share[s] : 1.0 - w.sse_external_segment_share[s];
      p.local_share[i] = seg > 0 ? p.local_share[i] / seg : 0.0;
      p.external_share[i] = xseg > 0 ? p.external_share[i] / xseg : 0.0;
      const double demand = p.local_share[i] * seg_share * local[m] +
                            p.external_share[i] * xseg_share * w.environment.external_demand_eur[s];
      p.expected_units[i] = demand / p.price[i];
    });
  };
  normalise(w.firms, false);
  normalise(w.sse, true);
}

} // namespace

World initialise_world(const scenario::Scenario& scenario, std::uint64_t seed) {
  World w;
  w.scenario = scenario;
  w.seed = seed;
  w.strategy_start_tick = scenario.run.burn_in_months;
  if (scenario.world.mode == scenario::WorldMode::synthetic)
    add_synthetic_territories(w);
  else
    add_listed_territories(w);
  const std::size_t n_territories = w.territories.size();
  if (n_territories == 0)
    throw std::invalid_argument("the world has no territory");
  add_workers(w);

  const auto& sc = w.scenario;
  std::array<double, kSectors> firm_share{};
  for (std::size_t s = 0; s < kSectors; ++s)
    firm_share[s] = sc.sectors[s].firm_share;
  std::array<double, scenario::kSseFormCount> form_share{};
  for (std::size_t f = 0; f < scenario::kSseFormCount; ++f)
    form_share[f] = sc.sse_forms[f].share;
  // Activities: care and food dominate French SSE employment (social action ~40% of SSE jobs).
  const std::array<double, scenario::kSseActivityCount> activity_share{0.35, 0.12, 0.10, 0.06,
                                                                       0.12, 0.10, 0.15};

  auto& a = w.authorities;
  a.public_jobs_target.assign(n_territories, 0);
  a.initial_public_jobs.assign(n_territories, 0);
  a.public_jobs_per_inhabitant.assign(n_territories, 0.0);
  a.public_employees.assign(n_territories, 0);
  a.public_wage_bill.assign(n_territories, 0.0);
  a.revenue.assign(n_territories, 0.0);
  a.spending.assign(n_territories, 0.0);
  a.procurement.assign(n_territories, 0.0);
  a.balance.assign(n_territories, 0.0);
  a.strategy_budget_eur_month.assign(n_territories, 0.0);
  a.strategy_spent_eur_month.assign(n_territories, 0.0);
  a.social_procurement_share.assign(n_territories, 0.0);
  a.incubator_entry_boost.assign(n_territories, 0.0);
  a.serviced_land_ha.assign(n_territories, 0.0);

  for (std::size_t ti = 0; ti < n_territories; ++ti) {
    const auto t = static_cast<TerritoryIndex>(ti);
    core::RandomStream rng(seed, purpose::kInitTerritory, ti, 0);
    const double population = static_cast<double>(w.territories.population[ti]);
    const double employed =
        static_cast<double>(w.territories.labour_force[ti]) * (1.0 - kInitialUnemployment);
    a.public_jobs_target[ti] =
        static_cast<std::int32_t>(std::lround(employed * sc.labour.public_employment_share));
    a.initial_public_jobs[ti] = a.public_jobs_target[ti];
    a.public_jobs_per_inhabitant[ti] =
        population > 0.0 ? static_cast<double>(a.public_jobs_target[ti]) / population : 0.0;
    // SSE jobs: initiatives times their mean size (sse.mean_employees), at most the employed.
    const double sse_jobs = std::min(
        employed, std::round(population * sc.sse.initiatives_per_1000_inhabitants / 1000.0) *
                      sc.sse.mean_employees);
    const double firm_jobs =
        std::max(0.0, employed - sse_jobs - static_cast<double>(a.public_jobs_target[ti]));

    // Firms: sizes from a discrete Pareto law (Axtell 2001), rescaled to the private jobs.
    const auto n_firms = std::max<std::int64_t>(
        1, std::llround(population * sc.firms.employer_firms_per_1000_inhabitants / 1000.0));
    std::vector<double> raw(static_cast<std::size_t>(n_firms));
    for (auto& v : raw)
      v = std::min(core::pareto(rng, 1.0, sc.firms.size_pareto_alpha),
                   static_cast<double>(sc.firms.max_initial_employees));
    const double scale = firm_jobs / std::accumulate(raw.begin(), raw.end(), 0.0);
    for (std::size_t k = 0; k < raw.size(); ++k) {
      const auto sector = static_cast<Sector>(core::categorical(rng, firm_share));
      const auto size = static_cast<std::int32_t>(std::max(1L, std::lround(raw[k] * scale)));
      core::RandomStream frng(seed, purpose::kInitFirm, w.firm_ids.peek(), 0);
      add_firm(w, t, sector, size, -1, frng);
    }
    // SSE initiatives: lognormal sizes around the national mean, rescaled to the SSE jobs.
    const auto n_sse = std::max<std::int64_t>(
        1, std::llround(population * sc.sse.initiatives_per_1000_inhabitants / 1000.0));
    std::vector<double> sse_raw(static_cast<std::size_t>(n_sse));
    for (auto& v : sse_raw)
      v = core::lognormal(rng, 0.0, 1.0);
    const double sse_scale = sse_jobs / std::accumulate(sse_raw.begin(), sse_raw.end(), 0.0);
    for (const double v : sse_raw) {
      const auto form = static_cast<SseForm>(core::categorical(rng, form_share));
      const auto activity = form == SseForm::work_integration
                                ? (core::bernoulli(rng, 0.5) ? SseActivity::recycling_circular
                                                             : SseActivity::building_renovation)
                                : static_cast<SseActivity>(core::categorical(rng, activity_share));
      const auto size = static_cast<std::int32_t>(std::max(1L, std::lround(v * sse_scale)));
      core::RandomStream srng(seed, purpose::kInitSse, w.sse_ids.peek(), 0);
      add_sse(w, t, form, activity, size, -1, srng);
    }
    // One training body per territory and a research centre per 100,000 inhabitants.
    auto& k = w.knowledge;
    k.id.push_back(k.id.size());
    k.territory.push_back(t);
    k.is_research.push_back(0);
    k.trainees_per_month.push_back(population / 1000.0); // ~1 trainee per 1,000 inh. a month
    k.pole.push_back(-1);
    if (population >= 100000.0) {
      k.id.push_back(k.id.size());
      k.territory.push_back(t);
      k.is_research.push_back(1);
      k.trainees_per_month.push_back(0.0);
      k.pole.push_back(-1);
    }
  }
  w.reference_firms.assign(n_territories * kSectors, 0.0);
  for (std::size_t i = 0; i < w.firms.size(); ++i)
    w.reference_firms[market_index(w.firms.territory[i], w.firms.sector[i])] += 1.0;
  w.reference_sse.assign(n_territories, 0.0);
  for (std::size_t i = 0; i < w.sse.size(); ++i)
    w.reference_sse[w.sse.territory[i]] += 1.0;
  calibrate(w);
  return w;
}

} // namespace ptcesim::model
