// Reader errors name the file and the object; files that are not ptcesim outputs are rejected.
#include "sim/io/run_file.hpp"
#include "sim/io/run_file_reader.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace ptcesim;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

// A small finished run file: one indicator over two ticks and a territory table.
std::filesystem::path small_run(const io::test::TempDir& dir) {
  const auto path = dir / "results.h5";
  io::RunFileWriter writer(path, {false, true});
  writer.write_territories({"north", "south"});
  writer.begin_series({{"employment_total", "jobs", "Employed persons."}}, 2);
  writer.append({0, 2, {1.0, 2.0}});
  writer.append({1, 2, {3.0, 4.0}});
  writer.finish();
  return path;
}

} // namespace

TEST_CASE("a missing dataset is reported with the file and the path", "[io]") {
  const io::test::TempDir dir;
  const auto path = small_run(dir);
  const io::RunFileReader reader(path);
  const auto file = path.string();
  CHECK_THROWS_WITH(reader.read_double("/series/wages"),
                    Equals(file + ": /series/wages: no such dataset"));
  CHECK_THROWS_WITH(reader.read_double("/nothing/here/at_all"),
                    Equals(file + ": /nothing/here/at_all: no such dataset"));
  CHECK_THROWS_WITH(reader.groups("/runs"), Equals(file + ": /runs: no such group"));
  CHECK_THROWS_AS(reader.shape("/series/wages"), io::OutputError);
  CHECK_FALSE(reader.exists("/series/wages"));
  CHECK_FALSE(reader.exists("/series/employment_total/below_a_dataset"));
  CHECK(reader.exists("series/employment_total"));
}

TEST_CASE("reading an object as the wrong kind or type is an error", "[io]") {
  const io::test::TempDir dir;
  const io::RunFileReader reader(small_run(dir));
  CHECK_THROWS_WITH(reader.read_double("/series"), Contains("/series: is a group, not a dataset"));
  CHECK_THROWS_WITH(reader.datasets("/series/tick"),
                    Contains("/series/tick: is a dataset, not a group"));
  CHECK_THROWS_WITH(reader.read_int64("/series/employment_total"),
                    Contains("is a floating-point dataset, not integer"));
  CHECK_THROWS_WITH(reader.read_double("/series/tick"),
                    Contains("is a integer dataset, not floating-point"));
  CHECK_THROWS_WITH(reader.read_strings("/series/tick"),
                    Contains("is a integer dataset, not string"));
  CHECK_THROWS_WITH(reader.attribute_string("/", "seed"), Contains("/: no attribute 'seed'"));
  CHECK_THROWS_WITH(reader.attribute_int("/", "ptcesim_version"),
                    Contains("attribute 'ptcesim_version' is string, not integer"));
  CHECK_THROWS_WITH(reader.attribute_double("/series", "territories"),
                    Contains("attribute 'territories' is integer, not floating-point"));
  CHECK(reader.is_group("/series"));
  CHECK_FALSE(reader.is_dataset("/series"));
  CHECK(reader.is_dataset("/series/tick"));
  CHECK(reader.groups("/") == std::vector<std::string>{"territories", "series"});
  CHECK(reader.read_double("/series/employment_total").at(1, 0) == 3.0);
  CHECK(reader.read_strings("/territories/name") == std::vector<std::string>{"north", "south"});
}

TEST_CASE("a file that is not HDF5 is rejected clearly", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "results.h5";
  { std::ofstream(path) << "tick,employment\n0,12\n"; }
  CHECK_THROWS_WITH(io::RunFileReader(path), Equals(path.string() + ": not an HDF5 file"));
}

TEST_CASE("a missing file is rejected clearly", "[io]") {
  const io::test::TempDir dir;
  const auto path = dir / "absent.h5";
  CHECK_THROWS_WITH(io::RunFileReader(path), Equals(path.string() + ": no such file"));
}

TEST_CASE("an HDF5 file not written by ptcesim is rejected clearly", "[io]") {
  // Written by h5py (tests/unit/io/data/not_ptcesim.h5): a root attribute and a dataset.
  const std::filesystem::path path =
      std::filesystem::path(PTCESIM_SOURCE_DIR) / "tests/unit/io/data/not_ptcesim.h5";
  CHECK_THROWS_WITH(io::RunFileReader(path), Contains("not a ptcesim output file") &&
                                                 Contains("no ptcesim_version attribute"));
}

TEST_CASE("a partial file of an unfinished run is readable but not final", "[io]") {
  // label --from and analysis read only final files; this documents that a partial file is a
  // valid HDF5 file once flushed, so its name (not its content) is what marks it incomplete.
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  io::RunFileWriter writer(final_path, {false, true});
  CHECK_FALSE(std::filesystem::exists(final_path));
  CHECK(writer.partial_path().filename() == "run.h5.partial");
}
