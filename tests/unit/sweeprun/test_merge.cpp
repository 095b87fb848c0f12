// Worker files, journals and the merge: whatever worker recorded a run, in whatever order, the
// merged results are sorted by run and identical; unrecorded or torn runs count as missing.
#include "sim/io/sweep_output.hpp"
#include "sim/sweeprun/runner.hpp"
#include "sim/sweeprun/sweep_dir.hpp"
#include "tests/unit/io/temp_dir.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace ptcesim;
using namespace ptcesim::sweeprun;
using ptcesim::io::test::TempDir;

namespace {

const std::filesystem::path kSweeps =
    std::filesystem::path(PTCESIM_SOURCE_DIR) / "tests/data/sweeps";

std::string tiny_text() {
  std::ifstream in(kSweeps / "tiny.toml");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A recognisable result for run `run`, standing in for a simulation.
RunResult fake_result(const PreparedSweep& sweep, std::size_t run) {
  RunResult result;
  for (std::size_t s = 0; s < sweep.strategies.size(); ++s) {
    for (std::size_t o = 0; o < sweep.outcomes.size(); ++o)
      result.values.push_back(static_cast<double>(run * 1000 + s * 100 + o) + 0.25);
    result.state_hash.push_back(static_cast<std::int64_t>(run * 10 + s));
  }
  return result;
}

// Records `runs` in order through one worker of `session`.
void record(const SweepDirectory& dir, const PreparedSweep& sweep, std::size_t session,
            const std::string& tag, const std::vector<std::size_t>& runs) {
  WorkerOutput output(dir, sweep, session, tag, sweep.plan.run_count());
  for (const auto run : runs)
    output.record(run, fake_result(sweep, run));
  output.close();
}

} // namespace

TEST_CASE("a worker file keeps rows written in any order, and only complete files get its name") {
  const TempDir dir;
  const auto path = dir / "w.h5";
  io::SweepWorkerLayout layout{"00ff", 4, {"ptce", "none"}, {"a", "b", "c"}};
  {
    io::SweepWorkerWriter writer(path, layout);
    const std::vector<double> second{1, 2, 3, 4, 5, 6};
    const std::vector<double> first{-1, -2, -3, -4, -5, std::nan("")};
    writer.write_row(2, 11, second, std::vector<std::int64_t>{7, 8});
    writer.write_row(0, 3, first, std::vector<std::int64_t>{-1, 1});
    CHECK_THROWS_WITH(writer.write_row(4, 1, first, std::vector<std::int64_t>{0, 0}),
                      Catch::Contains("beyond the 4 allocated"));
    CHECK_THROWS_WITH(writer.write_row(1, 1, second, std::vector<std::int64_t>{0}),
                      Catch::Contains("expected 6 and 2"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "w.h5.partial"));
  const auto contents = io::read_sweep_worker(path);
  CHECK(contents.layout.sweep_hash == "00ff");
  CHECK(contents.layout.capacity == 4);
  CHECK(contents.layout.strategies == layout.strategies);
  CHECK(contents.layout.outcomes == layout.outcomes);
  CHECK(contents.run[0] == 3);
  CHECK(contents.run[2] == 11);
  CHECK(contents.values[2 * 6 + 5] == 6.0);
  CHECK(std::isnan(contents.values[5]));
  CHECK(contents.state_hash[1] == 1);
  CHECK(contents.state_hash[5] == 8);
  CHECK_THROWS_WITH(io::SweepWorkerWriter(path, layout), Catch::Contains("already exists"));
}

TEST_CASE("merged results are sorted by run whatever worker and order recorded them") {
  const auto sweep = prepare_sweep(kSweeps / "tiny.toml");
  const auto runs = sweep.plan.run_count();
  REQUIRE(runs == 18);
  REQUIRE(sweep.strategies == std::vector<std::string>{"ptce", "reindustrialisation"});

  const TempDir one, two;
  const SweepDirectory a(one.path() / "out"), b(two.path() / "out");
  a.claim(sweep, false);
  b.claim(sweep, false);
  std::vector<std::size_t> all(runs);
  for (std::size_t i = 0; i < runs; ++i)
    all[i] = i;
  record(a, sweep, 0, "r000", all);   // one worker, plan order
  std::vector<std::size_t> odd, even; // two workers and two sessions, reversed order
  for (std::size_t i = runs; i-- > 0;)
    (i % 2 ? odd : even).push_back(i);
  record(b, sweep, 0, "r001", odd);
  record(b, sweep, 1, "r000", even);

  const auto ra = merged_results(a, sweep);
  const auto rb = merged_results(b, sweep);
  CHECK(ra.value == rb.value);
  CHECK(ra.difference == rb.difference);
  CHECK(ra.state_hash == rb.state_hash);
  REQUIRE(ra.run_count() == runs);
  const auto o = sweep.outcomes.size();
  for (std::size_t run = 0; run < runs; ++run) {
    CHECK(ra.run_point[run] == static_cast<std::int64_t>(run / 3));
    CHECK(ra.run_replication[run] == static_cast<std::int64_t>(run % 3));
    CHECK(ra.value_at(run, 1, o - 1) == static_cast<double>(run * 1000 + 100 + o - 1) + 0.25);
    CHECK(ra.difference_at(run, 1, 0) == 100.0); // reindustrialisation minus the baseline
    CHECK(ra.difference_at(run, 0, 0) == 0.0);
    CHECK(ra.state_hash[run * 2 + 1] == static_cast<std::int64_t>(run * 10 + 1));
  }
  CHECK(ra.baseline == "ptce");
  CHECK(ra.groups.size() == 6);

  // Written and read back through the merged file.
  merge(b, sweep);
  const auto back = io::read_sweep_results(b.results_path());
  CHECK(back.value == ra.value);
  CHECK(back.difference == ra.difference);
  CHECK(back.values == ra.values);
  CHECK(back.unit == ra.unit);
  CHECK(back.run_seed == ra.run_seed);
  CHECK(back.sweep_hash == sweep.hash);
  CHECK(back.design == "full_factorial");
  CHECK(back.outcome_index(ra.outcomes.back()) == o - 1);
  CHECK_THROWS_WITH(back.strategy_index("none"), Catch::Contains("did not run strategy 'none'"));
}

TEST_CASE("a run written but not journaled, or journaled twice, is counted once or redone") {
  const auto sweep = prepare_sweep(kSweeps / "tiny.toml");
  const TempDir temp;
  const SweepDirectory dir(temp.path() / "out");
  dir.claim(sweep, false);
  record(dir, sweep, 0, "r000", {0, 1, 2});
  {
    // Row written, then the process dies before the journal line: simulated by writing a row
    // straight into a worker file that has an empty journal.
    const auto file = dir.worker_file(0, "r001");
    io::SweepWorkerWriter writer(file, {sweep.hash, 2, sweep.strategies, sweep.outcome_names()});
    const auto result = fake_result(sweep, 3);
    writer.write_row(0, 3, result.values, result.state_hash);
    std::ofstream(SweepDirectory::journal_of(file)).flush();
  }
  auto completed = collect_completed(dir, sweep);
  CHECK(completed.count == 3);
  CHECK(completed.missing().front() == 3);
  CHECK_THROWS_WITH(merged_results(dir, sweep), Catch::Contains("15 of 18 runs are missing"));

  CHECK(dir.next_session() == 1);
  record(dir, sweep, 1, "r000", {2, 3}); // run 2 again: a duplicate, ignored
  completed = collect_completed(dir, sweep);
  CHECK(completed.count == 4);
  CHECK(completed.duplicates == 1);
}

TEST_CASE("an unreadable worker file makes its runs missing, with a warning") {
  const auto sweep = prepare_sweep(kSweeps / "tiny.toml");
  const TempDir temp;
  const SweepDirectory dir(temp.path() / "out");
  dir.claim(sweep, false);
  record(dir, sweep, 0, "r000", {4, 5});
  std::ofstream(dir.worker_file(0, "r000"), std::ios::trunc) << "not hdf5";
  const auto completed = collect_completed(dir, sweep);
  CHECK(completed.count == 0);
  REQUIRE(completed.warnings.size() == 1);
  CHECK_THAT(completed.warnings[0], Catch::Contains("its 2 recorded run(s) will be redone"));
}

TEST_CASE("a directory holding another sweep is refused unless forced") {
  const auto sweep = prepare_sweep(kSweeps / "tiny.toml");
  auto text = tiny_text();
  text.replace(text.find("seed = 424242"), 13, "seed = 424243");
  const auto changed = prepare_sweep_text(text, "changed.toml", kSweeps);
  REQUIRE(changed.hash != sweep.hash);

  const TempDir temp;
  const SweepDirectory dir(temp.path() / "out");
  dir.claim(sweep, false);
  record(dir, sweep, 0, "r000", {0});
  dir.claim(sweep, false); // the same sweep: resumed, nothing discarded
  CHECK(collect_completed(dir, sweep).count == 1);
  CHECK_THROWS_AS(dir.claim(changed, false), SweepChanged);
  CHECK_THROWS_WITH(dir.claim(changed, false),
                    Catch::Contains("holds results of a different sweep") &&
                        Catch::Contains("--force"));
  dir.claim(changed, true);
  CHECK(dir.recorded_hash() == changed.hash);
  CHECK(collect_completed(dir, changed).count == 0);
  CHECK(dir.next_session() == 0);

  const SweepDirectory other(temp.path());
  CHECK_THROWS_WITH(other.claim(sweep, false), Catch::Contains("holds other files and no sweep"));
}

TEST_CASE("the sweep recorded in a directory loads back with the same fingerprint") {
  const auto sweep = prepare_sweep(kSweeps / "tiny.toml");
  const TempDir temp;
  const SweepDirectory dir(temp.path() / "out");
  dir.claim(sweep, false);
  const auto recorded = dir.load_recorded();
  CHECK(recorded.hash == sweep.hash);
  CHECK(recorded.plan.values == sweep.plan.values);
  CHECK(std::filesystem::exists(temp.path() / "out/base.toml"));
  CHECK_THROWS_AS(SweepDirectory(temp.path() / "nowhere").load_recorded(), SweepChanged);
}
