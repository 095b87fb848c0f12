// Partial files, atomic rename, refusal to overwrite, and failures that name the path.
#include "sim/io/run_file.hpp"
#include "sim/io/run_file_reader.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace ptcesim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

void write_run(const fs::path& path, bool force, std::int64_t seed) {
  io::RunFileWriter writer(path, {force, true});
  writer.set_attribute("seed", seed);
  writer.finish();
}

} // namespace

TEST_CASE("the run is written to a .partial file and renamed by finish", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  io::RunFileWriter writer(final_path, {false, true});
  CHECK(writer.partial_path() == dir / "run.h5.partial");
  CHECK(fs::exists(writer.partial_path()));
  CHECK_FALSE(fs::exists(final_path));
  writer.set_attribute("kind", "run");
  writer.finish();
  CHECK(writer.finished());
  CHECK(fs::exists(final_path));
  CHECK_FALSE(fs::exists(writer.partial_path()));
  const io::RunFileReader reader(final_path);
  CHECK(reader.attribute_string("/", "kind") == "run");
}

TEST_CASE("an unfinished writer leaves neither a final nor a partial file", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  {
    io::RunFileWriter writer(final_path, {false, true});
    writer.begin_series({{"jobs", "jobs", "employed persons"}}, 2);
    writer.append({0, 2, {1.0, 2.0}});
    CHECK(fs::exists(writer.partial_path()));
  }
  CHECK_FALSE(fs::exists(final_path));
  CHECK_FALSE(fs::exists(io::RunFileWriter::partial_path_for(final_path)));
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a writer abandoned by an exception removes its partial file", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  const auto attempt = [&] {
    io::RunFileWriter writer(final_path, {false, true});
    writer.begin_series({{"jobs", "jobs", "employed persons"}}, 2);
    writer.append({0, 3, {1.0, 2.0, 3.0}}); // wrong territory count: throws
    writer.finish();
  };
  CHECK_THROWS_AS(attempt(), io::OutputError);
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("an existing output is refused without force and replaced with it", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  write_run(final_path, false, 1);
  const auto before = io::test::file_bytes(final_path);

  CHECK_THROWS_WITH(io::RunFileWriter::check_can_write(final_path, false), Contains("--force"));
  CHECK_THROWS_AS(io::RunFileWriter::check_can_write(final_path, false), io::OutputExists);
  CHECK_THROWS_AS(write_run(final_path, false, 2), io::OutputExists);
  CHECK(io::test::file_bytes(final_path) == before);
  CHECK_FALSE(fs::exists(io::RunFileWriter::partial_path_for(final_path)));

  CHECK_NOTHROW(io::RunFileWriter::check_can_write(final_path, true));
  write_run(final_path, true, 2);
  CHECK(io::RunFileReader(final_path).attribute_int("/", "seed") == 2);
  CHECK_FALSE(fs::exists(io::RunFileWriter::partial_path_for(final_path)));
}

TEST_CASE("a stale partial file from a killed run is replaced", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  { std::ofstream(io::RunFileWriter::partial_path_for(final_path)) << "left by kill -9"; }
  write_run(final_path, false, 5);
  CHECK(io::RunFileReader(final_path).attribute_int("/", "seed") == 5);
}

TEST_CASE("writing into a missing directory fails naming the path", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "no/such/dir/run.h5";
  CHECK_THROWS_WITH(io::RunFileWriter::check_can_write(final_path, false),
                    Contains((dir / "no/such/dir").string()) && Contains("does not exist"));
  CHECK_THROWS_AS(io::RunFileWriter(final_path, {true, true}), io::OutputError);
  CHECK_THROWS_WITH(io::RunFileWriter(final_path, {true, true}), Contains("no/such/dir/run.h5"));
}

TEST_CASE("a directory is not a valid output path", "[io]") {
  const io::test::TempDir dir;
  CHECK_THROWS_WITH(io::RunFileWriter::check_can_write(dir.path(), true),
                    Contains("is a directory"));
}

TEST_CASE("nothing can be written after finish", "[io]") {
  const io::test::TempDir dir;
  io::RunFileWriter writer(dir / "run.h5", {false, true});
  const auto root = writer.group("/");
  writer.finish();
  CHECK_THROWS_WITH(root.set_attribute("late", 1), Contains("already finished"));
  CHECK_THROWS_WITH(writer.finish(), Contains("finish called twice"));
}

TEST_CASE("a moved writer keeps writing the same file", "[io]") {
  const io::test::TempDir dir;
  const auto final_path = dir / "run.h5";
  io::RunFileWriter first(final_path, {false, true});
  first.begin_series({{"jobs", "jobs", "employed persons"}}, 1);
  first.append({0, 1, {4.0}});
  io::RunFileWriter second(std::move(first));
  second.append({1, 1, {5.0}});
  second.finish();
  const auto jobs = io::RunFileReader(final_path).read_double("/series/jobs");
  CHECK(jobs.values == std::vector<double>{4.0, 5.0});
}
