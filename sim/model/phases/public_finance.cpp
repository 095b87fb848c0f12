// Local public finance (docs/model.md, "Public finance"): authorities collect the household
// and business taxes of the tick and the State grant, pay their share of SSE subsidies and
// the procurement bought this tick, and set next tick's procurement so that the budget
// balances over time. Public jobs (schools, hospitals, administrations) are paid by the State
// and social security, i.e. from outside the territories' budgets (recorded in form_demand).
#include "sim/model/phases/phases.hpp"

#include <algorithm>

namespace ptcesim::model {

void run_public_finance(World& w, const core::StepContext& ctx) {
  (void)ctx;
  auto& a = w.authorities;
  const auto& cfg = w.scenario.authority;
  for (std::size_t t = 0; t < a.size(); ++t) {
    const double grant =
        cfg.state_grant_eur_month_per_capita * static_cast<double>(w.territories.population[t]);
    w.outside.state_transfers += grant;
    a.revenue[t] = w.flows.household_tax[t] + w.flows.business_tax[t] + grant;
    // Procurement was spent on this tick's markets (decided last tick). Public wages are
    // paid by the State when households receive them (form_demand), not here.
    a.spending[t] = a.procurement[t] + w.local_sse_subsidies[t];
    a.balance[t] += a.revenue[t] - a.spending[t];
    // Next tick's purchases: the revenue not absorbed by SSE subsidies, plus a
    // correction that repays debt (or spends a surplus) over about two years; the deficit
    // allowed is bounded by max_deficit_share of revenue.
    const double committed = w.local_sse_subsidies[t];
    const double correction = a.balance[t] / 24.0;
    const double floor = -cfg.max_deficit_share * a.revenue[t];
    a.procurement[t] = std::max(0.0, a.revenue[t] - committed + std::max(correction, floor));
  }
}

} // namespace ptcesim::model
