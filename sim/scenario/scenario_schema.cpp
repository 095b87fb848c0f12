// The field schema: one line per scenario field. Add a field to scenario.hpp and one line here;
// the loader, `--set`, the resolved TOML and docs/scenarios.md follow.
#include "sim/scenario/schema.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace ptcesim::scenario {

bool Bounds::contains(double x) const noexcept {
  if (min && (min_open ? !(x > *min) : !(x >= *min)))
    return false;
  if (max && (max_open ? !(x < *max) : !(x <= *max)))
    return false;
  return true;
}

std::string Bounds::describe() const {
  if (min && max)
    return fmt::format("{}{}, {}{}", min_open ? '(' : '[', format_number(*min), format_number(*max),
                       max_open ? ')' : ']');
  if (min)
    return fmt::format("{} {}", min_open ? ">" : ">=", format_number(*min));
  if (max)
    return fmt::format("{} {}", max_open ? "<" : "<=", format_number(*max));
  return {};
}

std::string format_number(double x) {
  // Integral values print without exponent up to 1e15 so that bounds like 200000000 read well.
  if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e15)
    return fmt::format("{}", static_cast<long long>(x));
  return fmt::format("{}", x);
}

std::string FieldSpec::key(std::size_t row) const {
  if (array == TableArray::none)
    return section + "." + name;
  return fmt::format("{}.{}.{}", section, row, name);
}

std::string_view table_array_name(TableArray array) noexcept {
  switch (array) {
  case TableArray::territories:
    return "territories";
  case TableArray::shocks:
    return "shocks";
  case TableArray::poles:
    return "poles";
  case TableArray::none:
    break;
  }
  return {};
}

std::size_t table_array_size(const Scenario& s, TableArray array) noexcept {
  switch (array) {
  case TableArray::territories:
    return s.territories.size();
  case TableArray::shocks:
    return s.shocks.size();
  case TableArray::poles:
    return s.poles.size();
  case TableArray::none:
    break;
  }
  return 0;
}

namespace {

// ---- type mapping between struct members and FieldValue -------------------------------------

template <class T>
constexpr FieldType field_type_of() {
  if constexpr (std::is_same_v<T, double>)
    return FieldType::floating;
  else if constexpr (std::is_same_v<T, bool>)
    return FieldType::boolean;
  else if constexpr (std::is_integral_v<T>)
    return FieldType::integer;
  else if constexpr (std::is_enum_v<T>)
    return FieldType::enumeration;
  else if constexpr (std::is_same_v<T, std::string>)
    return FieldType::string;
  else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    return FieldType::string_list;
  else if constexpr (std::is_same_v<T, std::vector<double>>)
    return FieldType::float_list;
  else {
    static_assert(std::is_same_v<T, std::vector<std::int64_t>>, "unsupported field type");
    return FieldType::integer_list;
  }
}

template <class T>
FieldValue to_value(const T& v) {
  if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double>)
    return v;
  else if constexpr (std::is_integral_v<T>)
    return static_cast<std::int64_t>(v);
  else if constexpr (std::is_enum_v<T>)
    return static_cast<std::int64_t>(v);
  else
    return v;
}

template <class T>
void from_value(const FieldValue& value, T& out) {
  if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double>)
    out = std::get<T>(value);
  else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
    // Bounds (checked by the loader) keep the value within the member's range.
    out = static_cast<T>(std::get<std::int64_t>(value));
  else
    out = std::get<T>(value);
}

// ---- bounds ---------------------------------------------------------------------------------

Bounds any() {
  return {};
}
Bounds closed(double lo, double hi) {
  return {lo, hi, false, false};
}
Bounds share() {
  return closed(0.0, 1.0);
}
Bounds at_least(double lo) {
  return {lo, std::nullopt, false, false};
}
Bounds positive() {
  return {0.0, std::nullopt, true, false};
}
Bounds above_to(double lo, double hi) {
  return {lo, hi, true, false};
}

/// A table of the schema: where its struct lives in Scenario.
template <class Locate>
struct Table {
  std::string section;
  TableArray array;
  Locate locate; // (auto& scenario, row) -> auto& struct
};

template <class Locate>
Table<Locate> table(std::string section, Locate locate) {
  return {std::move(section), TableArray::none, locate};
}

template <class Locate>
Table<Locate> table_array(TableArray array, Locate locate) {
  return {std::string(table_array_name(array)), array, locate};
}

