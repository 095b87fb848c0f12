// Simulated poles: from recorded numbers to descriptions, and their verdicts through time.
#include "sim/label/simulated.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ptcesim::label;

namespace {

// An authority-driven pole of Bourg with a charter at tick 0, `sse` SSE members and `sme` SMEs;
// a knowledge body joins from five producers, as in the model.
SimulatedPole pole_at(int tick, int sse, int sme) {
  SimulatedPole p;
  p.pole_id = 7;
  p.territory = "Bourg";
  p.origin = "local_authority";
  p.tick = tick;
  p.birth_tick = 0;
  p.charter_tick = 0;
  p.members_sse = sse;
  p.members_sme = sme;
  p.members_local_authority = 1;
  p.members_training = sse + sme >= 5 ? 1 : 0;
  p.members_on_territory = p.members_total();
  p.revenue_eur_month = 100000.0;
  p.social_utility_eur_month = 60000.0;
  p.pooled_eur_month = 2000.0;
  return p;
}

Verdict verdict_of(const SimulatedPole& p, Criterion c, const LabelThresholds& t = {}) {
  return evaluate(c, describe_simulated_pole(p), t).verdict;
}

} // namespace

TEST_CASE("ticks map to first days of months of a nominal calendar", "[label][simulated]") {
  CHECK(tick_date(0) == PartialDate{2000, 1, 1});
  CHECK(tick_date(11) == PartialDate{2000, 12, 1});
  CHECK(tick_date(12) == PartialDate{2001, 1, 1});
  CHECK(tick_date(-1) == PartialDate{1999, 12, 1});
  CHECK(completed_months(tick_date(6), tick_date(42)) == 36);
}

TEST_CASE("a simulated pole has exact membership, location and activity", "[label][simulated]") {
  const auto d = describe_simulated_pole(pole_at(3, 4, 2));
  const auto s = summarise_membership(d);
  REQUIRE(s.total == 8); // 4 SSE, 2 SMEs, the authority, a training body
  CHECK(s.by_type[0] == 4);
  CHECK(s.on_territory == 8);
  CHECK(s.off_territory == 0);
  REQUIRE(d.activities.size() == 2);
  CHECK(*d.activities[0].share == Approx(0.6));
  CHECK(*d.activities[0].social_utility);
  CHECK(d.charter_date == PartialDate{2000, 1, 1});
  CHECK(d.evaluation_date == PartialDate{2000, 4, 1});
  CHECK_FALSE(d.joint_investments.has_value()); // the model has none: unknown, not zero
}

TEST_CASE("criterion 2 is met once a pole has five members of three types, and can be lost",
          "[label][simulated]") {
  // 3 SSE + authority: 4 members; 4 SSE + authority: 5 members of 2 types; 4 SSE + 1 SME +
  // authority + training body: 7 members of 4 types; back to 2 SSE + authority.
  const auto c = Criterion::significant_grouping;
  CHECK(verdict_of(pole_at(0, 3, 0), c) == Verdict::fail);
  CHECK(verdict_of(pole_at(1, 4, 0), c) == Verdict::fail);
  CHECK(verdict_of(pole_at(2, 4, 1), c) == Verdict::pass);
  const auto h = evaluate_history(
      {pole_at(0, 3, 0), pole_at(1, 4, 0), pole_at(2, 4, 1), pole_at(3, 4, 1), pole_at(4, 2, 0)},
      {});
  const auto& span = h.criteria[1];
  CHECK(span.first_met == 2);
  CHECK(span.lost == 4);
  CHECK(span.times_lost == 1);
}

TEST_CASE("criterion 6 is met only once the charter is older than the threshold",
          "[label][simulated]") {
  const auto c = Criterion::long_term_engagement;
  CHECK(verdict_of(pole_at(35, 4, 1), c) == Verdict::fail);
  CHECK(verdict_of(pole_at(36, 4, 1), c) == Verdict::pass);
  LabelThresholds one_year;
  one_year.min_cooperation_years = 1.0;
  CHECK(verdict_of(pole_at(11, 4, 1), c, one_year) == Verdict::fail);
  CHECK(verdict_of(pole_at(12, 4, 1), c, one_year) == Verdict::pass);
  std::vector<SimulatedPole> months;
  for (int t = 0; t <= 40; ++t)
    months.push_back(pole_at(t, 4, 1));
  const auto h = evaluate_history(months, {});
  CHECK(h.criteria[5].first_met == 36);
  CHECK_FALSE(h.criteria[5].lost);
  CHECK(h.labelled.first_met == 36); // every other criterion holds throughout
  CHECK(h.reports.back().decision == Decision::labelled);
}

