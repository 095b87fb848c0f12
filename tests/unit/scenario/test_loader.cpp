#include "sim/scenario/loader.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace ptcesim::scenario;
using namespace ptcesim::scenario::testing;
namespace fs = std::filesystem;

TEST_CASE("the embedded default scenario loads and matches scenarios/default.toml", "[scenario]") {
  REQUIRE(default_scenario_text() ==
          read_text(fs::path(PTCESIM_SOURCE_DIR) / "scenarios" / "default.toml"));
  const auto s = load_scenario_text(default_scenario_text(), "default.toml", {});
  REQUIRE(s.territories.size() == 5);
  CHECK(s.territories[0].name == "Territoire-centre");
  CHECK(s.territories[0].population == 100000);
  CHECK(s.territories[0].neighbours.size() == 4);
  CHECK(s.territories[0].source_line > 0);
  CHECK(s.strategy.kind == StrategyKind::none);
  CHECK(s.compare.replications == 30);
  REQUIRE(s.shocks.size() == 1);
  CHECK(s.shocks[0].kind == ShockKind::export_demand_drop);
  CHECK(s.shocks[0].start_month == 120);
  CHECK(s.shocks[0].duration_months == 12);
}

TEST_CASE("every scenario shipped in scenarios/ loads", "[scenario]") {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(PTCESIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml")
      continue;
    INFO(entry.path().string());
    CHECK_NOTHROW(load_scenario_file(entry.path(), {}));
    ++count;
  }
  CHECK(count >= 1);
}

TEST_CASE("a minimal file takes the struct defaults", "[scenario]") {
  const auto s = load_scenario_text(minimal_toml(), "m.toml", {});
  Scenario expected;
  expected.territories.resize(1);
  expected.territories[0].name = "A";
  expected.territories[0].population = 20000;
  expected.territories[0].land_ha = 20000.0 / 105.0 * 100.0; // derived from French density
  CHECK(without_source_lines(s) == expected);
}

TEST_CASE("values of every TOML shape are read into the struct", "[scenario]") {
  const auto s = load_scenario_text(minimal_toml(R"(
[run]
seed = 42
snapshot_months = [1, 2]
[firms]
initial_markup = 0.25
bankruptcy_months = 4
[world]
synthetic_size_pareto_alpha = 2     # an integer where a float belongs is fine
[sectors.retail]
export_share = 0.01
[sectors.local_services]
export_share = 0.09
[sse.forms.scic]
volunteer_ratio = 1.5
[cooperation]
pool_punishment = false
[strategy]
kind = "mixed"
[[poles]]
territory = "A"
origin = "citizen"
members = 9
[compare]
strategies = ["mixed", "none"]
)"),
                                    "m.toml", {});
  CHECK(s.run.seed == 42);
  CHECK(s.run.snapshot_months == std::vector<std::int64_t>{1, 2});
  CHECK(s.firms.initial_markup == 0.25);
  CHECK(s.firms.bankruptcy_months == 4);
  CHECK(s.world.synthetic_size_pareto_alpha == 2.0);
  CHECK(s.sectors[static_cast<std::size_t>(Sector::retail)].export_share == 0.01);
  CHECK(s.sectors[static_cast<std::size_t>(Sector::local_services)].export_share == 0.09);
  CHECK(s.sse_forms[static_cast<std::size_t>(SseForm::scic)].volunteer_ratio == 1.5);
  CHECK_FALSE(s.cooperation.pool_punishment);
  CHECK(s.strategy.kind == StrategyKind::mixed);
  REQUIRE(s.poles.size() == 1);
  CHECK(s.poles[0].origin == PoleOrigin::citizen);
  CHECK(s.poles[0].members == 9);
  CHECK(s.compare.strategies == std::vector<std::string>{"mixed", "none"});
}

TEST_CASE("resolved_toml reloads to an identical scenario", "[scenario]") {
  auto original = load_scenario_text(default_scenario_text(), "default.toml", {});
  // Values that exercise escaping and float formatting.
  original.run.description = "quote \" backslash \\ tab \t accent é";
  original.firms.initial_markup = 0.1 + 0.2;
  original.strategy.budget_eur_per_year = 1.0e300;
  original.strategy.kind = StrategyKind::reindustrialisation;
  original.run.seed = 9223372036854775807ULL;
  const auto text = resolved_toml(original);
  const auto reloaded = load_scenario_text(text, "resolved.toml", {});
  CHECK(without_source_lines(reloaded) == without_source_lines(original));
  CHECK(resolved_toml(reloaded) == text);
  // Every field is written, defaults included.
  CHECK(text.find("punishment_cost_share = 0.005") != std::string::npos);
  CHECK(text.find("[sectors.agri_food]") != std::string::npos);
  CHECK(text.find("[sse.forms.work_integration]") != std::string::npos);
}

