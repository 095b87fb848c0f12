#include "sim/app/pole_table.hpp"

#include "sim/io/run_file.hpp"
#include "sim/scenario/enums.hpp"

#include <fmt/format.h>

namespace ptcesim::app {

void PoleTable::append(const std::vector<model::PoleRecord>& records) {
  for (const auto& r : records) {
    tick_.push_back(r.tick);
    pole_id_.push_back(static_cast<std::int64_t>(r.pole_id));
    territory_.push_back(static_cast<std::int64_t>(r.territory));
    birth_tick_.push_back(r.birth_tick);
    charter_tick_.push_back(r.charter_tick);
    origin_.emplace_back(scenario::kPoleOriginNames[static_cast<std::size_t>(r.origin)]);
    sse_.push_back(r.members_sse);
    sme_.push_back(r.members_sme);
    large_firm_.push_back(r.members_large_firm);
    local_authority_.push_back(r.members_local_authority);
    research_.push_back(r.members_research);
    training_.push_back(r.members_training);
    on_territory_.push_back(r.members_on_territory);
    jobs_.push_back(r.jobs);
    revenue_.push_back(r.revenue_eur_month);
    social_utility_.push_back(r.social_utility_eur_month);
    pooled_.push_back(r.pooled_eur_month);
    premises_.push_back(r.shared_premises_m2);
    facilitation_.push_back(r.facilitation_fte);
  }
}

namespace {

io::Attributes about(const char* unit, const char* description) {
  return {{"unit", unit}, {"description", description}};
}

} // namespace

void PoleTable::write(const io::GroupWriter& group) const {
  group.set_attribute("rows", static_cast<std::int64_t>(rows()));
  group.set_attribute("record_every_months", static_cast<std::int64_t>(kPoleRecordEveryMonths));
  group.write_dataset("tick", tick_, about("tick", "tick of the record"));
  group.write_dataset("pole_id", pole_id_, about("id", "pole id (stable for the pole's life)"));
  group.write_dataset("territory", territory_, about("index", "row of /territories/name"));
  group.write_dataset("origin", origin_, about("", "entrepreneurial, citizen or local_authority"));
  group.write_dataset("birth_tick", birth_tick_, about("tick", "tick the pole was founded"));
  group.write_dataset("charter_tick", charter_tick_,
                      about("tick", "tick a charter was adopted, -1 if none yet"));
  group.write_dataset("members_sse", sse_, about("organisations", "SSE initiatives"));
  group.write_dataset("members_sme", sme_, about("organisations", "firms under 250 employees"));
  group.write_dataset("members_large_firm", large_firm_,
                      about("organisations", "firms of 250 employees or more"));
  group.write_dataset("members_local_authority", local_authority_,
                      about("organisations", "the local authority of an authority-driven pole"));
  group.write_dataset("members_research", research_,
                      about("organisations", "research centre joined (pole of 5+ producers)"));
  group.write_dataset("members_training", training_,
                      about("organisations", "training body joined (pole of 5+ producers)"));
  group.write_dataset("members_on_territory", on_territory_,
                      about("organisations", "members located on the pole's territory"));
  group.write_dataset("jobs", jobs_, about("jobs", "employees of the member producers"));
  group.write_dataset("revenue_eur_month", revenue_,
                      about("EUR/month", "sales of the member producers"));
  group.write_dataset("social_utility_eur_month", social_utility_,
                      about("EUR/month", "SSE members' sales times their social-utility share"));
  group.write_dataset("pooled_eur_month", pooled_,
                      about("EUR/month", "members' contributions to the pole fund"));
  group.write_dataset("shared_premises_m2", premises_, about("m2", "premises shared by members"));
  group.write_dataset("facilitation_fte", facilitation_,
                      about("FTE", "facilitators funded for the pole"));
}

namespace {

std::vector<std::int64_t> ints(const io::RunFileReader& file, const std::string& name,
                               std::size_t rows) {
  auto values = file.read_int64("/poles/" + name).values;
  if (values.size() != rows)
    throw io::OutputError(fmt::format("{}: /poles/{}: {} rows, expected {}", file.path().string(),
                                      name, values.size(), rows));
  return values;
}

std::vector<double> reals(const io::RunFileReader& file, const std::string& name,
                          std::size_t rows) {
  auto values = file.read_double("/poles/" + name).values;
  if (values.size() != rows)
    throw io::OutputError(fmt::format("{}: /poles/{}: {} rows, expected {}", file.path().string(),
                                      name, values.size(), rows));
  return values;
}

int as_int(std::int64_t v) {
  return static_cast<int>(v);
}

} // namespace

std::vector<label::SimulatedPole> read_pole_table(const io::RunFileReader& file) {
  if (!file.is_group("/poles"))
    throw io::OutputError(fmt::format("{}: /poles: no such group (a run file written by "
                                      "`ptcesim run` of this version is needed)",
                                      file.path().string()));
  const auto tick = file.read_int64("/poles/tick").values;
  const std::size_t n = tick.size();
  const auto names = file.read_strings("/territories/name");
  const auto pole_id = ints(file, "pole_id", n);
  const auto territory = ints(file, "territory", n);
  const auto origin = file.read_strings("/poles/origin");
  if (origin.size() != n)
    throw io::OutputError(fmt::format("{}: /poles/origin: {} rows, expected {}",
                                      file.path().string(), origin.size(), n));
  const auto birth = ints(file, "birth_tick", n);
  const auto charter = ints(file, "charter_tick", n);
  const auto sse = ints(file, "members_sse", n);
  const auto sme = ints(file, "members_sme", n);
  const auto large = ints(file, "members_large_firm", n);
  const auto authority = ints(file, "members_local_authority", n);
  const auto research = ints(file, "members_research", n);
  const auto training = ints(file, "members_training", n);
  const auto on = ints(file, "members_on_territory", n);
  const auto jobs = reals(file, "jobs", n);
  const auto revenue = reals(file, "revenue_eur_month", n);
  const auto useful = reals(file, "social_utility_eur_month", n);
  const auto pooled = reals(file, "pooled_eur_month", n);
  const auto premises = reals(file, "shared_premises_m2", n);
  const auto facilitation = reals(file, "facilitation_fte", n);
  std::vector<label::SimulatedPole> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (territory[i] < 0 || static_cast<std::size_t>(territory[i]) >= names.size())
      throw io::OutputError(fmt::format("{}: /poles/territory: row {}: no territory {}",
                                        file.path().string(), i, territory[i]));
    auto& p = out[i];
    p.pole_id = pole_id[i];
    p.territory = names[static_cast<std::size_t>(territory[i])];
    p.origin = origin[i];
    p.tick = as_int(tick[i]);
    p.birth_tick = as_int(birth[i]);
    p.charter_tick = as_int(charter[i]);
    p.members_sse = as_int(sse[i]);
    p.members_sme = as_int(sme[i]);
    p.members_large_firm = as_int(large[i]);
    p.members_local_authority = as_int(authority[i]);
    p.members_research = as_int(research[i]);
    p.members_training = as_int(training[i]);
    p.members_on_territory = as_int(on[i]);
    p.jobs = jobs[i];
    p.revenue_eur_month = revenue[i];
    p.social_utility_eur_month = useful[i];
    p.pooled_eur_month = pooled[i];
    p.shared_premises_m2 = premises[i];
    p.facilitation_fte = facilitation[i];
  }
  return out;
}