TEST_CASE("a pole without a charter fails criteria 3 and 6 instead of being unassessable",
          "[label][simulated]") {
  auto p = pole_at(50, 4, 1);
  p.charter_tick = -1;
  CHECK(verdict_of(p, Criterion::formalised_strategy) == Verdict::fail);
  CHECK(verdict_of(p, Criterion::long_term_engagement) == Verdict::fail);
  p.charter_tick = 51; // adopted after the evaluated tick
  CHECK(verdict_of(p, Criterion::formalised_strategy) == Verdict::fail);
}

TEST_CASE("what the model does not track is not assessable, never passed", "[label][simulated]") {
  auto p = pole_at(40, 4, 1);
  // Nothing pooled: joint investments (not modelled) could still meet criterion 7.
  p.pooled_eur_month = 0.0;
  const auto r7 = evaluate(Criterion::economic_commitment, describe_simulated_pole(p), {});
  CHECK(r7.verdict == Verdict::not_assessable);
  CHECK(r7.reason.find("joint investments unknown") != std::string::npos);
  p.shared_premises_m2 = 120.0;
  CHECK(verdict_of(p, Criterion::economic_commitment) == Verdict::pass);
  // Members who sold nothing: the social-utility share is undefined.
  p.revenue_eur_month = 0.0;
  p.social_utility_eur_month = 0.0;
  CHECK(verdict_of(p, Criterion::social_utility) == Verdict::not_assessable);
}

TEST_CASE("criterion 5 needs strictly more than half of sales with social utility",
          "[label][simulated]") {
  auto p = pole_at(40, 4, 1);
  p.social_utility_eur_month = 50000.0;
  CHECK(verdict_of(p, Criterion::social_utility) == Verdict::fail);
  p.social_utility_eur_month = 50001.0;
  CHECK(verdict_of(p, Criterion::social_utility) == Verdict::pass);
}

TEST_CASE("histories group records by pole and order them by tick", "[label][simulated]") {
  auto other = pole_at(1, 1, 0);
  other.pole_id = 2;
  const auto hs = evaluate_histories({pole_at(1, 4, 1), other, pole_at(0, 3, 0)}, {});
  REQUIRE(hs.size() == 2);
  CHECK(hs[0].records.front().pole_id == 2);
  REQUIRE(hs[1].records.size() == 2);
  CHECK(hs[1].records[0].tick == 0);
  CHECK(hs[1].criteria[1].first_met == 1);
  CHECK_THROWS(evaluate_histories({pole_at(1, 4, 1), pole_at(1, 4, 1)}, {}));
}

TEST_CASE("verdict spans count every loss and keep the first", "[label][simulated]") {
  const auto s = verdict_span({3, 4, 5, 6, 7, 8}, {false, true, false, true, true, false});
  CHECK(s.first_met == 4);
  CHECK(s.lost == 5);
  CHECK(s.times_lost == 2);
  CHECK_FALSE(verdict_span({1, 2}, {false, false}).first_met);
  CHECK_THROWS(verdict_span({1, 2}, {true}));
}

TEST_CASE("the history report names each pole, its ticks and dissolution", "[label][simulated]") {
  std::vector<SimulatedPole> months;
  for (int t = 0; t <= 37; ++t)
    months.push_back(pole_at(t, 4, 1));
  const auto hs = evaluate_histories(months, {});
  const auto text = render_histories(hs, ReportFormat::text, {}, "run.h5", 40);
  CHECK(text.find("pole 7 (Bourg)") != std::string::npos);
  CHECK(text.find("long_term_engagement     met from tick 36, never lost") != std::string::npos);
  CHECK(text.find("dissolved after tick 37") != std::string::npos);
  const auto csv = render_histories(hs, ReportFormat::csv, {}, "run.h5", 37);
  CHECK(csv.find(",6,long_term_engagement,pass,") != std::string::npos);
  CHECK(csv.find(",36,,0,0,37,no\n") != std::string::npos);
  CHECK(render_histories({}, ReportFormat::text, {}, "run.h5", 40).find("no pole") !=
        std::string::npos);
}
