#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "sim/compare/comparison.hpp"
#include "sim/compare/replication_seed.hpp"
#include "sim/scenario/loader.hpp"

using namespace ptcesim;

namespace {

scenario::Scenario small_scenario() {
  return scenario::load_scenario_text(
      scenario::default_scenario_text(), "default.toml",
      {"run.burn_in_months=6", "run.horizon_months=24", "shocks.0.start_month=12",
       "run.snapshot_months=[]", "territories.0.population=20000",
       "territories.1.population=8000", "territories.2.population=8000",
       "territories.3.population=8000", "territories.4.population=8000"});
}

std::filesystem::path scratch(const std::string& name) {
  // The process id keeps builds that run the suite at the same time (ci, asan) apart.
  auto dir = std::filesystem::temp_directory_path() /
             ("ptcesim-compare-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

const compare::SummaryRow& row(const compare::CompareResult& r, const std::string& outcome,
                               const std::string& strategy, std::int32_t month) {
  for (const auto& x : r.rows)
    if (x.outcome == outcome && x.strategy == strategy && x.month == month) return x;
  FAIL("no summary row " << outcome << " " << strategy << " " << month);
  return r.rows.front();
}

} // namespace

TEST_CASE("identical instruments give identical outcomes on the same seeds", "[compare]") {
  // mixed with all of its budget on PTCE instruments is the ptce strategy: every paired
  // difference must be exactly zero (common random numbers, no hidden state).
  compare::CompareRequest request;
  request.scenario = small_scenario();
  request.scenario.strategy.mixed_ptce_share = 1.0;
  request.strategies = {"ptce", "mixed"};
  request.baseline = "ptce";
  request.replications = 2;
  request.output_dir = scratch("identical");
  const auto result = compare::run_comparison(request, [](std::int64_t, std::int64_t) {});
  std::size_t compared = 0;
  for (const auto& r : result.rows) {
    if (r.strategy != "mixed" || !r.has_difference) continue;
    INFO(r.outcome << " at month " << r.month);
    CHECK(r.mean_difference == 0.0);
    CHECK(r.sd_difference == 0.0);
    ++compared;
  }
  CHECK(compared > 10);
  std::filesystem::remove_all(request.output_dir);
}

TEST_CASE("a strategy that spends differs from none, pair by pair", "[compare]") {
  compare::CompareRequest request;
  request.scenario = small_scenario();
  request.strategies = {"ptce", "none"};
  request.baseline = "none";
  request.replications = 2;
  request.output_dir = scratch("differs");
  const auto result = compare::run_comparison(request, [](std::int64_t, std::int64_t) {});
  const auto& spending = row(result, "public_spending_eur", "ptce", 24);
  // 24 months of the envelope (1.5 MEUR a year) are received; what is spent is close to it.
  CHECK(spending.mean > 0.5 * 2 * 1.5e6);
  CHECK(spending.mean_difference == Approx(spending.mean));
  CHECK(row(result, "public_spending_eur", "none", 24).mean == 0.0);
  CHECK(std::filesystem::exists(result.results_h5));
  CHECK(std::filesystem::exists(result.summary_csv));
  std::filesystem::remove_all(request.output_dir);
}

TEST_CASE("replication seeds are shared by strategies and differ across replications",
          "[compare]") {
  CHECK(compare::replication_seed(7, 0) == compare::replication_seed(7, 0));
  CHECK(compare::replication_seed(7, 0) != compare::replication_seed(7, 1));
  CHECK(compare::replication_seed(7, 0) != compare::replication_seed(8, 0));
  CHECK(compare::replication_seed(7, 3) < (std::uint64_t{1} << 63)); // fits a TOML integer
}

TEST_CASE("bad requests are refused before anything runs", "[compare]") {
  compare::CompareRequest request;
  request.scenario = small_scenario();
  request.strategies = {"ptce", "teleportation"};
  request.baseline = "ptce";
  request.output_dir = scratch("bad");
  CHECK_THROWS_WITH(compare::check_request(request),
                    Catch::Contains("unknown strategy 'teleportation'"));
  request.strategies = {"ptce", "none"};
  request.baseline = "reindustrialisation";
  CHECK_THROWS_WITH(compare::check_request(request), Catch::Contains("baseline"));
  request.baseline = "none";
  request.replications = 1;
  CHECK_THROWS_WITH(compare::check_request(request), Catch::Contains("--replications"));
  CHECK_FALSE(std::filesystem::exists(request.output_dir));
}
