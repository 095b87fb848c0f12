// Each shock moves the indicators it should, in the right direction, against the same run
// without the shock on the same seed (issue 4, test (e); docs/model.md, "Shocks"). The control
// keeps the scenario's one shock slot as an export drop of magnitude 0, which changes nothing.
#include "model_support.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ptcesim;

namespace {

constexpr int kBurnIn = 12;
constexpr int kHorizon = 24;
constexpr int kShockMonth = 6; // observed month at which every shock starts
constexpr int kDuration = 6;
constexpr std::uint64_t kSeed = 17;

// Per observed month (index 0 = month 1), the values of some indicators in every territory,
// and the local half of SSE subsidies.
struct Run {
  std::vector<std::vector<double>> frames;
  std::vector<double> local_sse_subsidies; // summed over territories
  std::vector<std::string> names;
  std::size_t territories = 0;

  [[nodiscard]] double value(const std::string& name, int month, std::size_t territory) const {
    for (std::size_t k = 0; k < names.size(); ++k)
      if (names[k] == name)
        return frames[static_cast<std::size_t>(month - 1)][k * territories + territory];
    FAIL("no indicator " << name);
    return 0.0;
  }
  // Summed over territories.
  [[nodiscard]] double total(const std::string& name, int month) const {
    double sum = 0.0;
    for (std::size_t t = 0; t < territories; ++t)
      sum += value(name, month, t);
    return sum;
  }
  // Summed over territories and the months [from, to).
  [[nodiscard]] double total(const std::string& name, int from, int to) const {
    double sum = 0.0;
    for (int m = from; m < to; ++m)
      sum += total(name, m);
    return sum;
  }
};

Run observe(const std::string& strategy, const std::vector<std::string>& shock) {
  auto overrides = model::test::scaled_populations(0.3);
  overrides.push_back("strategy.kind=\"" + strategy + "\"");
  overrides.push_back("shocks.0.start_month=" + std::to_string(kShockMonth));
  overrides.push_back("shocks.0.duration_months=" + std::to_string(kDuration));
  overrides.insert(overrides.end(), shock.begin(), shock.end());
  model::Simulation sim(model::test::short_default(kBurnIn, kHorizon, overrides), kSeed);
  Run run;
  for (const auto& spec : sim.indicator_specs())
    run.names.push_back(spec.name);
  run.territories = sim.territory_names().size();
  while (!sim.finished()) {
    const bool observed = sim.tick() >= sim.burn_in();
    sim.step();
    if (!observed)
      continue;
    run.frames.push_back(sim.last_frame().values);
    double subsidies = 0.0;
    for (const double s : sim.world().local_sse_subsidies)
      subsidies += s;
    run.local_sse_subsidies.push_back(subsidies);
  }
  return run;
}

Run without_shock(const std::string& strategy) {
  return observe(strategy, {"shocks.0.kind=\"export_demand_drop\"", "shocks.0.magnitude=0.0"});
}

Run with_shock(const std::string& strategy, const std::string& kind, double magnitude) {
  return observe(strategy,
                 {"shocks.0.kind=\"" + kind + "\"",
                  "shocks.0.magnitude=" + std::to_string(magnitude), "shocks.0.territory=\"\""});
}

// An export shock of `kind` moves output every month of its window, and employment by its end
// (firms adjust staff to expected demand with a lag), in the direction `sign` (-1 or +1); the
// runs are identical before it (same seed, nothing differs yet).
void check_export_shock(const std::string& kind, int sign) {
  const auto base = without_shock("none");
  const auto shocked = with_shock("none", kind, 0.3);
  CHECK(shocked.total("output_eur", kShockMonth - 1) == base.total("output_eur", kShockMonth - 1));
  for (int m = kShockMonth; m < kShockMonth + kDuration; ++m) {
    INFO("month " << m);
    CHECK(sign * (shocked.total("output_eur", m) - base.total("output_eur", m)) > 0);
  }
  const int last = kShockMonth + kDuration - 1;
  CHECK(sign * (shocked.total("employment_total", last) - base.total("employment_total", last)) >
        0);
}

} // namespace

TEST_CASE("an export demand drop lowers output and employment during its window",
          "[model][shocks]") {
  check_export_shock("export_demand_drop", -1);
}

TEST_CASE("an export demand rise raises output and employment during its window",
          "[model][shocks]") {
  check_export_shock("export_demand_rise", +1);
}

