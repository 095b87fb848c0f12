#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/stream.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/validation/game_cases.hpp"
#include "sim/validation/statistics.hpp"
#include "sim/validation/validation.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

using namespace ptcesim::validation;

TEST_CASE("the power-law tail of Pareto sizes is recovered", "[validation]") {
  // Discrete sizes floor(Pareto(x_min = 1, α_ccdf = ζ)) above a body of small firms.
  for (const double zipf : {1.0, 1.6}) {
    std::vector<std::int64_t> sizes;
    for (std::uint64_t i = 0; i < 20000; ++i) {
      ptcesim::core::RandomStream rng(42, 1, i, 0);
      sizes.push_back(static_cast<std::int64_t>(std::floor(ptcesim::core::pareto(rng, 5.0, zipf))));
    }
    const auto fit = fit_power_law_tail(sizes);
    CHECK(fit.zipf == Approx(zipf).margin(0.1));
    CHECK(fit.alpha == Approx(fit.zipf + 1.0));
    CHECK(fit.tail >= 50);
    CHECK(fit.x_min >= 5.0);
  }
  // Too few sizes: no fit.
  CHECK(std::isnan(fit_power_law_tail({1, 2, 3}).zipf));
}

TEST_CASE("interval, slope, correlation and cyclical component computed by hand", "[validation]") {
  const std::vector<double> x{1.0, 2.0, 3.0, std::nan("")};
  const auto e = mean_interval(x);
  CHECK(e.n == 3);
  CHECK(e.value == Approx(2.0));
  // t(0.975, 2) = 4.303, sd = 1: half-width 4.303 / sqrt(3).
  CHECK(e.ci_high - e.value == Approx(4.302653 / std::sqrt(3.0)).epsilon(1e-5));
  const std::vector<double> num{2.0, 4.0, 6.0}, den{1.0, 2.0, 3.0};
  const auto r = ratio_of_means_interval(num, den, 1);
  CHECK(r.value == Approx(2.0));
  CHECK(r.ci_low == Approx(2.0)); // every resample has the same ratio
  CHECK(r.ci_high == Approx(2.0));
  // Every pair counts, whatever its sign: (−1, −1), (3, 1) and (2, 2) give Σy/Σx = 4/2 = 2,
  // where keeping only x > 0 would give 5/3 and a slope through the origin 8/6.
  const std::vector<double> y2{-1.0, 3.0, 2.0}, x2{-1.0, 1.0, 2.0};
  CHECK(ratio_of_means_interval(y2, x2, 1).value == Approx(2.0));
  // The interval runs between the ratios of resamples made of one pair repeated.
  const std::vector<double> y3{1.0, 3.0}, x3{1.0, 1.0};
  const auto r3 = ratio_of_means_interval(y3, x3, 1);
  CHECK(r3.value == Approx(2.0));
  CHECK(r3.ci_low == Approx(1.0));  // a resample of (1, 1) twice has ratio 1
  CHECK(r3.ci_high == Approx(3.0)); // and of (3, 1) twice ratio 3
  CHECK(correlation(num, den) == Approx(1.0));
  const std::vector<double> down{3.0, 2.0, 1.0};
  CHECK(correlation(num, down) == Approx(-1.0));
  CHECK(std::isnan(correlation(num, std::vector<double>{1.0, 1.0, 1.0})));
  // A linear trend has no cyclical component away from the ends.
  std::vector<double> trend(30);
  for (std::size_t i = 0; i < trend.size(); ++i)
    trend[i] = 2.0 * static_cast<double>(i);
  const auto c = cyclical_component(trend, 5);
  CHECK(c[10] == Approx(0.0).margin(1e-12));
  CHECK(c[0] < 0.0); // the window is one-sided at the start
}

