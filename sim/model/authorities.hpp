#pragma once
#include "sim/model/types.hpp"

#include <cstdint>
#include <vector>

namespace ptcesim::model {

/// One local authority per territory (row = territory index): local public finance and the
/// public employer of the territory (public jobs are an exogenous share of employment).
struct LocalAuthorities {
  std::vector<std::int32_t> public_jobs_target;
  // The initial target and its ratio to the initial population: public services follow the
  // population they serve as migration changes it (docs/model.md § 7.10).
  std::vector<std::int32_t> initial_public_jobs;
  std::vector<double> public_jobs_per_inhabitant;
  std::vector<std::int32_t> public_employees;
  std::vector<double> public_wage_bill; // EUR/month
  std::vector<double> revenue;          // EUR/month: taxes and State grant
  std::vector<double> spending;         // EUR/month: payroll, procurement, SSE subsidies
  std::vector<double> procurement;      // EUR/month bought on local markets
  std::vector<double> balance;          // EUR, cumulated
  // Strategy hooks (set by the policy layer; neutral by default).
  std::vector<double> strategy_budget_eur_month;
  std::vector<double> strategy_spent_eur_month;
  std::vector<double> social_procurement_share;
  std::vector<double> incubator_entry_boost;
  std::vector<double> serviced_land_ha;
  [[nodiscard]] std::size_t size() const noexcept { return public_employees.size(); }
};

/// Research centres and training bodies: capacity to train unemployed workers.
struct KnowledgeBodies {
  std::vector<AgentId> id;
  std::vector<TerritoryIndex> territory;
  std::vector<std::uint8_t> is_research; // 1 research centre, 0 training body
  std::vector<double> trainees_per_month;
  std::vector<std::int32_t> pole;
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
};

} // namespace ptcesim::model
