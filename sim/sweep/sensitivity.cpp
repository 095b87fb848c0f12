#include "sim/sweep/sensitivity.hpp"

#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/stream.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ptcesim::sweep {
namespace {

constexpr core::Purpose kMorrisBootstrap = 0x5311;
constexpr core::Purpose kSobolBootstrap = 0x5312;

/// Quantile of sorted values with linear interpolation (Hyndman & Fan type 7).
double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Interval percentile_interval(std::vector<double> estimates, double confidence) {
  if (std::any_of(estimates.begin(), estimates.end(), [](double x) { return std::isnan(x); }))
    return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  std::sort(estimates.begin(), estimates.end());
  const double alpha = 1 - confidence;
  return {quantile_sorted(estimates, alpha / 2), quantile_sorted(estimates, 1 - alpha / 2)};
}

/// Resample `count` indices of [0, count) with replacement, from resample b's stream.
std::vector<std::size_t> resample(std::uint64_t seed, core::Purpose purpose, std::size_t b,
                                  std::size_t count) {
  core::RandomStream stream(seed, purpose, b, 0);
  std::vector<std::size_t> rows(count);
  for (auto& r : rows)
    r = static_cast<std::size_t>(core::uniform_index(stream, count));
  return rows;
}

/// One elementary effect: which factor moved and (y_after - y_before) / (u_after - u_before).
struct Effect {
  std::size_t factor;
  double value;
};

/// μ* of each factor over the trajectories listed in `which`.
std::vector<double> mu_star_of(const std::vector<std::vector<Effect>>& effects,
                               const std::vector<std::size_t>& which, std::size_t k) {
  std::vector<double> sum(k, 0.0);
  std::vector<std::size_t> count(k, 0);
  for (const auto t : which)
    for (const auto& e : effects[t]) {
      sum[e.factor] += std::fabs(e.value);
      ++count[e.factor];
    }
  for (std::size_t i = 0; i < k; ++i)
    sum[i] = count[i] ? sum[i] / static_cast<double>(count[i])
                      : std::numeric_limits<double>::quiet_NaN();
  return sum;
}

struct SobolEstimate {
  std::vector<double> first, total;
  double variance;
};

/// The estimators over rows `rows` of each block.
SobolEstimate estimate(std::span<const double> y, std::size_t n, std::size_t k,
                       const std::vector<std::size_t>& rows) {
  const auto m = static_cast<double>(rows.size());
  const auto a = y.subspan(0, n);
  const auto b = y.subspan(n, n);
  double mean = 0;
  for (const auto r : rows)
    mean += a[r] + b[r];
  mean /= 2 * m;
  double variance = 0;
  for (const auto r : rows)
    variance += (a[r] - mean) * (a[r] - mean) + (b[r] - mean) * (b[r] - mean);
  variance /= 2 * m;
  SobolEstimate e{std::vector<double>(k), std::vector<double>(k), variance};
  for (std::size_t i = 0; i < k; ++i) {
    const auto ab = y.subspan((2 + i) * n, n);
    double first = 0, total = 0;
    for (const auto r : rows) {
      first += b[r] * (ab[r] - a[r]);           // Saltelli et al. (2010), table 2 (b)
      total += (a[r] - ab[r]) * (a[r] - ab[r]); // Jansen (1999)
    }
    e.first[i] = first / m / variance;
    e.total[i] = total / (2 * m) / variance;
  }
  return e;
}

} // namespace

