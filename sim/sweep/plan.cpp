#include "sim/sweep/plan.hpp"

#include "sim/sweep/design.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ptcesim::sweep {
namespace {

std::string format_value(const Factor& f, double x) {
  return f.integer ? fmt::format("{}", static_cast<long long>(x)) : scenario::format_number(x);
}

std::vector<std::vector<std::string>> cells(const Plan& plan) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"run", "point", "replication", "group"};
  for (const auto& f : plan.factors)
    header.push_back(f.field);
  rows.push_back(std::move(header));
  for (std::size_t i = 0; i < plan.run_count(); ++i) {
    const auto run = plan.run(i);
    std::vector<std::string> row{std::to_string(run.index), std::to_string(run.point),
                                 std::to_string(run.replication), plan.groups[run.point]};
    for (std::size_t j = 0; j < plan.factors.size(); ++j)
      row.push_back(format_value(plan.factors[j], plan.values[run.point][j]));
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace

PlannedRun Plan::run(std::size_t index) const noexcept {
  return {index, index / replications, index % replications};
}

Plan make_plan(const SweepSpec& spec) {
  Plan plan;
  plan.design = spec.design;
  plan.factors = spec.factors;
  plan.replications = spec.replications;
  const std::size_t k = spec.factors.size();
  switch (spec.design) {
  case DesignKind::full_factorial: {
    std::vector<std::size_t> counts;
    for (const auto& f : spec.factors)
      counts.push_back(f.levels.size());
    for (const auto& combo : full_factorial(counts)) {
      std::vector<double> u(k);
      for (std::size_t j = 0; j < k; ++j) // the centre of level j's cell maps back to level j
        u[j] = (static_cast<double>(combo[j]) + 0.5) / static_cast<double>(counts[j]);
      plan.unit.push_back(std::move(u));
    }
    break;
  }
  case DesignKind::random:
    plan.unit = random_points(spec.samples, k, spec.seed);
    break;
  case DesignKind::latin_hypercube:
    plan.unit = latin_hypercube(spec.samples, k, spec.seed);
    break;
  case DesignKind::sobol:
    plan.unit = saltelli_points(spec.samples, k);
    plan.sobol_base_samples = spec.samples;
    break;
  case DesignKind::morris:
    plan.unit = morris_trajectories(spec.trajectories, k, spec.grid_levels, spec.seed);
    plan.morris_grid_levels = spec.grid_levels;
    break;
  }
  const auto p = static_cast<double>(spec.grid_levels);
  for (std::size_t i = 0; i < plan.unit.size(); ++i) {
    std::vector<double> v(k);
    for (std::size_t j = 0; j < k; ++j) {
      const auto& f = spec.factors[j];
      double u = plan.unit[i][j];
      // A normal law has no finite 0 and 1 quantiles: Morris grid level l maps to (l + 1/2) / p.
      if (spec.design == DesignKind::morris && f.kind == FactorKind::normal)
        u = (u * (p - 1) + 0.5) / p;
      v[j] = f.value_at(u);
    }
    plan.values.push_back(std::move(v));
    switch (spec.design) {
    case DesignKind::sobol: {
      const auto block = i / spec.samples;
      plan.groups.push_back(block == 0 ? "A" : block == 1 ? "B" : fmt::format("AB_{}", block - 2));
      break;
    }
    case DesignKind::morris:
      plan.groups.push_back(fmt::format("t{}", i / (k + 1)));
      break;
    default:
      plan.groups.emplace_back();
    }
  }
  return plan;
}

std::vector<std::string> point_overrides(const Plan& plan, std::size_t point) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < plan.factors.size(); ++j)
    out.push_back(plan.factors[j].field + "=" +
                  format_value(plan.factors[j], plan.values[point][j]));
  return out;
}

std::string plan_text(const Plan& plan) {
  std::string out = fmt::format("design {}: {} factors, {} points x {} replications = {} runs",
                                design_name(plan.design), plan.factors.size(), plan.point_count(),
                                plan.replications, plan.run_count());
  if (plan.design == DesignKind::sobol)
    out += fmt::format(" (Saltelli scheme, N = {})", plan.sobol_base_samples);
  if (plan.design == DesignKind::morris)
    out += fmt::format(" ({} trajectories, {}-level grid)",
                       plan.point_count() / (plan.factors.size() + 1), plan.morris_grid_levels);
  out += '\n';
  const auto rows = cells(plan);
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += fmt::format("{}{:>{}}", c == 0 ? "" : "  ", row[c], width[c]);
    out += line + '\n';
  }
  return out;
}

std::string plan_csv(const Plan& plan) {
  std::string out;
  for (const auto& row : cells(plan)) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += (c == 0 ? "" : ",") + row[c];
    out += line + '\n';
  }
  return out;
}

} // namespace ptcesim::sweep
