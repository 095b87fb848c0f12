#pragma once
// Experimental designs in the unit hypercube [0, 1]^k, deterministic from a seed: each random
// choice is a draw of a keyed counter-based stream (core::RandomStream), so a design never
// depends on the order or the thread in which it is built. Factor::value_at maps them to values.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ptcesim::sweep {

/// Points of a design, one row of k coordinates per point.
using UnitPoints = std::vector<std::vector<double>>;

/// Every combination of level indices, the last factor varying fastest.
[[nodiscard]] std::vector<std::vector<std::size_t>>
full_factorial(std::span<const std::size_t> level_counts);

/// `n` points drawn independently and uniformly in [0, 1)^k.
[[nodiscard]] UnitPoints random_points(std::size_t n, std::size_t k, std::uint64_t seed);

/// Latin hypercube (McKay, Beckman & Conover 1979): in each dimension the n strata
/// [s/n, (s+1)/n) hold exactly one point, the strata permuted independently per dimension and
/// each point uniform within its stratum.
[[nodiscard]] UnitPoints latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed);

/// The first n points of the k-dimensional Sobol' sequence, the zero point skipped.
[[nodiscard]] UnitPoints sobol_points(std::size_t n, std::size_t k);

/// Saltelli (2010) scheme from the 2k-dimensional Sobol' sequence: A (first k coordinates),
/// B (last k), then AB_i = A with column i taken from B, for i = 0..k-1. Rows in blocks of n:
/// A, B, AB_0, ..., AB_{k-1}; n (k + 2) points.
[[nodiscard]] UnitPoints saltelli_points(std::size_t n, std::size_t k);

/// Morris (1991) elementary-effect step on a p-level grid: Δ = p / (2 (p - 1)).
[[nodiscard]] double morris_delta(std::size_t grid_levels) noexcept;

/// r Morris trajectories of k + 1 points on the grid {0, 1/(p-1), ..., 1}: a random base
/// point, then each factor once, in a random order, moved by +Δ or -Δ (Morris 1991; Campolongo,
/// Cariboni & Saltelli 2007). Rows: trajectory t occupies rows t (k + 1) .. t (k + 1) + k.
[[nodiscard]] UnitPoints morris_trajectories(std::size_t r, std::size_t k, std::size_t grid_levels,
                                             std::uint64_t seed);

} // namespace ptcesim::sweep
