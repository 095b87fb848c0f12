#include "sim/validation/statistics.hpp"

#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/stream.hpp"
#include "sim/stats/paired.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ptcesim::validation {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr core::Purpose kBootstrap = 0x5601;
} // namespace

Estimate mean_interval(std::span<const double> values) {
  std::vector<double> finite;
  for (const double v : values)
    if (std::isfinite(v))
      finite.push_back(v);
  Estimate e;
  e.n = finite.size();
  if (finite.empty())
    return {kNan, kNan, kNan, 0};
  const auto m = stats::moments(finite);
  e.value = m.mean;
  if (finite.size() < 2) {
    e.ci_low = e.ci_high = m.mean;
    return e;
  }
  const double half = stats::student_t_quantile(0.975, static_cast<double>(finite.size() - 1)) *
                      m.sd / std::sqrt(static_cast<double>(finite.size()));
  e.ci_low = m.mean - half;
  e.ci_high = m.mean + half;
  return e;
}

Estimate ratio_of_means_interval(std::span<const double> y, std::span<const double> x,
                                 std::uint64_t seed) {
  const std::size_t n = std::min(x.size(), y.size());
  auto slope = [&](const std::vector<std::size_t>& rows) {
    double sy = 0.0, sx = 0.0;
    for (const auto i : rows) {
      sy += y[i];
      sx += x[i];
    }
    return sx != 0.0 ? sy / sx : kNan;
  };
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i)
    all[i] = i;
  Estimate e;
  e.n = n;
  e.value = n > 0 ? slope(all) : kNan;
  e.ci_low = e.ci_high = e.value;
  if (n < 2 || !std::isfinite(e.value))
    return e;
  constexpr std::size_t kResamples = 1000;
  std::vector<double> slopes;
  std::vector<std::size_t> rows(n);
  for (std::size_t b = 0; b < kResamples; ++b) {
    core::RandomStream rng(seed, kBootstrap, b, 0);
    for (auto& r : rows)
      r = static_cast<std::size_t>(core::uniform_index(rng, n));
    const double v = slope(rows);
    if (std::isfinite(v))
      slopes.push_back(v);
  }
  std::sort(slopes.begin(), slopes.end());
  if (slopes.empty())
    return e;
  auto at = [&](double q) {
    const auto k = static_cast<std::size_t>(q * static_cast<double>(slopes.size() - 1));
    return slopes[k];
  };
  e.ci_low = at(0.025);
  e.ci_high = at(0.975);
  return e;
}

double correlation(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 3)
    return kNan;
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0.0 || syy <= 0.0)
    return kNan;
  return sxy / std::sqrt(sxx * syy);
}

std::vector<double> cyclical_component(std::span<const double> values, std::size_t window) {
  const std::size_t n = values.size();
  const std::size_t half = window / 2;
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t lo = i >= half ? i - half : 0;
    const std::size_t hi = std::min(n, i + half + 1);
    double sum = 0.0;
    for (std::size_t k = lo; k < hi; ++k)
      sum += values[k];
    out[i] = values[i] - sum / static_cast<double>(hi - lo);
  }
  return out;
}

PowerLawTail fit_power_law_tail(std::vector<std::int64_t> sizes, std::size_t min_tail) {
  std::erase_if(sizes, [](std::int64_t s) { return s < 1; });
  std::sort(sizes.begin(), sizes.end());
  PowerLawTail best;
  best.ks = std::numeric_limits<double>::infinity();
  best.alpha = best.zipf = best.x_min = kNan;
  const std::size_t n = sizes.size();
  for (std::size_t first = 0; first < n;) {
    const std::size_t tail = n - first;
    if (tail < min_tail)
      break;
    const auto x_min = static_cast<double>(sizes[first]);
    double log_sum = 0.0;
    for (std::size_t i = first; i < n; ++i)
      log_sum += std::log(static_cast<double>(sizes[i]) / (x_min - 0.5));
    std::size_t next = first;
    while (next < n && sizes[next] == sizes[first])
      ++next;
    if (log_sum > 0.0) {
      const double alpha = 1.0 + static_cast<double>(tail) / log_sum;
      // KS distance at each distinct size of the tail (continuity-corrected CDF).
      double ks = 0.0;
      for (std::size_t i = first; i < n;) {
        std::size_t j = i;
        while (j < n && sizes[j] == sizes[i])
          ++j;
        const double empirical = static_cast<double>(j - first) / static_cast<double>(tail);
        const double model =
            1.0 - std::pow((static_cast<double>(sizes[i]) + 0.5) / (x_min - 0.5), 1.0 - alpha);
        ks = std::max(ks, std::fabs(empirical - model));
        i = j;
      }
      if (ks < best.ks) {
        best = {alpha, alpha - 1.0, x_min, tail, ks};
      }
    }
    first = next;
  }
  if (!std::isfinite(best.ks))
    best.ks = kNan;
  return best;
}

} // namespace ptcesim::validation
