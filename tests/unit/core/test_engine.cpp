#include "sim/core/clock.hpp"
#include "sim/core/hash.hpp"
#include "sim/core/pipeline.hpp"
#include "sim/core/version.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

using namespace ptcesim::core;

TEST_CASE("Pipeline runs its phases in order with the step context", "[pipeline]") {
  struct Log {
    std::vector<std::string> calls;
  };
  Pipeline<Log> pipeline;
  for (const std::string name : {"form_demand", "produce", "match_labour"})
    pipeline.add(name, [name](Log& log, const StepContext& ctx) {
      log.calls.push_back(name + "@" + std::to_string(ctx.tick) + "/" +
                          std::to_string(ctx.run_seed));
    });
  Log log;
  pipeline.run_tick(log, StepContext{7, 0});
  pipeline.run_tick(log, StepContext{7, 1});
  CHECK(log.calls == std::vector<std::string>{"form_demand@0/7", "produce@0/7", "match_labour@0/7",
                                              "form_demand@1/7", "produce@1/7",
                                              "match_labour@1/7"});
  CHECK(pipeline.names() == std::vector<std::string>{"form_demand", "produce", "match_labour"});
  const auto seconds = pipeline.seconds();
  REQUIRE(seconds.size() == 3);
  for (const double s : seconds)
    CHECK(s >= 0.0);
}

TEST_CASE("TickClock separates burn-in from the observed period", "[clock]") {
  TickClock clock(3, 5);
  CHECK(clock.total_ticks() == 8);
  CHECK(clock.tick() == 0);
  CHECK(clock.in_burn_in());
  CHECK(clock.observed_tick() == -3);
  int ticks = 0;
  int burn_in_ticks = 0;
  while (!clock.finished()) {
    if (clock.in_burn_in())
      ++burn_in_ticks;
    clock.advance();
    ++ticks;
  }
  CHECK(ticks == 8);
  CHECK(burn_in_ticks == 3);
  CHECK(clock.observed_tick() == 5);
  clock.restore(3);
  CHECK_FALSE(clock.in_burn_in());
  CHECK(clock.observed_tick() == 0);
  CHECK_FALSE(clock.finished());
}

TEST_CASE("StateHash is FNV-1a 64", "[hash]") {
  CHECK(StateHash{}.value() == 0xcbf29ce484222325ull);
  StateHash a;
  a.add_bytes("a", 1);
  CHECK(a.value() == 0xaf63dc4c8601ec8cull);
  StateHash foobar;
  foobar.add_bytes("foo", 3);
  foobar.add_bytes("bar", 3); // incremental equals one pass
  CHECK(foobar.value() == 0x85944171f73967e8ull);
}

TEST_CASE("StateHash changes when any value changes", "[hash]") {
  const auto hash = [](const std::vector<double>& cash, std::int32_t tick) {
    StateHash h;
    h.add(cash);
    h.add_value(tick);
    return h.value();
  };
  const std::vector<double> cash{1.0, 2.5, -3.0};
  const std::uint64_t base = hash(cash, 4);
  CHECK(hash(cash, 4) == base);
  CHECK(hash(cash, 5) != base);
  CHECK(hash({1.0, 2.5, -3.0000000000000004}, 4) != base);
  CHECK(hash({2.5, 1.0, -3.0}, 4) != base);
  CHECK(hash({1.0, 2.5}, 4) != base);
}

TEST_CASE("version and git commit are recorded", "[version]") {
  // Semantic version from CMake's project(): major.minor.patch.
  CHECK(std::regex_match(std::string(version()), std::regex(R"(\d+\.\d+\.\d+)")));
  CHECK_FALSE(git_commit().empty());
}
