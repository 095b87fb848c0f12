// sweep::analyse_outcome: replication averaging, the estimator chosen by the design, and the
// estimators through it on functions with known indices (Ishigami, linear screening, SRC).
#include "sim/sweep/analyse.hpp"
#include "sim/sweep/design.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

using namespace ptcesim::sweep;

namespace {

double ishigami(const std::vector<double>& u) {
  constexpr double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

/// A plan over unit points (values = unit coordinates), k factors, r replications.
Plan plan_of(DesignKind design, UnitPoints unit, std::size_t replications) {
  Plan plan;
  plan.design = design;
  plan.factors.resize(unit.front().size());
  plan.values = unit;
  plan.unit = std::move(unit);
  plan.groups.resize(plan.unit.size());
  plan.replications = replications;
  return plan;
}

/// Per-run outputs: f at each point, replication r offset by +e or -e so that the mean over
/// an even number of replications is f exactly (a noisy outcome whose point mean is known).
std::vector<double> replicated(const Plan& plan, double (*f)(const std::vector<double>&),
                               double e) {
  std::vector<double> runs;
  for (std::size_t p = 0; p < plan.point_count(); ++p)
    for (std::size_t r = 0; r < plan.replications; ++r)
      runs.push_back(f(plan.unit[p]) + (r % 2 == 0 ? e : -e));
  return runs;
}

double linear_screening(const std::vector<double>& u) {
  return 4 * u[0] + 2 * u[1] + 1 * u[2] + 0 * u[3];
}

double linear_regression(const std::vector<double>& u) {
  return 3 * u[0] + 1 * u[1];
}

} // namespace

TEST_CASE("each design gets its estimator", "[sweep][analyse]") {
  CHECK(sensitivity_method(DesignKind::morris) == SensitivityMethod::morris);
  CHECK(sensitivity_method(DesignKind::sobol) == SensitivityMethod::sobol);
  CHECK(sensitivity_method(DesignKind::latin_hypercube) == SensitivityMethod::regression);
  CHECK(sensitivity_method(DesignKind::full_factorial) == SensitivityMethod::regression);
  CHECK(sensitivity_method(DesignKind::random) == SensitivityMethod::regression);
  CHECK(method_name(SensitivityMethod::sobol) == "sobol");
}

TEST_CASE("replications are averaged per point; NaN spoils its point only", "[sweep][analyse]") {
  const auto plan = plan_of(DesignKind::random, {{0.1}, {0.2}}, 3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> runs{1, 2, 6, 4, nan, 5};
  const auto means = point_means(plan, runs);
  REQUIRE(means.size() == 2);
  CHECK(means[0] == Approx(3));
  CHECK(std::isnan(means[1]));
  CHECK_THROWS_AS(point_means(plan, std::vector<double>{1, 2}), std::invalid_argument);
}

TEST_CASE("Sobol' indices of Ishigami through analyse_outcome: estimates and intervals cover the "
          "analytic values",
          "[sweep][analyse]") {
  const std::size_t n = 2048, k = 3;
  auto plan = plan_of(DesignKind::sobol, saltelli_points(n, k), 2);
  plan.sobol_base_samples = n;
  const auto result =
      analyse_outcome(plan, "ishigami", replicated(plan, ishigami, 0.8), {400, 0.95, 3});
  REQUIRE(result.method == SensitivityMethod::sobol);
  CHECK(result.outcome == "ishigami");
  CHECK(result.non_finite_points == 0);
  const double first[] = {0.3139, 0.4424, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < k; ++i) {
    CAPTURE(i);
    CHECK(result.sobol.first[i] == Approx(first[i]).margin(0.02));
    CHECK(result.sobol.total[i] == Approx(total[i]).margin(0.02));
    CHECK(result.sobol.first_ci[i].low <= first[i]);
    CHECK(result.sobol.first_ci[i].high >= first[i]);
    CHECK(result.sobol.total_ci[i].low <= total[i]);
    CHECK(result.sobol.total_ci[i].high >= total[i]);
    CHECK(result.sobol.first_ci[i].high - result.sobol.first_ci[i].low < 0.2);
  }
}

TEST_CASE("Morris through analyse_outcome ranks linear effects and finds the inert factor",
          "[sweep][analyse]") {
  const auto plan = plan_of(DesignKind::morris, morris_trajectories(12, 4, 4, 99), 2);
  const auto result =
      analyse_outcome(plan, "y", replicated(plan, linear_screening, 0.5), {200, 0.95, 1});
  REQUIRE(result.method == SensitivityMethod::morris);
  const double coefficient[] = {4, 2, 1, 0};
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(result.morris.mu_star[i] == Approx(coefficient[i]).margin(1e-9));
    CHECK(result.morris.mu[i] == Approx(coefficient[i]).margin(1e-9));
    CHECK(result.morris.sigma[i] == Approx(0).margin(1e-9));
  }
  CHECK(result.morris.mu_star[0] > result.morris.mu_star[1]);
  CHECK(result.morris.mu_star[1] > result.morris.mu_star[2]);
  CHECK(result.morris.mu_star[2] > result.morris.mu_star[3]);
}

TEST_CASE("standardised regression coefficients for designs without their own estimator",
          "[sweep][analyse]") {
  const auto plan = plan_of(DesignKind::latin_hypercube, latin_hypercube(200, 3, 5), 2);
  const auto result =
      analyse_outcome(plan, "y", replicated(plan, linear_regression, 0.3), {200, 0.95, 8});
  REQUIRE(result.method == SensitivityMethod::regression);
  const auto& src = result.regression.src;
  // An exact linear fit: R² = 1 and SRC ratios equal coefficient x sd ratios (sds nearly equal
  // under a Latin hypercube).
  CHECK(result.regression.r_squared == Approx(1).margin(1e-9));
  CHECK(src[2] == Approx(0).margin(1e-9));
  CHECK(src[0] / src[1] == Approx(3).epsilon(0.02));
  CHECK(src[0] > src[1]);
  CHECK(src[1] > 0);
  CHECK(result.regression.src_ci[0].low <= src[0]);
  CHECK(result.regression.src_ci[0].high >= src[0]);
  CHECK_THROWS_AS(
      regression_indices({{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.1}}, std::vector<double>{1, 2, 3}),
      std::invalid_argument);
}

TEST_CASE("bootstrap intervals are deterministic from their seed", "[sweep][analyse]") {
  const auto plan = plan_of(DesignKind::latin_hypercube, latin_hypercube(40, 2, 11), 1);
  std::vector<double> y;
  for (const auto& u : plan.unit)
    y.push_back(u[0] + std::sin(7 * u[1]));
  const auto a = analyse_outcome(plan, "y", y, {100, 0.9, 42});
  const auto b = analyse_outcome(plan, "y", y, {100, 0.9, 42});
  const auto c = analyse_outcome(plan, "y", y, {100, 0.9, 43});
  CHECK(a.regression.src_ci[1].low == b.regression.src_ci[1].low);
  CHECK(a.regression.src_ci[1].high == b.regression.src_ci[1].high);
  CHECK(a.regression.src_ci[1].low != c.regression.src_ci[1].low);
}
