#include "sim/sweep/design.hpp"

#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/stream.hpp"
#include "sim/sweep/sobol.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ptcesim::sweep {
namespace {

// Stream purposes of the designs; the key is the sweep seed, the agent slot the row or column.
constexpr core::Purpose kRandomPoint = 0x5301;
constexpr core::Purpose kLhsPermutation = 0x5302;
constexpr core::Purpose kLhsJitter = 0x5303;
constexpr core::Purpose kMorrisTrajectory = 0x5304;

} // namespace

std::vector<std::vector<std::size_t>> full_factorial(std::span<const std::size_t> level_counts) {
  std::size_t total = 1;
  for (const auto n : level_counts)
    total *= n;
  std::vector<std::vector<std::size_t>> combos;
  combos.reserve(total);
  std::vector<std::size_t> current(level_counts.size(), 0);
  for (std::size_t c = 0; c < total; ++c) {
    combos.push_back(current);
    // Odometer increment, last factor fastest.
    for (std::size_t j = level_counts.size(); j-- > 0;) {
      if (++current[j] < level_counts[j])
        break;
      current[j] = 0;
    }
  }
  return combos;
}

UnitPoints random_points(std::size_t n, std::size_t k, std::uint64_t seed) {
  UnitPoints points(n, std::vector<double>(k));
  for (std::size_t i = 0; i < n; ++i) {
    core::RandomStream stream(seed, kRandomPoint, i, 0);
    for (auto& u : points[i])
      u = stream.uniform01();
  }
  return points;
}

UnitPoints latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed) {
  UnitPoints points(n, std::vector<double>(k));
  std::vector<std::size_t> strata(n);
  for (std::size_t j = 0; j < k; ++j) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    core::RandomStream permutation(seed, kLhsPermutation, j, 0);
    core::shuffle(permutation, std::span<std::size_t>(strata));
    core::RandomStream jitter(seed, kLhsJitter, j, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const double u =
          (static_cast<double>(strata[i]) + jitter.uniform01()) / static_cast<double>(n);
      // Rounding may carry (s + 0.99999...) / n up to the next stratum's edge: keep it inside.
      const double upper =
          std::nextafter(static_cast<double>(strata[i] + 1) / static_cast<double>(n), 0.0);
      points[i][j] = std::min(u, upper);
    }
  }
  return points;
}

UnitPoints sobol_points(std::size_t n, std::size_t k) {
  SobolSequence sequence(k);
  UnitPoints points;
  points.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    points.push_back(sequence.next());
  return points;
}

UnitPoints saltelli_points(std::size_t n, std::size_t k) {
  const auto base = sobol_points(n, 2 * k);
  UnitPoints points(n * (k + 2), std::vector<double>(k));
  for (std::size_t row = 0; row < n; ++row) {
    for (std::size_t j = 0; j < k; ++j) {
      points[row][j] = base[row][j];
      points[n + row][j] = base[row][k + j];
    }
    for (std::size_t i = 0; i < k; ++i) {
      auto& ab = points[(2 + i) * n + row];
      ab = points[row];
      ab[i] = base[row][k + i];
    }
  }
  return points;
}

double morris_delta(std::size_t grid_levels) noexcept {
  const auto p = static_cast<double>(grid_levels);
  return p / (2 * (p - 1));
}

UnitPoints morris_trajectories(std::size_t r, std::size_t k, std::size_t grid_levels,
                               std::uint64_t seed) {
  const std::size_t p = grid_levels;
  const std::size_t jump = p / 2; // Δ in grid steps
  const auto step = 1.0 / static_cast<double>(p - 1);
  UnitPoints points;
  points.reserve(r * (k + 1));
  std::vector<std::size_t> level(k), order(k);
  std::vector<bool> up(k);
  for (std::size_t t = 0; t < r; ++t) {
    core::RandomStream stream(seed, kMorrisTrajectory, t, 0);
    // Base levels in {0, ..., p/2 - 1} leave room for one jump up; a factor moving down starts
    // one jump higher, so every point stays on the grid.
    for (std::size_t i = 0; i < k; ++i) {
      level[i] = static_cast<std::size_t>(core::uniform_index(stream, jump));
      up[i] = core::bernoulli(stream, 0.5);
      if (!up[i])
        level[i] += jump;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    core::shuffle(stream, std::span<std::size_t>(order));
    const auto emit = [&] {
      std::vector<double> u(k);
      for (std::size_t i = 0; i < k; ++i)
        u[i] = static_cast<double>(level[i]) * step;
      points.push_back(std::move(u));
    };
    emit();
    for (const auto i : order) {
      level[i] = up[i] ? level[i] + jump : level[i] - jump;
      emit();
    }
  }
  return points;
}

} // namespace ptcesim::sweep
