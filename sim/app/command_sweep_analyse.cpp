// `ptcesim sweep analyse DIR`: sensitivity indices of a finished sweep's outcomes, by the
// estimator its design supports (sim/sweep/analyse.hpp), into DIR/sensitivity.h5 and
// DIR/sensitivity.csv, and a table on stdout.
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/io/errors.hpp"
#include "sim/io/sensitivity_file.hpp"
#include "sim/io/sweep_output.hpp"
#include "sim/sweep/analyse.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>

namespace ptcesim::app {

namespace {

namespace fs = std::filesystem;

constexpr const char* kAnalyseUsage =
    "ptcesim sweep analyse DIR [--outcome NAME ...] [--difference A-B ...] [--values]\n"
    "                          [--bootstrap N] [--confidence C] [--seed S]\n\n"
    "Sensitivity of a finished sweep's outcomes to its factors, from DIR/results.h5. The\n"
    "design decides the estimator: morris -> Morris mu, mu*, sigma; sobol -> Sobol' first-order\n"
    "(S1) and total (ST) indices; full_factorial, random, latin_hypercube -> standardised\n"
    "regression coefficients (SRC). Replications are averaged per design point; intervals are\n"
    "percentile bootstraps over trajectories (morris), Saltelli rows (sobol) or points.\n"
    "By default every outcome is analysed as the paired difference ptce - reindustrialisation\n"
    "(same run, common random numbers). Writes DIR/sensitivity.h5 and\n"
    "DIR/sensitivity.csv (replacing earlier ones) and prints a table.";

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

sweep::DesignKind design_of(const std::string& name) {
  for (const auto kind :
       {sweep::DesignKind::full_factorial, sweep::DesignKind::random,
        sweep::DesignKind::latin_hypercube, sweep::DesignKind::sobol, sweep::DesignKind::morris})
    if (sweep::design_name(kind) == name)
      return kind;
  throw io::OutputError(fmt::format("results.h5: unknown design '{}'", name));
}

/// The plan the estimators need, rebuilt from the merged file.
sweep::Plan plan_of(const io::SweepResults& results) {
  sweep::Plan plan;
  plan.design = design_of(results.design);
  plan.factors.resize(results.factors.size());
  for (std::size_t i = 0; i < results.factors.size(); ++i) {
    plan.factors[i].field = results.factors[i];
    plan.factors[i].integer = results.factor_integer[i] != 0;
  }
  plan.unit = results.unit;
  plan.values = results.values;
  plan.groups = results.groups;
  plan.replications = results.replications;
  plan.sobol_base_samples = results.sobol_base_samples;
  plan.morris_grid_levels = results.morris_grid_levels;
  return plan;
}

/// DIR/results.h5, or a usage error that says what DIR is missing.
fs::path results_path(const fs::path& dir) {
  const auto results = dir / "results.h5";
  if (fs::is_regular_file(results))
    return results;
  if (fs::exists(dir / "sweep.hash"))
    throw UsageError(fmt::format(
        "ptcesim sweep analyse: {} is a sweep directory without results.h5: its runs are not "
        "all done or not merged yet (finish them with 'ptcesim sweep FILE -o {}', or merge "
        "array tasks' files with 'ptcesim sweep merge {}')",
        dir.string(), dir.string(), dir.string()));
  throw UsageError(fmt::format("ptcesim sweep analyse: {} is not a sweep directory (no "
                               "results.h5; 'ptcesim sweep FILE -o DIR' makes one)",
                               dir.string()));
}

/// One quantity: strategy's outcome, minus reference's in the same run when reference is set.
struct Request {
  std::size_t outcome = 0, strategy = 0;
  std::optional<std::size_t> reference;
};

/// Rows of the long table for one analysed quantity.
void add_indices(const sweep::OutcomeSensitivity& s, const std::vector<std::string>& factors,
                 std::vector<io::SensitivityIndex>& rows) {
  const auto add = [&](std::size_t i, const char* measure, double estimate, sweep::Interval ci) {
    rows.push_back({s.outcome, factors[i], measure, estimate, ci.low, ci.high});
  };
  const sweep::Interval none{kNaN, kNaN};
  for (std::size_t i = 0; i < factors.size(); ++i) {
    switch (s.method) {
    case sweep::SensitivityMethod::morris:
      add(i, "mu_star", s.morris.mu_star[i], s.morris.mu_star_ci[i]);
      add(i, "mu", s.morris.mu[i], none);
      add(i, "sigma", s.morris.sigma[i], none);
      break;
    case sweep::SensitivityMethod::sobol:
      add(i, "S1", s.sobol.first[i], s.sobol.first_ci[i]);
      add(i, "ST", s.sobol.total[i], s.sobol.total_ci[i]);
      break;
    case sweep::SensitivityMethod::regression:
      add(i, "SRC", s.regression.src[i], s.regression.src_ci[i]);
      break;
    }
  }
}

std::string number(double x) {
  return std::isnan(x) ? "nan" : fmt::format("{:.6g}", x);
}

void print_table(const io::SensitivityQuantity& q, const std::vector<io::SensitivityIndex>& rows,
                 double confidence) {
  std::cout << fmt::format("\n{} ({}, {}", q.name, q.unit, q.method);
  if (q.method == "sobol")
    std::cout << fmt::format(", V(Y) = {}", number(q.variance));
  if (q.method == "regression")
    std::cout << fmt::format(", R² = {}", number(q.r_squared));
  if (q.non_finite_points > 0)
    std::cout << fmt::format(", {} points not finite", q.non_finite_points);
  std::cout << fmt::format("; intervals {:g} %)\n", 100 * confidence);
  std::cout << fmt::format("  {:<40} {:<8} {:>12}  {}\n", "factor", "measure", "estimate",
                           "interval");
  for (const auto& r : rows) {
    if (r.quantity != q.name)
      continue;
    const auto interval = std::isnan(r.ci_low)
                              ? std::string()
                              : fmt::format("[{}, {}]", number(r.ci_low), number(r.ci_high));
    std::cout << fmt::format("  {:<40} {:<8} {:>12}  {}\n", r.factor, r.measure, number(r.estimate),
                             interval);
  }
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos)
    return text;
  std::string quoted = "\"";
  for (const char c : text)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

/// DIR/sensitivity.csv, written next to it and renamed (a reader never sees half a file).
void write_csv(const fs::path& path, const std::vector<io::SensitivityQuantity>& quantities,
               const std::vector<io::SensitivityIndex>& rows) {
  const auto partial = fs::path(path.string() + ".partial");
  {
    std::ofstream out(partial);
    out << "quantity,outcome,strategy,reference,unit,method,factor,measure,estimate,ci_low,"
           "ci_high\n";
    for (const auto& r : rows) {
      const auto q = std::find_if(quantities.begin(), quantities.end(),
                                  [&](const auto& x) { return x.name == r.quantity; });
      out << fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(q->name),
                         csv_field(q->outcome), csv_field(q->strategy), csv_field(q->reference),
                         csv_field(q->unit), q->method, csv_field(r.factor), r.measure,
                         number(r.estimate), number(r.ci_low), number(r.ci_high));
    }
    out.flush();
    if (!out)
      throw io::OutputError(fmt::format("{}: cannot write", partial.string()));
  }
  fs::rename(partial, path);
}

} // namespace

