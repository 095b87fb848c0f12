#include "sim/label/criteria.hpp"

#include "sim/label/suggest.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>
#include <tuple>

namespace ptcesim::label {

std::string_view key(Criterion criterion) noexcept {
  switch (criterion) {
  case Criterion::sse_with_stakeholders:
    return "sse_with_stakeholders";
  case Criterion::significant_grouping:
    return "significant_grouping";
  case Criterion::formalised_strategy:
    return "formalised_strategy";
  case Criterion::local_integration:
    return "local_integration";
  case Criterion::social_utility:
    return "social_utility";
  case Criterion::long_term_engagement:
    return "long_term_engagement";
  case Criterion::economic_commitment:
    return "economic_commitment";
  }
  return "";
}

std::string_view title(Criterion criterion) noexcept {
  switch (criterion) {
  case Criterion::sse_with_stakeholders:
    return "SSE actors associated with other stakeholders";
  case Criterion::significant_grouping:
    return "Significant grouping of organisations of several types";
  case Criterion::formalised_strategy:
    return "Shared, formalised strategy (charter)";
  case Criterion::local_integration:
    return "Significant local integration";
  case Criterion::social_utility:
    return "Social utility of the majority of activities";
  case Criterion::long_term_engagement:
    return "Long-term engagement";
  case Criterion::economic_commitment:
    return "Minimal economic commitment between members";
  }
  return "";
}

std::string_view to_string(Verdict verdict) noexcept {
  switch (verdict) {
  case Verdict::pass:
    return "pass";
  case Verdict::fail:
    return "fail";
  case Verdict::not_assessable:
    return "not_assessable";
  }
  return "not_assessable";
}

std::string_view to_string(Decision decision) noexcept {
  switch (decision) {
  case Decision::labelled:
    return "labelled";
  case Decision::not_labelled:
    return "not_labelled";
  case Decision::undetermined:
    return "undetermined";
  }
  return "undetermined";
}

std::optional<double> Measure::value() const {
  if (upper && *upper == lower)
    return lower;
  return std::nullopt;
}

// ---- thresholds -------------------------------------------------------------------------------

namespace {

enum class ThresholdKind { count, share, years, euros };

struct ThresholdField {
  std::string_view name;
  ThresholdKind kind;
  int LabelThresholds::*count = nullptr;
  double LabelThresholds::*real = nullptr;
};

const std::vector<ThresholdField>& threshold_fields() {
  static const std::vector<ThresholdField> fields{
      {"min_sse_members", ThresholdKind::count, &LabelThresholds::min_sse_members, nullptr},
      {"min_partner_types", ThresholdKind::count, &LabelThresholds::min_partner_types, nullptr},
      {"min_members", ThresholdKind::count, &LabelThresholds::min_members, nullptr},
      {"min_member_types", ThresholdKind::count, &LabelThresholds::min_member_types, nullptr},
      {"min_local_share", ThresholdKind::share, nullptr, &LabelThresholds::min_local_share},
      {"min_social_utility_share", ThresholdKind::share, nullptr,
       &LabelThresholds::min_social_utility_share},
      {"min_cooperation_years", ThresholdKind::years, nullptr,
       &LabelThresholds::min_cooperation_years},
      {"min_pooled_resources", ThresholdKind::count, &LabelThresholds::min_pooled_resources,
       nullptr},
      {"min_joint_investment_eur", ThresholdKind::euros, nullptr,
       &LabelThresholds::min_joint_investment_eur},
  };
  return fields;
}

} // namespace

void apply_threshold_override(LabelThresholds& thresholds, std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos)
    throw std::invalid_argument(
        fmt::format("--thresholds: expected name=value, got '{}'", assignment));
  const std::string_view name = assignment.substr(0, eq);
  const std::string_view text = assignment.substr(eq + 1);
  const auto& fields = threshold_fields();
  const auto field = std::find_if(fields.begin(), fields.end(),
                                  [&](const ThresholdField& f) { return f.name == name; });
  if (field == fields.end()) {
    std::vector<std::string_view> names;
    for (const auto& f : fields)
      names.push_back(f.name);
    const auto suggestion = detail::closest(name, names);
    throw std::invalid_argument(
        suggestion ? fmt::format("--thresholds: {}: unknown threshold; did you mean '{}'?", name,
                                 *suggestion)
                   : fmt::format("--thresholds: {}: unknown threshold (known: {})", name,
                                 fmt::join(names, ", ")));
  }
  if (field->kind == ThresholdKind::count) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
      throw std::invalid_argument(
          fmt::format("--thresholds: {}: must be a non-negative integer, got '{}'", name, text));
    thresholds.*(field->count) = value;
    return;
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    throw std::invalid_argument(
        fmt::format("--thresholds: {}: must be a number, got '{}'", name, text));
  if (field->kind == ThresholdKind::share && (value < 0.0 || value > 1.0))
    throw std::invalid_argument(
        fmt::format("--thresholds: {}: must be in [0, 1], got {}", name, text));
  if (value < 0.0)
    throw std::invalid_argument(
        fmt::format("--thresholds: {}: must be non-negative, got {}", name, text));
  thresholds.*(field->real) = value;
}

