#pragma once
#include "sim/model/types.hpp"

#include <cstdint>
#include <tuple>
#include <vector>

namespace ptcesim::model {

/// Columns shared by conventional firms and SSE initiatives: both produce, sell on the
/// (territory, sector) markets, hire, and may join poles. Phases that treat both alike take a
/// `Producers&`.
struct Producers {
  std::vector<AgentId> id;
  std::vector<TerritoryIndex> territory;
  std::vector<Sector> sector;
  std::vector<std::int32_t> employees;
  std::vector<std::int32_t> employees_last_month;
  std::vector<std::int32_t> max_employees; // built land follows the peak
  std::vector<std::int32_t> vacancies;
  std::vector<double> productivity; // output units per worker-month
  std::vector<double> price;        // EUR per output unit
  std::vector<double> markup;
  std::vector<double> wage_bill;            // EUR/month
  std::vector<double> local_share;          // share of its (territory, sector) market
  std::vector<double> external_share;       // share of its sector's external demand
  std::vector<double> customer_base;        // attachment of customers (EUR of capacity at entry)
  std::vector<double> normal_customer_base; // level the customer base reverts to
  std::vector<double> expected_units;       // adaptive demand expectation
  std::vector<double> demand_units;
  std::vector<double> sold_units;
  std::vector<double> revenue;               // EUR/month from sales
  std::vector<double> materials;             // EUR/month of materials and energy
  std::vector<double> profit;                // EUR/month, after every cost and tax
  std::vector<double> cash;                  // EUR (reserves for SSE initiatives)
  std::vector<std::int16_t> distress_months; // consecutive months of negative cash
  std::vector<std::int32_t> birth_tick;
  std::vector<Stance> stance;             // cooperation game stance
  std::vector<std::int32_t> pole;         // row in Poles, -1: none
  std::vector<double> pool_cost_saving;   // share of unit cost saved through the pole
  std::vector<double> pool_demand_bonus;  // competitiveness multiplier from the pole
  std::vector<double> payoff;             // game payoff of the stance, units of c
  std::vector<std::int32_t> funded_staff; // staff funded by a strategy (pole facilitators)

  auto producer_columns() {
    return std::tie(id, territory, sector, employees, employees_last_month, max_employees,
                    vacancies, productivity, price, markup, wage_bill, local_share, external_share,
                    customer_base, normal_customer_base, expected_units, demand_units, sold_units,
                    revenue, materials, profit, cash, distress_months, birth_tick, stance, pole,
                    pool_cost_saving, pool_demand_bonus, payoff, funded_staff);
  }
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
};

/// Conventional, for-profit firms.
struct Firms : Producers {
  std::vector<std::uint8_t> external_owned;      // owned by a group outside the territory
  std::vector<std::uint8_t> mobile;              // may relocate
  std::vector<double> subsidy_per_job_eur_month; // reindustrialisation grant (hook)
  std::vector<std::int32_t> subsidy_until_tick;
  std::vector<std::int32_t> attracted_tick;        // tick it was attracted by incentives (-1)
  std::vector<double> brought_external_demand_eur; // external demand an attracted firm brought
  auto columns() {
    return std::tuple_cat(producer_columns(),
                          std::tie(external_owned, mobile, subsidy_per_job_eur_month,
                                   subsidy_until_tick, attracted_tick,
                                   brought_external_demand_eur));
  }
};

/// Social and solidarity economy initiatives: hybrid resources (sales, subsidies, donations,
/// volunteering), a social-utility share, insertion contracts in work-integration enterprises.
struct SseInitiatives : Producers {
  std::vector<SseForm> form;
  std::vector<SseActivity> activity;
  std::vector<std::int32_t> volunteers;
  std::vector<std::int32_t> insertion_employees;
  std::vector<double> subsidy_eur_month; // operating subsidies (local and national)
  std::vector<double> donation_eur_month;
  std::vector<double> seed_aid_eur_month; // PTCE seed aid for joint activities (hook)
  std::vector<double> social_utility;     // share of activity with recognised social utility
  auto columns() {
    return std::tuple_cat(producer_columns(),
                          std::tie(form, activity, volunteers, insertion_employees,
                                   subsidy_eur_month, donation_eur_month, seed_aid_eur_month,
                                   social_utility));
  }
};

/// Share of its costs an SSE initiative recovers through sales (the rest comes from
/// subsidies and donations); 1 for firms. Prices are set on this share of unit cost.
struct World;
[[nodiscard]] double cost_recovery(const World& w, const Producers& p, std::size_t i) noexcept;
/// Wage cost per output unit of producer `i` (volunteers' output included for SSE initiatives).
[[nodiscard]] double labour_cost_per_unit(const World& w, const Producers& p,
                                          std::size_t i) noexcept;
/// Materials and energy per output unit of producer `i` at base energy prices: the sector's
/// share, divided by the producer's productivity relative to its sector's reference. Producers
/// differ in total factor productivity, which saves materials as well as labour (Melitz 2003),
/// so selection of productive producers does not raise the import content of output.
[[nodiscard]] double materials_per_unit(const World& w, const Producers& p, std::size_t i) noexcept;

} // namespace ptcesim::model
