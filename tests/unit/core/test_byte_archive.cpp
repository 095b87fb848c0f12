#include "sim/core/byte_archive.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace ptcesim::core;

namespace {

enum class Colour : std::uint8_t { red, green };

struct Pair {
  double a;
  double b;
};

std::vector<std::byte> sample_archive() {
  ByteWriter out;
  out.scalar(std::int32_t{-7});
  out.scalar(std::numeric_limits<double>::quiet_NaN());
  out.scalar(true);
  out.scalar(Colour::green);
  out.scalar(std::array<double, 3>{1.5, -2.0, 1e300});
  out.scalar(Pair{0.25, 4.0});
  out.vector(std::vector<std::uint64_t>{1, 2, 1ull << 63});
  out.vector(std::vector<float>{});
  out.string("Pays de Saint-Nazaire");
  out.strings({"Bourg", "", "Hameau"});
  return out.take();
}

} // namespace

TEST_CASE("an archive reads back what was written, bit for bit", "[byte_archive]") {
  const auto bytes = sample_archive();
  ByteReader in(bytes);
  CHECK(in.scalar<std::int32_t>() == -7);
  const auto nan = in.scalar<double>();
  CHECK(nan != nan);
  CHECK(in.scalar<bool>());
  CHECK(in.scalar<Colour>() == Colour::green);
  CHECK(in.scalar<std::array<double, 3>>() == std::array<double, 3>{1.5, -2.0, 1e300});
  const auto pair = in.scalar<Pair>();
  CHECK(pair.a == 0.25);
  CHECK(pair.b == 4.0);
  std::vector<std::uint64_t> ids{99};
  in.vector(ids);
  CHECK(ids == std::vector<std::uint64_t>{1, 2, 1ull << 63});
  std::vector<float> empty{1.0f};
  in.vector(empty);
  CHECK(empty.empty());
  CHECK(in.string() == "Pays de Saint-Nazaire");
  std::vector<std::string> names;
  in.strings(names);
  CHECK(names == std::vector<std::string>{"Bourg", "", "Hameau"});
  CHECK(in.remaining() == 0);
  CHECK_NOTHROW(in.expect_end());
}

TEST_CASE("reading a cut archive throws at every cut, never reads past the end", "[byte_archive]") {
  const auto bytes = sample_archive();
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO("cut at " << cut << " of " << bytes.size());
    ByteReader in(std::span<const std::byte>(bytes.data(), cut));
    const auto read_all = [&] {
      static_cast<void>(in.scalar<std::int32_t>());
      static_cast<void>(in.scalar<double>());
      static_cast<void>(in.scalar<bool>());
      static_cast<void>(in.scalar<Colour>());
      static_cast<void>(in.scalar<std::array<double, 3>>());
      static_cast<void>(in.scalar<Pair>());
      std::vector<std::uint64_t> ids;
      in.vector(ids);
      std::vector<float> floats;
      in.vector(floats);
      static_cast<void>(in.string());
      std::vector<std::string> names;
      in.strings(names);
      in.expect_end();
    };
    CHECK_THROWS_AS(read_all(), ArchiveError);
  }
}

TEST_CASE("impossible lengths and flags are errors, not allocations", "[byte_archive]") {
  SECTION("a huge vector length") {
    ByteWriter out;
    out.scalar(std::uint64_t{1} << 60);
    out.scalar(1.0);
    const auto bytes = out.take();
    ByteReader in(bytes);
    std::vector<double> values;
    CHECK_THROWS_WITH(in.vector(values), Catch::Contains("exceeds the bytes left"));
  }
  SECTION("a huge string count") {
    ByteWriter out;
    out.scalar(std::numeric_limits<std::uint64_t>::max());
    const auto bytes = out.take();
    ByteReader in(bytes);
    std::vector<std::string> texts;
    CHECK_THROWS_AS(in.strings(texts), ArchiveError);
  }
  SECTION("a flag byte other than 0 or 1") {
    ByteWriter out;
    out.scalar(std::uint8_t{2});
    const auto bytes = out.take();
    ByteReader in(bytes);
    CHECK_THROWS_WITH(in.scalar<bool>(), Catch::Contains("invalid flag byte"));
  }
  SECTION("bytes left over") {
    ByteWriter out;
    out.scalar(std::int32_t{1});
    out.scalar(std::int32_t{2});
    const auto bytes = out.take();
    ByteReader in(bytes);
    static_cast<void>(in.scalar<std::int32_t>());
    CHECK_THROWS_WITH(in.expect_end(), Catch::Contains("4 unexpected bytes"));
  }
}
