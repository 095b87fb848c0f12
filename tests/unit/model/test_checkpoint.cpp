// Checkpoints: a simulation saved mid-run and loaded back continues bit for bit like the
// original, whatever the thread counts; a damaged archive is an error, never a crash.
#include "model_support.hpp"
#include "sim/core/byte_archive.hpp"
#include "sim/core/parallel.hpp"
#include "sim/model/checkpoint.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace ptcesim;

namespace {

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::vector<std::byte> saved(const model::Simulation& simulation) {
  core::ByteWriter out;
  model::save_simulation(simulation, out);
  return out.take();
}

// As `ptcesim run --resume`: the scenario comes back from its resolved text.
std::unique_ptr<model::Simulation> restored(const scenario::Scenario& scenario,
                                            const std::vector<std::byte>& bytes) {
  const auto reloaded =
      scenario::load_scenario_text(scenario::resolved_toml(scenario), "checkpoint (scenario)");
  core::ByteReader in(bytes);
  auto simulation = model::load_simulation(reloaded, in);
  in.expect_end();
  return simulation;
}

} // namespace

TEST_CASE("a simulation restored mid-run continues bit for bit", "[model][checkpoint]") {
  // No strategy, and the mixed one (pots, grants, poles, mobile projects); saved during burn-in,
  // at the strategy start tick and later; continued with other thread counts than the original.
  const auto strategy = GENERATE(as<std::string>{}, "none", "mixed");
  const auto saved_at = GENERATE(4, 8, 13);
  INFO("strategy " << strategy << ", saved before tick " << saved_at);
  auto overrides = model::test::scaled_populations(0.3);
  overrides.push_back("strategy.kind=\"" + strategy + "\"");
  // Long enough after the save for the 3-year survival indicators, which read births of 36
  // months before.
  const auto scenario = model::test::short_default(8, 40, overrides);

  std::unique_ptr<model::Simulation> original;
  {
    const core::ThreadLimit one(1);
    original = std::make_unique<model::Simulation>(scenario, scenario.run.seed);
    while (original->tick() < saved_at)
      original->step();
  }
  const auto bytes = saved(*original);
  auto copy = restored(scenario, bytes);

  CHECK(copy->tick() == saved_at);
  CHECK(copy->state_hash() == original->state_hash());
  CHECK(copy->last_net_inflow() == original->last_net_inflow());
  CHECK(same_bits(copy->last_frame().values, original->last_frame().values));
  // Saving the copy gives the same bytes: every member saved was restored.
  CHECK(saved(*copy) == bytes);

  while (!original->finished()) {
    {
      const core::ThreadLimit one(1);
      original->step();
    }
    {
      const core::ThreadLimit two(2);
      copy->step();
    }
    INFO("tick " << original->last_frame().tick);
    REQUIRE(copy->last_frame().tick == original->last_frame().tick);
    REQUIRE(copy->state_hash() == original->state_hash());
    REQUIRE(same_bits(copy->last_frame().values, original->last_frame().values));
    REQUIRE(copy->last_net_inflow() == original->last_net_inflow());
  }
  CHECK(copy->finished());
}

TEST_CASE("a cut simulation archive is an error at any length", "[model][checkpoint]") {
  const auto scenario = model::test::tiny_scenario();
  model::Simulation simulation(scenario, scenario.run.seed);
  for (int i = 0; i < 3; ++i)
    simulation.step();
  const auto bytes = saved(simulation);
  // Every cut through the first kilobytes (the small tables and their lengths), then a sample.
  for (std::size_t cut = 0; cut < bytes.size(); cut += cut < 4096 ? 1 : 997) {
    INFO("cut at " << cut << " of " << bytes.size());
    core::ByteReader in(std::span<const std::byte>(bytes.data(), cut));
    CHECK_THROWS_AS(model::load_simulation(scenario, in), core::ArchiveError);
  }
}

TEST_CASE("records of a run survive the archive", "[model][checkpoint]") {
  std::vector<core::IndicatorFrame> frames(2);
  frames[0] = {3, 2, {1.0, 2.0, 3.0, 4.0}};
  frames[1] = {4, 2, {5.0, -0.0, 7.0, 8.0}};
  std::vector<core::TableSnapshot> snapshots{{"firms",
                                              18,
                                              {{"id", "", std::vector<std::int64_t>{4, 9}},
                                               {"cash", "EUR", std::vector<double>{1.5, 2.5}}}}};
  model::PoleRecord pole;
  pole.tick = 7;
  pole.pole_id = 12;
  pole.territory = 1;
  pole.origin = scenario::PoleOrigin::citizen;
  pole.charter_tick = 5;
  pole.members_sse = 3;
  pole.jobs = 41.5;
  pole.facilitation_fte = 0.5;

  core::ByteWriter out;
  model::save_frames(frames, out);
  model::save_snapshots(snapshots, out);
  model::save_pole_records({pole}, out);
  const auto bytes = out.take();
  core::ByteReader in(bytes);
  const auto frames_back = model::load_frames(in);
  const auto snapshots_back = model::load_snapshots(in);
  const auto poles_back = model::load_pole_records(in);
  in.expect_end();

  REQUIRE(frames_back.size() == 2);
  CHECK(frames_back[1].tick == 4);
  CHECK(frames_back[1].territories == 2);
  CHECK(same_bits(frames_back[1].values, frames[1].values));
  REQUIRE(snapshots_back.size() == 1);
  CHECK(snapshots_back[0].table == "firms");
  CHECK(snapshots_back[0].tick == 18);
  REQUIRE(snapshots_back[0].columns.size() == 2);
  CHECK(snapshots_back[0].columns[0].data == snapshots[0].columns[0].data);
  CHECK(snapshots_back[0].columns[1].unit == "EUR");
  CHECK(snapshots_back[0].columns[1].data == snapshots[0].columns[1].data);
  REQUIRE(poles_back.size() == 1);
  CHECK(poles_back[0].pole_id == 12);
  CHECK(poles_back[0].origin == scenario::PoleOrigin::citizen);
  CHECK(poles_back[0].charter_tick == 5);
  CHECK(poles_back[0].members_sse == 3);
  CHECK(poles_back[0].jobs == 41.5);
  CHECK(poles_back[0].facilitation_fte == 0.5);
}
