#pragma once
#include "sim/core/rng/stream.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// Distributions written in the project so that results are identical on every standard library.
namespace ptcesim::core {

/// Uniform real in [lo, hi) (hi itself only through rounding).
[[nodiscard]] double uniform(RandomStream& s, double lo, double hi) noexcept;
/// Unbiased integer in [0, n) (Lemire's method); n > 0.
[[nodiscard]] std::uint64_t uniform_index(RandomStream& s, std::uint64_t n) noexcept;
/// True with probability p (always false for p <= 0, always true for p >= 1).
[[nodiscard]] bool bernoulli(RandomStream& s, double p) noexcept;
/// N(0, 1) by Marsaglia's polar method (one value per call; no cached second value).
[[nodiscard]] double standard_normal(RandomStream& s) noexcept;
/// N(mean, sd^2).
[[nodiscard]] double normal(RandomStream& s, double mean, double sd) noexcept;
/// exp(N(mu, sigma^2)).
[[nodiscard]] double lognormal(RandomStream& s, double mu, double sigma) noexcept;
/// Exponential with the given rate (mean 1 / rate); rate > 0.
[[nodiscard]] double exponential(RandomStream& s, double rate) noexcept;
/// Gamma(shape k, scale theta), Marsaglia & Tsang (2000), boosted for k < 1; k, theta > 0.
[[nodiscard]] double gamma(RandomStream& s, double shape, double scale) noexcept;
/// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); a, b > 0.
[[nodiscard]] double beta(RandomStream& s, double a, double b) noexcept;
/// Pareto type I: x_min * U^(-1/alpha); x_min, alpha > 0.
[[nodiscard]] double pareto(RandomStream& s, double x_min, double alpha) noexcept;
/// Poisson(mean), exact: inversion below mean 10, Hörmann's PTRS above. 0 if mean <= 0.
[[nodiscard]] std::uint64_t poisson(RandomStream& s, double mean) noexcept;
/// Binomial(n, p), exact: inversion below n min(p, 1-p) = 10, Hörmann's BTRS above.
[[nodiscard]] std::uint64_t binomial(RandomStream& s, std::uint64_t n, double p) noexcept;
/// Index drawn with probability proportional to weights (non-negative, not all zero).
[[nodiscard]] std::size_t categorical(RandomStream& s, std::span<const double> weights) noexcept;

/// Walker/Vose alias table: O(1) categorical draws from fixed weights.
/// The constructor throws std::invalid_argument for no weights, a negative or non-finite
/// weight, or all weights zero.
class AliasTable {
public:
  /// An empty table (size 0); draw() needs a table built from weights.
  AliasTable() = default;
  /// Builds the table in O(n) (Vose 1991).
  explicit AliasTable(std::span<const double> weights);
  /// Index drawn with probability proportional to its weight.
  [[nodiscard]] std::size_t draw(RandomStream& s) const noexcept;
  /// Number of categories.
  [[nodiscard]] std::size_t size() const noexcept { return probability_.size(); }

private:
  std::vector<double> probability_;
  std::vector<std::uint32_t> alias_;
};

/// Fisher-Yates shuffle driven by the stream.
template <class T>
void shuffle(RandomStream& s, std::span<T> items) noexcept {
  for (std::size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(uniform_index(s, i));
    using std::swap;
    swap(items[i - 1], items[j]);
  }
}

} // namespace ptcesim::core