TEST_CASE("a large firm's departure destroys its jobs at the start month", "[model][shocks]") {
  const auto base = without_shock("none");
  const auto shocked = with_shock("none", "large_firm_departure", 0.2);
  CHECK(shocked.total("relocations", kShockMonth) >= base.total("relocations", kShockMonth) + 1);
  // The largest externally owned firm of the world: dozens of jobs at least.
  CHECK(shocked.total("jobs_destroyed", kShockMonth) >
        base.total("jobs_destroyed", kShockMonth) + 20);
  CHECK(shocked.total("employment_firms", kShockMonth) <
        base.total("employment_firms", kShockMonth));
  // Nothing happens before.
  CHECK(shocked.total("relocations", 1, kShockMonth) == base.total("relocations", 1, kShockMonth));
}

TEST_CASE("an energy price rise raises materials and energy per unit of output",
          "[model][shocks]") {
  const auto base = without_shock("none");
  const auto shocked = with_shock("none", "energy_price_rise", 0.5);
  for (int m = kShockMonth; m < kShockMonth + kDuration; ++m) {
    INFO("month " << m);
    for (std::size_t t = 0; t < base.territories; ++t) {
      INFO("territory " << t);
      CHECK(shocked.value("materials_energy_per_output", m, t) >
            base.value("materials_energy_per_output", m, t));
    }
  }
}

TEST_CASE("the end of a subsidy programme lowers strategy spending and SSE subsidies",
          "[model][shocks]") {
  const auto base = without_shock("ptce");
  const auto shocked = with_shock("ptce", "subsidy_programme_end", 0.5);
  const auto month = static_cast<std::size_t>(kShockMonth - 1);
  CHECK(shocked.local_sse_subsidies[month - 1] == base.local_sse_subsidies[month - 1]);
  // During the window of duration_months.
  for (int m = kShockMonth; m < kShockMonth + kDuration; ++m) {
    INFO("month " << m);
    const auto i = static_cast<std::size_t>(m - 1);
    CHECK(shocked.local_sse_subsidies[i] < base.local_sse_subsidies[i]);
    // The centre applies ptce: its spending follows the halved envelope.
    CHECK(shocked.value("strategy_spending_eur", m, 0) < base.value("strategy_spending_eur", m, 0));
  }
  // After the window the programme is replaced: the full envelope is spent again.
  CHECK(shocked.value("strategy_spending_eur", kShockMonth + kDuration, 0) >
        shocked.value("strategy_spending_eur", kShockMonth + kDuration - 1, 0));
}

TEST_CASE("the loss of the facilitator leaves poles without facilitation for its duration",
          "[model][shocks]") {
  const auto base = without_shock("ptce");
  const auto shocked = with_shock("ptce", "facilitator_loss", 0.2);
  CHECK(base.value("facilitation_fte", kShockMonth - 1, 0) > 0.0);
  CHECK(shocked.value("facilitation_fte", kShockMonth - 1, 0) ==
        base.value("facilitation_fte", kShockMonth - 1, 0));
  for (int m = kShockMonth; m < kShockMonth + kDuration; ++m) {
    INFO("month " << m);
    CHECK(base.value("facilitation_fte", m, 0) > 0.0);
    CHECK(shocked.value("facilitation_fte", m, 0) == 0.0);
  }
  // A new facilitator is funded once the window is over.
  CHECK(shocked.value("facilitation_fte", kShockMonth + kDuration, 0) > 0.0);
}

TEST_CASE("a shock naming a territory hits that territory only", "[model][shocks]") {
  const auto base = without_shock("none");
  const auto shocked =
      observe("none", {"shocks.0.kind=\"energy_price_rise\"", "shocks.0.magnitude=0.5",
                       "shocks.0.territory=\"Val-nord\""});
  const std::size_t val_nord = 1; // second territory of the default scenario
  for (int m = kShockMonth; m < kShockMonth + kDuration; ++m) {
    INFO("month " << m);
    CHECK(shocked.value("materials_energy_per_output", m, val_nord) >
          base.value("materials_energy_per_output", m, val_nord));
  }
  // In the first month of the shock only Val-nord's costs moved: the others are untouched.
  for (std::size_t t = 0; t < base.territories; ++t)
    if (t != val_nord) {
      INFO("territory " << t);
      CHECK(shocked.value("materials_energy_per_output", kShockMonth, t) ==
            base.value("materials_energy_per_output", kShockMonth, t));
    }
}
