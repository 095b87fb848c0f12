#include "sim/compare/outcomes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace ptcesim::compare {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The indicators the outcomes are built from (names in docs/model.md, "Indicators").
namespace ind {
constexpr std::string_view employment = "employment_total";
constexpr std::string_view jobs_created = "jobs_created";
constexpr std::string_view jobs_destroyed = "jobs_destroyed";
constexpr std::string_view durable_36 = "durable_jobs_36";
constexpr std::string_view durable_60 = "durable_jobs_60";
constexpr std::string_view unemployed = "unemployed";
constexpr std::string_view labour_force = "labour_force";
constexpr std::string_view value_added = "value_added_eur";
constexpr std::string_view value_retained = "local_value_retained_eur";
constexpr std::string_view output = "output_eur";
constexpr std::string_view materials_energy = "materials_energy_eur";
constexpr std::string_view land = "land_artificialised_ha";
constexpr std::string_view emissions = "emissions_t_co2e";
constexpr std::string_view needs_covered = "unmet_needs_covered_eur";
constexpr std::string_view needs_initial = "unmet_needs_eur";
constexpr std::string_view gini = "gini_income";
constexpr std::string_view spending = "strategy_spending_eur";
constexpr std::string_view cooperators = "pole_members";
constexpr std::string_view producers = "producers";
constexpr std::string_view poles = "poles";
} // namespace ind

class SeriesView {
public:
  SeriesView(const RunSeries& run, const OutcomeScope& scope) : run_(run), scope_(scope) {}

  [[nodiscard]] std::size_t index(std::string_view name) const {
    for (std::size_t i = 0; i < run_.specs.size(); ++i)
      if (run_.specs[i].name == name)
        return i;
    throw std::logic_error("compare: the model has no indicator '" + std::string(name) + "'");
  }
  /// Sum over the focal territories at frame `f`.
  [[nodiscard]] double focal(std::string_view name, std::size_t f) const {
    const std::size_t i = index(name);
    double total = 0.0;
    for (const auto t : scope_.focal_territories)
      total += run_.frames[f].at(i, t);
    return total;
  }
  /// Sum over every territory at frame `f`.
  [[nodiscard]] double world(std::string_view name, std::size_t f) const {
    const std::size_t i = index(name);
    const auto& frame = run_.frames[f];
    double total = 0.0;
    for (std::size_t t = 0; t < frame.territories; ++t)
      total += frame.at(i, t);
    return total;
  }
  /// Sum of the focal values over frames (first, last].
  [[nodiscard]] double focal_flow(std::string_view name, std::size_t first,
                                  std::size_t last) const {
    double total = 0.0;
    for (std::size_t f = first + 1; f <= last; ++f)
      total += focal(name, f);
    return total;
  }

private:
  const RunSeries& run_;
  const OutcomeScope& scope_;
};

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : kNaN;
}

} // namespace

const std::vector<OutcomeSpec>& outcome_specs() {
  static const std::vector<OutcomeSpec> specs{
      {"net_jobs", "jobs", "employment in the strategy territories minus at the strategy start"},
      {"world_net_jobs", "jobs",
       "the same over every territory (shows jobs displaced from neighbours)"},
      {"gross_jobs_created", "jobs", "jobs created since the start, summed over months"},
      {"gross_jobs_destroyed", "jobs", "jobs destroyed since the start, summed over months"},
      {"durable_jobs_36", "jobs", "jobs held by a worker hired since the start ≥ 36 months ago"},
      {"durable_jobs_60", "jobs", "jobs held by a worker hired since the start ≥ 60 months ago"},
      {"unemployment_rate", "share", "unemployed / labour force in the strategy territories"},
      {"public_spending_eur", "EUR", "strategy budget spent since the start"},
      {"public_cost_per_net_job_eur", "EUR/job",
       "strategy spending over net jobs (undefined when net jobs ≤ 0)"},
      {"local_value_retained_share", "share", "value added retained locally / value added"},
      {"materials_energy_per_output", "EUR/EUR", "materials and energy bought per € of output"},
      {"land_artificialised_added_ha", "ha", "land artificialised since the start"},
      {"emissions_t_co2e", "t CO2e", "emissions since the start"},
      {"unmet_needs_covered_share", "share", "unmet social needs covered / initial unmet needs"},
      {"gini_income", "index", "Gini of household incomes (population-weighted mean)"},
      {"cooperation_rate", "share", "firms and SSE initiatives that are pole members"},
      {"poles", "poles", "number of poles in the strategy territories"},
      {"employment_loss_after_shock", "share",
       "largest fall of employment after the first shock, relative to the month before it"},
      {"months_to_recover", "months",
       "months from the shock start until employment is back to its pre-shock level "
       "(censored at the time point)"},
  };
  return specs;
}

