// What the writer puts in a run file is what the reader gets back: values, shapes, attributes.
#include "sim/core/version.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/run_file_reader.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace ptcesim;
using Catch::Matchers::Contains;

namespace {

// A value that differs for every (tick, indicator, territory), so misplaced rows show.
double value_of(std::int32_t tick, std::size_t indicator, std::size_t territory) {
  return static_cast<double>(tick) * 1000.0 + static_cast<double>(indicator) * 10.0 +
         static_cast<double>(territory) + 0.25;
}

core::IndicatorFrame frame_at(std::int32_t tick, std::size_t indicators, std::size_t territories) {
  core::IndicatorFrame frame{tick, territories, std::vector<double>(indicators * territories)};
  for (std::size_t i = 0; i < indicators; ++i)
    for (std::size_t t = 0; t < territories; ++t)
      frame.at(i, t) = value_of(tick, i, t);
  return frame;
}

const std::vector<core::IndicatorSpec> kSpecs{
    {"employment_total", "jobs", "Employed persons."},
    {"median_wage", "EUR/month", "Median monthly wage."},
    {"cooperation_share", "share", "Share of firms in a pole."},
};

} // namespace

TEST_CASE("root attributes round trip with their types", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "run.h5";
  io::RunFileWriter writer(path, {false, true});
  writer.set_attribute("kind", "run");
  writer.set_attribute("scenario_toml", std::string("[run]\nseed = 42\nname = \"défaut\"\n"));
  writer.set_attribute("seed", std::int64_t{-7});
  writer.set_attribute("threads", 4);
  writer.set_attribute("big", std::numeric_limits<std::int64_t>::max());
  writer.set_attribute("wall_seconds", 12.5);
  writer.set_attribute("kind", "run-replaced"); // replacing an attribute is allowed
  writer.finish();

  const io::RunFileReader reader(path);
  CHECK(reader.attribute_string("/", "ptcesim_version") == core::version());
  CHECK(reader.attribute_string("/", "git_commit") == core::git_commit());
  CHECK(reader.attribute_string("/", "kind") == "run-replaced");
  CHECK(reader.attribute_string("/", "scenario_toml") == "[run]\nseed = 42\nname = \"défaut\"\n");
  CHECK(reader.attribute_int("/", "seed") == -7);
  CHECK(reader.attribute_int("/", "threads") == 4);
  CHECK(reader.attribute_int("/", "big") == std::numeric_limits<std::int64_t>::max());
  CHECK(reader.attribute_double("/", "wall_seconds") == 12.5);
  CHECK(reader.attribute_names("/") == std::vector<std::string>{"big", "git_commit", "kind",
                                                                "ptcesim_version", "scenario_toml",
                                                                "seed", "threads", "wall_seconds"});
}

TEST_CASE("an unsigned attribute too large for int64 is refused", "[io]") {
  CHECK_THROWS_AS(io::AttributeValue(std::numeric_limits<std::uint64_t>::max()), io::OutputError);
  CHECK(std::get<std::int64_t>(io::AttributeValue(std::uint64_t{42}).get()) == 42);
}

TEST_CASE("territories round trip with named numeric columns", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "run.h5";
  const std::vector<std::string> names{"Vallée de la Drôme", "Bassin minier", "Pays de Redon"};
  {
    io::RunFileWriter writer(path, {false, true});
    writer.write_territories(
        names, {{"population", "persons", std::vector<std::int64_t>{52000, 310000, 66000}},
                {"area", "km2", std::vector<double>{2200.5, 1200.0, 1550.25}}});
    writer.finish();
  }
  const io::RunFileReader reader(path);
  CHECK(reader.read_strings("/territories/name") == names);
  const auto population = reader.read_int64("/territories/population");
  CHECK(population.shape == std::vector<std::size_t>{3});
  CHECK(population.values == std::vector<std::int64_t>{52000, 310000, 66000});
  CHECK(reader.read_double("/territories/area").values ==
        std::vector<double>{2200.5, 1200.0, 1550.25});
  CHECK(reader.attribute_string("/territories/population", "unit") == "persons");
  CHECK(reader.attribute_string("/territories/area", "unit") == "km2");
  CHECK(reader.attribute_int("/territories", "count") == 3);
  CHECK(reader.datasets("/territories") == std::vector<std::string>{"name", "population", "area"});
}

