#include "sim/io/sensitivity_file.hpp"

#include "sim/core/version.hpp"

#include <span>

namespace ptcesim::io {

void write_sensitivity_file(const std::filesystem::path& path, WriteOptions options,
                            const TextAttributes& attributes,
                            const std::vector<std::string>& factors,
                            const std::vector<SensitivityQuantity>& quantities,
                            const std::vector<SensitivityIndex>& indices) {
  RunFileWriter file(path, options);
  file.set_attribute("kind", "sensitivity");
  file.set_attribute("ptcesim_version", core::version());
  file.set_attribute("git_commit", core::git_commit());
  for (const auto& [name, value] : attributes)
    file.set_attribute(name, value);
  file.group("/").write_dataset("factors", factors);

  auto q = file.group("/quantities");
  std::vector<std::string> name, outcome, strategy, reference, unit, method;
  std::vector<std::int64_t> non_finite;
  std::vector<double> variance, r_squared;
  for (const auto& s : quantities) {
    name.push_back(s.name);
    outcome.push_back(s.outcome);
    strategy.push_back(s.strategy);
    reference.push_back(s.reference);
    unit.push_back(s.unit);
    method.push_back(s.method);
    non_finite.push_back(s.non_finite_points);
    variance.push_back(s.variance);
    r_squared.push_back(s.r_squared);
  }
  q.write_dataset("name", name);
  q.write_dataset("outcome", outcome);
  q.write_dataset("strategy", strategy);
  q.write_dataset("reference", reference,
                  {{"description", "baseline of a paired difference; empty for a value"}});
  q.write_dataset("unit", unit);
  q.write_dataset("method", method);
  q.write_dataset("non_finite_points", std::span<const std::int64_t>(non_finite));
  q.write_dataset("variance", std::span<const double>(variance),
                  {{"description", "V(Y) of the design points' means (sobol; NaN otherwise)"}});
  q.write_dataset("r_squared", std::span<const double>(r_squared),
                  {{"description", "R^2 of the linear fit (regression; NaN otherwise)"}});

  auto x = file.group("/indices");
  std::vector<std::string> quantity, factor, measure;
  std::vector<double> estimate, low, high;
  for (const auto& i : indices) {
    quantity.push_back(i.quantity);
    factor.push_back(i.factor);
    measure.push_back(i.measure);
    estimate.push_back(i.estimate);
    low.push_back(i.ci_low);
    high.push_back(i.ci_high);
  }
  x.write_dataset("quantity", quantity);
  x.write_dataset("factor", factor);
  x.write_dataset(
      "measure", measure,
      {{"description", "mu, mu_star, sigma (morris); S1, ST (sobol); SRC (regression)"}});
  x.write_dataset("estimate", std::span<const double>(estimate));
  x.write_dataset("ci_low", std::span<const double>(low),
                  {{"description", "percentile bootstrap interval; NaN when not computed"}});
  x.write_dataset("ci_high", std::span<const double>(high));
  file.finish();
}

} // namespace ptcesim::io
