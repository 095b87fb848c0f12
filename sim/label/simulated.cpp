#include "sim/label/simulated.hpp"

#include "sim/core/json_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <stdexcept>

namespace ptcesim::label {

namespace {

constexpr int kCalendarStartYear = 2000;

int floor_div(int a, int b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

PartialDate tick_date(int tick) {
  const int year = kCalendarStartYear + floor_div(tick, 12);
  const int month = tick - floor_div(tick, 12) * 12 + 1;
  return PartialDate{year, month, 1};
}

std::string simulated_pole_name(std::int64_t pole_id, const std::string& territory) {
  return fmt::format("pole {} ({})", pole_id, territory);
}

PoleDescription describe_simulated_pole(const SimulatedPole& pole) {
  PoleDescription d;
  d.name = simulated_pole_name(pole.pole_id, pole.territory);
  d.territory = pole.territory;
  const int total = pole.members_total();
  d.member_counts.total = total;
  const std::pair<MemberType, int> counts[] = {
      {MemberType::sse, pole.members_sse},
      {MemberType::sme, pole.members_sme},
      {MemberType::large_firm, pole.members_large_firm},
      {MemberType::local_authority, pole.members_local_authority},
      {MemberType::research, pole.members_research},
      {MemberType::training, pole.members_training}};
  for (const auto& [type, count] : counts)
    if (count > 0)
      d.member_counts.by_type[type] = count;
  d.member_counts.on_territory = pole.members_on_territory;
  d.member_counts.off_territory = total - pole.members_on_territory;
  if (pole.revenue_eur_month > 0.0) {
    const double useful =
        std::clamp(pole.social_utility_eur_month / pole.revenue_eur_month, 0.0, 1.0);
    d.activities.push_back({std::string("sales with social utility"), useful, true});
    d.activities.push_back({std::string("other sales"), 1.0 - useful, false});
  }
  std::vector<SharedResource> resources;
  if (pole.pooled_eur_month > 0.0)
    resources.push_back({ResourceKind::service, std::string("pole fund (members' contributions)"),
                         pole.pooled_eur_month, std::string("EUR/month")});
  if (pole.shared_premises_m2 > 0.0)
    resources.push_back({ResourceKind::premises, std::string("shared premises"),
                         pole.shared_premises_m2, std::string("m2")});
  if (pole.facilitation_fte > 0.0)
    resources.push_back({ResourceKind::staff, std::string("funded facilitation"),
                         pole.facilitation_fte, std::string("FTE")});
  d.shared_resources = std::move(resources);
  // joint_investments stays unknown: the model does not represent them.
  const bool chartered = pole.charter_tick >= 0 && pole.charter_tick <= pole.tick;
  d.charter_adopted = chartered;
  if (chartered)
    d.charter_date = tick_date(pole.charter_tick);
  d.formalised_only_by_charter = true;
  d.evaluation_date = tick_date(pole.tick);
  return d;
}

VerdictSpan verdict_span(const std::vector<int>& ticks, const std::vector<bool>& met) {
  if (ticks.size() != met.size())
    throw std::invalid_argument("verdict_span: as many ticks as verdicts needed");
  VerdictSpan span;
  bool previous = false;
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    if (met[i] && !span.first_met)
      span.first_met = ticks[i];
    if (previous && !met[i]) {
      ++span.times_lost;
      if (!span.lost)
        span.lost = ticks[i];
    }
    previous = met[i];
  }
  return span;
}

PoleHistory evaluate_history(std::vector<SimulatedPole> records,
                             const LabelThresholds& thresholds) {
  PoleHistory h;
  h.records = std::move(records);
  std::vector<int> ticks;
  for (const auto& r : h.records) {
    if (!ticks.empty() && r.tick <= ticks.back())
      throw std::invalid_argument(fmt::format("pole {}: records out of tick order ({} after {})",
                                              r.pole_id, r.tick, ticks.back()));
    ticks.push_back(r.tick);
    h.reports.push_back(evaluate_pole(describe_simulated_pole(r), thresholds));
  }
  for (std::size_t c = 0; c < kCriteria.size(); ++c) {
    std::vector<bool> met;
    for (const auto& report : h.reports)
      met.push_back(report.criteria[c].verdict == Verdict::pass);
    h.criteria.push_back(verdict_span(ticks, met));
  }
  std::vector<bool> labelled;
  for (const auto& report : h.reports)
    labelled.push_back(report.decision == Decision::labelled);
  h.labelled = verdict_span(ticks, labelled);
  return h;
}

std::vector<PoleHistory> evaluate_histories(const std::vector<SimulatedPole>& records,
                                            const LabelThresholds& thresholds) {
  std::map<std::int64_t, std::vector<SimulatedPole>> by_pole;
  for (const auto& r : records)
    by_pole[r.pole_id].push_back(r);
  std::vector<PoleHistory> out;
  for (auto& [id, rows] : by_pole) {
    std::stable_sort(rows.begin(), rows.end(), [](const SimulatedPole& a, const SimulatedPole& b) {
      return a.tick < b.tick;
    });
    out.push_back(evaluate_history(std::move(rows), thresholds));
  }
  return out;
}

} // namespace ptcesim::label

namespace ptcesim::label {

namespace {

std::string tick_text(const std::optional<int>& tick) {
  return tick ? fmt::format("{}", *tick) : std::string();
}

std::string span_sentence(const VerdictSpan& s) {
  if (!s.first_met)
    return "never met";
  if (!s.lost)
    return fmt::format("met from tick {}, never lost", *s.first_met);
  return fmt::format("met from tick {}, lost at tick {}{}", *s.first_met, *s.lost,
                     s.times_lost > 1 ? fmt::format(" ({} times in all)", s.times_lost) : "");
}

std::string json_text(std::string_view s) {
  return core::json_quote(s);
}

std::string json_tick(const std::optional<int>& tick) {
  return tick ? fmt::format("{}", *tick) : std::string("null");
}

std::string json_span(const VerdictSpan& s) {
  return fmt::format("\"first_met\": {}, \"lost\": {}, \"times_lost\": {}", json_tick(s.first_met),
                     json_tick(s.lost), s.times_lost);
}

std::string csv_text(const std::string& s) {
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

// Values of simulated poles are exact; printed with enough digits to be read back.
std::string measure_values(const CriterionResult& c) {
  std::vector<std::string> parts;
  for (const auto& m : c.measures) {
    const auto v = m.value();
    parts.push_back(fmt::format("{}={}", m.name, v ? fmt::format("{:.6g}", *v) : "unknown"));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string measure_thresholds(const CriterionResult& c) {
  std::vector<std::string> parts;
  for (const auto& m : c.measures)
    parts.push_back(
        fmt::format("{} {:.6g}", m.comparison == Comparison::above ? ">" : ">=", m.threshold));
  return fmt::format("{}", fmt::join(parts, c.combination == Combination::all_of ? "; " : " or "));
}

PoleReport final_report(const PoleHistory& h, const std::string& source, std::size_t index) {
  return {source, index, describe_simulated_pole(h.records.back()), h.reports.back()};
}

std::string lifetime(const PoleHistory& h, int final_tick) {
  const int last = h.records.back().tick;
  return fmt::format("recorded ticks {}..{} (born {}){}", h.records.front().tick, last,
                     h.records.front().birth_tick,
                     last < final_tick ? fmt::format(", dissolved after tick {}", last) : "");
}

std::string render_text_history(const std::vector<PoleHistory>& histories,
                                const LabelThresholds& thresholds, const std::string& source,
                                int final_tick, bool markdown) {
  std::string out;
  for (std::size_t p = 0; p < histories.size(); ++p) {
    const auto& h = histories[p];
    if (h.records.empty())
      continue;
    out += render_reports({final_report(h, source, p)},
                          markdown ? ReportFormat::markdown : ReportFormat::text, thresholds);
    if (markdown) {
      out += fmt::format("Through time: {}.\n\n| # | Criterion | First met (tick) | Lost (tick) "
                         "| Times lost |\n|---|---|---|---|---|\n",
                         lifetime(h, final_tick));
      for (std::size_t c = 0; c < kCriteria.size(); ++c) {
        const auto& s = h.criteria[c];
        out += fmt::format("| {} | {} | {} | {} | {} |\n", static_cast<int>(kCriteria[c]),
                           title(kCriteria[c]), s.first_met ? tick_text(s.first_met) : "never",
                           tick_text(s.lost), s.times_lost);
      }
      out += fmt::format("| | **label** | {} | {} | {} |\n\n",
                         h.labelled.first_met ? tick_text(h.labelled.first_met) : "never",
                         tick_text(h.labelled.lost), h.labelled.times_lost);
    } else {
      // render_text ends each pole with a blank line: the history goes before it.
      if (out.ends_with("\n\n"))
        out.pop_back();
      out += fmt::format("  through time: {}\n", lifetime(h, final_tick));
      for (std::size_t c = 0; c < kCriteria.size(); ++c)
        out += fmt::format("    {} {:<24} {}\n", static_cast<int>(kCriteria[c]), key(kCriteria[c]),
                           span_sentence(h.criteria[c]));
      out += fmt::format("    label {:<20} {}\n\n", "",
                         h.labelled.first_met ? span_sentence(h.labelled) : "never labelled");
    }
  }
  if (out.empty())
    out =
        markdown ? "No pole emerged in this simulation.\n" : "no pole emerged in this simulation\n";
  return out;
}

std::string render_csv_history(const std::vector<PoleHistory>& histories, const std::string& source,
                               int final_tick) {
  std::string out = "source,pole,pole_id,territory,criterion,key,verdict,value,threshold,reason,"
                    "first_met_tick,lost_tick,times_lost,first_tick,last_tick,dissolved\n";
  for (const auto& h : histories) {
    if (h.records.empty())
      continue;
    const auto& last = h.records.back();
    const std::string common =
        fmt::format("{},{},{},{}", csv_text(source),
                    csv_text(simulated_pole_name(last.pole_id, last.territory)), last.pole_id,
                    csv_text(last.territory));
    const std::string life = fmt::format("{},{},{}", h.records.front().tick, last.tick,
                                         last.tick < final_tick ? "yes" : "no");
    const auto& report = h.reports.back();
    for (std::size_t c = 0; c < kCriteria.size(); ++c) {
      const auto& r = report.criteria[c];
      const auto& s = h.criteria[c];
      out +=
          fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", common, static_cast<int>(r.criterion),
                      key(r.criterion), to_string(r.verdict), csv_text(measure_values(r)),
                      csv_text(measure_thresholds(r)), csv_text(r.reason), tick_text(s.first_met),
                      tick_text(s.lost), s.times_lost, life);
    }
    out += fmt::format("{},decision,decision,{},,,,{},{},{},{}\n", common,
                       to_string(report.decision), tick_text(h.labelled.first_met),
                       tick_text(h.labelled.lost), h.labelled.times_lost, life);
  }
  return out;
}

std::string render_json_history(const std::vector<PoleHistory>& histories,
                                const LabelThresholds& thresholds, const std::string& source,
                                int final_tick) {
  std::vector<PoleReport> finals;
  std::string history;
  for (const auto& h : histories) {
    if (h.records.empty())
      continue;
    const auto& last = h.records.back();
    finals.push_back(final_report(h, source, finals.size()));
    history += fmt::format(
        "{}\n    {{\"pole_id\": {}, \"territory\": {}, \"origin\": {}, \"birth_tick\": {}, "
        "\"first_tick\": {}, \"last_tick\": {}, \"dissolved\": {},\n     \"criteria\": [",
        history.empty() ? "" : ",", last.pole_id, json_text(last.territory), json_text(last.origin),
        h.records.front().birth_tick, h.records.front().tick, last.tick,
        last.tick < final_tick ? "true" : "false");
    for (std::size_t c = 0; c < kCriteria.size(); ++c)
      history += fmt::format("{}\n       {{\"number\": {}, \"key\": {}, {}}}", c ? "," : "",
                             static_cast<int>(kCriteria[c]), json_text(key(kCriteria[c])),
                             json_span(h.criteria[c]));
    history += fmt::format("],\n     \"labelled\": {{{}}}}}", json_span(h.labelled));
  }
  std::string report = render_reports(finals, ReportFormat::json, thresholds);
  while (!report.empty() && report.back() == '\n')
    report.pop_back();
  return fmt::format("{{\n\"source\": {},\n\"final_tick\": {},\n\"report\": {},\n\"history\": "
                     "[{}\n]\n}}\n",
                     json_text(source), final_tick, report, history);
}

} // namespace

std::string render_histories(const std::vector<PoleHistory>& histories, ReportFormat format,
                             const LabelThresholds& thresholds, const std::string& source,
                             int final_tick) {
  switch (format) {
  case ReportFormat::text:
    return render_text_history(histories, thresholds, source, final_tick, false);
  case ReportFormat::markdown:
    return render_text_history(histories, thresholds, source, final_tick, true);
  case ReportFormat::csv:
    return render_csv_history(histories, source, final_tick);
  case ReportFormat::json:
    return render_json_history(histories, thresholds, source, final_tick);
  }
  return {};
}

} // namespace ptcesim::label
