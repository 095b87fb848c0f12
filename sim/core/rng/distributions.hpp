#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/rng/stream.hpp"

// Distributions written in the project so that results are identical on every standard library.
namespace ptcesim::core {

[[nodiscard]] double uniform(RandomStream& s, double lo, double hi) noexcept;
/// Unbiased integer in [0, n) (Lemire's method); n > 0.
[[nodiscard]] std::uint64_t uniform_index(RandomStream& s, std::uint64_t n) noexcept;
[[nodiscard]] bool bernoulli(RandomStream& s, double p) noexcept;
[[nodiscard]] double standard_normal(RandomStream& s) noexcept;
[[nodiscard]] double normal(RandomStream& s, double mean, double sd) noexcept;
/// exp(N(mu, sigma^2)).
[[nodiscard]] double lognormal(RandomStream& s, double mu, double sigma) noexcept;
[[nodiscard]] double exponential(RandomStream& s, double rate) noexcept;
/// Gamma(shape k, scale theta), Marsaglia & Tsang (2000).
[[nodiscard]] double gamma(RandomStream& s, double shape, double scale) noexcept;
[[nodiscard]] double beta(RandomStream& s, double a, double b) noexcept;
/// Pareto type I: x_min * U^(-1/alpha).
[[nodiscard]] double pareto(RandomStream& s, double x_min, double alpha) noexcept;
[[nodiscard]] std::uint64_t poisson(RandomStream& s, double mean) noexcept;
[[nodiscard]] std::uint64_t binomial(RandomStream& s, std::uint64_t n, double p) noexcept;
/// Index drawn with probability proportional to weights (non-negative, not all zero).
[[nodiscard]] std::size_t categorical(RandomStream& s, std::span<const double> weights) noexcept;

/// Walker/Vose alias table: O(1) categorical draws from fixed weights.
class AliasTable {
public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights);
  [[nodiscard]] std::size_t draw(RandomStream& s) const noexcept;
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
