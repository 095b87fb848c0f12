#pragma once
// The scenario: every input of a run, as plain structs with their defaults. The schema in
// scenario_schema.cpp lists each field once (TOML key, bounds, unit, documentation) and is the
// single source of the validator, `--set` overrides, the resolved-scenario text written to the
// output, and docs/scenarios.md. Add a field here and one line there.
#include "sim/scenario/enums.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ptcesim::scenario {

/// [run]: identity, seed and time frame. One tick is one month.
struct RunConfig {
  std::string name = "default";
  std::string description;
  std::uint64_t seed = 20140731; // date of the French SSE law (31 July 2014)
  std::int32_t burn_in_months = 60;
  std::int32_t horizon_months = 240;
  /// Observed months (after burn-in) at which agent snapshots are written; empty: none.
  std::vector<std::int64_t> snapshot_months;

  bool operator==(const RunConfig&) const = default;
};

/// [[territories]]: one intercommunality-sized territory with one local authority.
struct TerritoryConfig {
  std::string name;
  std::int64_t population = 0;
  double labour_force_share = 0.46; // labour force / population (INSEE, ~30.6M / 67M)
  double land_ha = 0.0; // 0 in a file: the loader derives it from population (French mean density)
  double artificialised_share = 0.09; // France ~9% (Teruti-Lucas)
  double unmet_needs_eur_month_per_capita = 6.0;
  std::vector<std::string> neighbours;   // names of territories reachable by commuting
  std::vector<double> commuting_minutes; // one per neighbour
  std::int32_t source_line = 0;          // set by the loader, for error messages

  bool operator==(const TerritoryConfig&) const = default;
};

/// [world]: listed territories, or a synthetic world drawn from distributions.
struct WorldConfig {
  WorldMode mode = WorldMode::listed;
  std::int64_t synthetic_territories = 0;
  std::int64_t synthetic_population = 0;    // total, split by a Pareto law
  double synthetic_size_pareto_alpha = 1.1; // French EPCI populations: heavy upper tail
  std::int64_t synthetic_min_population = 5000;
  std::int64_t synthetic_max_population = 0; // largest territory; 0: no cap
  std::int64_t synthetic_neighbours = 4;     // nearest territories linked by commuting
  double synthetic_mean_commuting_minutes = 30.0;

  bool operator==(const WorldConfig&) const = default;
};

/// Per-sector parameters for conventional firms ([sectors.<name>]).
struct SectorConfig {
  double firm_share = 0.0;             // share of employer firms in this sector
  double household_budget_share = 0.0; // share of household consumption spent on the sector
  double local_purchase_share = 0.0;   // share of that spending bought on the home territory
  double productivity_eur_per_worker_month = 6000.0; // value added per worker-month
  double wage_eur_month = 2500.0;                    // gross monthly wage, employer cost included
  double materials_energy_share = 0.3;               // share of unit cost in materials and energy
  double local_input_share = 0.15;   // share of materials and energy bought from local services
  double emissions_kg_per_eur = 0.2; // kg CO2e per € of output
  double export_share = 0.0;         // share of initial output sold outside the world
  double external_ownership_share = 0.2;
  double mobile_share = 0.0;     // share of firms that can relocate
  double land_m2_per_job = 30.0; // built land used per job

  bool operator==(const SectorConfig&) const = default;
};

/// [firms]: conventional, for-profit firms.
struct FirmsConfig {
  double employer_firms_per_1000_inhabitants = 22.4; // 1.5M employer firms / 67M inhabitants
  double size_pareto_alpha = 1.05;                   // Axtell (2001): Zipf tail of firm sizes
  std::int64_t max_initial_employees = 5000;
  double initial_markup = 0.15;
  double markup_adjustment = 0.02; // step of the markup rule per month (Lengnick 2013)
  double replicator_chi = 0.25;    // monthly speed of shares toward their demand targets
  double demand_expectation_weight = 0.3;
  double dividend_payout = 0.5;           // share of positive profit paid out
  std::int32_t bankruptcy_months = 3;     // months of negative cash before exit
  double entry_rate_per_month = 0.006;    // entrants per incumbent per month (INSEE creations)
  double relocation_base_hazard = 0.002;  // monthly exit hazard of mobile external firms
  double closure_rate_per_month = 0.0025; // closures other than bankruptcy (retirement, transfer)
  double demand_shock_sigma = 0.08;       // monthly idiosyncratic shocks to customer bases
  double growth_sigma = 0.15;             // monthly permanent shocks to normal customer bases
  double closure_size_elasticity = 0.5;   // fall of the closure hazard with size (Evans 1987)
  double entrant_demand_multiple = 3.5;   // entrants' clientele, in founding staff's worth
  double markup_reversion = 0.05;         // monthly pull of margins toward the normal margin
  double price_elasticity = 4.0;          // elasticity of a producer's demand to its price