TEST_CASE("a territory column of the wrong length is refused", "[io]") {
  const io::test::TempDir dir;
  io::RunFileWriter writer(dir / "run.h5", {false, true});
  CHECK_THROWS_WITH(writer.write_territories(
                        {"a", "b"}, {{"population", "persons", std::vector<std::int64_t>{1}}}),
                    Contains("/territories/population") && Contains("1 rows for 2 territories"));
}

TEST_CASE("series round trip over several chunks of ticks", "[io]") {
  const bool compress = GENERATE(true, false);
  // 300 territories span two chunk columns; 130 ticks span three chunk rows.
  const std::size_t territories = GENERATE(std::size_t{5}, std::size_t{300});
  constexpr std::int32_t kTicks = 130;
  const io::test::TempDir dir;
  const auto path = dir / "run.h5";
  {
    io::RunFileWriter writer(path, {false, compress});
    writer.begin_series(kSpecs, territories);
    for (std::int32_t tick = 0; tick < kTicks; ++tick)
      writer.append(frame_at(10 + 2 * tick, kSpecs.size(), territories));
    CHECK(writer.run().ticks_written() == kTicks);
    writer.finish();
  }
  const io::RunFileReader reader(path);
  CHECK(reader.datasets("/series") ==
        std::vector<std::string>{"employment_total", "median_wage", "cooperation_share", "tick"});
  const auto ticks = reader.read_int64("/series/tick");
  REQUIRE(ticks.shape == std::vector<std::size_t>{kTicks});
  for (std::int32_t row = 0; row < kTicks; ++row)
    CHECK(ticks.values[static_cast<std::size_t>(row)] == 10 + 2 * row);
  for (std::size_t i = 0; i < kSpecs.size(); ++i) {
    const auto name = "/series/" + kSpecs[i].name;
    CHECK(reader.attribute_string(name, "unit") == kSpecs[i].unit);
    CHECK(reader.attribute_string(name, "description") == kSpecs[i].description);
    const auto series = reader.read_double(name);
    REQUIRE(series.shape == std::vector<std::size_t>{kTicks, territories});
    std::size_t mismatches = 0;
    for (std::int32_t row = 0; row < kTicks; ++row)
      for (std::size_t t = 0; t < territories; ++t)
        if (series.at(static_cast<std::size_t>(row), t) != value_of(10 + 2 * row, i, t))
          ++mismatches;
    CHECK(mismatches == 0);
  }
  CHECK(reader.attribute_int("/series", "territories") == static_cast<std::int64_t>(territories));
}

TEST_CASE("a series with no ticks has zero rows", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "run.h5";
  {
    io::RunFileWriter writer(path, {false, true});
    writer.begin_series(kSpecs, 4);
    writer.finish();
  }
  const io::RunFileReader reader(path);
  CHECK(reader.shape("/series/median_wage") == std::vector<std::size_t>{0, 4});
  CHECK(reader.read_double("/series/median_wage").values.empty());
  CHECK(reader.shape("/series/tick") == std::vector<std::size_t>{0});
}

TEST_CASE("frames that do not match the series are refused", "[io]") {
  const io::test::TempDir dir;
  io::RunFileWriter writer(dir / "run.h5", {false, true});
  CHECK_THROWS_WITH(writer.append(frame_at(0, 3, 2)), Contains("before begin_series"));
  writer.begin_series(kSpecs, 2);
  CHECK_THROWS_WITH(writer.begin_series(kSpecs, 2), Contains("called twice"));
  CHECK_THROWS_WITH(writer.append(frame_at(0, 3, 3)),
                    Contains("frame has 3 territories, series has 2"));
  CHECK_THROWS_WITH(writer.append(frame_at(0, 2, 2)), Contains("frame has 4 values"));
  writer.append(frame_at(5, 3, 2));
  CHECK_THROWS_WITH(writer.append(frame_at(5, 3, 2)), Contains("tick 5 appended after tick 5"));
  CHECK(writer.run().ticks_written() == 1);
}

TEST_CASE("indicator names that would break the layout are refused", "[io]") {
  const io::test::TempDir dir;
  io::RunFileWriter writer(dir / "run.h5", {false, true});
  CHECK_THROWS_WITH(writer.begin_series({{"tick", "month", "clash"}}, 1),
                    Contains("invalid indicator name 'tick'"));
}