int final_tick(const io::RunFileReader& file) {
  const auto ticks = file.read_int64("/series/tick").values;
  return ticks.empty() ? -1 : static_cast<int>(ticks.back());
}

namespace {

std::int64_t tick_or_none(const std::optional<int>& tick) {
  return tick ? *tick : -1;
}

} // namespace

void write_label_file(const std::filesystem::path& output, bool force,
                      const std::vector<label::PoleHistory>& histories,
                      const label::LabelThresholds& thresholds, const std::string& source,
                      int last_tick) {
  io::RunFileWriter writer(output, {force, true});
  writer.set_attribute("kind", "label");
  writer.set_attribute("source", source);
  writer.set_attribute("final_tick", static_cast<std::int64_t>(last_tick));
  const auto group = writer.group("/labels");
  for (const auto& [name, value] : label::threshold_values(thresholds))
    group.set_attribute("threshold_" + name, value);
  std::vector<std::string> keys;
  for (const auto c : label::kCriteria)
    keys.emplace_back(label::key(c));
  group.set_attribute("criteria", fmt::format("{}", fmt::join(keys, ",")));

  // Time series: one row per pole per recorded tick.
  std::vector<std::int64_t> tick, pole_id;
  std::vector<std::string> decision;
  std::vector<std::vector<std::string>> verdicts(label::kCriteria.size());
  for (const auto& h : histories)
    for (std::size_t i = 0; i < h.records.size(); ++i) {
      tick.push_back(h.records[i].tick);
      pole_id.push_back(h.records[i].pole_id);
      decision.emplace_back(label::to_string(h.reports[i].decision));
      for (std::size_t c = 0; c < verdicts.size(); ++c)
        verdicts[c].emplace_back(label::to_string(h.reports[i].criteria[c].verdict));
    }
  group.write_dataset("tick", tick, {{"unit", "tick"}});
  group.write_dataset("pole_id", pole_id, {{"unit", "id"}});
  group.write_dataset("decision", decision,
                      {{"description", "labelled, not_labelled or undetermined"}});
  for (std::size_t c = 0; c < verdicts.size(); ++c)
    group.write_dataset(
        fmt::format("verdict_{}", keys[c]), verdicts[c],
        {{"description", fmt::format("criterion {}: pass, fail or not_assessable", c + 1)}});

  // Summary: one row per pole; ticks are -1 when never met or never lost.
  const auto summary = writer.group("/labels/summary");
  const std::size_t n = histories.size(), k = label::kCriteria.size();
  std::vector<std::int64_t> ids, first_tick, last, first_met(n * k), lost(n * k), times(n * k),
      labelled_first, labelled_lost, labelled_times;
  std::vector<std::string> territory, final_decision;
  for (std::size_t p = 0; p < n; ++p) {
    const auto& h = histories[p];
    ids.push_back(h.records.back().pole_id);
    territory.push_back(h.records.back().territory);
    first_tick.push_back(h.records.front().tick);
    last.push_back(h.records.back().tick);
    final_decision.emplace_back(label::to_string(h.reports.back().decision));
    for (std::size_t c = 0; c < k; ++c) {
      first_met[p * k + c] = tick_or_none(h.criteria[c].first_met);
      lost[p * k + c] = tick_or_none(h.criteria[c].lost);
      times[p * k + c] = h.criteria[c].times_lost;
    }
    labelled_first.push_back(tick_or_none(h.labelled.first_met));
    labelled_lost.push_back(tick_or_none(h.labelled.lost));
    labelled_times.push_back(h.labelled.times_lost);
  }
  summary.write_dataset("pole_id", ids, {{"unit", "id"}});
  summary.write_dataset("territory", territory);
  summary.write_dataset("first_tick", first_tick, {{"unit", "tick"}});
  summary.write_dataset("last_tick", last, {{"unit", "tick"}});
  summary.write_dataset("final_decision", final_decision);
  summary.write_dataset_2d("first_met_tick", first_met, n, k,
                           {{"unit", "tick"}, {"description", "-1: never met; columns: criteria"}});
  summary.write_dataset_2d(
      "lost_tick", lost, n, k,
      {{"unit", "tick"}, {"description", "-1: never lost; columns: criteria"}});
  summary.write_dataset_2d("times_lost", times, n, k, {{"unit", "count"}});
  summary.write_dataset("labelled_first_tick", labelled_first, {{"unit", "tick"}});
  summary.write_dataset("labelled_lost_tick", labelled_lost, {{"unit", "tick"}});
  summary.write_dataset("labelled_times_lost", labelled_times, {{"unit", "count"}});
  writer.finish();
}

} // namespace ptcesim::app
