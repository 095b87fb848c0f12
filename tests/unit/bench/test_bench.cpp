// Correctness of the benchmark machinery only: never a timing assertion.
#include "sim/bench/bench.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ptcesim::bench;

TEST_CASE("summaries: median of odd and even counts, min, max") {
  const Result odd = summarize("x", "ms/run", {5.0, 1.0, 3.0});
  CHECK(odd.median == 3.0);
  CHECK(odd.min == 1.0);
  CHECK(odd.max == 5.0);
  CHECK(odd.samples == std::vector<double>{5.0, 1.0, 3.0}); // run order kept
  const Result even = summarize("x", "ms/run", {4.0, 1.0, 2.0, 10.0});
  CHECK(even.median == 3.0);
  CHECK_THROWS_AS(summarize("x", "ms/run", {}), std::invalid_argument);
}

TEST_CASE("the registry names the issue's benchmarks once each") {
  std::vector<std::string> names;
  for (const auto& b : registry()) {
    CHECK_FALSE(b.unit.empty());
    CHECK_FALSE(b.description.empty());
    names.push_back(b.name);
  }
  for (const char* expected :
       {"schelling-large", "schelling-small", "philox-block", "rng-uniform01", "rng-normal",
        "rng-poisson", "deterministic-sum", "erase-flagged-rows"})
    CHECK(std::count(names.begin(), names.end(), expected) == 1);
}

TEST_CASE("bad options are rejected before anything runs") {
  CHECK_THROWS_WITH(check_options(Options{{"schelling-huge"}, 10, 1, {}, 30'000'000}),
                    Catch::Contains("unknown benchmark 'schelling-huge'") &&
                        Catch::Contains("schelling-large"));
  CHECK_THROWS_WITH(check_options(Options{{}, 0, 1, {}, 30'000'000}), Catch::Contains("--runs"));
  CHECK_NOTHROW(check_options(Options{{"schelling-small", "rng-normal"}, 1, 1, {}, 30'000'000}));
  CHECK_NOTHROW(check_output_path("out/results.JSON"));
  CHECK_NOTHROW(check_output_path("results.csv"));
  CHECK_THROWS_WITH(check_output_path("results.txt"), Catch::Contains(".json or .csv"));
  CHECK_THROWS_AS(check_output_path("dir.json/results"), std::invalid_argument);
}

TEST_CASE("a Schelling benchmark gives one positive sample per run") {
  const auto ms = time_schelling("schelling-small", 3, 42);
  REQUIRE(ms.size() == 3);
  for (const double t : ms)
    CHECK(t > 0.0);
  CHECK_THROWS_AS(time_schelling("philox-block", 1, 1), std::invalid_argument);
}

TEST_CASE("run: model and micro-benchmarks in registry order, CSV and JSON written") {
  std::ostringstream log;
  const auto results =
      run(Options{{"rng-uniform01", "schelling-small"}, 2, 7, {}, 30'000'000}, &log);
  REQUIRE(results.size() == 2);
  CHECK(results[0].name == "schelling-small");
  CHECK(results[0].unit == "ms/run");
  CHECK(results[1].name == "rng-uniform01");
  CHECK(results[1].unit == "ns/draw");
  for (const auto& r : results) {
    CHECK(r.samples.size() == 2);
    CHECK(r.min > 0.0);
    CHECK(r.min <= r.median);
    CHECK(r.median <= r.max);
  }
  CHECK_THAT(log.str(), Catch::Contains("schelling-small"));

  const std::string table = format_table(results);
  CHECK_THAT(table, Catch::StartsWith("name") && Catch::Contains("median") &&
                        Catch::Contains("rng-uniform01"));

  const std::string csv = to_csv(results);
  CHECK_THAT(csv, Catch::StartsWith("name,runs,median,min,max,unit\nschelling-small,2,"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);

  const std::string path = "test_bench_results.json";
  write_results(path, results, Options{{}, 2, 7, {}, 30'000'000});
  std::ifstream in(path);
  std::ostringstream contents;
  contents << in.rdbuf();
  in.close();
  const std::string json = contents.str();
  std::remove(path.c_str());
  CHECK_THAT(json, Catch::Contains("\"seed\": 7") &&
                       Catch::Contains("\"name\": \"rng-uniform01\"") &&
                       Catch::Contains("\"samples\": ["));
  CHECK(std::count(json.begin(), json.end(), '{') == std::count(json.begin(), json.end(), '}'));
  CHECK(std::count(json.begin(), json.end(), '[') == std::count(json.begin(), json.end(), ']'));
}

TEST_CASE("france: a small world at one and two threads, with the cores kept busy and the "
          "speed-up") {
  const std::string path = "test_bench_small_france.toml";
  {
    std::ofstream out(path);
    out << "[run]\nname = \"small-france\"\nburn_in_months = 0\nhorizon_months = 3\n"
           "[world]\nmode = \"synthetic\"\nsynthetic_territories = 6\n"
           "synthetic_population = 60000\nsynthetic_min_population = 5000\n"
           "synthetic_max_population = 30000\n";
  }
  Options options{{"france"}, 1, 1, path, 30'000'000};
  const auto results = run(options, nullptr);
  std::remove(path.c_str());
  const auto find = [&](const std::string& name) {
    const auto it = std::find_if(results.begin(), results.end(),
                                 [&](const Result& r) { return r.name == name; });
    REQUIRE(it != results.end());
    return *it;
  };
  const double one = find("france-1-thread").median, two = find("france-2-threads").median;
  CHECK(one > 0.0);
  CHECK(two > 0.0);
  CHECK(find("france-speedup-2-threads").median == Approx(one / two));
  // CPU time over wall time: positive, and no more than the threads allowed (with slack for
  // the clock's granularity on a run this short).
  const double busy_one = find("france-cores-busy-1-thread").median;
  CHECK(busy_one > 0.0);
  CHECK(busy_one < 1.5);
  CHECK(find("france-cores-busy-2-threads").median > 0.0);
  CHECK(find("france-agents").median > 0.0);
#if defined(__linux__)
  CHECK(find("france-host-steal-2-threads").median >= 0.0); // from /proc/stat
#endif
}
