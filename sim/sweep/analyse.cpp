#include "sim/sweep/analyse.hpp"

#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/stream.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ptcesim::sweep {
namespace {

constexpr core::Purpose kRegressionBootstrap = 0x5313;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Fit {
  std::vector<double> src;
  double r_squared;
};

/// Least squares on standardised columns: the coefficients are the SRC directly. Solves the
/// k x k normal equations (the correlation matrix) by Gaussian elimination with partial
/// pivoting; k is small (sweep factors), so this is exact enough and cheap.
Fit fit_src(const UnitPoints& x, std::span<const double> y, const std::vector<std::size_t>& rows,
            std::size_t k) {
  const auto m = static_cast<double>(rows.size());
  std::vector<double> mean(k + 1, 0.0), sd(k + 1, 0.0);
  const auto column = [&](std::size_t row, std::size_t j) { return j < k ? x[row][j] : y[row]; };
  for (const auto r : rows)
    for (std::size_t j = 0; j <= k; ++j)
      mean[j] += column(r, j);
  for (auto& v : mean)
    v /= m;
  for (const auto r : rows)
    for (std::size_t j = 0; j <= k; ++j)
      sd[j] += (column(r, j) - mean[j]) * (column(r, j) - mean[j]);
  for (auto& v : sd)
    v = std::sqrt(v / (m - 1));
  if (std::any_of(sd.begin(), sd.end(), [](double s) { return !(s > 0); }))
    return {std::vector<double>(k, kNaN), kNaN};
  // Augmented correlation system [R_xx | r_xy].
  std::vector<std::vector<double>> a(k, std::vector<double>(k + 1, 0.0));
  for (const auto r : rows)
    for (std::size_t i = 0; i < k; ++i) {
      const double zi = (column(r, i) - mean[i]) / sd[i];
      for (std::size_t j = 0; j <= k; ++j)
        a[i][j] += zi * (column(r, j) - mean[j]) / sd[j];
    }
  const auto rhs = [&] {
    std::vector<double> r(k);
    for (std::size_t i = 0; i < k; ++i)
      r[i] = a[i][k] / (m - 1);
    return r;
  }();
  for (auto& row : a)
    for (auto& v : row)
      v /= m - 1;
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < k; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c]))
        pivot = r;
    if (std::fabs(a[pivot][c]) < 1e-12) // collinear factors: no unique fit
      return {std::vector<double>(k, kNaN), kNaN};
    std::swap(a[c], a[pivot]);
    for (std::size_t r = 0; r < k; ++r) {
      if (r == c)
        continue;
      const double f = a[r][c] / a[c][c];
      for (std::size_t j = c; j <= k; ++j)
        a[r][j] -= f * a[c][j];
    }
  }
  Fit fit{std::vector<double>(k), 0.0};
  for (std::size_t i = 0; i < k; ++i) {
    fit.src[i] = a[i][k] / a[i][i];
    fit.r_squared += fit.src[i] * rhs[i]; // R² = β' r_xy for standardised variables
  }
  return fit;
}

Interval percentile(std::vector<double> estimates, double confidence) {
  if (std::any_of(estimates.begin(), estimates.end(), [](double v) { return std::isnan(v); }))
    return {kNaN, kNaN};
  std::sort(estimates.begin(), estimates.end());
  const auto q = [&](double p) {
    const double h = (static_cast<double>(estimates.size()) - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, estimates.size() - 1);
    return estimates[lo] + (h - static_cast<double>(lo)) * (estimates[hi] - estimates[lo]);
  };
  const double alpha = 1 - confidence;
  return {q(alpha / 2), q(1 - alpha / 2)};
}

} // namespace

std::string_view method_name(SensitivityMethod method) noexcept {
  switch (method) {
  case SensitivityMethod::morris:
    return "morris";
  case SensitivityMethod::sobol:
    return "sobol";
  case SensitivityMethod::regression:
    break;
  }
  return "regression";
}