int command_sweep_analyse(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "outcome", po::value<std::vector<std::string>>(),
      "outcome to analyse (repeatable; default: every outcome of the sweep)")(
      "difference", po::value<std::vector<std::string>>(),
      "paired difference A-B to analyse, e.g. ptce-reindustrialisation (repeatable; default: "
      "that one if the sweep ran both, else each strategy minus the baseline)")(
      "values", "also analyse each strategy's own outcome values")(
      "bootstrap", po::value<long long>()->default_value(1000),
      "bootstrap resamples for the intervals (0: none)")(
      "confidence", po::value<double>()->default_value(0.95), "interval coverage, in (0, 1)")(
      "seed", po::value<long long>(), "seed of the bootstrap (default: the sweep's seed)");
  po::options_description hidden;
  hidden.add_options()("dir", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (parse_options("sweep analyse", args, visible, hidden, positional, vm, kAnalyseUsage))
    return kSuccess;
  if (!vm.count("dir"))
    throw UsageError("ptcesim sweep analyse: a sweep directory is needed");
  const auto resamples = vm["bootstrap"].as<long long>();
  if (resamples < 0 || resamples > 1000000)
    throw UsageError(fmt::format(
        "ptcesim sweep analyse: --bootstrap must be in [0, 1000000], got {}", resamples));
  const auto confidence = vm["confidence"].as<double>();
  if (!(confidence > 0 && confidence < 1))
    throw UsageError(
        fmt::format("ptcesim sweep analyse: --confidence must be in (0, 1), got {}", confidence));
  if (vm.count("seed") && vm["seed"].as<long long>() < 0)
    throw UsageError("ptcesim sweep analyse: --seed must be non-negative");

  const fs::path dir = vm["dir"].as<std::string>();
  const auto results = io::read_sweep_results(results_path(dir));
  const auto plan = plan_of(results);
  const auto method = sweep::sensitivity_method(plan.design);
  if (method == sweep::SensitivityMethod::regression)
    std::cerr << fmt::format(
        "ptcesim sweep analyse: note: design {} has no elementary effects or Saltelli blocks; "
        "reporting standardised regression coefficients (Morris measures need design = "
        "\"morris\", Sobol' indices design = \"sobol\")\n",
        results.design);

  const auto index_of = [](const std::vector<std::string>& names, const std::string& name,
                           const char* what) {
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end())
      throw UsageError(fmt::format("ptcesim sweep analyse: no {} '{}' in this sweep (it has: {})",
                                   what, name, fmt::join(names, ", ")));
    return static_cast<std::size_t>(found - names.begin());
  };
  std::vector<std::size_t> outcomes;
  if (vm.count("outcome"))
    for (const auto& name : vm["outcome"].as<std::vector<std::string>>())
      outcomes.push_back(index_of(results.outcomes, name, "outcome"));
  else
    for (std::size_t o = 0; o < results.outcomes.size(); ++o)
      outcomes.push_back(o);
  // Default differences: PTCE - reindustrialisation when the sweep ran both (the question
  // the project asks), else each strategy minus the baseline.
  std::vector<std::pair<std::size_t, std::size_t>> differences;
  if (vm.count("difference")) {
    for (const auto& text : vm["difference"].as<std::vector<std::string>>()) {
      const auto dash = text.find('-');
      if (dash == std::string::npos)
        throw UsageError(fmt::format(
            "ptcesim sweep analyse: --difference wants STRATEGY-REFERENCE, got '{}'", text));
      differences.emplace_back(index_of(results.strategies, text.substr(0, dash), "strategy"),
                               index_of(results.strategies, text.substr(dash + 1), "strategy"));
    }
  } else {
    const auto& names = results.strategies;
    const auto ptce = std::find(names.begin(), names.end(), "ptce");
    const auto reindustrialisation = std::find(names.begin(), names.end(), "reindustrialisation");
    if (ptce != names.end() && reindustrialisation != names.end()) {
      differences.emplace_back(static_cast<std::size_t>(ptce - names.begin()),
                               static_cast<std::size_t>(reindustrialisation - names.begin()));
    } else {
      const auto baseline = index_of(names, results.baseline, "strategy");
      for (std::size_t s = 0; s < names.size(); ++s)
        if (s != baseline)
          differences.emplace_back(s, baseline);
    }
  }
  std::vector<Request> requests;
  for (const auto o : outcomes) {
    for (const auto& [strategy, reference] : differences)
      requests.push_back({o, strategy, reference});
    if (vm.count("values") || results.strategies.size() == 1)
      for (std::size_t s = 0; s < results.strategies.size(); ++s)
        requests.push_back({o, s, std::nullopt});
  }

  sweep::BootstrapOptions bootstrap;
  bootstrap.resamples = static_cast<std::size_t>(resamples);
  bootstrap.confidence = confidence;
  bootstrap.seed =
      vm.count("seed") ? static_cast<std::uint64_t>(vm["seed"].as<long long>()) : results.seed;

  std::vector<io::SensitivityQuantity> quantities;
  std::vector<io::SensitivityIndex> rows;
  for (const auto& r : requests) {
    const auto& strategy = results.strategies[r.strategy];
    const auto& outcome = results.outcomes[r.outcome];
    const auto reference = r.reference ? results.strategies[*r.reference] : std::string();
    const auto name = r.reference ? fmt::format("{}-{}:{}", strategy, reference, outcome)
                                  : fmt::format("{}:{}", strategy, outcome);
    std::vector<double> per_run(results.run_count());
    for (std::size_t run = 0; run < per_run.size(); ++run)
      per_run[run] = results.value_at(run, r.strategy, r.outcome) -
                     (r.reference ? results.value_at(run, *r.reference, r.outcome) : 0.0);
    sweep::OutcomeSensitivity s;
    try {
      s = sweep::analyse_outcome(plan, name, per_run, bootstrap);
    } catch (const std::invalid_argument& e) {
      throw UsageError(fmt::format("ptcesim sweep analyse: {}: {}", name, e.what()));
    }
    quantities.push_back(
        {name, outcome, strategy, reference, results.outcome_units[r.outcome],
         std::string(method_name(s.method)), static_cast<std::int64_t>(s.non_finite_points),
         s.method == sweep::SensitivityMethod::sobol ? s.sobol.variance : kNaN,
         s.method == sweep::SensitivityMethod::regression ? s.regression.r_squared : kNaN});
    add_indices(s, results.factors, rows);
  }

  const io::TextAttributes attributes{{"sweep_hash", results.sweep_hash},
                                      {"design", results.design},
                                      {"method", std::string(sweep::method_name(method))},
                                      {"baseline", results.baseline},
                                      {"bootstrap_resamples", std::to_string(bootstrap.resamples)},
                                      {"confidence", fmt::format("{}", confidence)},
                                      {"bootstrap_seed", std::to_string(bootstrap.seed)},
                                      {"replications", std::to_string(results.replications)},
                                      {"point_summary", "mean over replications"}};
  const auto h5 = dir / "sensitivity.h5";
  io::write_sensitivity_file(h5, {.force = true, .compress = true}, attributes, results.factors,
                             quantities, rows);
  write_csv(dir / "sensitivity.csv", quantities, rows);

  std::cout << fmt::format("sweep {}: design {}, {} points x {} replications, {} factors\n",
                           dir.string(), results.design, results.point_count(),
                           results.replications, results.factors.size());
  for (const auto& q : quantities)
    print_table(q, rows, confidence);
  std::cout << fmt::format("\nwritten: {}, {}\n", h5.string(), (dir / "sensitivity.csv").string());
  return kSuccess;
}

} // namespace ptcesim::app