TEST_CASE("a synthetic world round-trips without listed territories", "[scenario]") {
  const auto s = load_scenario_text(
      "[world]\nmode = \"synthetic\"\nsynthetic_territories = 1250\nsynthetic_population = "
      "6.8e7\n",
      "france.toml", {});
  CHECK(s.world.synthetic_population == 68000000);
  CHECK(s.territories.empty());
  const auto text = resolved_toml(s);
  CHECK(text.find("# no [[territories]]") != std::string::npos);
  CHECK(load_scenario_text(text, "r.toml", {}) == s);
}

TEST_CASE("overrides replace file values and are validated like the file", "[scenario]") {
  const auto s = load_scenario_text(
      default_scenario_text(), "default.toml",
      {"firms.initial_markup=0.3", "territories.1.population = 47000", "strategy.kind=ptce",
       "run.name=\"short run\"", "compare.strategies=[\"ptce\", \"none\"]",
       "cooperation.pool_punishment=false", "run.snapshot_months=[]"});
  CHECK(s.firms.initial_markup == 0.3);
  CHECK(s.territories[1].population == 47000);
  CHECK(s.strategy.kind == StrategyKind::ptce);
  CHECK(s.run.name == "short run");
  CHECK(s.compare.strategies == std::vector<std::string>{"ptce", "none"});
  CHECK_FALSE(s.cooperation.pool_punishment);
  CHECK(s.run.snapshot_months.empty());

  CHECK(load_error(minimal_toml(), {"firms.initial_markup=1.7"}) ==
        "--set: firms.initial_markup: must be in [0, 1], got 1.7");
  CHECK(load_error(minimal_toml(), {"firms.intial_markup=0.1"}) ==
        "--set: firms.intial_markup: unknown key; did you mean 'firms.initial_markup'?");
  CHECK(load_error(minimal_toml(), {"territories.3.population=5"}) ==
        "--set: territories.3.population: no entry 3 in [[territories]] (the scenario has 1)");
  CHECK(load_error(minimal_toml(), {"territories.A.population=5"}) ==
        "--set: territories.A.population: entries of [[territories]] are set by index, e.g. "
        "territories.0.name");
  CHECK(load_error(minimal_toml(), {"firms"}) == "--set: firms: expected key=value");
  CHECK(load_error(minimal_toml(), {"firms=1"}) ==
        "--set: firms: is a table; set its fields one at a time, e.g. "
        "firms.employer_firms_per_1000_inhabitants");
  CHECK(load_error(minimal_toml(), {"firms.initial_markup=abc"}) ==
        "--set: firms.initial_markup: cannot read \"abc\" as a TOML value");
  CHECK(load_error(minimal_toml(), {"strategy.kind=ptc"}) ==
        "--set: strategy.kind: must be one of none, ptce, reindustrialisation, mixed; got \"ptc\"");
  // Cross-field checks see the overridden value, reported where it was set.
  CHECK(load_error(minimal_toml(), {"sectors.retail.firm_share=0.5"}) ==
        "--set: sectors.*.firm_share: must sum to 1 over the 6 sectors (within 1e-6), got 1.28");
  // File problems and override problems are reported together, file first.
  CHECK(load_error(minimal_toml("[firms]\ninitial_markup = -1\n"), {"run.seed=-3"}) ==
        "t.toml:5: firms.initial_markup: must be in [0, 1], got -1\n"
        "--set: run.seed: must be >= 0, got -3");
}

TEST_CASE("missing and unreadable files are reported with their path", "[scenario]") {
  const fs::path missing = fs::temp_directory_path() / "ptcesim-no-such-scenario.toml";
  try {
    (void)load_scenario_file(missing, {});
    FAIL("no error for a missing file");
  } catch (const ConfigError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(std::string(e.what()) ==
          missing.string() + ": cannot read scenario file: No such file or directory");
  }
  try {
    (void)load_scenario_file(fs::temp_directory_path(), {});
    FAIL("no error for a directory");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          fs::temp_directory_path().string() + ": cannot read scenario file: it is a directory");
  }
}

TEST_CASE("a file path is the file name in messages", "[scenario]") {
  const fs::path path = fs::temp_directory_path() / "ptcesim-test-markup.toml";
  {
    std::ofstream out(path);
    out << minimal_toml("[firms]\ninitial_markup = 1.7\n");
  }
  try {
    (void)load_scenario_file(path, {});
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          path.string() + ":5: firms.initial_markup: must be in [0, 1], got 1.7");
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].line == 5);
    CHECK(e.diagnostics()[0].field == "firms.initial_markup");
  }
  fs::remove(path);
}
