#include "sim/label/report.hpp"

#include "sim/core/json_text.hpp"

#include <cmath>
#include <fmt/format.h>

namespace ptcesim::label {

std::optional<ReportFormat> parse_report_format(std::string_view name) noexcept {
  if (name == "text")
    return ReportFormat::text;
  if (name == "md")
    return ReportFormat::markdown;
  if (name == "csv")
    return ReportFormat::csv;
  if (name == "json")
    return ReportFormat::json;
  return std::nullopt;
}

std::string PoleReport::display_name() const {
  return pole.name ? *pole.name : fmt::format("pole {} of {}", index + 1, source);
}

namespace {

std::string_view unit_name(Unit unit) {
  switch (unit) {
  case Unit::count:
    return "count";
  case Unit::share:
    return "share";
  case Unit::years:
    return "years";
  case Unit::euros:
    return "euros";
  case Unit::yes_no:
    return "yes_no";
  }
  return "count";
}

std::string number(double v) {
  // Shortest text that reads back as the same double; whole numbers without a fraction.
  if (std::trunc(v) == v && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

std::string value_text(const Measure& m) {
  if (const auto v = m.value()) {
    if (m.unit == Unit::yes_no)
      return *v >= 0.5 ? "yes" : "no";
    if (m.unit == Unit::share)
      return fmt::format("{:.2f}", *v);
    if (m.unit == Unit::years)
      return fmt::format("{:.1f}", *v);
    return number(*v);
  }
  if (m.unit == Unit::yes_no)
    return "unknown";
  const auto shown = [&](double x) {
    return m.unit == Unit::share   ? fmt::format("{:.2f}", x)
           : m.unit == Unit::years ? fmt::format("{:.1f}", x)
                                   : number(x);
  };
  if (!m.upper)
    return m.lower > 0 ? fmt::format(">= {}", shown(m.lower)) : "unknown";
  return fmt::format("{}..{}", shown(m.lower), shown(*m.upper));
}

std::string threshold_text(const Measure& m) {
  if (m.unit == Unit::yes_no)
    return "yes";
  const std::string v = m.unit == Unit::share   ? fmt::format("{:.2f}", m.threshold)
                        : m.unit == Unit::years ? fmt::format("{:.1f}", m.threshold)
                                                : number(m.threshold);
  return fmt::format("{} {}", m.comparison == Comparison::above ? ">" : ">=", v);
}

std::string verdict_text(Verdict v) {
  switch (v) {
  case Verdict::pass:
    return "pass";
  case Verdict::fail:
    return "FAIL";
  case Verdict::not_assessable:
    return "not assessable";
  }
  return "";
}

std::string decision_text(Decision d) {
  switch (d) {
  case Decision::labelled:
    return "labelled (all seven criteria pass)";
  case Decision::not_labelled:
    return "not labelled (at least one criterion fails)";
  case Decision::undetermined:
    return "undetermined (no criterion fails, but some cannot be assessed from the data)";
  }
  return "";
}

std::string joined_values(const CriterionResult& c, bool with_threshold) {
  std::vector<std::string> parts;
  for (const auto& m : c.measures)
    parts.push_back(with_threshold ? fmt::format("{} {}", value_text(m), threshold_text(m))
                                   : value_text(m));
  return fmt::format("{}", fmt::join(parts, c.combination == Combination::all_of ? "; " : " | "));
}

std::string render_text(const std::vector<PoleReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    out += fmt::format("{}  [{}]\n", r.display_name(), r.source);
    if (r.pole.territory)
      out += fmt::format("  territory: {}\n", *r.pole.territory);
    out += fmt::format("  evaluated at: {}\n", r.pole.evaluation_date
                                                   ? r.pole.evaluation_date->to_string()
                                                   : std::string("unknown"));
    for (const auto& c : r.report.criteria) {
      out += fmt::format("  {} {:<55} {}\n", static_cast<int>(c.criterion), title(c.criterion),
                         verdict_text(c.verdict));
      for (const auto& m : c.measures)
        out +=
            fmt::format("      {}: {} (threshold {})\n", m.name, value_text(m), threshold_text(m));
      out += fmt::format("      why: {}\n", c.reason);
    }
    out += fmt::format("  decision: {}\n\n", decision_text(r.report.decision));
  }
  return out;
}

std::string md_cell(std::string s) {
  std::string out;
  for (const char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n')
      out += ' ';
    else
      out += ch;
  }
  return out;
}

std::string render_markdown(const std::vector<PoleReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    out += fmt::format("## {}\n\n", md_cell(r.display_name()));
    out += fmt::format("Source: `{}`", r.source);
    if (r.pole.territory)
      out += fmt::format("; territory: {}", md_cell(*r.pole.territory));
    out += fmt::format("; evaluated at: {}.\n\n",
                       r.pole.evaluation_date ? r.pole.evaluation_date->to_string() : "unknown");
    out += "| # | Criterion | Value | Threshold | Verdict | Reason |\n"
           "|---|---|---|---|---|---|\n";
    for (const auto& c : r.report.criteria) {
      std::vector<std::string> values, thresholds;
      for (const auto& m : c.measures) {
        values.push_back(fmt::format("{}: {}", m.name, value_text(m)));
        thresholds.push_back(threshold_text(m));
      }
      const char* sep = c.combination == Combination::all_of ? "; " : " or ";
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", static_cast<int>(c.criterion),
                         title(c.criterion), md_cell(fmt::format("{}", fmt::join(values, sep))),
                         md_cell(fmt::format("{}", fmt::join(thresholds, sep))),
                         verdict_text(c.verdict), md_cell(c.reason));
    }
    out += fmt::format("\n**Decision: {}.**\n\n", decision_text(r.report.decision));
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"')
      out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string render_csv(const std::vector<PoleReport>& reports) {
  // One row per criterion; the decision as a row with criterion "decision".
  std::string out = "source,pole,criterion,key,verdict,value,threshold,reason\n";
  for (const auto& r : reports) {
    const std::string pole = csv_field(r.display_name());
    for (const auto& c : r.report.criteria) {
      std::vector<std::string> thresholds;
      for (const auto& m : c.measures)
        thresholds.push_back(threshold_text(m));
      out += fmt::format(
          "{},{},{},{},{},{},{},{}\n", csv_field(r.source), pole, static_cast<int>(c.criterion),
          key(c.criterion), to_string(c.verdict), csv_field(joined_values(c, false)),
          csv_field(fmt::format("{}", fmt::join(thresholds, "; "))), csv_field(c.reason));
    }
    out += fmt::format("{},{},decision,decision,{},,,\n", csv_field(r.source), pole,
                       to_string(r.report.decision));
  }
  return out;
}

std::string json_string(std::string_view s) {
  return core::json_quote(s);
}

std::string json_number(double v) {
  return std::isfinite(v) ? number(v) : "null";
}

std::string json_optional_number(const std::optional<double>& v) {
  return v ? json_number(*v) : "null";
}

std::string render_json(const std::vector<PoleReport>& reports, const LabelThresholds& thresholds) {
  std::string out = "{\n  \"thresholds\": {";
  const auto values = threshold_values(thresholds);
  for (std::size_t i = 0; i < values.size(); ++i)
    out +=
        fmt::format("{}\n    {}: {}", i ? "," : "", json_string(values[i].first), values[i].second);
  out += "\n  },\n  \"poles\": [";
  for (std::size_t p = 0; p < reports.size(); ++p) {
    const auto& r = reports[p];
    out += fmt::format("{}\n    {{\n      \"source\": {},\n      \"index\": {},\n", p ? "," : "",
                       json_string(r.source), r.index);
    out += fmt::format("      \"name\": {},\n      \"territory\": {},\n",
                       r.pole.name ? json_string(*r.pole.name) : "null",
                       r.pole.territory ? json_string(*r.pole.territory) : "null");
    out += fmt::format("      \"evaluation_date\": {},\n",
                       r.pole.evaluation_date ? json_string(r.pole.evaluation_date->to_string())
                                              : "null");
    out += fmt::format("      \"decision\": {},\n      \"criteria\": [",
                       json_string(to_string(r.report.decision)));
    for (std::size_t i = 0; i < r.report.criteria.size(); ++i) {
      const auto& c = r.report.criteria[i];
      out += fmt::format("{}\n        {{\"number\": {}, \"key\": {}, \"title\": {}, "
                         "\"verdict\": {}, \"combination\": {},\n         \"reason\": {},\n"
                         "         \"measures\": [",
                         i ? "," : "", static_cast<int>(c.criterion), json_string(key(c.criterion)),
                         json_string(title(c.criterion)), json_string(to_string(c.verdict)),
                         json_string(c.combination == Combination::all_of ? "all_of" : "any_of"),
                         json_string(c.reason));
      for (std::size_t j = 0; j < c.measures.size(); ++j) {
        const auto& m = c.measures[j];
        out += fmt::format(
            "{}\n           {{\"name\": {}, \"unit\": {}, \"value\": {}, \"lower\": {}, "
            "\"upper\": {}, \"comparison\": {}, \"threshold\": {}, \"verdict\": {}}}",
            j ? "," : "", json_string(m.name), json_string(unit_name(m.unit)),
            json_optional_number(m.value()), json_number(m.lower), json_optional_number(m.upper),
            json_string(m.comparison == Comparison::above ? "above" : "at_least"),
            json_number(m.threshold), json_string(to_string(m.verdict)));
      }
      out += "]}";
    }
    out += "\n      ]\n    }";
  }
  out += "\n  ]\n}\n";
  return out;
}

} // namespace

std::string render_reports(const std::vector<PoleReport>& reports, ReportFormat format,
                           const LabelThresholds& thresholds) {
  switch (format) {
  case ReportFormat::text:
    return render_text(reports);
  case ReportFormat::markdown:
    return render_markdown(reports);
  case ReportFormat::csv:
    return render_csv(reports);
  case ReportFormat::json:
    return render_json(reports, thresholds);
  }
  return {};
}

} // namespace ptcesim::label
