// Sweep files that load, plans built from them, and the example sweeps in scenarios/sweeps/.
#include "sim/scenario/loader.hpp"
#include "sim/sweep/plan.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace ptcesim;
using namespace ptcesim::sweep;
namespace fs = std::filesystem;

namespace {

SweepSpec load(const std::string& text) {
  return load_sweep_text(text, "s.toml", fs::path(PTCESIM_SOURCE_DIR) / "scenarios");
}

// compare::outcome_specs() names (compare is not a dependency of the design layer).
const std::vector<std::string> kOutcomes{"net_jobs",
                                         "world_net_jobs",
                                         "gross_jobs_created",
                                         "gross_jobs_destroyed",
                                         "durable_jobs_36",
                                         "durable_jobs_60",
                                         "unemployment_rate",
                                         "public_spending_eur",
                                         "public_cost_per_net_job_eur",
                                         "local_value_retained_share",
                                         "materials_energy_per_output",
                                         "land_artificialised_added_ha",
                                         "emissions_t_co2e",
                                         "unmet_needs_covered_share",
                                         "gini_income",
                                         "cooperation_rate",
                                         "poles",
                                         "employment_loss_after_shock",
                                         "months_to_recover"};

} // namespace

TEST_CASE("a full factorial sweep covers every combination of levels", "[sweep][plan]") {
  const auto spec = load(R"(
[sweep]
seed = 5
design = "full_factorial"
replications = 4
[[factors]]
field = "strategy.budget_eur_per_year"
levels = [0.75e6, 1.5e6, 3.0e6]
[[factors]]
field = "cooperation.max_pole_size"
levels = [10, 40, 80]
)");
  CHECK(spec.base == "default");
  CHECK(spec.strategies == std::vector<std::string>{"ptce", "reindustrialisation", "none"});
  REQUIRE(spec.factors.size() == 2);
  CHECK(spec.factors[1].integer);
  const auto plan = make_plan(spec);
  REQUIRE(plan.point_count() == 9);
  CHECK(plan.run_count() == 36);
  std::set<std::vector<double>> seen(plan.values.begin(), plan.values.end());
  CHECK(seen.size() == 9);
  for (const double budget : {0.75e6, 1.5e6, 3.0e6})
    for (const double size : {10.0, 40.0, 80.0})
      CHECK(seen.count({budget, size}) == 1);
  const auto run = plan.run(7);
  CHECK(run.point == 1);
  CHECK(run.replication == 3);
  CHECK(point_overrides(plan, 1) == std::vector<std::string>{"strategy.budget_eur_per_year=750000",
                                                             "cooperation.max_pole_size=40"});
  // The overrides load onto the base scenario.
  const auto s = scenario::load_scenario_text(spec.base_text, "base", point_overrides(plan, 1));
  CHECK(s.strategy.budget_eur_per_year == 750000.0);
  CHECK(s.cooperation.max_pole_size == 40);
}