std::vector<std::pair<std::string, std::string>>
threshold_values(const LabelThresholds& thresholds) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& f : threshold_fields())
    values.emplace_back(std::string(f.name), f.count ? fmt::format("{}", thresholds.*(f.count))
                                                     : fmt::format("{}", thresholds.*(f.real)));
  return values;
}

// ---- membership -------------------------------------------------------------------------------

namespace {

std::size_t index_of(MemberType type) {
  return static_cast<std::size_t>(type);
}

} // namespace

MembershipSummary summarise_membership(const PoleDescription& pole) {
  MembershipSummary s;
  int listed_on = 0, listed_off = 0;
  for (const auto& m : pole.members) {
    if (m.type)
      ++s.by_type[index_of(*m.type)];
    if (m.on_territory)
      ++(*m.on_territory ? listed_on : listed_off);
  }
  const auto& agg = pole.member_counts;
  for (const auto& [type, count] : agg.by_type)
    s.by_type[index_of(type)] = std::max(s.by_type[index_of(type)], count);
  s.on_territory = std::max(listed_on, agg.on_territory.value_or(0));
  s.off_territory = std::max(listed_off, agg.off_territory.value_or(0));
  int typed = 0;
  for (const int c : s.by_type)
    typed += c;
  s.known =
      std::max({static_cast<int>(pole.members.size()), typed, s.on_territory + s.off_territory,
                agg.total.value_or(0), agg.at_least.value_or(0)});
  const bool aggregate_given = !agg.by_type.empty() || agg.on_territory.has_value() ||
                               agg.off_territory.has_value() || agg.at_least.has_value();
  if (agg.total)
    s.total = agg.total;
  else if (!pole.members.empty() && !aggregate_given)
    s.total = static_cast<int>(pole.members.size()); // a list without a total is the whole list
  return s;
}

// ---- formatting helpers -----------------------------------------------------------------------

