#pragma once
// Label reports in text, Markdown, CSV and JSON: per pole, each criterion's value, threshold,
// verdict and reason, and the decision.
#include "sim/label/criteria.hpp"
#include "sim/label/pole.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::label {

/// Output formats of `ptcesim label`.
enum class ReportFormat { text, markdown, csv, json };

/// "text", "md", "csv", "json" to a format; nullopt for anything else.
[[nodiscard]] std::optional<ReportFormat> parse_report_format(std::string_view name) noexcept;

/// One evaluated pole and where it came from.
struct PoleReport {
  std::string source;    ///< file the pole was read from (or a simulation run)
  std::size_t index = 0; ///< position of the pole in its source, from 0
  PoleDescription pole;
  LabelReport report;

  /// The pole's name, or "pole N of SOURCE" when the name is unknown.
  [[nodiscard]] std::string display_name() const;
};

/// Renders the reports; JSON and CSV also carry the thresholds used (JSON) or one row per
/// measure (CSV).
[[nodiscard]] std::string render_reports(const std::vector<PoleReport>& reports,
                                         ReportFormat format, const LabelThresholds& thresholds);

} // namespace ptcesim::label
