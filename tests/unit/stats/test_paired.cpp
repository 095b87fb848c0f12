#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/core/rng/distributions.hpp"
#include "sim/stats/paired.hpp"

using namespace ptcesim;

TEST_CASE("Student t quantiles match published tables", "[stats]") {
  // Two-sided 95% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  CHECK(stats::student_t_quantile(0.975, 1) == Approx(12.7062).epsilon(1e-5));
  CHECK(stats::student_t_quantile(0.975, 9) == Approx(2.26216).epsilon(1e-5));
  CHECK(stats::student_t_quantile(0.975, 29) == Approx(2.04523).epsilon(1e-5));
  CHECK(stats::student_t_quantile(0.995, 29) == Approx(2.75639).epsilon(1e-5));
  CHECK(stats::student_t_quantile(0.025, 29) == Approx(-2.04523).epsilon(1e-5));
  CHECK(stats::student_t_quantile(0.975, 1e6) == Approx(1.95996).epsilon(1e-5));
  CHECK(stats::student_t_cdf(0.0, 5) == Approx(0.5));
}

TEST_CASE("paired t interval on a hand-computed example", "[stats]") {
  const std::vector<double> treated{12, 15, 11, 14};
  const std::vector<double> baseline{10, 12, 10, 12};
  // differences 2, 3, 1, 2: mean 2, sd sqrt(2/3), t(0.975, 3) = 3.18245
  const auto r = stats::paired_t(treated, baseline);
  CHECK(r.n == 4);
  CHECK(r.mean_difference == Approx(2.0));
  CHECK(r.sd_difference == Approx(std::sqrt(2.0 / 3.0)));
  const double half = 3.18245 * std::sqrt(2.0 / 3.0) / 2.0;
  CHECK(r.ci_low == Approx(2.0 - half).epsilon(1e-5));
  CHECK(r.ci_high == Approx(2.0 + half).epsilon(1e-5));
  CHECK(r.effect_size_dz == Approx(2.0 / std::sqrt(2.0 / 3.0)));
  CHECK(r.conclusive);
  CHECK_FALSE(r.replications_needed.has_value());
}

TEST_CASE("identical arms give a zero, conclusive difference", "[stats]") {
  const std::vector<double> a{3, 4, 5, 6};
  const auto r = stats::paired_t(a, a);
  CHECK(r.mean_difference == 0.0);
  CHECK(r.ci_low == 0.0);
  CHECK(r.ci_high == 0.0);
  CHECK(r.conclusive);
}

TEST_CASE("a wide interval asks for more replications", "[stats]") {
  const std::vector<double> treated{1, -1, 2, -1.5, 0.8};
  const std::vector<double> baseline{0, 0, 0, 0, 0};
  const auto r = stats::paired_t(treated, baseline);
  REQUIRE_FALSE(r.conclusive);
  REQUIRE(r.replications_needed.has_value());
  const double t = stats::student_t_quantile(0.975, 4);
  const double ratio = t * r.sd_difference / std::fabs(r.mean_difference);
  CHECK(*r.replications_needed == static_cast<std::int64_t>(std::ceil(ratio * ratio)));
  CHECK(*r.replications_needed > 5);
}

TEST_CASE("bad inputs are refused", "[stats]") {
  const std::vector<double> one{1.0};
  const std::vector<double> two{1.0, 2.0};
  CHECK_THROWS_AS(stats::paired_t(one, one), std::invalid_argument);
  CHECK_THROWS_AS(stats::paired_t(two, one), std::invalid_argument);
}

// Coverage: on synthetic paired data with a known mean difference, the 95% intervals must
// contain it in about 95% of experiments (binomial sd over 2000 experiments ≈ 0.5%).
TEST_CASE("interval procedures recover a known difference at the stated coverage", "[stats]") {
  constexpr double kTrueDifference = 1.5;
  constexpr int kExperiments = 2000;
  constexpr std::size_t kReplications = 30;
  int covered_t = 0;
  int covered_boot = 0;
  for (int e = 0; e < kExperiments; ++e) {
    core::RandomStream stream(42, 7, static_cast<std::uint64_t>(e), 0);
    std::vector<double> baseline(kReplications), treated(kReplications);
    for (std::size_t r = 0; r < kReplications; ++r) {
      const double common = core::normal(stream, 100.0, 20.0); // common random numbers
      baseline[r] = common + core::normal(stream, 0.0, 3.0);
      treated[r] = common + kTrueDifference + core::normal(stream, 0.0, 3.0);
    }
    const auto t = stats::paired_t(treated, baseline);
    covered_t += (t.ci_low <= kTrueDifference && kTrueDifference <= t.ci_high) ? 1 : 0;
    if (e < 500) {
      const auto b = stats::paired_bootstrap(treated, baseline, 0.95, 1000,
                                             static_cast<std::uint64_t>(e));
      covered_boot += (b.ci_low <= kTrueDifference && kTrueDifference <= b.ci_high) ? 1 : 0;
    }
  }
  const double coverage_t = covered_t / double(kExperiments);
  CHECK(coverage_t > 0.935);
  CHECK(coverage_t < 0.965);
  // The percentile bootstrap under-covers slightly at n = 30; it must still be close.
  const double coverage_boot = covered_boot / 500.0;
  CHECK(coverage_boot > 0.90);
  CHECK(coverage_boot < 0.98);
}

TEST_CASE("bootstrap is deterministic for a seed", "[stats]") {
  const std::vector<double> treated{1, 3, 2, 5, 4, 6};
  const std::vector<double> baseline{0, 1, 1, 2, 2, 3};
  const auto a = stats::paired_bootstrap(treated, baseline, 0.95, 500, 9);
  const auto b = stats::paired_bootstrap(treated, baseline, 0.95, 500, 9);
  CHECK(a.ci_low == b.ci_low);
  CHECK(a.ci_high == b.ci_high);
  CHECK(a.method == "bootstrap percentile");
}
