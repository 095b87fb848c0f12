// Demand (docs/model.md, "Demand"): household income, taxes and consumption, split over
// sectors and between the home territory and the outside; public procurement; shocks.
#include "sim/core/parallel.hpp"
#include "sim/model/phases/phases.hpp"

#include <algorithm>
#include <cmath>

namespace ptcesim::model {

namespace {
// French minimum income (RSA) for a single person, ~600 EUR/month: the floor of household
// income once unemployment insurance has run out (24 months).
constexpr double kMinimumIncome = 600.0;
constexpr std::int16_t kInsuranceMonths = 24;

bool shock_active(const scenario::ShockConfig& shock, std::int32_t observed_month) {
  return observed_month >= shock.start_month &&
         observed_month < shock.start_month + shock.duration_months;
}
} // namespace

void apply_shocks(World& w, const core::StepContext& ctx) {
  auto& env = w.environment;
  const std::size_t n_territories = w.territories.size();
  env.external_multiplier.assign(n_territories * kSectors, 1.0);
  env.energy_index.assign(n_territories, 1.0);
  env.sse_subsidy_multiplier.assign(n_territories, 1.0);
  env.strategy_budget_multiplier.assign(n_territories, 1.0);
  env.facilitation_lost.assign(n_territories, 0);
  const std::int32_t month = ctx.tick - w.strategy_start_tick + 1; // observed month, 1-based
  for (const auto& shock : w.scenario.shocks) {
    if (shock.kind == scenario::ShockKind::large_firm_departure || !shock_active(shock, month))
      continue; // the departure is an event, applied by apply_entry_exit at the start month
    for (std::size_t t = 0; t < n_territories; ++t) {
      // An empty `territory` hits every territory; otherwise only the named one.
      if (!shock.territory.empty() && w.territories.name[t] != shock.territory)
        continue;
      switch (shock.kind) {
      case scenario::ShockKind::export_demand_drop:
        for (std::size_t s = 0; s < kSectors; ++s)
          // Only the exported part of external demand is exposed to world trade.
          env.external_multiplier[t * kSectors + s] *=
              1.0 - shock.magnitude * w.scenario.sectors[s].export_share;
        break;
      case scenario::ShockKind::export_demand_rise:
        for (std::size_t s = 0; s < kSectors; ++s)
          env.external_multiplier[t * kSectors + s] *=
              1.0 + shock.magnitude * w.scenario.sectors[s].export_share;
        break;
      case scenario::ShockKind::energy_price_rise:
        env.energy_index[t] *= 1.0 + shock.magnitude;
        break;
      case scenario::ShockKind::subsidy_programme_end:
        // Subsidies stop for duration_months (a programme replaced after a gap).
        env.sse_subsidy_multiplier[t] *= 1.0 - shock.magnitude;
        env.strategy_budget_multiplier[t] *= 1.0 - shock.magnitude;
        break;
      case scenario::ShockKind::facilitator_loss:
        env.facilitation_lost[t] = 1;
        break;
      case scenario::ShockKind::large_firm_departure:
        break;
      }
    }
  }
  // Per-tick territory flows start from zero.
  auto& f = w.flows;
  const std::size_t n = w.territories.size();
  for (auto* v :
       {&f.household_income, &f.household_tax, &f.consumption, &f.business_tax, &f.built_land_ha})
    v->assign(n, 0.0);
  for (auto* v : {&f.jobs_created, &f.jobs_destroyed, &f.hires, &f.separations, &f.firm_births,
                  &f.firm_deaths, &f.sse_births, &f.sse_deaths, &f.relocations})
    v->assign(n, 0);
  w.outside = OutsideFlows{};
  std::fill(w.local_sse_subsidies.begin(), w.local_sse_subsidies.end(), 0.0);
}

void form_demand(World& w, const core::StepContext& ctx) {
  (void)ctx;
  const auto& hh = w.scenario.households;
  const auto& terr = w.territories;
  auto& workers = w.workers;
  auto& f = w.flows;
  const std::size_t n = terr.size();
  const double tax_rate = w.scenario.authority.household_tax_rate;
  std::vector<double> benefits(n, 0.0);
  // Households, territory by territory (worker rows of a territory are contiguous).
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    const std::size_t lo = terr.worker_offset[t], hi = terr.worker_offset[t + 1];
    const double dividend_each =
        hi > lo ? w.pending_local_dividends[t] / static_cast<double>(hi - lo) : 0.0;
    double income_sum = 0.0, tax_sum = 0.0, consumption_sum = 0.0, benefit_sum = 0.0;
    for (std::size_t r = lo; r < hi; ++r) {
      double income;
      if (workers.employer_kind[r] != EmployerKind::none) {
        income = workers.wage[r];
      } else {
        // Unemployment insurance replaces part of the last wage, then minimum income.
        const double insured = workers.unemployment_months[r] < kInsuranceMonths
                                   ? hh.unemployment_replacement * workers.wage[r]
                                   : 0.0;
        income = std::max(insured, kMinimumIncome);
        benefit_sum += income;
      }
      income += dividend_each;
      const double tax = tax_rate * income;
      const double disposable = income - tax;
      const double consumption =
          std::max(0.0, hh.consumption_propensity * disposable +
                            hh.wealth_consumption * std::max(0.0, workers.savings[r]));
      workers.savings[r] += disposable - consumption;
      income_sum += income;
      tax_sum += tax;
      consumption_sum += consumption;
    }
    f.household_income[t] = income_sum;
    f.household_tax[t] = tax_sum;
    f.consumption[t] = consumption_sum;
    benefits[t] = benefit_sum;
  });
  // Markets: the local part of each sector's spending; the rest is imported.
  w.local_demand.assign(n * kSectors, 0.0);
  w.sse_reserved_demand.assign(n * kSectors, 0.0);
  const auto& auth = w.authorities;
  for (std::size_t t = 0; t < n; ++t) {
    double local_total = 0.0;
    for (std::size_t s = 0; s < kSectors; ++s) {
      const auto& sc = w.scenario.sectors[s];
      const double local = f.consumption[t] * sc.household_budget_share * sc.local_purchase_share;
      const double procurement = auth.procurement[t] * kProcurementSplit[s];
      const double reserved = procurement * auth.social_procurement_share[t];
      w.local_demand[t * kSectors + s] = local + procurement - reserved;
      w.sse_reserved_demand[t * kSectors + s] = reserved;
      local_total += local;
    }
    // Poles' and strategies' purchases: shared services, social innovation, works.
    const auto services = market_index(static_cast<TerritoryIndex>(t), Sector::local_services);
    w.local_demand[services] += w.pole_services_demand[t] + w.local_input_demand[t];
    w.sse_reserved_demand[services] += w.innovation_demand[t];
    w.local_demand[market_index(static_cast<TerritoryIndex>(t), Sector::construction)] +=
        w.construction_demand[t];
    w.pole_services_demand[t] = 0.0;
    w.local_input_demand[t] = 0.0;
    w.innovation_demand[t] = 0.0;
    w.construction_demand[t] = 0.0;
    w.outside.imports += f.consumption[t] - local_total;
    w.outside.unemployment_benefits += benefits[t];
    // Public wages are paid by the State and social security: an inflow, for the public jobs
    // households were paid for above (public_wage_bill is rebuilt whenever employment changes,
    // so it matches the workers' state now, not the end-of-tick state).
    w.outside.state_transfers += auth.public_wage_bill[t];
    w.pending_local_dividends[t] = 0.0;
  }
}

} // namespace ptcesim::model
