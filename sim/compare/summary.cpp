#include "sim/compare/summary.hpp"

#include "sim/stats/paired.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>

namespace ptcesim::compare {

std::vector<SummaryRow> summarise_outcome(const std::string& outcome, const std::string& unit,
                                          std::int32_t month,
                                          const std::vector<std::string>& strategies,
                                          const std::string& baseline,
                                          const std::vector<std::vector<double>>& values) {
  std::size_t base_index = strategies.size();
  for (std::size_t s = 0; s < strategies.size(); ++s)
    if (strategies[s] == baseline)
      base_index = s;
  std::vector<SummaryRow> rows;
  for (std::size_t s = 0; s < strategies.size(); ++s) {
    SummaryRow row;
    row.outcome = outcome;
    row.unit = unit;
    row.month = month;
    row.strategy = strategies[s];
    std::vector<double> defined;
    for (double v : values[s])
      if (std::isfinite(v))
        defined.push_back(v);
    const auto m = stats::moments(defined);
    row.n = m.n;
    row.mean = m.n ? m.mean : std::numeric_limits<double>::quiet_NaN();
    row.sd = m.sd;
    if (s != base_index && base_index < strategies.size()) {
      // Pairs where both arms are defined (a ratio can be undefined in one arm only).
      std::vector<double> treated, base;
      for (std::size_t r = 0; r < values[s].size(); ++r)
        if (std::isfinite(values[s][r]) && std::isfinite(values[base_index][r])) {
          treated.push_back(values[s][r]);
          base.push_back(values[base_index][r]);
        }
      if (treated.size() >= 2) {
        const auto d = stats::paired_t(treated, base, 0.95);
        row.has_difference = true;
        row.n_pairs = d.n;
        row.mean_difference = d.mean_difference;
        row.sd_difference = d.sd_difference;
        row.ci_low = d.ci_low;
        row.ci_high = d.ci_high;
        row.effect_size_dz = d.effect_size_dz;
        row.conclusive = d.conclusive;
        row.replications_needed = d.replications_needed;
        row.method = d.method;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

std::string number(double v) {
  return std::isfinite(v) ? fmt::format("{:.17g}", v) : std::string();
}

std::string readable(double v) {
  if (!std::isfinite(v))
    return "n/a";
  const double a = std::fabs(v);
  if (a != 0.0 && (a < 0.01 || a >= 1e7))
    return fmt::format("{:.3g}", v);
  if (a >= 100)
    return fmt::format("{:.0f}", v);
  return fmt::format("{:.3f}", v);
}

std::string needed_text(const SummaryRow& r) {
  if (!r.replications_needed)
    return {};
  if (*r.replications_needed == std::numeric_limits<std::int64_t>::max())
    return "no detectable difference";
  return fmt::format("≈ {} replications needed", *r.replications_needed);
}

void write_atomically(const std::filesystem::path& path, const std::string& text) {
  auto partial = path;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out)
      throw std::runtime_error(fmt::format("{}: cannot create file", partial.string()));
    out << text;
    out.flush();
    if (!out)
      throw std::runtime_error(fmt::format("{}: write failed (disk full?)", partial.string()));
  }
  std::filesystem::rename(partial, path);
}

} // namespace

void write_summary_csv(const std::filesystem::path& path, const std::vector<SummaryRow>& rows) {
  std::string text =
      "outcome,unit,month,strategy,n,mean,sd,n_pairs,mean_difference,sd_difference,ci_low,"
      "ci_high,effect_size_dz,conclusive,replications_needed,method\n";
  for (const auto& r : rows) {
    text += fmt::format("{},{},{},{},{},{},{},", r.outcome, r.unit, r.month, r.strategy, r.n,
                        number(r.mean), number(r.sd));
    if (r.has_difference)
      text += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.n_pairs, number(r.mean_difference),
                          number(r.sd_difference), number(r.ci_low), number(r.ci_high),
                          number(r.effect_size_dz), r.conclusive ? "yes" : "no",
                          r.replications_needed ? fmt::format("{}", *r.replications_needed) : "",
                          r.method);
    else
      text += ",,,,,,,,\n";
  }
  write_atomically(path, text);
}

std::string summary_table_markdown(const std::vector<SummaryRow>& rows, std::int32_t month,
                                   const std::string& baseline) {
  std::vector<std::string> strategies;
  for (const auto& r : rows)
    if (r.month == month &&
        std::find(strategies.begin(), strategies.end(), r.strategy) == strategies.end())
      strategies.push_back(r.strategy);
  std::string text = "| outcome | unit |";
  for (const auto& s : strategies)
    text += fmt::format(" {} |", s);
  for (const auto& s : strategies)
    if (s != baseline)
      text += fmt::format(" {} − {} (95% CI) | d_z |", s, baseline);
  text += "\n|---|---|";
  for (std::size_t i = 0; i < strategies.size(); ++i)
    text += "---:|";
  for (const auto& s : strategies)
    if (s != baseline)
      text += "---|---:|";
  text += "\n";
  std::vector<std::string> outcomes;
  for (const auto& r : rows)
    if (r.month == month &&
        std::find(outcomes.begin(), outcomes.end(), r.outcome) == outcomes.end())
      outcomes.push_back(r.outcome);
  for (const auto& outcome : outcomes) {
    std::string means, diffs, unit;
    for (const auto& s : strategies)
      for (const auto& r : rows)
        if (r.month == month && r.outcome == outcome && r.strategy == s) {
          unit = r.unit;
          means += fmt::format(" {} |", readable(r.mean));
          if (s == baseline)
            continue;
          if (!r.has_difference) {
            diffs += " n/a | |";
            continue;
          }
          const auto warning = r.conclusive ? std::string() : " ⚠ " + needed_text(r);
          diffs +=
              fmt::format(" {} [{}, {}]{} | {} |", readable(r.mean_difference), readable(r.ci_low),
                          readable(r.ci_high), warning, readable(r.effect_size_dz));
        }
    text += fmt::format("| {} | {} |{}{}\n", outcome, unit, means, diffs);
  }
  return text;
}

void write_summary_markdown(const std::filesystem::path& path, const std::vector<SummaryRow>& rows,
                            const std::string& scenario_name, std::int64_t replications,
                            const std::string& baseline) {
  std::set<std::int32_t> months;
  for (const auto& r : rows)
    months.insert(r.month);
  std::string text = fmt::format(
      "# Comparison of strategies — scenario '{}'\n\n"
      "{} replications per strategy with common random numbers: replication r of every "
      "strategy uses the same seed, so differences are paired. For each outcome: the mean per "
      "strategy, and the paired difference against '{}' with a 95% paired t interval "
      "(Student's t on the replication-by-replication differences) and the standardised effect "
      "size d_z = mean difference / sd of differences. ⚠ marks an interval that contains 0: "
      "the difference is not established at this precision; the number of replications that "
      "would bring the half-width below the observed difference is given. Ratios (cost per net "
      "job, shares) are undefined (n/a) where their denominator is 0 or negative; pairs with an "
      "undefined value are left out, and n says how many remain (see summary.csv).\n\n",
      scenario_name, replications, baseline);
  for (auto it = months.rbegin(); it != months.rend(); ++it) {
    text += fmt::format("## After {} months ({:.0f} years)\n\n", *it, *it / 12.0);
    text += summary_table_markdown(rows, *it, baseline);
    text += "\n";
  }
  write_atomically(path, text);
}

} // namespace ptcesim::compare