class Builder {
public:
  explicit Builder(std::vector<FieldSpec>& out) : out_(out) {}

  template <class Locate, class Struct, class T>
  void add(const Table<Locate>& t, std::string name, T Struct::*member, Bounds bounds,
           std::string unit, std::string doc, std::span<const std::string_view> choices = {},
           bool required = false) {
    FieldSpec f;
    f.section = t.section;
    f.name = std::move(name);
    f.array = t.array;
    f.type = field_type_of<T>();
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      // TOML integers are int64: the bounds must keep narrower or unsigned members in range.
      const bool fits_min =
          std::is_signed_v<T> && sizeof(T) == sizeof(std::int64_t)
              ? true
              : bounds.min && *bounds.min >= static_cast<double>(std::numeric_limits<T>::min());
      const bool fits_max =
          sizeof(T) == sizeof(std::int64_t)
              ? true
              : bounds.max && *bounds.max <= static_cast<double>(std::numeric_limits<T>::max());
      if (!fits_min || !fits_max)
        throw std::logic_error("scenario schema: bounds of " + f.section + "." + f.name +
                               " exceed its integer type");
    }
    f.bounds = bounds;
    f.unit = std::move(unit);
    f.doc = std::move(doc);
    f.choices = choices;
    f.required = required;
    const auto locate = t.locate;
    f.get = [locate, member](const Scenario& s, std::size_t row) {
      return to_value(locate(s, row).*member);
    };
    f.set = [locate, member](Scenario& s, std::size_t row, const FieldValue& v) {
      from_value(v, locate(s, row).*member);
    };
    out_.push_back(std::move(f));
  }

  template <class Locate, class Struct, class T>
  void required(const Table<Locate>& t, std::string name, T Struct::*member, Bounds bounds,
                std::string unit, std::string doc) {
    add(t, std::move(name), member, bounds, std::move(unit), std::move(doc), {}, true);
  }

private:
  std::vector<FieldSpec>& out_;
};