std::vector<double> compute_outcomes(const RunSeries& run, std::int32_t month,
                                     const OutcomeScope& scope) {
  const SeriesView v(run, scope);
  if (month < 1 || run.burn_in + month > static_cast<std::int32_t>(run.frames.size()))
    throw std::out_of_range("compare: month outside the observed horizon");
  // Frame of the last burn-in month: the common starting point of every strategy.
  const auto start = static_cast<std::size_t>(std::max(run.burn_in - 1, 0));
  const auto now = static_cast<std::size_t>(run.burn_in + month - 1);

  std::vector<double> out;
  out.reserve(outcome_specs().size());
  const double net_jobs = v.focal(ind::employment, now) - v.focal(ind::employment, start);
  const double spending = v.focal_flow(ind::spending, start, now);
  out.push_back(net_jobs);
  out.push_back(v.world(ind::employment, now) - v.world(ind::employment, start));
  out.push_back(v.focal_flow(ind::jobs_created, start, now));
  out.push_back(v.focal_flow(ind::jobs_destroyed, start, now));
  out.push_back(v.focal(ind::durable_36, now));
  out.push_back(v.focal(ind::durable_60, now));
  out.push_back(ratio(v.focal(ind::unemployed, now), v.focal(ind::labour_force, now)));
  out.push_back(spending);
  out.push_back(net_jobs > 0.0 ? spending / net_jobs : kNaN);
  out.push_back(ratio(v.focal(ind::value_retained, now), v.focal(ind::value_added, now)));
  out.push_back(ratio(v.focal(ind::materials_energy, now), v.focal(ind::output, now)));
  out.push_back(v.focal(ind::land, now) - v.focal(ind::land, start));
  out.push_back(v.focal_flow(ind::emissions, start, now));
  out.push_back(ratio(v.focal(ind::needs_covered, now), v.focal(ind::needs_initial, start)));
  {
    // Labour-force-weighted mean of the territories' Gini indices.
    const std::size_t gi = v.index(ind::gini);
    const std::size_t li = v.index(ind::labour_force);
    double weighted = 0.0, weights = 0.0;
    for (const auto t : scope.focal_territories) {
      weighted += run.frames[now].at(gi, t) * run.frames[now].at(li, t);
      weights += run.frames[now].at(li, t);
    }
    out.push_back(ratio(weighted, weights));
  }
  out.push_back(ratio(v.focal(ind::cooperators, now), v.focal(ind::producers, now)));
  out.push_back(v.focal(ind::poles, now));

  // Resilience: depth of the employment fall after the first shock and time to recover.
  if (scope.shock_start_month >= 1 && scope.shock_start_month < month) {
    const auto before = static_cast<std::size_t>(run.burn_in + scope.shock_start_month - 2);
    const double reference = v.focal(ind::employment, before);
    double lowest = reference;
    bool fell = false;
    double months_to_recover = 0.0; // never fell below the reference: no recovery needed
    for (std::size_t f = before + 1; f <= now; ++f) {
      const double e = v.focal(ind::employment, f);
      lowest = std::min(lowest, e);
      if (e < reference && !fell) {
        fell = true;
        months_to_recover = kNaN;
      } else if (fell && std::isnan(months_to_recover) && e >= reference) {
        months_to_recover = static_cast<double>(f - before);
      }
    }
    // Not recovered by the time point: censored there.
    if (std::isnan(months_to_recover))
      months_to_recover = static_cast<double>(now - before);
    out.push_back(ratio(reference - lowest, reference));
    out.push_back(months_to_recover);
  } else {
    out.push_back(kNaN);
    out.push_back(kNaN);
  }
  return out;
}

} // namespace ptcesim::compare