TEST_CASE("snapshots round trip with both column types", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "run.h5";
  const core::TableSnapshot firms{
      "firms",
      120,
      {{"id", "", std::vector<std::int64_t>{3, 8, 21}},
       {"cash", "EUR", std::vector<double>{1.5e5, -2.0e3, 0.0}},
       {"employees", "persons", std::vector<std::int64_t>{12, 1, 250}}}};
  const core::TableSnapshot initiatives{
      "sse_initiatives", 120, {{"budget", "EUR/month", std::vector<double>{900.0}}}};
  const core::TableSnapshot firms_later{"firms", 240, {{"cash", "EUR", std::vector<double>{}}}};
  {
    io::RunFileWriter writer(path, {false, true});
    writer.write_snapshot(firms);
    writer.write_snapshot(initiatives);
    writer.write_snapshot(firms_later);
    CHECK_THROWS_WITH(writer.write_snapshot(firms),
                      Contains("/snapshots/tick_120/firms/id") && Contains("already exists"));
    writer.finish();
  }
  const io::RunFileReader reader(path);
  CHECK(reader.groups("/snapshots") == std::vector<std::string>{"tick_120", "tick_240"});
  CHECK(reader.attribute_int("/snapshots/tick_120", "tick") == 120);
  CHECK(reader.groups("/snapshots/tick_120") ==
        std::vector<std::string>{"firms", "sse_initiatives"});
  CHECK(reader.datasets("/snapshots/tick_120/firms") ==
        std::vector<std::string>{"id", "cash", "employees"});
  CHECK(reader.read_int64("/snapshots/tick_120/firms/id").values ==
        std::vector<std::int64_t>{3, 8, 21});
  CHECK(reader.read_double("/snapshots/tick_120/firms/cash").values ==
        std::vector<double>{1.5e5, -2.0e3, 0.0});
  CHECK(reader.attribute_string("/snapshots/tick_120/firms/cash", "unit") == "EUR");
  CHECK(reader.attribute_string("/snapshots/tick_120/firms/employees", "unit") == "persons");
  CHECK(reader.attribute_int("/snapshots/tick_120/firms", "rows") == 3);
  CHECK(reader.read_double("/snapshots/tick_120/sse_initiatives/budget").values ==
        std::vector<double>{900.0});
  CHECK(reader.shape("/snapshots/tick_240/firms/cash") == std::vector<std::size_t>{0});
}

TEST_CASE("a snapshot with columns of different lengths is refused", "[io]") {
  const io::test::TempDir dir;
  io::RunFileWriter writer(dir / "run.h5", {false, true});
  const core::TableSnapshot ragged{
      "firms",
      1,
      {{"id", "", std::vector<std::int64_t>{1, 2}}, {"cash", "EUR", std::vector<double>{1.0}}}};
  CHECK_THROWS_WITH(writer.write_snapshot(ragged),
                    Contains("/snapshots/tick_1/firms/cash") && Contains("1 rows"));
}

TEST_CASE("compression shrinks repetitive series and keeps them exact", "[io]") {
  const io::test::TempDir dir;
  constexpr std::size_t kTerritories = 50;
  constexpr std::int32_t kTicks = 400;
  const auto write = [&](const std::string& name, bool compress) {
    io::RunFileWriter writer(dir / name, {false, compress});
    writer.begin_series({{"unemployment_rate", "share", "Unemployed over labour force."}},
                        kTerritories);
    for (std::int32_t tick = 0; tick < kTicks; ++tick)
      writer.append({tick, kTerritories, std::vector<double>(kTerritories, 0.075)});
    writer.finish();
    return std::filesystem::file_size(dir / name);
  };
  const auto raw_bytes = kTerritories * static_cast<std::size_t>(kTicks) * sizeof(double);
  const auto plain = write("plain.h5", false);
  const auto compressed = write("compressed.h5", true);
  CHECK(plain >= raw_bytes);
  CHECK(compressed * 10 < raw_bytes);
  const auto series =
      io::RunFileReader(dir / "compressed.h5").read_double("/series/unemployment_rate");
  CHECK(series.values == std::vector<double>(raw_bytes / sizeof(double), 0.075));
}
