#pragma once
// The comparison summary: per outcome, time point and strategy, the mean across replications
// and the paired difference against the baseline with its 95% interval.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ptcesim::compare {

/// One line of summary.csv.
struct SummaryRow {
  std::string outcome;
  std::string unit;
  std::int32_t month = 0; // observed month of the time point
  std::string strategy;
  std::size_t n = 0; // replications with a defined value
  double mean = 0.0;
  double sd = 0.0;
  // Paired difference strategy − baseline (empty for the baseline itself or when undefined).
  bool has_difference = false;
  std::size_t n_pairs = 0;
  double mean_difference = 0.0;
  double sd_difference = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double effect_size_dz = 0.0;
  bool conclusive = false;
  std::optional<std::int64_t> replications_needed;
  std::string method;
};

/// values[s][r] = outcome value of strategy s in replication r (NaN if undefined).
[[nodiscard]] std::vector<SummaryRow>
summarise_outcome(const std::string& outcome, const std::string& unit, std::int32_t month,
                  const std::vector<std::string>& strategies, const std::string& baseline,
                  const std::vector<std::vector<double>>& values);

/// Writes the rows as CSV (one header line; numbers with full precision; empty = undefined).
void write_summary_csv(const std::filesystem::path& path, const std::vector<SummaryRow>& rows);

/// Writes a Markdown report: one table per time point, with the method and the warnings.
void write_summary_markdown(const std::filesystem::path& path, const std::vector<SummaryRow>& rows,
                            const std::string& scenario_name, std::int64_t replications,
                            const std::string& baseline);

/// Renders the horizon table of the Markdown report (printed by `ptcesim compare`).
[[nodiscard]] std::string summary_table_markdown(const std::vector<SummaryRow>& rows,
                                                 std::int32_t month, const std::string& baseline);

} // namespace ptcesim::compare