namespace {

constexpr double kTolerance = 1e-9;

std::string format_number(double v, Unit unit) {
  switch (unit) {
  case Unit::count:
    return fmt::format("{}", static_cast<long long>(std::llround(v)));
  case Unit::share:
    return fmt::format("{:.2f}", v);
  case Unit::years:
    return fmt::format("{:.1f}", v);
  case Unit::euros:
    return fmt::format("EUR {}", static_cast<long long>(std::llround(v)));
  case Unit::yes_no:
    return v >= 0.5 ? "yes" : "no";
  }
  return fmt::format("{}", v);
}

std::string describe_value(const Measure& m) {
  if (const auto v = m.value())
    return format_number(*v, m.unit);
  if (m.unit == Unit::yes_no)
    return "unknown";
  if (!m.upper)
    return m.lower > 0 ? fmt::format("at least {}", format_number(m.lower, m.unit)) : "unknown";
  return fmt::format("between {} and {}", format_number(m.lower, m.unit),
                     format_number(*m.upper, m.unit));
}

std::string describe_threshold(const Measure& m) {
  if (m.unit == Unit::yes_no)
    return "yes";
  return fmt::format(
      "{} {}", m.comparison == Comparison::above ? ">" : ">=", format_number(m.threshold, m.unit));
}

std::string describe(const Measure& m) {
  return fmt::format("{} {} (need {})", m.name, describe_value(m), describe_threshold(m));
}

Verdict judge(const Measure& m) {
  if (m.comparison == Comparison::at_least) {
    if (m.lower >= m.threshold - kTolerance)
      return Verdict::pass;
    if (m.upper && *m.upper < m.threshold - kTolerance)
      return Verdict::fail;
  } else {
    if (m.lower > m.threshold + kTolerance)
      return Verdict::pass;
    if (m.upper && *m.upper <= m.threshold + kTolerance)
      return Verdict::fail;
  }
  return Verdict::not_assessable;
}

Measure measure(std::string name, double lower, std::optional<double> upper, double threshold,
                Comparison comparison, Unit unit) {
  Measure m{std::move(name), lower, upper, threshold, comparison, unit, Verdict::not_assessable};
  m.verdict = judge(m);
  return m;
}

Verdict combine(const std::vector<Measure>& measures, Combination combination) {
  const auto count = [&](Verdict v) {
    return std::count_if(measures.begin(), measures.end(),
                         [v](const Measure& m) { return m.verdict == v; });
  };
  const auto n = static_cast<std::ptrdiff_t>(measures.size());
  if (combination == Combination::all_of) {
    if (count(Verdict::fail) > 0)
      return Verdict::fail;
    return count(Verdict::pass) == n ? Verdict::pass : Verdict::not_assessable;
  }
  if (count(Verdict::pass) > 0)
    return Verdict::pass;
  return count(Verdict::fail) == n ? Verdict::fail : Verdict::not_assessable;
}

/// The reason sentence: the measures that decided, then what is missing when not assessable.
std::string compose_reason(const CriterionResult& r, const std::vector<std::string>& missing,
                           const std::string& detail) {
  std::vector<std::string> parts;
  for (const auto& m : r.measures) {
    // A failing criterion names its failing measures; a passing "any of" its passing ones.
    if (r.verdict == Verdict::fail && m.verdict != Verdict::fail)
      continue;
    if (r.verdict == Verdict::pass && r.combination == Combination::any_of &&
        m.verdict != Verdict::pass)
      continue;
    parts.push_back(describe(m));
  }
  std::string text =
      fmt::format("{}", fmt::join(parts, r.combination == Combination::all_of ? "; " : " or "));
  if (!detail.empty())
    text += fmt::format(" ({})", detail);
  if (r.verdict == Verdict::not_assessable && !missing.empty())
    text += fmt::format("; not assessable: {}", fmt::join(missing, "; "));
  return text;
}

CriterionResult finish(Criterion c, std::vector<Measure> measures, Combination combination,
                       const std::vector<std::string>& missing, const std::string& detail = {}) {
  CriterionResult r;
  r.criterion = c;
  r.measures = std::move(measures);
  r.combination = combination;
  r.verdict = combine(r.measures, combination);
  r.reason = compose_reason(r, missing, detail);
  return r;
}

bool before_or_on(const PartialDate& a, const PartialDate& b) {
  return std::tie(a.year, *a.month, *a.day) <= std::tie(b.year, *b.month, *b.day);
}

std::vector<std::string> missing_membership(const MembershipSummary& s, int unknown_type) {
  if (!s.total)
    return {"the number of members is unknown"};
  if (unknown_type > 0)
    return {fmt::format("{} member(s) of unknown type", unknown_type)};
  return {};
}

// ---- the criteria -----------------------------------------------------------------------------

constexpr std::array kPartnerTypes{MemberType::local_authority, MemberType::sme,
                                   MemberType::social_partner, MemberType::research,
                                   MemberType::training};

int typed_count(const MembershipSummary& s) {
  int typed = 0;
  for (const int c : s.by_type)
    typed += c;
  return typed;
}

CriterionResult sse_with_stakeholders(const PoleDescription& pole, const LabelThresholds& t) {
  const auto s = summarise_membership(pole);
  const int unknown_type = s.total ? std::max(0, *s.total - typed_count(s)) : 0;
  const int sse = s.by_type[index_of(MemberType::sse)];
  std::vector<std::string> present;
  for (const auto type : kPartnerTypes)
    if (s.by_type[index_of(type)] > 0)
      present.emplace_back(to_string(type));
  const int partners = static_cast<int>(present.size());
  const int max_partners = static_cast<int>(kPartnerTypes.size());
  std::vector<Measure> measures{
      measure("SSE members", sse,
              s.total ? std::optional<double>(sse + unknown_type) : std::nullopt, t.min_sse_members,
              Comparison::at_least, Unit::count),
      measure("partner stakeholder types", partners,
              s.total ? std::min(max_partners, partners + unknown_type) : max_partners,
              t.min_partner_types, Comparison::at_least, Unit::count)};
  return finish(Criterion::sse_with_stakeholders, std::move(measures), Combination::all_of,
                missing_membership(s, unknown_type),
                present.empty() ? std::string()
                                : fmt::format("present: {}", fmt::join(present, ", ")));
}

CriterionResult significant_grouping(const PoleDescription& pole, const LabelThresholds& t) {
  const auto s = summarise_membership(pole);
  const int unknown_type = s.total ? std::max(0, *s.total - typed_count(s)) : 0;
  const int types = static_cast<int>(
      std::count_if(s.by_type.begin(), s.by_type.end(), [](int c) { return c > 0; }));
  const int all_types = static_cast<int>(kMemberTypes.size());
  std::vector<Measure> measures{
      measure("member organisations", s.known,
              s.total ? std::optional<double>(*s.total) : std::nullopt, t.min_members,
              Comparison::at_least, Unit::count),
      measure("member types", types,
              s.total ? std::min(all_types, types + unknown_type) : all_types, t.min_member_types,
              Comparison::at_least, Unit::count)};
  return finish(Criterion::significant_grouping, std::move(measures), Combination::all_of,
                missing_membership(s, unknown_type));
}

CriterionResult formalised_strategy(const PoleDescription& pole, const LabelThresholds&) {
  double lower = 0.0, upper = 1.0;
  std::vector<std::string> missing;
  std::string detail;
  if (pole.charter_adopted == false) {
    upper = 0.0;
    detail = "the pole has no formal charter";
  } else if (pole.charter_date && pole.evaluation_date) {
    const auto& date = *pole.charter_date;
    const auto& eval = *pole.evaluation_date;
    if (before_or_on(date.latest(), eval.earliest())) {
      lower = 1.0;
      detail = fmt::format("adopted {}, evaluated {}", date.to_string(), eval.to_string());
    } else if (!before_or_on(date.earliest(), eval.latest())) {
      upper = 0.0;
      detail = fmt::format("adopted {}, after the evaluation date {}", date.to_string(),
                           eval.to_string());
    } else {
      missing.push_back(fmt::format("charter date {} and evaluation date {} overlap",
                                    date.to_string(), eval.to_string()));
    }
  } else if (pole.charter_adopted == true) {
    // charter_adopted = true states adoption by the evaluation date (docs/labelling.md).
    lower = 1.0;
    detail = pole.charter_date ? fmt::format("adopted {}", pole.charter_date->to_string())
                               : "adoption date unknown";
  } else if (pole.charter_date) {
    missing.emplace_back("the evaluation date is unknown");
  } else {
    missing.emplace_back("whether a charter was adopted is unknown");
  }
  std::vector<Measure> measures{measure("charter adopted by the evaluation date", lower, upper, 1.0,
                                        Comparison::at_least, Unit::yes_no)};
  return finish(Criterion::formalised_strategy, std::move(measures), Combination::all_of, missing,
                detail);
}

CriterionResult local_integration(const PoleDescription& pole, const LabelThresholds& t) {
  const auto s = summarise_membership(pole);
  double lower = 0.0;
  std::optional<double> upper = 1.0;
  std::vector<std::string> missing;
  if (!s.total) {
    missing.emplace_back("the number of members is unknown");
  } else if (*s.total == 0) {
    upper = std::nullopt;
    missing.emplace_back("the pole has no members");
  } else {
    const double n = *s.total;
    lower = s.on_territory / n;
    upper = (n - s.off_territory) / n;
    const int unknown = *s.total - s.on_territory - s.off_territory;
    if (unknown > 0)
      missing.push_back(fmt::format("location of {} member(s) unknown", unknown));
  }
  std::vector<Measure> measures{measure("share of members on the territory", lower, upper,
                                        t.min_local_share, Comparison::at_least, Unit::share)};
  return finish(Criterion::local_integration, std::move(measures), Combination::all_of, missing,
                s.total ? fmt::format("{} of {} on the territory, {} elsewhere", s.on_territory,
                                      *s.total, s.off_territory)
                        : std::string());
}

CriterionResult social_utility(const PoleDescription& pole, const LabelThresholds& t) {
  double useful = 0.0, not_useful = 0.0, described = 0.0;
  int unknown_flag = 0, unknown_share = 0, count = 0;
  const auto add = [&](const Activity& a) {
    ++count;
    if (!a.share)
      ++unknown_share;
    if (!a.social_utility)
      ++unknown_flag;
    if (a.share)
      described += *a.share;
    if (!a.share || !a.social_utility)
      return;
    (*a.social_utility ? useful : not_useful) += *a.share;
  };
  for (const auto& m : pole.members)
    for (const auto& a : m.activities)
      add(a);
  for (const auto& a : pole.activities)
    add(a);
  const double rest = std::max(0.0, 1.0 - useful - not_useful);
  std::vector<std::string> missing;
  if (count == 0)
    missing.emplace_back("no activity is described");
  if (unknown_share > 0)
    missing.push_back(fmt::format("{} activity share(s) unknown", unknown_share));
  if (unknown_flag > 0)
    missing.push_back(fmt::format("social utility of {} activit(ies) unknown", unknown_flag));
  if (count > 0 && 1.0 - described > kTolerance)
    missing.push_back(fmt::format("{:.2f} of the activity is not described", 1.0 - described));
  std::vector<Measure> measures{measure("share of activity with social utility", useful,
                                        std::min(1.0, useful + rest), t.min_social_utility_share,
                                        Comparison::above, Unit::share)};
  return finish(Criterion::social_utility, std::move(measures), Combination::all_of, missing);
}

CriterionResult long_term_engagement(const PoleDescription& pole, const LabelThresholds& t) {
  const int threshold_months = static_cast<int>(std::lround(t.min_cooperation_years * 12.0));
  std::vector<std::string> missing;
  std::vector<PartialDate> known;
  bool some_unknown = false;
  if (pole.founded)
    known.push_back(*pole.founded);
  else if (!pole.formalised_only_by_charter) {
    some_unknown = true;
    missing.emplace_back("founding date unknown");
  }
  if (pole.charter_date)
    known.push_back(*pole.charter_date);
  else if (pole.charter_adopted != false) {
    some_unknown = true;
    missing.emplace_back("charter date unknown");
  }
  double lower = 0.0;
  std::optional<double> upper;
  std::string detail;
  if (!pole.evaluation_date) {
    missing = {"the evaluation date is unknown"};
  } else if (!known.empty()) {
    const auto& eval = *pole.evaluation_date;
    // The oldest formalisation counts; partial dates give the least and most favourable ages.
    PartialDate oldest_latest = known.front().latest(), oldest_earliest = known.front().earliest();
    PartialDate oldest = known.front();
    for (const auto& d : known) {
      if (before_or_on(d.latest(), oldest_latest))
        oldest_latest = d.latest();
      if (before_or_on(d.earliest(), oldest_earliest)) {
        oldest_earliest = d.earliest();
        oldest = d;
      }
    }
    lower = std::max(0, completed_months(oldest_latest, eval.earliest())) / 12.0;
    if (!some_unknown)
      upper = std::max(0, completed_months(oldest_earliest, eval.latest())) / 12.0;
    detail = fmt::format("formalised {}, evaluated {}", oldest.to_string(), eval.to_string());
  } else if (!some_unknown) {
    upper = 0.0;
    detail = "no formalised cooperation (no charter, no founding date)";
  }
  std::vector<Measure> measures{measure("years of formalised cooperation", lower, upper,
                                        threshold_months / 12.0, Comparison::at_least,
                                        Unit::years)};
  return finish(Criterion::long_term_engagement, std::move(measures), Combination::all_of, missing,
                detail);
}

CriterionResult economic_commitment(const PoleDescription& pole, const LabelThresholds& t) {
  std::vector<std::string> missing;
  double resources = 0.0;
  std::optional<double> resources_upper;
  if (pole.shared_resources) {
    resources = static_cast<double>(pole.shared_resources->size());
    resources_upper = resources;
  } else
    missing.emplace_back("pooled resources unknown");
  double invested = 0.0;
  std::optional<double> invested_upper;
  if (pole.joint_investments) {
    double possible = 0.0;
    bool bounded = true;
    int unknown_funder = 0;
    for (const auto& inv : *pole.joint_investments) {
      if (inv.by_members == false)
        continue; // outside money is not a commitment between members
      if (!inv.by_members)
        ++unknown_funder;
      if (!inv.amount_eur) {
        bounded = false;
        continue;
      }
      if (inv.by_members == true)
        invested += *inv.amount_eur;
      possible += *inv.amount_eur;
    }
    if (bounded)
      invested_upper = possible;
    else
      missing.emplace_back("amount of a joint investment unknown");
    if (unknown_funder > 0)
      missing.push_back(
          fmt::format("{} investment(s) not known to be funded by members", unknown_funder));
  } else {
    missing.emplace_back("joint investments unknown");
  }
  std::vector<Measure> measures{measure("pooled resources or functions", resources, resources_upper,
                                        t.min_pooled_resources, Comparison::at_least, Unit::count),
                                measure("joint investment by members", invested, invested_upper,
                                        t.min_joint_investment_eur, Comparison::at_least,
                                        Unit::euros)};
  return finish(Criterion::economic_commitment, std::move(measures), Combination::any_of, missing);
}

} // namespace

