// The arithmetic behind the model benchmarks of issue 9 (never their timings).
#include "sim/bench/model_bench.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

using namespace ptcesim;

TEST_CASE("power-law exponent of y = a x^b is recovered exactly", "[bench]") {
  const std::vector<double> x{1e3, 1e4, 1e5, 1e6};
  std::vector<double> y;
  for (double v : x)
    y.push_back(3.0 * std::pow(v, 1.25));
  CHECK(bench::fit_power_law_exponent(x, y) == Approx(1.25).epsilon(1e-12));
  const std::vector<double> flat{2.0, 2.0, 2.0, 2.0};
  CHECK(bench::fit_power_law_exponent(x, flat) == Approx(0.0).margin(1e-12));
}

TEST_CASE("power-law fit refuses what it cannot fit", "[bench]") {
  const std::vector<double> one{1.0};
  CHECK_THROWS_AS(bench::fit_power_law_exponent(one, one), std::invalid_argument);
  const std::vector<double> x{1.0, 2.0}, negative{1.0, -1.0}, same{3.0, 3.0};
  CHECK_THROWS_AS(bench::fit_power_law_exponent(x, negative), std::invalid_argument);
  CHECK_THROWS_AS(bench::fit_power_law_exponent(same, x), std::invalid_argument);
}

TEST_CASE("synthetic benchmark worlds follow French densities", "[bench]") {
  const auto small = bench::synthetic_world(1000, 12);
  CHECK(small.world.synthetic_territories == 1);
  CHECK(small.world.synthetic_population == 2174); // 1000 / 0.46, rounded up
  CHECK(small.run.burn_in_months == 0);
  CHECK(small.run.horizon_months == 12);
  // 30M workers: 65.2M inhabitants in about 1,217 territories of 53,600.
  const auto france = bench::synthetic_world(30'000'000, 240);
  CHECK(france.world.synthetic_territories == 1217);
  CHECK_THROWS_AS(bench::synthetic_world(0, 12), std::invalid_argument);
}

TEST_CASE("a measured run reports each phase's time within the timed ticks", "[bench]") {
  const auto scenario = bench::synthetic_world(2000, 4);
  const auto m = bench::measure_model(scenario, 7, 1, 3);
  REQUIRE(m.ms_per_tick.size() == 3);
  // One entry per phase of the pipeline, in its order, none negative; together they fit in the
  // timed ticks (which also record the indicators), and the warm-up tick is not counted.
  REQUIRE(m.phase_seconds.size() >= 5);
  CHECK(m.phase_seconds.front().first == "apply_shocks");
  double phases = 0.0;
  for (const auto& [name, seconds] : m.phase_seconds) {
    CHECK(!name.empty());
    CHECK(seconds >= 0.0);
    phases += seconds;
  }
  CHECK(phases > 0.0);
  CHECK(phases <= m.run_seconds);
}