  bool operator==(const FirmsConfig&) const = default;
};

/// Per-legal-form SSE parameters ([sse.forms.<name>]).
struct SseFormConfig {
  double share = 0.0;         // share of SSE initiatives
  double sales_share = 0.5;   // market sales in resources
  double subsidy_share = 0.3; // public subsidies in resources
  double donation_share = 0.05;
  double volunteer_ratio = 0.5; // volunteers per employee
  double insertion_share = 0.0; // share of jobs on insertion contracts

  bool operator==(const SseFormConfig&) const = default;
};

/// [sse]: social and solidarity economy initiatives.
struct SseConfig {
  double initiatives_per_1000_inhabitants = 3.1; // 210k employer establishments / 67M
  double mean_employees = 11.0;                  // 2.6M SSE jobs / 210k establishments ~ 12
  double markup = 0.02;                          // non-lucrative pricing
  double volunteer_productivity = 0.25;          // output of a volunteer relative to an employee
  double entry_rate_per_month = 0.004;
  std::int32_t bankruptcy_months = 6;
  double closure_rate_per_month = 0.0025;   // closures other than insolvency (end of project)
  double insertion_aid_eur_month = 1000.0;  // State aid per insertion job ("aide au poste")
  double demand_expectation_weight = 0.083; // 1/12: associations' annual funding conventions

  bool operator==(const SseConfig&) const = default;
};

/// [households]
struct HouseholdsConfig {
  double consumption_propensity = 0.85;
  double wealth_consumption = 0.02;       // monthly share of savings spent
  double unemployment_replacement = 0.57; // French unemployment insurance, net replacement ~57%
  double skill_lognormal_sigma = 0.35;
  double initial_savings_months = 7.5; // steady state of the consumption rule: (1 - 0.85) / 0.02

  bool operator==(const HouseholdsConfig&) const = default;
};

/// [labour]: search and matching.
struct LabourConfig {
  double matching_efficiency = 0.35;     // mu in M = mu U^a V^(1-a) (Petrongolo-Pissarides)
  double matching_elasticity = 0.5;      // a
  double quit_rate = 0.015;              // monthly voluntary separations
  double layoff_tolerance = 0.05;        // excess staff tolerated before layoffs
  double commuting_decay_minutes = 25.0; // friction exp(-minutes / decay)
  double wage_curve_elasticity = -0.1;   // Blanchflower & Oswald (1994)
  double public_employment_share = 0.25; // public jobs / all jobs (France ~ 20-25%)
  double migration_response = 2.0;       // unemployed moving per year per unit of gap
  // Net exchange with the rest of the country per year, as a share of the labour force, per
  // unit of change in local unemployment since the burn-in (the country's held fixed).
  double country_migration_response = 0.5;

  bool operator==(const LabourConfig&) const = default;
};

/// [authority]: local public finance.
struct AuthorityConfig {
  double household_tax_rate = 0.02;
  double business_tax_rate = 0.015;               // on value added
  double state_grant_eur_month_per_capita = 25.0; // DGF-like transfer
  double max_deficit_share = 0.05;                // deficit allowed as a share of revenue
  // Share of public jobs that follow the population served (schools, care, local services)
  // when migration changes it; the rest stays at its initial level.
  double public_jobs_population_share = 1.0;

  bool operator==(const AuthorityConfig&) const = default;
};

/// [cooperation]: the public-goods game of poles.
struct CooperationConfig {
  double contribution_share = 0.02; // share of revenue contributed to the pool
  double synergy_base = 1.6;        // r at no diversity, full trust
  double diversity_gain = 0.8;      // extra r at maximal diversity of member types
  double trust_initial = 0.5;
  double trust_learning = 0.1;
  double coordination_cost_per_member = 150.0; // € per member-month without facilitation
  double facilitation_cost_reduction = 0.7;
  double loner_payoff_share = 0.0; // sigma of optional participation
  bool pool_punishment = true;
  double punishment_fine_share = 0.03;
  double punishment_cost_share = 0.005;
  bool exclude_free_riders = false;
  double selection_intensity = 5.0; // Fermi rule beta
  double exploration_rate = 0.01;
  double revision_rate = 0.05;     // share of agents revising per month
  std::int64_t max_pole_size = 11; // Smaldino & Lubell (2011): group-size limits
  bool isolate_game = false;       // economy switched off: pure game dynamics

  bool operator==(const CooperationConfig&) const = default;
};

