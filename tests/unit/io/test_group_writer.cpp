// Generic groups and datasets, as comparisons, label reports and sweeps write them.
#include "sim/io/run_file.hpp"
#include "sim/io/run_file_reader.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace ptcesim;
using Catch::Matchers::Contains;

namespace {

std::string fmt_rep(const std::string& strategy, int rep) {
  return "/runs/" + strategy + "/rep_000" + std::to_string(rep);
}

} // namespace

TEST_CASE("several runs share one comparison file under group prefixes", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "compare.h5";
  {
    io::RunFileWriter file(path, {false, true}, "/runs");
    file.set_attribute("kind", "comparison_set");
    file.group("/").set_attribute("kind", "comparison");
    for (const char* strategy : {"ptce", "reindustrialisation"}) {
      for (int rep = 0; rep < 2; ++rep) {
        io::RunWriter run(file.group(fmt_rep(strategy, rep)));
        run.set_attribute("seed", 100 + rep);
        run.begin_series({{"employment_total", "jobs", "Employed persons."}}, 2);
        for (std::int32_t tick = 0; tick < 3; ++tick)
          run.append({tick, 2, {static_cast<double>(rep), static_cast<double>(tick)}});
      }
    }
    file.finish();
  }
  const io::RunFileReader reader(path);
  CHECK(reader.attribute_string("/", "kind") == "comparison");
  CHECK(reader.attribute_string("/runs", "kind") == "comparison_set");
  CHECK(reader.groups("/runs") == std::vector<std::string>{"ptce", "reindustrialisation"});
  CHECK(reader.groups("/runs/ptce") == std::vector<std::string>{"rep_0000", "rep_0001"});
  CHECK(reader.attribute_int("/runs/reindustrialisation/rep_0001", "seed") == 101);
  const auto series =
      reader.read_double("/runs/reindustrialisation/rep_0001/series/employment_total");
  CHECK(series.shape == std::vector<std::size_t>{3, 2});
  CHECK(series.values == std::vector<double>{1.0, 0.0, 1.0, 1.0, 1.0, 2.0});
}

TEST_CASE("group writer datasets round trip with attributes", "[io]") {
  const bool compress = GENERATE(true, false);
  const io::test::TempDir dir;
  const auto path = dir / "report.h5";
  {
    io::RunFileWriter file(path, {false, compress});
    const auto criteria = file.group("/label/criteria");
    CHECK(criteria.path() == "/label/criteria");
    criteria.write_dataset("name", std::vector<std::string>{"ancrage", "coopération", ""},
                           {{"description", "criterion names"}});
    criteria.write_dataset("score", std::vector<double>{0.5, 1.0, 0.0},
                           {{"unit", "share"}, {"threshold", 0.6}, {"version", 2}});
    criteria.write_dataset("passed", std::vector<std::int64_t>{0, 1, 0});
    const std::vector<double> matrix{1, 2, 3, 4, 5, 6};
    criteria.group("by_pole").write_dataset_2d("score", matrix, 2, 3, {{"unit", "share"}});
    const std::vector<std::int64_t> counts{7, 8, 9, 10};
    criteria.group("by_pole").write_dataset_2d("members", counts, 4, 1);
    criteria.write_dataset("empty", std::vector<double>{});
    CHECK_THROWS_WITH(criteria.write_dataset_2d("bad", matrix, 4, 2),
                      Contains("/label/criteria/bad: 6 values for a 4 x 2 dataset"));
    CHECK_THROWS_WITH(criteria.write_dataset("score", std::vector<double>{1.0}),
                      Contains("/label/criteria/score: already exists"));
    file.finish();
  }
  const io::RunFileReader reader(path);
  CHECK(reader.read_strings("/label/criteria/name") ==
        std::vector<std::string>{"ancrage", "coopération", ""});
  CHECK(reader.attribute_string("/label/criteria/name", "description") == "criterion names");
  CHECK(reader.read_double("/label/criteria/score").values == std::vector<double>{0.5, 1.0, 0.0});
  CHECK(reader.attribute_double("/label/criteria/score", "threshold") == 0.6);
  CHECK(reader.attribute_int("/label/criteria/score", "version") == 2);
  CHECK(reader.read_int64("/label/criteria/passed").values == std::vector<std::int64_t>{0, 1, 0});
  const auto score = reader.read_double("/label/criteria/by_pole/score");
  CHECK(score.shape == std::vector<std::size_t>{2, 3});
  CHECK(score.at(1, 2) == 6.0);
  CHECK(score.at(0, 1) == 2.0);
  const auto members = reader.read_int64("/label/criteria/by_pole/members");
  CHECK(members.shape == std::vector<std::size_t>{4, 1});
  CHECK(members.values == std::vector<std::int64_t>{7, 8, 9, 10});
  CHECK(reader.shape("/label/criteria/empty") == std::vector<std::size_t>{0});
  CHECK(reader.datasets("/label/criteria") ==
        std::vector<std::string>{"name", "score", "passed", "empty"});
  CHECK(reader.groups("/label/criteria") == std::vector<std::string>{"by_pole"});
}

TEST_CASE("a group path through a dataset is an error naming the path", "[io]") {
  const io::test::TempDir dir;
  io::RunFileWriter file(dir / "x.h5", {false, true});
  file.group("/a").write_dataset("b", std::vector<double>{1.0});
  CHECK_THROWS_WITH(file.group("/a/b/c"), Contains("/a/b") && Contains("open group"));
}
