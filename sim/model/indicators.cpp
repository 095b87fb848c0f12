#include "sim/model/indicators.hpp"

#include "sim/core/parallel.hpp"
#include "sim/core/soa.hpp"
#include "sim/model/phases/phases.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <span>
#include <string>

namespace ptcesim::model {

namespace {

// Firm-size classes (employees), as in INSEE's establishment statistics.
constexpr std::array<std::int32_t, 9> kSizeClassLow{1, 2, 5, 10, 20, 50, 100, 250, 500};
constexpr double kGiniBinEur = 50.0;
constexpr std::size_t kGiniBins = 400; // 0 .. 20,000 EUR/month, the last bin open

// Survival cohorts: producers born 60 (or 36) to 71 (47) months ago, alive now.
enum Cohort : std::size_t { kFirmCohort, kAssociation, kWorkerCoop, kScic, kWise, kCohorts };
constexpr std::array<const char*, kCohorts> kCohortNames{
    "firms", "association", "worker_cooperative", "scic", "work_integration"};

std::size_t cohort_of(SseForm f) {
  return 1 + static_cast<std::size_t>(f);
}

struct Spec {
  const char* name;
  const char* unit;
  const char* description;
};

// Base indicators, in output order (the per-sector and size-class ones follow).
constexpr Spec kBase[] = {
    {"employment_total", "jobs", "jobs located in the territory: firms, SSE and public"},
    {"employment_firms", "jobs", "jobs in conventional firms"},
    {"employment_sse", "jobs", "jobs in SSE initiatives"},
    {"employment_public", "jobs", "public jobs"},
    {"insertion_jobs", "jobs", "insertion contracts in work-integration enterprises"},
    {"jobs_created", "jobs/month",
     "sum of positive employer-level employment changes (entrants included)"},
    {"jobs_destroyed", "jobs/month",
     "sum of negative employer-level employment changes (exits included)"},
    {"durable_jobs_36", "jobs",
     "jobs held by a worker hired after the strategy start, for at least 36 months"},
    {"durable_jobs_60", "jobs",
     "jobs held by a worker hired after the strategy start, for at least 60 months"},
    {"hires", "workers/month", "hires of residents"},
    {"separations", "workers/month", "voluntary quits of residents"},
    {"labour_force", "persons", "resident labour force"},
    {"unemployed", "persons", "resident unemployed at the end of the month"},
    {"unemployment_rate", "share", "unemployed / labour force"},
    {"vacancies", "jobs", "vacancies left open at the end of the month"},
    {"net_migration", "workers/month",
     "households moved in minus moved out (neighbours and the rest of the country)"},
    {"output_eur", "EUR/month", "sales of firms and SSE initiatives"},
    {"value_added_eur", "EUR/month", "sales minus materials and energy"},
    {"local_value_retained_eur", "EUR/month",
     "value added minus the profits of externally owned firms"},
    {"local_value_retained_share", "share", "local value retained / value added"},
    {"materials_energy_eur", "EUR/month", "materials and energy bought"},
    {"materials_energy_per_output", "EUR/EUR", "materials and energy per EUR of sales"},
    {"land_artificialised_ha", "ha",
     "artificialised land, growing with built premises and serviced land"},
    {"emissions_t_co2e", "t CO2e/month", "emissions of production"},
    {"unmet_needs_eur", "EUR/month", "unmet social needs at initialisation"},
    {"unmet_needs_covered_eur", "EUR/month",
     "social-utility SSE activity above its level at the strategy start"},
    {"unmet_needs_covered_share", "share", "unmet needs covered / unmet needs"},
    {"gini_income", "index", "Gini index of resident household incomes (50 EUR bins)"},
    {"mean_wage_eur", "EUR/month", "mean wage of employed residents"},
    {"household_income_eur", "EUR/month", "income of resident households"},
    {"firms", "firms", "conventional firms"},
    {"sse_initiatives", "initiatives", "SSE initiatives"},
    {"producers", "agents", "firms and SSE initiatives"},
    {"firm_births", "firms/month", "new firms"},
    {"firm_deaths", "firms/month", "bankrupt or relocated firms"},
    {"relocations", "firms/month", "firms that left the territory"},
    {"sse_births", "initiatives/month", "new SSE initiatives"},
    {"sse_deaths", "initiatives/month", "SSE initiatives that closed"},
    {"sse_share_jobs", "share", "SSE jobs / all jobs"},
    {"sse_share_private_jobs", "share", "SSE jobs / private jobs (firms and SSE)"},
    {"authority_revenue_eur", "EUR/month", "taxes and State grant"},
    {"authority_balance_eur", "EUR", "cumulated budget balance"},
    {"strategy_spending_eur", "EUR/month", "strategy budget spent"},
    {"pole_members", "agents", "firms and SSE initiatives that belong to a pole"},
    {"poles", "poles", "cooperation poles"},
    {"cooperation_rate", "share", "pole members / firms and SSE initiatives"},
    {"cooperation_rate_firms", "share", "share of firms in a pole"},
    {"cooperation_rate_sse", "share", "share of SSE initiatives in a pole"},
    {"free_riders", "agents", "pole members that do not contribute"},
    {"pole_mean_size", "members", "mean members per pole"},
    {"pole_mean_diversity", "index", "mean Shannon evenness of member types"},
    {"pole_mean_age", "months", "mean age of poles"},
    {"pole_mean_trust", "index", "mean trust within poles"},
    {"poles_entrepreneurial", "poles", "poles founded by a firm or an SSE enterprise"},
    {"poles_citizen", "poles", "poles founded by an association or a SCIC"},
    {"poles_local_authority", "poles", "poles convened by the local authority"},
    {"poles_with_charter", "poles", "poles with a formalised cooperation (charter)"},
    {"pooled_eur", "EUR/month", "contributions pooled by members"},
    {"shared_premises_m2", "m2", "premises shared by pole members"},
    {"facilitation_fte", "FTE", "funded pole facilitators"},
    {"pole_turnover_share", "share",
     "pole members' revenue owed to the pole's competitiveness bonus / members' revenue"},
    {"location_decisions", "projects/month", "mobile projects that chose the territory"},
    {"location_by_incentives", "projects/month",
     "of which the choice would differ without incentives"},
    {"strategy_pot_eur", "EUR", "strategy budget received and not yet spent"},
};
constexpr std::size_t kBaseCount = sizeof(kBase) / sizeof(kBase[0]);

std::size_t index_of(std::string_view name) {
  for (std::size_t i = 0; i < kBaseCount; ++i)
    if (name == kBase[i].name)
      return i;
  return kBaseCount; // unreachable for the names used below
}

// Index of a base indicator, resolved at compile time (a misspelt name does not compile).
consteval std::size_t ix(std::string_view name) {
  for (std::size_t i = 0; i < kBaseCount; ++i)
    if (name == std::string_view(kBase[i].name))
      return i;
  throw "unknown indicator";
}

} // namespace

std::vector<core::IndicatorSpec> indicator_specs(const World& w) {
  std::vector<core::IndicatorSpec> specs;
  for (const auto& s : kBase)
    specs.push_back({s.name, s.unit, s.description});
  for (std::size_t c = 0; c < kCohorts; ++c) {
    specs.push_back({fmt::format("survival_3y_{}", kCohortNames[c]), "share",
                     "share of the producers born 36-47 months ago still alive"});
    specs.push_back({fmt::format("survival_5y_{}", kCohortNames[c]), "share",
                     "share of the producers born 60-71 months ago still alive"});
  }
  for (std::size_t k = 0; k < kSizeClassLow.size(); ++k)
    specs.push_back({fmt::format("firm_size_class_{}", kSizeClassLow[k]), "firms",
                     k + 1 < kSizeClassLow.size()
                         ? fmt::format("firms with {} to {} employees", kSizeClassLow[k],
                                       kSizeClassLow[k + 1] - 1)
                         : fmt::format("firms with {} employees or more", kSizeClassLow[k])});
  if (w.scenario.output.sector_series)
    for (std::size_t s = 0; s < kSectors; ++s)
      specs.push_back({fmt::format("employment_{}", scenario::kSectorNames[s]), "jobs",
                       "jobs in firms and SSE initiatives of the sector"});
  return specs;
}

double total_money(const World& w) {
  double total = 0.0;
  for (const double s : w.workers.savings)
    total += s;
  for (const double c : w.firms.cash)
    total += c;
  for (const double c : w.sse.cash)
    total += c;
  for (const double b : w.authorities.balance)
    total += b;
  for (const double d : w.pending_local_dividends)
    total += d;
  // Money committed inside the world but not yet spent: strategy envelopes received, pole
  // funds, and purchases decided this tick and made on next tick's markets.
  for (const auto* held : {&w.strategy_pot, &w.poles.fund, &w.pole_services_demand,
                           &w.local_input_demand, &w.innovation_demand, &w.construction_demand})
    for (const double d : *held)
      total += d;
  return total;
}

void record_indicators(World& w, const core::StepContext& ctx, core::IndicatorFrame& frame) {
  const std::size_t n = w.territories.size();
  const auto specs_count = frame.values.size() / std::max<std::size_t>(n, 1);
  frame.tick = ctx.tick;
  frame.territories = n;
  std::fill(frame.values.begin(), frame.values.end(), 0.0);
  auto set = [&](std::size_t indicator, std::size_t t, double v) { frame.at(indicator, t) = v; };
  auto add = [&](std::size_t indicator, std::size_t t, double v) { frame.at(indicator, t) += v; };
  const auto& firms = w.firms;
  const auto& sse = w.sse;
  auto& a = w.authorities;
  const auto& sectors = w.scenario.sectors;
  const std::size_t size_base = kBaseCount + 2 * kCohorts;
  const std::size_t sector_base = size_base + kSizeClassLow.size();
  const bool sector_series = specs_count > sector_base;

  // Producers: employment, job flows, output, land, emissions, size classes.
  auto producers = [&](const Producers& p, bool is_firm, std::size_t i) {
    const auto t = p.territory[i];
    const double e = p.employees[i];
    const double delta = e - p.employees_last_month[i];
    add(ix("employment_total"), t, e);
    add(is_firm ? ix("employment_firms") : ix("employment_sse"), t, e);
    if (delta > 0)
      add(ix("jobs_created"), t, delta);
    if (delta < 0)
      add(ix("jobs_destroyed"), t, -delta);
    add(ix("output_eur"), t, p.revenue[i]);
    add(ix("value_added_eur"), t, p.revenue[i] - p.materials[i]);
    add(ix("materials_energy_eur"), t, p.materials[i]);
    add(ix("emissions_t_co2e"), t,
        p.revenue[i] * sectors[static_cast<std::size_t>(p.sector[i])].emissions_kg_per_eur /
            1000.0);
    add(is_firm ? ix("firms") : ix("sse_initiatives"), t, 1.0);
    add(ix("producers"), t, 1.0);
    if (p.pole[i] >= 0)
      add(ix("pole_members"), t, 1.0);
    if (sector_series)
      frame.at(sector_base + static_cast<std::size_t>(p.sector[i]), t) += e;
  };
  // Territory by territory in parallel (each writes only its own cells), over its firms and
  // then its initiatives in row order: every sum sees its terms in the order of a serial pass
  // over the tables, so the bits do not depend on the thread count.
  const auto firm_rows = core::rows_grouped_by(std::span<const TerritoryIndex>(firms.territory), n,
                                               w.firm_territory_offset);
  const auto sse_rows = core::rows_grouped_by(std::span<const TerritoryIndex>(sse.territory), n,
                                              w.sse_territory_offset);
  std::vector<double>& social = w.market_scratch_a;
  social.assign(n, 0.0);
  // Turnover owed to the pole (Labo de l'ESS 2017: share of members' market turnover they owe
  // to the pole): the revenue a member would lose without the competitiveness bonus b of
  // cross-selling and joint offers, others' offers unchanged. Its attraction scales with
  // b^elasticity (production.cpp), so that share of its revenue is 1 - b^-elasticity. Cost
  // savings are not turnover and are left out, as in the survey.
  std::vector<double>& member_revenue = w.market_scratch_c;
  member_revenue.assign(n, 0.0);
  const double elasticity = w.scenario.firms.price_elasticity;
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    const auto firm_range = std::span<const std::uint32_t>(firm_rows).subspan(
        w.firm_territory_offset[t], w.firm_territory_offset[t + 1] - w.firm_territory_offset[t]);
    const auto sse_range = std::span<const std::uint32_t>(sse_rows).subspan(
        w.sse_territory_offset[t], w.sse_territory_offset[t + 1] - w.sse_territory_offset[t]);
    for (const std::size_t i : firm_range) {
      producers(firms, true, i);
      if (firms.external_owned[i])
        add(ix("local_value_retained_eur"), t, -std::max(0.0, firms.profit[i]));
      std::size_t k = kSizeClassLow.size();
      while (k > 0 && firms.employees[i] < kSizeClassLow[k - 1])
        --k;
      if (k > 0)
        frame.at(size_base + k - 1, t) += 1.0;
    }
    for (const std::size_t i : sse_range) {
      producers(sse, false, i);
      add(ix("insertion_jobs"), t, sse.insertion_employees[i]);
      social[t] += sse.social_utility[i] * sse.revenue[i];
    }
    // Cooperation: members by type, free riders, turnover owed to the pole.
    auto members = [&](const Producers& p, std::span<const std::uint32_t> rows, std::size_t rate) {
      for (const std::size_t i : rows)
        if (p.pole[i] >= 0)
          add(rate, t, 1.0);
    };
    members(firms, firm_range, ix("cooperation_rate_firms"));
    members(sse, sse_range, ix("cooperation_rate_sse"));
    auto free_riders = [&](const Producers& p, std::span<const std::uint32_t> rows) {
      for (const std::size_t i : rows)
        if (p.pole[i] >= 0 && p.stance[i] == Stance::free_ride)
          add(ix("free_riders"), t, 1.0);
    };
    free_riders(firms, firm_range);
    free_riders(sse, sse_range);
    auto turnover = [&](const Producers& p, std::span<const std::uint32_t> rows) {
      for (const std::size_t i : rows)
        if (p.pole[i] >= 0) {
          member_revenue[t] += p.revenue[i];
          add(ix("pole_turnover_share"), t,
              p.revenue[i] * (1.0 - std::pow(p.pool_demand_bonus[i], -elasticity)));
        }
    };
    turnover(firms, firm_range);
    turnover(sse, sse_range);
  });
  if (ctx.tick == w.strategy_start_tick - 1 || w.social_output_baseline.empty()) {
    w.social_output_baseline = social;
  }

  // Poles by origin, size, diversity, age, trust.
  const auto& poles = w.poles;
  for (std::size_t k = 0; k < poles.size(); ++k) {
    const auto t = poles.territory[k];
    add(ix("poles"), t, 1.0);
    add(ix("pole_mean_size"), t, poles.members[k]);
    add(ix("pole_mean_diversity"), t, poles.diversity[k]);
    add(ix("pole_mean_age"), t, ctx.tick - poles.birth_tick[k]);
    add(ix("pole_mean_trust"), t, poles.trust[k]);
    switch (poles.origin[k]) {
    case scenario::PoleOrigin::entrepreneurial:
      add(ix("poles_entrepreneurial"), t, 1.0);
      break;
    case scenario::PoleOrigin::citizen:
      add(ix("poles_citizen"), t, 1.0);
      break;
    case scenario::PoleOrigin::local_authority:
      add(ix("poles_local_authority"), t, 1.0);
      break;
    }
    if (poles.charter_tick[k] >= 0)
      add(ix("poles_with_charter"), t, 1.0);
    add(ix("pooled_eur"), t, poles.contributions[k]);
    add(ix("shared_premises_m2"), t, poles.shared_premises_m2[k]);
    add(ix("facilitation_fte"), t, poles.facilitation_fte[k]);
  }
  for (std::size_t t = 0; t < n; ++t) {
    const double count = frame.at(ix("poles"), t);
    for (const char* mean :
         {"pole_mean_size", "pole_mean_diversity", "pole_mean_age", "pole_mean_trust"})
      frame.at(index_of(mean), t) = count > 0 ? frame.at(index_of(mean), t) / count : 0.0;
    const double nf = frame.at(ix("firms"), t), ns = frame.at(ix("sse_initiatives"), t);
    frame.at(ix("cooperation_rate_firms"), t) =
        nf > 0 ? frame.at(ix("cooperation_rate_firms"), t) / nf : 0.0;
    frame.at(ix("cooperation_rate_sse"), t) =
        ns > 0 ? frame.at(ix("cooperation_rate_sse"), t) / ns : 0.0;
    frame.at(ix("pole_turnover_share"), t) =
        member_revenue[t] > 0 ? frame.at(ix("pole_turnover_share"), t) / member_revenue[t] : 0.0;
  }

  // Residents: durable jobs at the workplace, incomes (Gini) and wages. Chunked partial sums
  // keep the result independent of the thread count.
  const auto& workers = w.workers;
  const auto& terr = w.territories;
  auto& durable = w.durable_scratch; // [chunk][territory][36, 60]
  auto& histogram = w.gini_scratch;  // [territory][bin]: count, income
  histogram.assign(n * kGiniBins * 2, 0.0);
  auto& wages = w.wage_scratch; // [territory]: sum, count
  wages.assign(2 * n, 0.0);
  const std::int32_t start = w.strategy_start_tick;
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    // The territory's wage sum and count in locals (in memory, each row's histogram stores
    // made the compiler reload and store them: a chain through memory); same order of
    // additions, same bits.
    double wage_sum = 0.0, wage_count = 0.0;
    double* const bins = histogram.data() + t * kGiniBins * 2;
    const double replacement = w.scenario.households.unemployment_replacement;
    for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1]; ++r) {
      double income;
      if (workers.employer_kind[r] == EmployerKind::none) {
        income = std::max(
            600.0, workers.unemployment_months[r] <= 24 ? replacement * workers.wage[r] : 0.0);
      } else {
        income = workers.wage[r];
        wage_sum += income;
        wage_count += 1.0;
      }
      const auto bin =
          std::min<std::size_t>(kGiniBins - 1, static_cast<std::size_t>(income / kGiniBinEur));
      bins[bin * 2] += 1.0;
      bins[bin * 2 + 1] += income;
    }
    wages[2 * t] = wage_sum;
    wages[2 * t + 1] = wage_count;
  });
  // Durable jobs by workplace: counts over contiguous chunks of workers in parallel, each into
  // its own row of counters, then added up. Counts are whole numbers, exact in a double, so
  // the totals do not depend on the chunking (a serial pass over every worker was the largest
  // serial part of the indicators).
  const std::size_t chunks = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::max(1, core::ThreadLimit::active_threads())), 1,
      std::max<std::size_t>(1, workers.size() / 65536));
  durable.assign(2 * n * chunks, 0.0);
  core::parallel_for_rows(
      chunks,
      [&](std::size_t c) {
        double* counts = durable.data() + 2 * n * c;
        const std::size_t hi = (c + 1) * workers.size() / chunks;
        for (std::size_t r = c * workers.size() / chunks; r < hi; ++r) {
          if (workers.employer_kind[r] == EmployerKind::none || workers.hire_tick[r] < start)
            continue;
          const std::int32_t tenure = ctx.tick - workers.hire_tick[r];
          if (tenure < 36)
            continue;
          const auto row = static_cast<std::size_t>(workers.employer_row[r]);
          std::size_t place = row;
          if (workers.employer_kind[r] == EmployerKind::firm)
            place = firms.territory[row];
          else if (workers.employer_kind[r] == EmployerKind::sse)
            place = sse.territory[row];
          counts[2 * place] += 1.0;
          if (tenure >= 60)
            counts[2 * place + 1] += 1.0;
        }
      },
      1);
  for (std::size_t c = 1; c < chunks; ++c)
    for (std::size_t k = 0; k < 2 * n; ++k)
      durable[k] += durable[2 * n * c + k];

  // Survival by cohort.
  auto& born = w.birth_history; // [tick][territory][cohort]
  const std::size_t stride = n * kCohorts;
  if (born.size() < static_cast<std::size_t>(ctx.tick + 1) * stride)
    born.resize(static_cast<std::size_t>(ctx.tick + 1) * stride, 0.0);
  auto& alive = w.market_scratch_b; // [territory][cohort][3y, 5y]
  alive.assign(n * kCohorts * 2, 0.0);
  auto count_alive = [&](const Producers& p, std::size_t i, std::size_t cohort) {
    const std::int32_t age = ctx.tick - p.birth_tick[i];
    if (p.birth_tick[i] < 0)
      return;
    if (p.birth_tick[i] == ctx.tick)
      born[static_cast<std::size_t>(ctx.tick) * stride + p.territory[i] * kCohorts + cohort] += 1.0;
    if (age >= 36 && age < 48)
      alive[(p.territory[i] * kCohorts + cohort) * 2] += 1.0;
    if (age >= 60 && age < 72)
      alive[(p.territory[i] * kCohorts + cohort) * 2 + 1] += 1.0;
  };
  // Territory by territory in parallel over the producers grouped above: each writes only its
  // own cells, and the counts are whole numbers (exact in a double).
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    for (std::size_t k = w.firm_territory_offset[t]; k < w.firm_territory_offset[t + 1]; ++k)
      count_alive(firms, firm_rows[k], kFirmCohort);
    for (std::size_t k = w.sse_territory_offset[t]; k < w.sse_territory_offset[t + 1]; ++k)
      count_alive(sse, sse_rows[k], cohort_of(sse.form[sse_rows[k]]));
  });

  const auto& f = w.flows;
  for (std::size_t t = 0; t < n; ++t) {
    add(ix("employment_total"), t, a.public_employees[t]);
    set(ix("employment_public"), t, a.public_employees[t]);
    const double public_delta = a.public_employees[t] - w.public_employees_last_month[t];
    if (public_delta > 0)
      add(ix("jobs_created"), t, public_delta);
    if (public_delta < 0)
      add(ix("jobs_destroyed"), t, -public_delta);
    add(ix("jobs_destroyed"), t, static_cast<double>(f.jobs_destroyed[t])); // exits
    set(ix("durable_jobs_36"), t, durable[2 * t]);
    set(ix("durable_jobs_60"), t, durable[2 * t + 1]);
    set(ix("hires"), t, static_cast<double>(f.hires[t]));
    set(ix("separations"), t, static_cast<double>(f.separations[t]));
    const double lf = static_cast<double>(terr.labour_force[t]);
    set(ix("labour_force"), t, lf);
    set(ix("unemployed"), t, static_cast<double>(f.unemployed[t]));
    set(ix("unemployment_rate"), t, lf > 0 ? static_cast<double>(f.unemployed[t]) / lf : 0.0);
    set(ix("vacancies"), t, static_cast<double>(f.vacancies[t]));
    set(ix("net_migration"), t, static_cast<double>(f.net_migration[t]));
    const double va = frame.at(ix("value_added_eur"), t);
    add(ix("local_value_retained_eur"), t, va);
    const double retained = frame.at(ix("local_value_retained_eur"), t);
    set(ix("local_value_retained_share"), t, va > 0 ? retained / va : 0.0);
    const double output = frame.at(ix("output_eur"), t);
    set(ix("materials_energy_per_output"), t,
        output > 0 ? frame.at(ix("materials_energy_eur"), t) / output : 0.0);
    w.territories.artificialised_ha[t] += f.built_land_ha[t];
    set(ix("land_artificialised_ha"), t,
        w.territories.artificialised_ha[t] + a.serviced_land_ha[t]);
    const double needs = terr.unmet_needs_eur_month[t];
    set(ix("unmet_needs_eur"), t, needs);
    const double covered = std::clamp(social[t] - w.social_output_baseline[t], 0.0, needs);
    set(ix("unmet_needs_covered_eur"), t, covered);
    set(ix("unmet_needs_covered_share"), t, needs > 0 ? covered / needs : 0.0);
    // Gini from the binned distribution (incomes equal within a bin).
    double people = 0.0, income = 0.0;
    for (std::size_t b = 0; b < kGiniBins; ++b) {
      people += histogram[(t * kGiniBins + b) * 2];
      income += histogram[(t * kGiniBins + b) * 2 + 1];
    }
    double gini = 0.0;
    if (people > 0 && income > 0) {
      double cumulative = 0.0, area = 0.0;
      for (std::size_t b = 0; b < kGiniBins; ++b) {
        const double share_people = histogram[(t * kGiniBins + b) * 2] / people;
        const double share_income = histogram[(t * kGiniBins + b) * 2 + 1] / income;
        area += share_people * (2.0 * cumulative + share_income);
        cumulative += share_income;
      }
      gini = 1.0 - area;
    }
    set(ix("gini_income"), t, gini);
    set(ix("mean_wage_eur"), t, wages[2 * t + 1] > 0 ? wages[2 * t] / wages[2 * t + 1] : 0.0);
    set(ix("household_income_eur"), t, f.household_income[t]);
    set(ix("firm_births"), t, static_cast<double>(f.firm_births[t]));
    set(ix("firm_deaths"), t, static_cast<double>(f.firm_deaths[t]));
    set(ix("relocations"), t, static_cast<double>(f.relocations[t]));
    set(ix("sse_births"), t, static_cast<double>(f.sse_births[t]));
    set(ix("sse_deaths"), t, static_cast<double>(f.sse_deaths[t]));
    const double all = frame.at(ix("employment_total"), t);
    const double sse_jobs = frame.at(ix("employment_sse"), t);
    const double private_jobs = sse_jobs + frame.at(ix("employment_firms"), t);
    set(ix("sse_share_jobs"), t, all > 0 ? sse_jobs / all : 0.0);
    set(ix("sse_share_private_jobs"), t, private_jobs > 0 ? sse_jobs / private_jobs : 0.0);
    set(ix("authority_revenue_eur"), t, a.revenue[t]);
    set(ix("authority_balance_eur"), t, a.balance[t]);
    set(ix("strategy_spending_eur"), t, a.strategy_spent_eur_month[t]);
    const double producers_here = frame.at(ix("producers"), t);
    set(ix("cooperation_rate"), t,
        producers_here > 0 ? frame.at(ix("pole_members"), t) / producers_here : 0.0);
    set(ix("location_decisions"), t, static_cast<double>(w.location_decisions[t]));
    set(ix("location_by_incentives"), t, static_cast<double>(w.location_by_incentives[t]));
    set(ix("strategy_pot_eur"), t, w.strategy_pot[t]);
    for (std::size_t c = 0; c < kCohorts; ++c)
      for (std::size_t h = 0; h < 2; ++h) {
        // Born in the 12 months of the cohort window.
        const std::int32_t first = ctx.tick - (h == 0 ? 47 : 71),
                           last = ctx.tick - (h == 0 ? 36 : 60);
        double births = 0.0;
        for (std::int32_t b = std::max(0, first); b <= last; ++b)
          births += born[static_cast<std::size_t>(b) * stride + t * kCohorts + c];
        frame.at(kBaseCount + 2 * c + h, t) =
            births > 0 ? alive[(t * kCohorts + c) * 2 + h] / births : std::nan("");
      }
  }

  // Roll employment forward for next month's job flows.
  for (auto* p : {static_cast<Producers*>(&w.firms), static_cast<Producers*>(&w.sse)})
    core::parallel_for_rows(p->size(),
                            [&](std::size_t i) { p->employees_last_month[i] = p->employees[i]; });
  std::copy(a.public_employees.begin(), a.public_employees.end(),
            w.public_employees_last_month.begin());
}

} // namespace ptcesim::model