/// [game]: the evolutionary public goods game played alone when cooperation.isolate_game is
/// true (sim/game/evolution.hpp; Hauert et al. 2002, Sigmund et al. 2010).
struct GameConfig {
  std::int64_t population = 1000; // M, a multiple of group_size
  std::int64_t group_size = 5;    // N
  std::int64_t rounds = 5000;
  double multiplication_factor = 3.0; // r
  double contribution = 1.0;          // c
  double loner_payoff = 1.0;          // sigma
  bool loners = true;
  bool peer_punishers = false;
  bool pool_punishers = false;
  double peer_fine = 0.7; // beta
  double peer_cost = 0.7; // gamma
  double pool_fine = 0.7; // B
  double pool_cost = 0.7; // G
  bool second_order_punishment = true;
  double selection_intensity = 1.0; // Fermi rule s
  double mutation_rate = 0.001;
  double revision_rate = 0.1;

  bool operator==(const GameConfig&) const = default;
};

/// [strategy]: what the local authority does with the strategy budget after burn-in.
struct StrategyConfig {
  StrategyKind kind = StrategyKind::none;
  /// Territories whose authority applies the strategy (empty: every territory). Comparison
  /// outcomes are measured on these territories.
  std::vector<std::string> territories;
  double budget_eur_per_year = 1.5e6; // same envelope for every strategy in a comparison
  double mixed_ptce_share = 0.5;
  // reindustrialisation instruments
  double grant_per_job_eur = 15000.0;
  double incentive_utility_per_1000_eur = 0.0025; // logit weight of a grant per job (Bartik 2018)
  double mobile_projects_per_million_month = 2.2; // Business France 2023: ~1,800 a year / 68M
  double tax_break_years = 3.0;
  double serviced_land_ha_per_100_jobs = 5.0;
  double serviced_land_cost_eur_per_ha = 300000.0;
  double training_share = 0.1;
  double clawback_years = 5.0;
  double clawback_share = 0.5;
  // ptce instruments
  double facilitation_fte_cost_eur_year = 55000.0;
  double facilitation_share = 0.3;
  double premises_share = 0.3;
  double premises_cost_eur_m2_year = 120.0;
  double seed_aid_share = 0.2;
  double social_procurement_share = 0.2; // share of procurement reserved by social clauses
  double incubator_share = 0.2;

  bool operator==(const StrategyConfig&) const = default;
};

/// [[shocks]]: exogenous events.
struct ShockConfig {
  ShockKind kind = ShockKind::export_demand_drop;
  std::int32_t start_month = 0; // observed month (after burn-in)
  std::int32_t duration_months = 12;
  double magnitude = 0.2; // relative size (e.g. 0.2 = 20% drop or rise)
  std::string territory;  // empty: every territory
  std::int32_t source_line = 0;

  bool operator==(const ShockConfig&) const = default;
};

/// [[poles]]: poles seeded by the scenario at the end of burn-in.
struct SeededPoleConfig {
  std::string territory;
  PoleOrigin origin = PoleOrigin::local_authority;
  std::int64_t members = 8;
  std::int32_t source_line = 0;

  bool operator==(const SeededPoleConfig&) const = default;
};

/// [compare]: defaults of `ptcesim compare`.
struct CompareConfig {
  std::int64_t replications = 30;
  std::vector<std::string> strategies{"ptce", "reindustrialisation", "none"};
  std::string baseline = "none";

  bool operator==(const CompareConfig&) const = default;
};

/// [output]
struct OutputConfig {
  bool sector_series = true;
  bool compress = true;

  bool operator==(const OutputConfig&) const = default;
};

/// Default parameters of a sector (French orders of magnitude; sources in scenario_defaults.cpp).
[[nodiscard]] SectorConfig default_sector_config(Sector sector);
/// Default parameters of an SSE legal form (sources in scenario_defaults.cpp).
[[nodiscard]] SseFormConfig default_sse_form_config(SseForm form);
/// Defaults of every sector, indexed by Sector; firm shares sum to 1.
[[nodiscard]] std::array<SectorConfig, kSectorCount> default_sectors();
/// Defaults of every SSE form, indexed by SseForm; shares sum to 1.
[[nodiscard]] std::array<SseFormConfig, kSseFormCount> default_sse_forms();

/// A whole scenario.
struct Scenario {
  RunConfig run;
  WorldConfig world;
  std::vector<TerritoryConfig> territories;
  std::array<SectorConfig, kSectorCount> sectors = default_sectors();
  FirmsConfig firms;
  std::array<SseFormConfig, kSseFormCount> sse_forms = default_sse_forms();
  SseConfig sse;
  HouseholdsConfig households;
  LabourConfig labour;
  AuthorityConfig authority;
  CooperationConfig cooperation;
  GameConfig game;
  StrategyConfig strategy;
  std::vector<ShockConfig> shocks;
  std::vector<SeededPoleConfig> poles;
  CompareConfig compare;
  OutputConfig output;

  bool operator==(const Scenario&) const = default;
};

} // namespace ptcesim::scenario
