#include "sim/core/hash.hpp"

namespace ptcesim::core {

void StateHash::add_bytes(const void* data, std::size_t n) noexcept {
  constexpr std::uint64_t kFnvPrime = 1099511628211ull;
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) {
    h_ ^= bytes[i];
    h_ *= kFnvPrime;
  }
}

} // namespace ptcesim::core