TEST_CASE("verdicts: in range passes, out of range fails, expected failures are honest",
          "[validation]") {
  Check c;
  c.accept_low = 0.08;
  c.accept_high = 0.12;
  c.value = 0.1;
  CHECK(c.verdict() == Verdict::pass);
  CHECK(c.tolerance_text() == "[0.08, 0.12]");
  c.value = 0.2;
  CHECK(c.verdict() == Verdict::fail);
  c.expected_failure = true;
  CHECK(c.verdict() == Verdict::expected_fail);
  c.value = 0.1;
  CHECK(c.verdict() == Verdict::unexpected_pass);
  c.value = std::nan("");
  c.expected_failure = false;
  CHECK(c.verdict() == Verdict::fail); // a value that cannot be computed is not reproduced
  {
    // A direction (one-sided range) is reproduced only when the interval clears the threshold.
    Check sign;
    sign.accept_low = 1e-4;
    sign.value = 0.002;
    sign.ci_low = -0.001;
    sign.ci_high = 0.005;
    CHECK(sign.verdict() == Verdict::fail);
    sign.ci_low = 0.0005;
    CHECK(sign.verdict() == Verdict::pass);
    Check negative;
    negative.accept_high = -1e-4;
    negative.value = -0.3;
    negative.ci_low = -0.5;
    negative.ci_high = 0.1;
    CHECK(negative.verdict() == Verdict::fail);
    negative.ci_high = -0.1;
    CHECK(negative.verdict() == Verdict::pass);
    // A band (a level) is judged on the mean; a wide interval does not fail it.
    Check level;
    level.accept_low = 0.08;
    level.accept_high = 0.12;
    level.value = 0.1;
    level.ci_low = 0.0;
    level.ci_high = 0.3;
    CHECK(level.verdict() == Verdict::pass);
  }
  ValidationResult result;
  result.checks = {c};
  CHECK_FALSE(result.acceptable());
  result.checks[0].expected_failure = true;
  CHECK(result.acceptable());
  Check sign;
  sign.accept_high = -1e-4;
  CHECK(sign.tolerance_text() == "<= -1.00e-04");
}

TEST_CASE("bad validation requests are refused before anything runs", "[validation]") {
  ValidationRequest request;
  request.output_dir = "validation-test-unused";
  request.scenario.run.horizon_months = 240;
  request.replications = 1;
  CHECK_THROWS_WITH(check_request(request), Catch::Contains("--replications"));
  request.replications = 2;
  request.expected_failures = {"sse_share_job"};
  CHECK_THROWS_WITH(check_request(request), Catch::Contains("unknown check 'sse_share_job'"));
  request.expected_failures = {"sse_share_jobs"};
  CHECK_NOTHROW(check_request(request));
  request.scenario.run.horizon_months = 100; // the default recession starts at month 50
  CHECK_NOTHROW(check_request(request));
  request.scenario.shocks.push_back({});
  request.scenario.shocks.back().start_month = 90;
  CHECK_THROWS_WITH(check_request(request), Catch::Contains("at least 114 months"));
  // 4 arms (calm, recession, reindustrialisation, export boom) x 2 replications, 4 game cases
  // x 24 seeds
  CHECK(planned_runs(request) == 4 * 2 + 4 * 24);
}

TEST_CASE("scenarios/game-*.toml are the validation's game cases", "[validation]") {
  for (const auto& [file, name] : {std::pair{"game-hauert2002.toml", "hauert2002"},
                                   std::pair{"game-plain-pgg.toml", "plain-pgg"},
                                   std::pair{"game-sigmund2010.toml", "sigmund2010"}}) {
    INFO(file);
    const auto s = ptcesim::scenario::load_scenario_file(std::string(PTCESIM_SOURCE_DIR) +
                                                         "/scenarios/" + file);
    CHECK(s.cooperation.isolate_game);
    CHECK(s.game == game_case(name).config);
  }
  CHECK_THROWS(game_case("no-such-case"));
  const auto p = evolution_parameters(game_case("sigmund2010").config);
  CHECK(p.present == std::array<bool, 5>{true, true, true, true, true});
  CHECK(p.second_order_punishment);
  CHECK_FALSE(evolution_parameters(game_case("plain-pgg").config).present[2]);
}
