#include "sim/sweep/sobol.hpp"

#include <bit>
#include <stdexcept>
#include <string>

namespace ptcesim::sweep {
namespace {

constexpr unsigned kBits = 32;

/// Direction numbers v_k = m_k / 2^k, scaled by 2^32 (Bratley & Fox 1988, Joe & Kuo 2008).
std::array<std::uint32_t, kBits> directions_for(std::size_t dimension) {
  std::array<std::uint32_t, kBits> v{};
  if (dimension == 1) { // van der Corput: m_k = 1 for every k
    for (unsigned k = 0; k < kBits; ++k)
      v[k] = std::uint32_t{1} << (kBits - 1 - k);
    return v;
  }
  const auto& e = detail::joe_kuo_directions()[dimension - 2];
  const unsigned s = e.degree;
  for (unsigned k = 0; k < s && k < kBits; ++k)
    v[k] = e.initial[k] << (kBits - 1 - k);
  // v_k = a_1 v_{k-1} ^ ... ^ a_{s-1} v_{k-s+1} ^ v_{k-s} ^ (v_{k-s} >> s)
  for (unsigned k = s; k < kBits; ++k) {
    std::uint32_t x = v[k - s] ^ (v[k - s] >> s);
    for (unsigned j = 1; j < s; ++j)
      if ((e.coefficients >> (s - 1 - j)) & 1u)
        x ^= v[k - j];
    v[k] = x;
  }
  return v;
}

} // namespace

SobolSequence::SobolSequence(std::size_t dimensions) : state_(dimensions, 0u) {
  if (dimensions == 0 || dimensions > kSobolMaxDimensions)
    throw std::invalid_argument("Sobol' sequence: dimensions must be in [1, " +
                                std::to_string(kSobolMaxDimensions) + "], got " +
                                std::to_string(dimensions));
  directions_.reserve(dimensions);
  for (std::size_t d = 1; d <= dimensions; ++d)
    directions_.push_back(directions_for(d));
}

std::vector<double> SobolSequence::next() {
  if (index_ >= (std::uint64_t{1} << kBits) - 1)
    throw std::length_error("Sobol' sequence: more than 2^32 - 1 points requested");
  // Gray code: point index_+1 differs from point index_ by the direction of the lowest zero bit
  // of index_ (the first call moves from the skipped zero point to the second point).
  const auto c = static_cast<unsigned>(std::countr_one(index_));
  ++index_;
  std::vector<double> point(state_.size());
  constexpr double kScale = 1.0 / 4294967296.0; // 2^-32
  for (std::size_t d = 0; d < state_.size(); ++d) {
    state_[d] ^= directions_[d][c];
    point[d] = static_cast<double>(state_[d]) * kScale;
  }
  return point;
}

} // namespace ptcesim::sweep
