#pragma once
#include <array>
#include <cstddef>
#include <istream>
#include <string>

namespace ptcesim::scenario {

/// The largest input file (scenario, sweep, base scenario, pole file) ptcesim reads. A listed
/// scenario at the territory limit (100,000) takes about 5 MB; the bound is checked while
/// reading, so /dev/zero or a file of gigabytes is refused at once instead of filling memory.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;
inline constexpr const char* kMaxInputText = "64 MiB";

/// Reads the rest of `in` into `text`, up to `limit` bytes. Returns false, with `text` cleared,
/// when there is more; a read error is left for the caller to see in `in.bad()`.
inline bool read_bounded(std::istream& in, std::string& text, std::size_t limit = kMaxInputBytes) {
  text.clear();
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n > limit - text.size()) {
      text.clear();
      return false;
    }
    text.append(buffer.data(), n);
  }
  return true;
}

} // namespace ptcesim::scenario
