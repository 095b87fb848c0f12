#include "sim/io/validation_file.hpp"

#include <span>

namespace ptcesim::io {

void write_validation_file(const std::filesystem::path& path, WriteOptions options,
                           const TextAttributes& attributes, const std::vector<CheckRecord>& checks,
                           const std::vector<NamedTable>& tables) {
  RunFileWriter file(path, options);
  file.set_attribute("kind", "validation");
  for (const auto& [name, value] : attributes)
    file.set_attribute(name, value);
  auto group = file.group("/checks");
  std::vector<std::string> name, description, unit, source, tolerance, verdict;
  std::vector<double> value, low, high, target, accept_low, accept_high;
  std::vector<std::int64_t> replications;
  for (const auto& c : checks) {
    name.push_back(c.name);
    description.push_back(c.description);
    unit.push_back(c.unit);
    source.push_back(c.source);
    tolerance.push_back(c.tolerance);
    verdict.push_back(c.verdict);
    value.push_back(c.value);
    low.push_back(c.ci_low);
    high.push_back(c.ci_high);
    target.push_back(c.target);
    accept_low.push_back(c.accept_low);
    accept_high.push_back(c.accept_high);
    replications.push_back(c.replications);
  }
  group.write_dataset("name", name);
  group.write_dataset("description", description);
  group.write_dataset("unit", unit);
  group.write_dataset("source", source);
  group.write_dataset("tolerance", tolerance);
  group.write_dataset("verdict", verdict);
  group.write_dataset("value", std::span<const double>(value));
  group.write_dataset("ci_low", std::span<const double>(low));
  group.write_dataset("ci_high", std::span<const double>(high));
  group.write_dataset("target", std::span<const double>(target));
  group.write_dataset("accept_low", std::span<const double>(accept_low));
  group.write_dataset("accept_high", std::span<const double>(accept_high));
  group.write_dataset("replications", std::span<const std::int64_t>(replications));
  for (const auto& t : tables) {
    const auto slash = t.path.rfind('/');
    auto parent = file.group(slash == 0 ? "/" : t.path.substr(0, slash));
    parent.write_dataset_2d(t.path.substr(slash + 1), t.values, t.rows, t.cols,
                            {{"unit", t.unit}, {"description", t.description}});
  }
  file.finish();
}

void write_game_file(const std::filesystem::path& path, WriteOptions options,
                     const TextAttributes& attributes, const std::vector<std::string>& strategies,
                     const std::vector<double>& frequencies,
                     const std::vector<double>& mean_payoff) {
  RunFileWriter file(path, options);
  file.set_attribute("kind", "game");
  for (const auto& [name, value] : attributes)
    file.set_attribute(name, value);
  auto game = file.group("/game");
  game.write_dataset("strategy", strategies);
  std::vector<std::int64_t> rounds(mean_payoff.size());
  for (std::size_t t = 0; t < rounds.size(); ++t)
    rounds[t] = static_cast<std::int64_t>(t);
  game.write_dataset("round", std::span<const std::int64_t>(rounds));
  game.write_dataset_2d("frequency", frequencies, mean_payoff.size(), strategies.size(),
                        {{"unit", "share"},
                         {"description", "share of the population playing each strategy, "
                                         "before the first round (row 0) and after each round"}});
  game.write_dataset("mean_payoff", std::span<const double>(mean_payoff),
                     {{"unit", "payoff"}, {"description", "mean payoff of the round"}});
  file.finish();
}

} // namespace ptcesim::io