SensitivityMethod sensitivity_method(DesignKind design) noexcept {
  switch (design) {
  case DesignKind::morris:
    return SensitivityMethod::morris;
  case DesignKind::sobol:
    return SensitivityMethod::sobol;
  case DesignKind::full_factorial:
  case DesignKind::random:
  case DesignKind::latin_hypercube:
    break;
  }
  return SensitivityMethod::regression;
}

RegressionIndices regression_indices(const UnitPoints& x, std::span<const double> outputs,
                                     const BootstrapOptions& bootstrap) {
  if (x.size() != outputs.size())
    throw std::invalid_argument("regression_indices: " + std::to_string(x.size()) + " points but " +
                                std::to_string(outputs.size()) + " outputs");
  const std::size_t k = x.empty() ? 0 : x.front().size();
  if (k == 0 || x.size() < k + 2)
    throw std::invalid_argument("regression_indices: " + std::to_string(x.size()) +
                                " points are too few for " + std::to_string(k) +
                                " factors (at least factors + 2)");
  std::vector<std::size_t> all(x.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    all[i] = i;
  auto fit = fit_src(x, outputs, all, k);
  RegressionIndices result{std::move(fit.src), std::vector<Interval>(k), fit.r_squared};
  if (bootstrap.resamples == 0)
    return result;
  std::vector<std::vector<double>> draws(k, std::vector<double>(bootstrap.resamples));
  for (std::size_t b = 0; b < bootstrap.resamples; ++b) {
    core::RandomStream stream(bootstrap.seed, kRegressionBootstrap, b, 0);
    std::vector<std::size_t> rows(x.size());
    for (auto& r : rows)
      r = static_cast<std::size_t>(core::uniform_index(stream, x.size()));
    const auto resampled = fit_src(x, outputs, rows, k);
    for (std::size_t i = 0; i < k; ++i)
      draws[i][b] = resampled.src[i];
  }
  // Small designs (a few factorial points) give resamples where a factor is constant or
  // collinear: those have no fit and are left out, unless they are half of all resamples.
  for (std::size_t i = 0; i < k; ++i) {
    auto& d = draws[i];
    d.erase(std::remove_if(d.begin(), d.end(), [](double v) { return std::isnan(v); }), d.end());
    result.src_ci[i] = 2 * d.size() >= bootstrap.resamples
                           ? percentile(std::move(d), bootstrap.confidence)
                           : Interval{kNaN, kNaN};
  }
  return result;
}

std::vector<double> point_means(const Plan& plan, std::span<const double> per_run) {
  if (per_run.size() != plan.run_count())
    throw std::invalid_argument("point_means: " + std::to_string(per_run.size()) +
                                " run values for a plan of " + std::to_string(plan.run_count()) +
                                " runs");
  std::vector<double> means(plan.point_count(), 0.0);
  for (std::size_t run = 0; run < per_run.size(); ++run)
    means[run / plan.replications] += per_run[run];
  for (auto& m : means)
    m /= static_cast<double>(plan.replications);
  return means;
}

OutcomeSensitivity analyse_outcome(const Plan& plan, std::string outcome,
                                   std::span<const double> per_run,
                                   const BootstrapOptions& bootstrap) {
  OutcomeSensitivity result;
  result.outcome = std::move(outcome);
  result.method = sensitivity_method(plan.design);
  const auto y = point_means(plan, per_run);
  result.non_finite_points = static_cast<std::size_t>(
      std::count_if(y.begin(), y.end(), [](double v) { return !std::isfinite(v); }));
  switch (result.method) {
  case SensitivityMethod::morris:
    result.morris = morris_indices(plan.unit, y, bootstrap);
    break;
  case SensitivityMethod::sobol:
    result.sobol = sobol_indices(y, plan.sobol_base_samples, plan.factors.size(), bootstrap);
    break;
  case SensitivityMethod::regression: {
    UnitPoints x;
    std::vector<double> kept;
    for (std::size_t p = 0; p < y.size(); ++p)
      if (std::isfinite(y[p])) {
        x.push_back(plan.values[p]);
        kept.push_back(y[p]);
      }
    result.regression = regression_indices(x, kept, bootstrap);
    break;
  }
  }
  return result;
}

} // namespace ptcesim::sweep