std::vector<FieldSpec> build_schema() {
  std::vector<FieldSpec> fields;
  Builder b(fields);
  constexpr double kMaxMonths = 12000.0;  // 1000 years: beyond is a typo, not a scenario
  constexpr double kMaxPopulation = 2e8;  // three times France
  constexpr double kMaxTerritories = 1e5; // France has ~1,250 intercommunalities

  const auto run = table(
      "run", [](auto& s, std::size_t) -> auto& { return s.run; });
  b.add(run, "name", &RunConfig::name, any(), "", "Name of the scenario, written to the output");
  b.add(run, "description", &RunConfig::description, any(), "", "Free text shown in reports");
  b.add(run, "seed", &RunConfig::seed, at_least(0), "",
        "Base seed; every random draw derives from it. At most 2^63 - 1 (TOML integers)");
  b.add(run, "burn_in_months", &RunConfig::burn_in_months, closed(0, kMaxMonths), "month",
        "Months simulated before strategies start, so that all strategies share one economy");
  b.add(run, "horizon_months", &RunConfig::horizon_months, closed(1, kMaxMonths), "month",
        "Observed months after burn-in; burn_in_months + horizon_months <= 12000");
  b.add(run, "snapshot_months", &RunConfig::snapshot_months, at_least(0), "month",
        "Observed months at which agent tables are written; each before the horizon");

  const auto world = table(
      "world", [](auto& s, std::size_t) -> auto& { return s.world; });
  b.add(world, "mode", &WorldConfig::mode, any(), "",
        "listed: the [[territories]] of the file; synthetic: drawn from the parameters below",
        kWorldModeNames);
  b.add(world, "synthetic_territories", &WorldConfig::synthetic_territories,
        closed(0, kMaxTerritories), "territory",
        "Number of territories of a synthetic world (France: ~1,250 EPCI)");
  b.add(world, "synthetic_population", &WorldConfig::synthetic_population,
        closed(0, kMaxPopulation), "inhabitant", "Total population of a synthetic world");
  b.add(world, "synthetic_size_pareto_alpha", &WorldConfig::synthetic_size_pareto_alpha,
        above_to(0, 10), "", "Pareto tail exponent of territory populations");
  b.add(world, "synthetic_min_population", &WorldConfig::synthetic_min_population,
        closed(1, kMaxPopulation), "inhabitant", "Smallest synthetic territory");
  b.add(world, "synthetic_max_population", &WorldConfig::synthetic_max_population,
        closed(0, kMaxPopulation), "inhabitant",
        "Largest synthetic territory, its excess shared by the others in proportion to their "
        "draws (0: no cap; France: Métropole du Grand Paris, ~7.0M)");
  b.add(world, "synthetic_neighbours", &WorldConfig::synthetic_neighbours, closed(0, 50),
        "territory", "Nearest territories linked to each synthetic territory by commuting");
  b.add(world, "synthetic_mean_commuting_minutes", &WorldConfig::synthetic_mean_commuting_minutes,
        above_to(0, 600), "minute", "Mean commuting time between linked synthetic territories");

  const auto territory = table_array(
      TableArray::territories,
      [](auto& s, std::size_t row) -> auto& { return s.territories[row]; });
  b.required(territory, "name", &TerritoryConfig::name, any(), "",
             "Unique name, used by neighbours, shocks and poles");
  b.required(territory, "population", &TerritoryConfig::population, closed(1, kMaxPopulation),
             "inhabitant", "Inhabitants");
  b.add(territory, "labour_force_share", &TerritoryConfig::labour_force_share, share(), "share",
        "Labour force / population (France: 30.6M / 67M = 0.46, INSEE)");
  b.add(territory, "land_ha", &TerritoryConfig::land_ha, closed(0, 1e8), "ha",
        "Land area; 0: population / 105 inhabitants per km2 (French mean density)");
  b.add(territory, "artificialised_share", &TerritoryConfig::artificialised_share, share(), "share",
        "Artificialised share of the land (France ~9%, Teruti-Lucas)");
  b.add(territory, "unmet_needs_eur_month_per_capita",
        &TerritoryConfig::unmet_needs_eur_month_per_capita, at_least(0), "EUR/month/inhabitant",
        "Solvable-by-SSE social needs not met by the market or the State");
  b.add(territory, "neighbours", &TerritoryConfig::neighbours, any(), "",
        "Names of territories reachable by commuting");
  b.add(territory, "commuting_minutes", &TerritoryConfig::commuting_minutes, above_to(0, 600),
        "minute", "Commuting time to each neighbour, same order and length as neighbours");

  for (std::size_t i = 0; i < kSectorCount; ++i) {
    const auto sector = table(
        fmt::format("sectors.{}", kSectorNames[i]), [i](auto& s, std::size_t) -> auto& {
          return s.sectors[i];
        });
    b.add(sector, "firm_share", &SectorConfig::firm_share, share(), "share",
          "Share of employer firms in the sector; sums to 1 over sectors");
    b.add(sector, "household_budget_share", &SectorConfig::household_budget_share, share(), "share",
          "Share of household consumption spent on the sector; sum <= 1 over sectors");
    b.add(sector, "local_purchase_share", &SectorConfig::local_purchase_share, share(), "share",
          "Share of that spending bought on the home territory");
    b.add(sector, "productivity_eur_per_worker_month",
          &SectorConfig::productivity_eur_per_worker_month, positive(), "EUR/worker/month",
          "Value added per worker-month");
    b.add(sector, "wage_eur_month", &SectorConfig::wage_eur_month, positive(), "EUR/month",
          "Monthly wage, employer contributions included");
    b.add(sector, "materials_energy_share", &SectorConfig::materials_energy_share, share(), "share",
          "Share of unit cost spent on materials and energy");
    b.add(sector, "local_input_share", &SectorConfig::local_input_share, share(), "share",
          "Share of materials and energy bought from the territory's local services (business "
          "services, maintenance, transport), spent on that market the next month");
    b.add(sector, "emissions_kg_per_eur", &SectorConfig::emissions_kg_per_eur, at_least(0),
          "kg CO2e/EUR", "Greenhouse gas emissions per euro of output");
    b.add(sector, "export_share", &SectorConfig::export_share, share(), "share",
          "Share of initial output sold outside the world");
    b.add(sector, "external_ownership_share", &SectorConfig::external_ownership_share, share(),
          "share", "Share of firms owned by groups based outside the territory");
    b.add(sector, "mobile_share", &SectorConfig::mobile_share, share(), "share",
          "Share of firms able to relocate");
    b.add(sector, "land_m2_per_job", &SectorConfig::land_m2_per_job, at_least(0), "m2/job",
          "Built land used per job");
  }

  const auto firms = table(
      "firms", [](auto& s, std::size_t) -> auto& { return s.firms; });
  b.add(firms, "employer_firms_per_1000_inhabitants",
        &FirmsConfig::employer_firms_per_1000_inhabitants, above_to(0, 1000), "firm/1000 inh.",
        "Density of employer firms (France: 1.5M / 67M = 22.4)");
  b.add(firms, "size_pareto_alpha", &FirmsConfig::size_pareto_alpha, above_to(0, 10), "",
        "Pareto exponent of initial firm sizes (Axtell 2001: ~1.05)");
  b.add(firms, "max_initial_employees", &FirmsConfig::max_initial_employees, closed(1, 1e6),
        "employee", "Cap on the size of an initial firm");
  b.add(firms, "initial_markup", &FirmsConfig::initial_markup, share(), "share",
        "Initial price markup over unit cost");
  b.add(firms, "markup_adjustment", &FirmsConfig::markup_adjustment, share(), "share/month",
        "Step of the markup rule per month (Lengnick 2013)");
  b.add(firms, "replicator_chi", &FirmsConfig::replicator_chi, closed(0, 10), "",
        "Monthly speed at which market shares move toward their demand targets");
  b.add(firms, "demand_expectation_weight", &FirmsConfig::demand_expectation_weight, share(), "",
        "Weight of the last observation in adaptive demand expectations");
  b.add(firms, "dividend_payout", &FirmsConfig::dividend_payout, share(), "share",
        "Share of positive profit paid out");
  b.add(firms, "bankruptcy_months", &FirmsConfig::bankruptcy_months, closed(1, 120), "month",
        "Consecutive months of negative cash before exit");
  b.add(firms, "entry_rate_per_month", &FirmsConfig::entry_rate_per_month, share(), "1/month",
        "Entrants per incumbent per month (INSEE firm creations)");
  b.add(firms, "relocation_base_hazard", &FirmsConfig::relocation_base_hazard, share(), "1/month",
        "Monthly exit hazard of mobile, externally owned firms");
  b.add(firms, "closure_rate_per_month", &FirmsConfig::closure_rate_per_month, share(), "1/month",
        "Closures other than bankruptcy (retirement, failed transfer)");
  b.add(firms, "demand_shock_sigma", &FirmsConfig::demand_shock_sigma, closed(0, 2), "",
        "Log-sd of monthly idiosyncratic shocks to producers' market shares (gross job flows)");
  b.add(firms, "growth_sigma", &FirmsConfig::growth_sigma, closed(0, 1), "",
        "Log-sd of monthly permanent shocks to producers' normal customer bases (Gibrat growth)");
  b.add(firms, "closure_size_elasticity", &FirmsConfig::closure_size_elasticity, closed(0, 3), "",
        "Elasticity of the closure hazard to size: rate ∝ (employees/5)^-e (Evans 1987)");
  b.add(firms, "entrant_demand_multiple", &FirmsConfig::entrant_demand_multiple, closed(0.1, 20),
        "", "An entrant's customer base, in multiples of its founding staff's share of the market");
  b.add(firms, "markup_reversion", &FirmsConfig::markup_reversion, share(), "1/month",
        "Monthly pull of margins toward the normal margin (initial_markup; sse.markup for SSE)");
  b.add(firms, "price_elasticity", &FirmsConfig::price_elasticity, closed(0, 50), "",
        "Elasticity of a producer's market share to its price (logit/CES demand)");

  const auto sse = table(
      "sse", [](auto& s, std::size_t) -> auto& { return s.sse; });
  b.add(sse, "initiatives_per_1000_inhabitants", &SseConfig::initiatives_per_1000_inhabitants,
        closed(0, 1000), "initiative/1000 inh.",
        "Density of SSE employer establishments (France: 210k / 67M = 3.1)");
  b.add(sse, "mean_employees", &SseConfig::mean_employees, above_to(0, 10000), "employee",
        "Mean employees per initiative (2.6M / 210k ~ 12)");
  b.add(sse, "markup", &SseConfig::markup, share(), "share", "Price markup (non-lucrative)");
  b.add(sse, "volunteer_productivity", &SseConfig::volunteer_productivity, share(), "",
        "Output of a volunteer relative to an employee");
  b.add(sse, "entry_rate_per_month", &SseConfig::entry_rate_per_month, share(), "1/month",
        "Entrants per incumbent initiative per month");
  b.add(sse, "bankruptcy_months", &SseConfig::bankruptcy_months, closed(1, 120), "month",
        "Consecutive months of negative reserves before closure");
  b.add(sse, "closure_rate_per_month", &SseConfig::closure_rate_per_month, share(), "1/month",
        "Closures other than insolvency (end of a project, merger)");
  b.add(sse, "insertion_aid_eur_month", &SseConfig::insertion_aid_eur_month, at_least(0),
        "EUR/month", "State aid per insertion job (aide au poste)");
  b.add(sse, "demand_expectation_weight", &SseConfig::demand_expectation_weight, share(), "",
        "Weight of the last month in associations' and insertion enterprises' demand expectations "
        "(annual funding conventions: 1/12)");

  for (std::size_t i = 0; i < kSseFormCount; ++i) {
    const auto form = table(
        fmt::format("sse.forms.{}", kSseFormNames[i]), [i](auto& s, std::size_t) -> auto& {
          return s.sse_forms[i];
        });
    b.add(form, "share", &SseFormConfig::share, share(), "share",
          "Share of SSE initiatives with this legal form; sums to 1 over forms");
    b.add(form, "sales_share", &SseFormConfig::sales_share, share(), "share",
          "Market sales in resources");
    b.add(form, "subsidy_share", &SseFormConfig::subsidy_share, share(), "share",
          "Public subsidies in resources");
    b.add(form, "donation_share", &SseFormConfig::donation_share, share(), "share",
          "Donations in resources; sales + subsidy + donation <= 1 (volunteering is the rest)");
    b.add(form, "volunteer_ratio", &SseFormConfig::volunteer_ratio, closed(0, 100),
          "volunteer/employee", "Volunteers per employee");
    b.add(form, "insertion_share", &SseFormConfig::insertion_share, share(), "share",
          "Share of jobs on insertion contracts");
  }

  const auto households = table(
      "households", [](auto& s, std::size_t) -> auto& { return s.households; });
  b.add(households, "consumption_propensity", &HouseholdsConfig::consumption_propensity, share(),
        "share", "Share of monthly income consumed");
  b.add(households, "wealth_consumption", &HouseholdsConfig::wealth_consumption, share(),
        "share/month", "Share of savings spent per month");
  b.add(households, "unemployment_replacement", &HouseholdsConfig::unemployment_replacement,
        share(), "share", "Unemployment benefit / previous wage (France ~57% net)");
  b.add(households, "skill_lognormal_sigma", &HouseholdsConfig::skill_lognormal_sigma, closed(0, 5),
        "", "Dispersion of log skills");
  b.add(households, "initial_savings_months", &HouseholdsConfig::initial_savings_months,
        closed(0, 600), "month", "Initial savings in months of income");

  const auto labour = table(
      "labour", [](auto& s, std::size_t) -> auto& { return s.labour; });
  b.add(labour, "matching_efficiency", &LabourConfig::matching_efficiency, above_to(0, 10), "",
        "mu in M = mu U^a V^(1-a) (Petrongolo & Pissarides 2001)");
  b.add(labour, "matching_elasticity", &LabourConfig::matching_elasticity, share(), "",
        "a in the matching function");
  b.add(labour, "quit_rate", &LabourConfig::quit_rate, share(), "1/month",
        "Monthly voluntary separations");
  b.add(labour, "layoff_tolerance", &LabourConfig::layoff_tolerance, share(), "share",
        "Excess staff tolerated before layoffs");
  b.add(labour, "commuting_decay_minutes", &LabourConfig::commuting_decay_minutes, above_to(0, 600),
        "minute", "Commuting friction exp(-minutes / decay)");
  b.add(labour, "wage_curve_elasticity", &LabourConfig::wage_curve_elasticity, closed(-1, 0), "",
        "Elasticity of wages to local unemployment (Blanchflower & Oswald 1994: -0.1)");
  b.add(labour, "public_employment_share", &LabourConfig::public_employment_share, share(), "share",
        "Public jobs / all jobs (France ~20-25%)");
  b.add(labour, "migration_response", &LabourConfig::migration_response, closed(0, 50), "1/year",
        "Share of a territory's unemployed moving each year to a neighbour, per unit of the "
        "gap between their changes in unemployment since the burn-in (0: no migration)");
  b.add(labour, "country_migration_response", &LabourConfig::country_migration_response,
        closed(0, 10), "1/year",
        "Net migration with the rest of the country each year, as a share of the labour force, "
        "per unit of fall (in) or rise (out) of local unemployment since the burn-in (0: none)");

  const auto authority = table(
      "authority", [](auto& s, std::size_t) -> auto& { return s.authority; });
  b.add(authority, "household_tax_rate", &AuthorityConfig::household_tax_rate, share(), "share",
        "Local tax on household income");
  b.add(authority, "business_tax_rate", &AuthorityConfig::business_tax_rate, share(), "share",
        "Local tax on value added");
  b.add(authority, "state_grant_eur_month_per_capita",
        &AuthorityConfig::state_grant_eur_month_per_capita, at_least(0), "EUR/month/inhabitant",
        "State transfer to the authority (DGF-like)");
  b.add(authority, "max_deficit_share", &AuthorityConfig::max_deficit_share, share(), "share",
        "Deficit allowed as a share of revenue");
  b.add(authority, "public_jobs_population_share", &AuthorityConfig::public_jobs_population_share,
        share(), "share",
        "Share of public jobs that follow the population as migration changes it (schools, care, "
        "local services; 0: public jobs fixed at their initial number)");

  const auto cooperation = table(
      "cooperation", [](auto& s, std::size_t) -> auto& { return s.cooperation; });
  b.add(cooperation, "contribution_share", &CooperationConfig::contribution_share, share(), "share",
        "Share of revenue a cooperator contributes to the pole's pool");
  b.add(cooperation, "synergy_base", &CooperationConfig::synergy_base, closed(0, 100), "",
        "Pool multiplier r at no diversity and full trust");
  b.add(cooperation, "diversity_gain", &CooperationConfig::diversity_gain, closed(0, 100), "",
        "Extra r at maximal diversity of member types (Santos et al. 2008)");
  b.add(cooperation, "trust_initial", &CooperationConfig::trust_initial, share(), "",
        "Trust between members of a new pole");
  b.add(cooperation, "trust_learning", &CooperationConfig::trust_learning, share(), "",
        "Weight of the last month in trust updates");
  b.add(cooperation, "coordination_cost_per_member",
        &CooperationConfig::coordination_cost_per_member, at_least(0), "EUR/member/month",
        "Coordination cost without facilitation");
  b.add(cooperation, "facilitation_cost_reduction", &CooperationConfig::facilitation_cost_reduction,
        share(), "share", "Share of coordination cost removed by facilitation");
  b.add(cooperation, "loner_payoff_share", &CooperationConfig::loner_payoff_share, share(), "share",
        "Payoff of non-participants, sigma of optional participation (Hauert 2002)");
  b.add(cooperation, "pool_punishment", &CooperationConfig::pool_punishment, any(), "",
        "Pools fine free riders (Sigmund et al. 2010)");
  b.add(cooperation, "punishment_fine_share", &CooperationConfig::punishment_fine_share, share(),
        "share", "Fine on a detected free rider, as a share of revenue");
  b.add(cooperation, "punishment_cost_share", &CooperationConfig::punishment_cost_share, share(),
        "share", "Cost of the punishment pool for each contributor, as a share of revenue");
  b.add(cooperation, "exclude_free_riders", &CooperationConfig::exclude_free_riders, any(), "",
        "Poles expel detected free riders");
  b.add(cooperation, "selection_intensity", &CooperationConfig::selection_intensity,
        closed(0, 1000), "", "Fermi-rule beta of payoff-biased imitation");
  b.add(cooperation, "exploration_rate", &CooperationConfig::exploration_rate, share(), "",
        "Probability that a revision picks a random strategy");
  b.add(cooperation, "revision_rate", &CooperationConfig::revision_rate, share(), "1/month",
        "Share of agents revising their strategy per month");
  b.add(cooperation, "max_pole_size", &CooperationConfig::max_pole_size, closed(2, 100000),
        "member", "Largest pole (Smaldino & Lubell 2011: group-size limits)");
  b.add(cooperation, "isolate_game", &CooperationConfig::isolate_game, any(), "",
        "Switch the economy off: `ptcesim run` plays the evolutionary game of [game] alone");

  const auto game = table(
      "game", [](auto& s, std::size_t) -> auto& { return s.game; });
  b.add(game, "population", &GameConfig::population, closed(2, 1e7), "agent",
        "Isolated game: agents, a multiple of game.group_size");
  b.add(game, "group_size", &GameConfig::group_size, closed(2, 1000), "agent",
        "Isolated game: players per public goods game, N");
  b.add(game, "rounds", &GameConfig::rounds, closed(1, 1e7), "round", "Isolated game: rounds");
  b.add(game, "multiplication_factor", &GameConfig::multiplication_factor, closed(0, 1000), "",
        "Isolated game: r, contributions multiplied and shared among participants");
  b.add(game, "contribution", &GameConfig::contribution, closed(0, 1000), "", "Isolated game: c");
  b.add(game, "loner_payoff", &GameConfig::loner_payoff, closed(0, 1000), "",
        "Isolated game: sigma, payoff of loners and of a lone participant (Hauert et al. 2002)");
  b.add(game, "loners", &GameConfig::loners, any(), "",
        "Isolated game: optional participation (loners exist)");
  b.add(game, "peer_punishers", &GameConfig::peer_punishers, any(), "",
        "Isolated game: peer punishers exist (Sigmund et al. 2010)");
  b.add(game, "pool_punishers", &GameConfig::pool_punishers, any(), "",
        "Isolated game: pool punishers exist (Sigmund et al. 2010)");
  b.add(game, "peer_fine", &GameConfig::peer_fine, closed(0, 1000), "",
        "Isolated game: beta, fine of each peer punisher on each target");
  b.add(game, "peer_cost", &GameConfig::peer_cost, closed(0, 1000), "",
        "Isolated game: gamma, a peer punisher's cost per target");
  b.add(game, "pool_fine", &GameConfig::pool_fine, closed(0, 1000), "",
        "Isolated game: B, fine per pool punisher in the group");
  b.add(game, "pool_cost", &GameConfig::pool_cost, closed(0, 1000), "",
        "Isolated game: G, a pool punisher's payment into the sanction pool");
  b.add(game, "second_order_punishment", &GameConfig::second_order_punishment, any(), "",
        "Isolated game: punishers also punish those who contribute but do not sanction");
  b.add(game, "selection_intensity", &GameConfig::selection_intensity, closed(0, 1000), "",
        "Isolated game: s of the Fermi imitation rule");
  b.add(game, "mutation_rate", &GameConfig::mutation_rate, share(), "",
        "Isolated game: probability that a revision picks a random strategy");
  b.add(game, "revision_rate", &GameConfig::revision_rate, closed(1e-9, 1), "",
        "Isolated game: probability that an agent revises its strategy in a round");

  const auto strategy = table(
      "strategy", [](auto& s, std::size_t) -> auto& { return s.strategy; });
  b.add(strategy, "kind", &StrategyConfig::kind, any(), "",
        "Strategy of the local authorities listed in strategy.territories after burn-in",
        kStrategyKindNames);
  b.add(strategy, "territories", &StrategyConfig::territories, any(), "",
        "Territories applying the strategy (empty: all); comparison outcomes are measured there");
  b.add(strategy, "budget_eur_per_year", &StrategyConfig::budget_eur_per_year, at_least(0),
        "EUR/year", "Strategy budget per territory, equal across strategies in a comparison");
  b.add(strategy, "mixed_ptce_share", &StrategyConfig::mixed_ptce_share, share(), "share",
        "Share of the budget spent on ptce instruments under the mixed strategy");
  b.add(strategy, "grant_per_job_eur", &StrategyConfig::grant_per_job_eur, at_least(0), "EUR/job",
        "reindustrialisation: grant per job created by an incoming firm");
  b.add(strategy, "incentive_utility_per_1000_eur", &StrategyConfig::incentive_utility_per_1000_eur,
        closed(0, 100), "1/(1000 EUR/job)",
        "Mobile projects' logit utility of 1000 EUR of grant per job (calibrated to Bartik 2018)");
  b.add(strategy, "mobile_projects_per_million_month",
        &StrategyConfig::mobile_projects_per_million_month, closed(0, 1e4), "1/(1M inh. month)",
        "Mobile investment projects looking for a site (Business France 2023: ~2.2)");
  b.add(strategy, "tax_break_years", &StrategyConfig::tax_break_years, closed(0, 50), "year",
        "reindustrialisation: business-tax exemption of an incoming firm");
  b.add(strategy, "serviced_land_ha_per_100_jobs", &StrategyConfig::serviced_land_ha_per_100_jobs,
        at_least(0), "ha/100 jobs", "reindustrialisation: land serviced per 100 jobs expected");
  b.add(strategy, "serviced_land_cost_eur_per_ha", &StrategyConfig::serviced_land_cost_eur_per_ha,
        at_least(0), "EUR/ha", "reindustrialisation: cost of servicing one hectare");
  b.add(strategy, "training_share", &StrategyConfig::training_share, share(), "share",
        "reindustrialisation: budget share spent on training for incoming firms");
  b.add(strategy, "clawback_years", &StrategyConfig::clawback_years, closed(0, 50), "year",
        "reindustrialisation: a firm leaving earlier repays part of its grant");
  b.add(strategy, "clawback_share", &StrategyConfig::clawback_share, share(), "share",
        "reindustrialisation: share of the grant repaid on early departure");
  b.add(strategy, "facilitation_fte_cost_eur_year", &StrategyConfig::facilitation_fte_cost_eur_year,
        at_least(0), "EUR/FTE/year", "ptce: cost of one full-time facilitator");
  b.add(strategy, "facilitation_share", &StrategyConfig::facilitation_share, share(), "share",
        "ptce: budget share for pole facilitation");
  b.add(strategy, "premises_share", &StrategyConfig::premises_share, share(), "share",
        "ptce: budget share for shared premises and equipment");
  b.add(strategy, "premises_cost_eur_m2_year", &StrategyConfig::premises_cost_eur_m2_year,
        at_least(0), "EUR/m2/year", "ptce: cost of shared premises");
  b.add(strategy, "seed_aid_share", &StrategyConfig::seed_aid_share, share(), "share",
        "ptce: budget share for seed aid to joint activities");
  b.add(strategy, "social_procurement_share", &StrategyConfig::social_procurement_share, share(),
        "share", "ptce: share of public procurement reserved by social clauses");
  b.add(strategy, "incubator_share", &StrategyConfig::incubator_share, share(), "share",
        "ptce: budget share for the incubator; the four ptce budget shares sum to <= 1");

  const auto shock = table_array(
      TableArray::shocks, [](auto& s, std::size_t row) -> auto& { return s.shocks[row]; });
  b.add(shock, "kind", &ShockConfig::kind, any(), "", "What happens", kShockKindNames, true);
  b.required(shock, "start_month", &ShockConfig::start_month, closed(0, kMaxMonths), "month",
             "Observed month (after burn-in) at which the shock starts; before the horizon");
  b.add(shock, "duration_months", &ShockConfig::duration_months, closed(1, kMaxMonths), "month",
        "Length of the shock");
  b.add(shock, "magnitude", &ShockConfig::magnitude, closed(0, 10), "share",
        "Relative size (0.2 = 20% drop or rise); drops are at most 1");
  b.add(shock, "territory", &ShockConfig::territory, any(), "",
        "Territory hit; empty: every territory");

  const auto pole = table_array(
      TableArray::poles, [](auto& s, std::size_t row) -> auto& { return s.poles[row]; });
  b.required(pole, "territory", &SeededPoleConfig::territory, any(), "",
             "Listed territory where the pole is seeded at the end of burn-in");
  b.add(pole, "origin", &SeededPoleConfig::origin, any(), "",
        "Who founds it (entrepreneurial, citizen or local authority)", kPoleOriginNames);
  b.add(pole, "members", &SeededPoleConfig::members, closed(2, 100000), "member",
        "Initial members (Labo de l'ESS 2017: ~8); at most cooperation.max_pole_size");

  const auto compare = table(
      "compare", [](auto& s, std::size_t) -> auto& { return s.compare; });
  b.add(compare, "replications", &CompareConfig::replications, closed(1, 100000), "run",
        "Replications per strategy, common random numbers across strategies");
  b.add(compare, "strategies", &CompareConfig::strategies, any(), "",
        "Strategies compared, each one of none, ptce, reindustrialisation, mixed");
  b.add(compare, "baseline", &CompareConfig::baseline, any(), "",
        "Strategy the others are compared with; one of compare.strategies");

  const auto output = table(
      "output", [](auto& s, std::size_t) -> auto& { return s.output; });
  b.add(output, "sector_series", &OutputConfig::sector_series, any(), "",
        "Write indicator series per sector as well as per territory");
  b.add(output, "compress", &OutputConfig::compress, any(), "", "Compress HDF5 datasets");
  return fields;
}

} // namespace

const std::vector<FieldSpec>& schema() {
  static const std::vector<FieldSpec> fields = build_schema();
  return fields;
}

} // namespace ptcesim::scenario