MorrisIndices morris_indices(const UnitPoints& points, std::span<const double> outputs,
                             const BootstrapOptions& bootstrap) {
  if (points.empty() || points.size() != outputs.size())
    throw std::invalid_argument("Morris: need one output per point, got " +
                                std::to_string(outputs.size()) + " outputs for " +
                                std::to_string(points.size()) + " points");
  const std::size_t k = points.front().size();
  if (points.size() % (k + 1) != 0)
    throw std::invalid_argument("Morris: the points are not whole trajectories of k + 1 points");
  const std::size_t r = points.size() / (k + 1);
  std::vector<std::vector<Effect>> effects(r);
  for (std::size_t t = 0; t < r; ++t)
    for (std::size_t s = 0; s < k; ++s) {
      const auto row = t * (k + 1) + s;
      const auto& before = points[row];
      const auto& after = points[row + 1];
      std::size_t changed = k;
      for (std::size_t i = 0; i < k; ++i)
        if (before[i] != after[i]) {
          if (changed != k)
            throw std::invalid_argument("Morris: a step changes more than one factor (row " +
                                        std::to_string(row) + ")");
          changed = i;
        }
      if (changed == k)
        throw std::invalid_argument("Morris: a step changes no factor (row " + std::to_string(row) +
                                    ")");
      effects[t].push_back(
          {changed, (outputs[row + 1] - outputs[row]) / (after[changed] - before[changed])});
    }

  MorrisIndices m;
  std::vector<std::size_t> all(r);
  for (std::size_t t = 0; t < r; ++t)
    all[t] = t;
  m.mu_star = mu_star_of(effects, all, k);
  m.mu.assign(k, 0.0);
  m.sigma.assign(k, 0.0);
  std::vector<std::size_t> count(k, 0);
  for (const auto& trajectory : effects)
    for (const auto& e : trajectory) {
      m.mu[e.factor] += e.value;
      ++count[e.factor];
    }
  for (std::size_t i = 0; i < k; ++i)
    m.mu[i] /= static_cast<double>(count[i]);
  for (const auto& trajectory : effects)
    for (const auto& e : trajectory)
      m.sigma[e.factor] += (e.value - m.mu[e.factor]) * (e.value - m.mu[e.factor]);
  for (std::size_t i = 0; i < k; ++i)
    m.sigma[i] = count[i] > 1 ? std::sqrt(m.sigma[i] / static_cast<double>(count[i] - 1))
                              : std::numeric_limits<double>::quiet_NaN();

  m.mu_star_ci.assign(k, Interval{});
  if (bootstrap.resamples > 0) {
    std::vector<std::vector<double>> estimates(k);
    for (std::size_t b = 0; b < bootstrap.resamples; ++b) {
      const auto mu_star = mu_star_of(effects, resample(bootstrap.seed, kMorrisBootstrap, b, r), k);
      for (std::size_t i = 0; i < k; ++i)
        estimates[i].push_back(mu_star[i]);
    }
    for (std::size_t i = 0; i < k; ++i)
      m.mu_star_ci[i] = percentile_interval(std::move(estimates[i]), bootstrap.confidence);
  }
  return m;
}

SobolIndices sobol_indices(std::span<const double> outputs, std::size_t n, std::size_t k,
                           const BootstrapOptions& bootstrap) {
  if (n < 2 || outputs.size() != n * (k + 2))
    throw std::invalid_argument("Sobol': need n (k + 2) outputs with n >= 2, got " +
                                std::to_string(outputs.size()) + " for n = " + std::to_string(n) +
                                ", k = " + std::to_string(k));
  std::vector<std::size_t> all(n);
  for (std::size_t r = 0; r < n; ++r)
    all[r] = r;
  auto point = estimate(outputs, n, k, all);
  SobolIndices s{std::move(point.first), std::move(point.total), std::vector<Interval>(k),
                 std::vector<Interval>(k), point.variance};
  if (bootstrap.resamples > 0) {
    std::vector<std::vector<double>> first(k), total(k);
    for (std::size_t b = 0; b < bootstrap.resamples; ++b) {
      const auto e = estimate(outputs, n, k, resample(bootstrap.seed, kSobolBootstrap, b, n));
      for (std::size_t i = 0; i < k; ++i) {
        first[i].push_back(e.first[i]);
        total[i].push_back(e.total[i]);
      }
    }
    for (std::size_t i = 0; i < k; ++i) {
      s.first_ci[i] = percentile_interval(std::move(first[i]), bootstrap.confidence);
      s.total_ci[i] = percentile_interval(std::move(total[i]), bootstrap.confidence);
    }
  }
  return s;
}

} // namespace ptcesim::sweep