CriterionResult evaluate(Criterion criterion, const PoleDescription& pole,
                         const LabelThresholds& thresholds) {
  switch (criterion) {
  case Criterion::sse_with_stakeholders:
    return sse_with_stakeholders(pole, thresholds);
  case Criterion::significant_grouping:
    return significant_grouping(pole, thresholds);
  case Criterion::formalised_strategy:
    return formalised_strategy(pole, thresholds);
  case Criterion::local_integration:
    return local_integration(pole, thresholds);
  case Criterion::social_utility:
    return social_utility(pole, thresholds);
  case Criterion::long_term_engagement:
    return long_term_engagement(pole, thresholds);
  case Criterion::economic_commitment:
    return economic_commitment(pole, thresholds);
  }
  throw std::logic_error("unknown criterion");
}

Decision decide(const std::vector<Verdict>& verdicts) noexcept {
  bool undetermined = false;
  for (const auto v : verdicts) {
    if (v == Verdict::fail)
      return Decision::not_labelled;
    if (v == Verdict::not_assessable)
      undetermined = true;
  }
  return undetermined ? Decision::undetermined : Decision::labelled;
}

LabelReport evaluate_pole(const PoleDescription& pole, const LabelThresholds& thresholds) {
  LabelReport report;
  std::vector<Verdict> verdicts;
  for (const auto c : kCriteria) {
    report.criteria.push_back(evaluate(c, pole, thresholds));
    verdicts.push_back(report.criteria.back().verdict);
  }
  report.decision = decide(verdicts);
  return report;
}

} // namespace ptcesim::label