TEST_CASE("plans print as a table and as CSV", "[sweep][plan]") {
  const auto plan = make_plan(load(R"(
[sweep]
seed = 5
design = "full_factorial"
replications = 2
[[factors]]
field = "labour.quit_rate"
levels = [0.01, 0.02]
)"));
  CHECK(plan_csv(plan) == "run,point,replication,group,labour.quit_rate\n"
                          "0,0,0,,0.01\n1,0,1,,0.01\n2,1,0,,0.02\n3,1,1,,0.02\n");
  const auto text = plan_text(plan);
  CHECK(text.rfind("design full_factorial: 1 factors, 2 points x 2 replications = 4 runs\n", 0) ==
        0);
  CHECK(text.find("run  point  replication  group  labour.quit_rate\n") != std::string::npos);
  CHECK(text.find("  3      1            1                     0.02\n") != std::string::npos);
}

TEST_CASE("range and distribution factors stay in their ranges and the field bounds",
          "[sweep][plan]") {
  const auto spec = load(R"(
[sweep]
seed = 77
design = "latin_hypercube"
samples = 400
[[factors]]
field = "strategy.budget_eur_per_year"
range = [1e5, 1e7]
scale = "log"
[[factors]]
field = "labour.quit_rate"
distribution = "normal"
mean = 0.01
sd = 0.02
[[factors]]
field = "territories.1.population"
range = [1000, 1009]
)");
  const auto plan = make_plan(spec);
  REQUIRE(plan.point_count() == 400);
  std::size_t below_million = 0;
  std::set<double> populations;
  double mean_quit = 0;
  for (const auto& v : plan.values) {
    CHECK(v[0] >= 1e5);
    CHECK(v[0] <= 1e7);
    below_million += v[0] < 1e6;
    CHECK(v[1] >= 0.0); // truncated at the field's lower bound 0
    CHECK(v[1] <= 1.0);
    mean_quit += v[1] / 400;
    CHECK(v[2] == std::round(v[2]));
    populations.insert(v[2]);
  }
  // Log-uniform: half the points below the geometric midpoint 1e6 (LHS makes it exact).
  CHECK(below_million == 200);
  CHECK(populations.size() == 10); // every integer of [1000, 1009]
  // Truncated at 0, the mean of N(0.01, 0.02^2) rises to about 0.0209.
  CHECK(mean_quit == Approx(0.0209).margin(0.001));
}

TEST_CASE("sobol and morris plans have the sizes of their schemes", "[sweep][plan]") {
  const auto sobol = make_plan(load(R"(
[sweep]
seed = 1
design = "sobol"
samples = 32
[[factors]]
field = "labour.quit_rate"
range = [0.01, 0.03]
[[factors]]
field = "firms.dividend_payout"
range = [0.1, 0.5]
)"));
  CHECK(sobol.point_count() == 32 * 4);
  CHECK(sobol.groups[0] == "A");
  CHECK(sobol.groups[32] == "B");
  CHECK(sobol.groups[64] == "AB_0");
  CHECK(sobol.groups[127] == "AB_1");
  CHECK(sobol.values[0][0] == Approx(0.02)); // the first Sobol' point, (0.5, 0.5)
  CHECK(sobol.values[0][1] == Approx(0.3));

  const auto morris = make_plan(load(R"(
[sweep]
seed = 1
design = "morris"
trajectories = 5
grid_levels = 4
[[factors]]
field = "labour.quit_rate"
range = [0.01, 0.04]
[[factors]]
field = "cooperation.max_pole_size"
levels = [10, 20, 40, 80]
[[factors]]
field = "firms.dividend_payout"
distribution = "normal"
mean = 0.3
sd = 0.1
)"));
  CHECK(morris.point_count() == 5 * 4);
  CHECK(morris.groups[4] == "t1");
  for (const auto& v : morris.values) {
    CHECK((std::fabs(v[0] - 0.01) < 1e-12 || std::fabs(v[0] - 0.02) < 1e-12 ||
           std::fabs(v[0] - 0.03) < 1e-12 || std::fabs(v[0] - 0.04) < 1e-12));
    CHECK((v[1] == 10 || v[1] == 20 || v[1] == 40 || v[1] == 80));
    CHECK(std::isfinite(v[2]));
  }
}

TEST_CASE("a plan is deterministic from the sweep seed", "[sweep][plan]") {
  const std::string body = R"(
design = "random"
samples = 20
[[factors]]
field = "labour.quit_rate"
range = [0.01, 0.03]
)";
  const auto a = make_plan(load("[sweep]\nseed = 3\n" + body));
  const auto b = make_plan(load("[sweep]\nseed = 3\n" + body));
  const auto c = make_plan(load("[sweep]\nseed = 4\n" + body));
  CHECK(a.values == b.values);
  CHECK(a.values != c.values);
}

TEST_CASE("every example sweep in scenarios/sweeps loads and plans", "[sweep][plan]") {
  const fs::path folder = fs::path(PTCESIM_SOURCE_DIR) / "scenarios" / "sweeps";
  std::size_t count = 0;
  SweepLoadOptions options;
  options.known_outcomes = kOutcomes;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".toml")
      continue;
    INFO(entry.path().filename().string());
    ++count;
    try {
      const auto spec = load_sweep_file(entry.path(), options);
      const auto plan = make_plan(spec);
      CHECK(plan.run_count() > 0);
      // The first and last points load onto the base scenario.
      for (const auto point : {std::size_t{0}, plan.point_count() - 1})
        CHECK_NOTHROW(
            scenario::load_scenario_text(spec.base_text, "base", point_overrides(plan, point)));
    } catch (const scenario::ConfigError& e) {
      FAIL(e.what());
    }
  }
  CHECK(count >= 4);
}
