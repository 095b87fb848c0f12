#include "sim/io/checkpoint_file.hpp"
#include "sim/io/errors.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace ptcesim;
using io::test::file_bytes;
using io::test::TempDir;

namespace {

std::vector<std::byte> payload_of(const std::string& text) {
  std::vector<std::byte> out;
  for (const char c : text)
    out.push_back(static_cast<std::byte>(c));
  return out;
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace

TEST_CASE("a checkpoint file gives back its payload", "[io][checkpoint]") {
  const TempDir dir;
  const auto path = dir / "run.h5.ckpt";
  const auto payload = payload_of("world state, tick 17");
  io::write_checkpoint_file(path, payload);
  CHECK(io::read_checkpoint_file(path) == payload);
  CHECK_FALSE(std::filesystem::exists(io::checkpoint_partial_path(path)));
  // A second checkpoint replaces the first whole.
  const auto next = payload_of("tick 18");
  io::write_checkpoint_file(path, next);
  CHECK(io::read_checkpoint_file(path) == next);
  // An empty payload is a valid checkpoint too.
  io::write_checkpoint_file(path, {});
  CHECK(io::read_checkpoint_file(path).empty());
}

TEST_CASE("a truncated checkpoint is refused with a message naming the file", "[io][checkpoint]") {
  const TempDir dir;
  const auto path = dir / "run.h5.ckpt";
  io::write_checkpoint_file(path, payload_of("some state to lose"));
  const auto whole = file_bytes(path);
  const auto cut_path = dir / "cut.ckpt";
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    INFO("cut at " << cut << " of " << whole.size());
    write_bytes(cut_path, whole.substr(0, cut));
    CHECK_THROWS_WITH(io::read_checkpoint_file(cut_path),
                      Catch::StartsWith(cut_path.string() + ": ") &&
                          (Catch::Contains("truncated") || Catch::Contains("not a ptcesim")));
  }
  write_bytes(cut_path, whole + "x");
  CHECK_THROWS_WITH(io::read_checkpoint_file(cut_path), Catch::Contains("unexpected bytes"));
}

TEST_CASE("a checkpoint with any byte changed is refused", "[io][checkpoint]") {
  const TempDir dir;
  const auto path = dir / "run.h5.ckpt";
  io::write_checkpoint_file(path, payload_of("agents and poles"));
  const auto whole = file_bytes(path);
  const auto bad_path = dir / "bad.ckpt";
  for (std::size_t at = 0; at < whole.size(); ++at) {
    INFO("byte " << at << " of " << whole.size());
    auto damaged = whole;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    write_bytes(bad_path, damaged);
    CHECK_THROWS_AS(io::read_checkpoint_file(bad_path), io::CheckpointError);
  }
  auto body_flip = whole;
  body_flip[whole.size() - 3] = static_cast<char>(body_flip[whole.size() - 3] ^ 1);
  write_bytes(bad_path, body_flip);
  CHECK_THROWS_WITH(io::read_checkpoint_file(bad_path),
                    Catch::Contains("corrupted checkpoint (checksum mismatch)"));
}

TEST_CASE("a checkpoint of another build is refused, naming both builds", "[io][checkpoint]") {
  const TempDir dir;
  const auto path = dir / "old.ckpt";
  io::write_checkpoint_file(path, payload_of("state"), {"0.0.1", "0123abc"});
  const auto current = io::current_build();
  CHECK_THROWS_WITH(io::read_checkpoint_file(path),
                    Catch::StartsWith(path.string() + ": written by ptcesim 0.0.1 (git 0123abc)") &&
                        Catch::Contains(std::string(current.git_commit)));
  // The same build reads it.
  CHECK(io::read_checkpoint_file(path, {"0.0.1", "0123abc"}) == payload_of("state"));
}

TEST_CASE("missing files and other files are not checkpoints", "[io][checkpoint]") {
  const TempDir dir;
  CHECK_THROWS_WITH(io::read_checkpoint_file(dir / "none.ckpt"),
                    Catch::Contains("none.ckpt: no such checkpoint file"));
  CHECK_THROWS_WITH(io::read_checkpoint_file(dir.path()), Catch::Contains("not a regular file"));
  write_bytes(dir / "notes.txt", "PTCE notes, not a checkpoint at all");
  CHECK_THROWS_WITH(io::read_checkpoint_file(dir / "notes.txt"),
                    Catch::Contains("not a ptcesim checkpoint"));
}

TEST_CASE("a failed checkpoint write keeps the previous checkpoint", "[io][checkpoint]") {
  const TempDir dir;
  const auto path = dir / "run.h5.ckpt";
  io::write_checkpoint_file(path, payload_of("tick 5"));
  // The partial name is taken by a directory: the new checkpoint cannot be written.
  std::filesystem::create_directory(io::checkpoint_partial_path(path));
  CHECK_THROWS_AS(io::write_checkpoint_file(path, payload_of("tick 6")), io::OutputError);
  CHECK(io::read_checkpoint_file(path) == payload_of("tick 5"));
  CHECK_THROWS_AS(io::write_checkpoint_file(dir / "no" / "such" / "dir.ckpt", payload_of("x")),
                  io::OutputError);
}
