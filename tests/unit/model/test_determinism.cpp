// Determinism: the same scenario and seed give the same state and indicators, bit for bit,
// whatever the number of threads; another seed gives another run.
#include "model_support.hpp"
#include "sim/core/parallel.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace ptcesim;

namespace {

struct RunTrace {
  std::vector<std::uint64_t> hashes;       // state hash after every tick
  std::vector<std::vector<double>> frames; // indicator values after every tick
};

RunTrace trace_run(const scenario::Scenario& scenario, std::uint64_t seed, int threads) {
  const core::ThreadLimit limit(threads);
  CHECK(core::ThreadLimit::active_threads() == threads);
  model::Simulation sim(scenario, seed);
  RunTrace trace;
  while (!sim.finished()) {
    sim.step();
    trace.hashes.push_back(sim.state_hash());
    trace.frames.push_back(sim.last_frame().values);
  }
  return trace;
}

// Bitwise equality: NaN indicators (empty survival cohorts) must match too.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

} // namespace

TEST_CASE("same scenario and seed give the same bytes with 1, 2 and 4 threads",
          "[model][determinism]") {
  // No strategy, and the mixed strategy (poles, the cooperation game, grants, mobile projects).
  const auto strategy = GENERATE(as<std::string>{}, "none", "mixed");
  INFO("strategy " << strategy);
  auto overrides = model::test::scaled_populations(0.4);
  overrides.push_back("strategy.kind=\"" + strategy + "\"");
  const auto scenario = model::test::short_default(12, 36, overrides);
  const auto reference = trace_run(scenario, 42, 1);
  REQUIRE(reference.hashes.size() == 48);
  for (const int threads : {2, 4}) {
    INFO(threads << " threads");
    const auto other = trace_run(scenario, 42, threads);
    REQUIRE(other.hashes.size() == reference.hashes.size());
    for (std::size_t tick = 0; tick < reference.hashes.size(); ++tick) {
      INFO("tick " << tick);
      REQUIRE(other.hashes[tick] == reference.hashes[tick]);
      REQUIRE(same_bits(other.frames[tick], reference.frames[tick]));
    }
  }
}

TEST_CASE("a different seed gives a different run", "[model][determinism]") {
  const auto scenario = model::test::short_default(6, 12, model::test::scaled_populations(0.2));
  const auto a = trace_run(scenario, 42, 2);
  const auto b = trace_run(scenario, 43, 2);
  CHECK(a.hashes.back() != b.hashes.back());
  CHECK_FALSE(same_bits(a.frames.back(), b.frames.back()));
  // The initial world already differs (sizes, skills), not only the later draws.
  CHECK(model::Simulation(scenario, 42).state_hash() !=
        model::Simulation(scenario, 43).state_hash());
}
