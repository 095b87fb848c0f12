#pragma once
// Sobol' low-discrepancy sequence (Sobol' 1967) with the Joe & Kuo (2008) direction numbers,
// built by Antonov & Saleev's Gray-code recurrence: point n+1 is point n with one direction
// number XOR-ed in, so the sequence is generated in O(dimensions) per point.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ptcesim::sweep {

/// Dimensions for which direction numbers are embedded (new-joe-kuo-6.21201, the first 256).
inline constexpr std::size_t kSobolMaxDimensions = 256;

/// Unscrambled Sobol' points in [0, 1)^d. The all-zero first point is skipped, so next()
/// first returns (0.5, ..., 0.5), then the points the Joe–Kuo reference lists from index 2.
class SobolSequence {
public:
  /// A sequence of `dimensions` coordinates, 1 <= dimensions <= kSobolMaxDimensions; throws
  /// std::invalid_argument otherwise.
  explicit SobolSequence(std::size_t dimensions);
  /// Number of coordinates of each point.
  [[nodiscard]] std::size_t dimensions() const noexcept { return state_.size(); }
  /// The next point; at most 2^32 - 1 points (throws std::length_error beyond).
  [[nodiscard]] std::vector<double> next();

private:
  std::vector<std::array<std::uint32_t, 32>> directions_; // v_{j,k} scaled by 2^32
  std::vector<std::uint32_t> state_;
  std::uint64_t index_ = 0; // points generated, skipped zero included
};

namespace detail {
/// One line of the Joe–Kuo file: dimension, degree s, polynomial coefficients a, m_1..m_s.
struct JoeKuoEntry {
  std::uint16_t dimension;
  std::uint8_t degree;
  std::uint32_t coefficients;
  std::array<std::uint32_t, 16> initial;
};
/// Entries for dimensions 2 .. kSobolMaxDimensions.
[[nodiscard]] const std::array<JoeKuoEntry, kSobolMaxDimensions - 1>& joe_kuo_directions() noexcept;
} // namespace detail

} // namespace ptcesim::sweep
