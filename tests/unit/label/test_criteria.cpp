// Each criterion at, below and above its threshold; unknown data; the decision.
#include "sim/label/criteria.hpp"

#include <catch2/catch.hpp>

using namespace ptcesim::label;

namespace {

Member member(MemberType type, bool on_territory = true) {
  Member m;
  m.type = type;
  m.on_territory = on_territory;
  return m;
}

/// A pole meeting every criterion with default thresholds, each at its threshold or just above.
PoleDescription complete_pole() {
  PoleDescription p;
  p.name = "hand-made";
  for (const auto t : {MemberType::sse, MemberType::sse, MemberType::sse,
                       MemberType::local_authority, MemberType::research})
    p.members.push_back(member(t));
  p.activities = {{"repair", 0.6, true}, {"consulting", 0.4, false}};
  p.charter_adopted = true;
  p.charter_date = PartialDate{2011, 6, 1};
  p.founded = PartialDate{2011, 6, 1};
  p.evaluation_date = PartialDate{2014, 6, 1};
  p.shared_resources = std::vector<SharedResource>{{ResourceKind::premises, "offices", 500, "m2"}};
  p.joint_investments = std::vector<JointInvestment>{};
  return p;
}

Verdict verdict(Criterion c, const PoleDescription& p, const LabelThresholds& t = {}) {
  return evaluate(c, p, t).verdict;
}

} // namespace

TEST_CASE("a complete hand-made pole is labelled") {
  const auto report = evaluate_pole(complete_pole(), {});
  for (const auto& c : report.criteria) {
    INFO(key(c.criterion) << ": " << c.reason);
    CHECK(c.verdict == Verdict::pass);
  }
  CHECK(report.decision == Decision::labelled);
}

TEST_CASE("criterion 1: SSE members associated with a partner type") {
  auto p = complete_pole();
  CHECK(verdict(Criterion::sse_with_stakeholders, p) == Verdict::pass);
  SECTION("no partner type: only SSE and other") {
    for (auto& m : p.members)
      if (m.type != MemberType::sse)
        m.type = MemberType::other;
    const auto r = evaluate(Criterion::sse_with_stakeholders, p, {});
    CHECK(r.verdict == Verdict::fail);
    CHECK(r.measures[1].value() == 0.0);
  }
  SECTION("large firms are not among the partner types the text names") {
    for (auto& m : p.members)
      if (m.type != MemberType::sse)
        m.type = MemberType::large_firm;
    CHECK(verdict(Criterion::sse_with_stakeholders, p) == Verdict::fail);
  }
  SECTION("no SSE member") {
    for (auto& m : p.members)
      m.type = MemberType::sme;
    CHECK(verdict(Criterion::sse_with_stakeholders, p) == Verdict::fail);
  }
  SECTION("threshold raised to 2 partner types: at 2 passes, at 3 fails") {
    LabelThresholds t;
    t.min_partner_types = 2;
    CHECK(verdict(Criterion::sse_with_stakeholders, p, t) == Verdict::pass);
    t.min_partner_types = 3;
    CHECK(verdict(Criterion::sse_with_stakeholders, p, t) == Verdict::fail);
  }
  SECTION("the only partner's type unknown: not assessable") {
    for (auto& m : p.members)
      if (m.type != MemberType::sse)
        m.type.reset();
    const auto r = evaluate(Criterion::sse_with_stakeholders, p, {});
    CHECK(r.verdict == Verdict::not_assessable);
    CHECK(r.reason.find("2 member(s) of unknown type") != std::string::npos);
  }
}

TEST_CASE("criterion 2: number and diversity of members") {
  auto p = complete_pole(); // 5 members of 3 types: exactly at both thresholds
  const auto at = evaluate(Criterion::significant_grouping, p, {});
  CHECK(at.verdict == Verdict::pass);
  CHECK(at.measures[0].value() == 5.0);
  CHECK(at.measures[1].value() == 3.0);
  SECTION("below: 4 members") {
    p.members.pop_back();
    CHECK(verdict(Criterion::significant_grouping, p) == Verdict::fail);
  }
  SECTION("above: 6 members of 4 types") {
    p.members.push_back(member(MemberType::training));
    CHECK(verdict(Criterion::significant_grouping, p) == Verdict::pass);
  }
  SECTION("below on types: 5 members of 2 types") {
    p.members.back().type = MemberType::sse;
    CHECK(verdict(Criterion::significant_grouping, p) == Verdict::fail);
  }
  SECTION("configurable: the text's upper figure of 10 members") {
    LabelThresholds t;
    t.min_members = 10;
    CHECK(verdict(Criterion::significant_grouping, p, t) == Verdict::fail);
  }
  SECTION("aggregate count only: enough members, types unknown") {
    PoleDescription q;
    q.member_counts.total = 37;
    const auto r = evaluate(Criterion::significant_grouping, q, {});
    CHECK(r.measures[0].verdict == Verdict::pass);
    CHECK(r.measures[1].verdict == Verdict::not_assessable);
    CHECK(r.verdict == Verdict::not_assessable);
  }
  SECTION("aggregate count with too few members fails whatever the types") {
    PoleDescription q;
    q.member_counts.total = 4;
    CHECK(verdict(Criterion::significant_grouping, q) == Verdict::fail);
  }
  SECTION("the number of members unknown: not assessable") {
    PoleDescription q;
    q.member_counts.by_type[MemberType::sse] = 3;
    CHECK(verdict(Criterion::significant_grouping, q) == Verdict::not_assessable);
  }
}

TEST_CASE("criterion 3: a charter adopted on or before the evaluation date") {
  auto p = complete_pole();
  SECTION("adopted on the evaluation date itself passes") {
    p.charter_date = PartialDate{2014, 6, 1};
    CHECK(verdict(Criterion::formalised_strategy, p) == Verdict::pass);
  }
  SECTION("adopted the day after fails") {
    p.charter_date = PartialDate{2014, 6, 2};
    p.charter_adopted.reset();
    CHECK(verdict(Criterion::formalised_strategy, p) == Verdict::fail);
  }
  SECTION("no charter fails") {
    p.charter_adopted = false;
    p.charter_date.reset();
    CHECK(verdict(Criterion::formalised_strategy, p) == Verdict::fail);
  }
  SECTION("adoption unknown is not assessable") {
    p.charter_adopted.reset();
    p.charter_date.reset();
    CHECK(verdict(Criterion::formalised_strategy, p) == Verdict::not_assessable);
  }
  SECTION("a year-only charter date in the evaluation year is not assessable") {
    p.charter_adopted.reset();
    p.charter_date = PartialDate{2014, std::nullopt, std::nullopt};
    CHECK(verdict(Criterion::formalised_strategy, p) == Verdict::not_assessable);
  }
  SECTION("charter date known but evaluation date unknown") {
    p.charter_adopted.reset();
    p.evaluation_date.reset();
    CHECK(verdict(Criterion::formalised_strategy, p) == Verdict::not_assessable);
  }
}

TEST_CASE("criterion 4: share of members on the territory") {
  PoleDescription p;
  for (int i = 0; i < 3; ++i)
    p.members.push_back(member(MemberType::sse, true));
  p.members.push_back(member(MemberType::research, false));
  const auto at = evaluate(Criterion::local_integration, p, {}); // 3/4 = 0.75
  CHECK(at.measures[0].value() == Approx(0.75));
  CHECK(at.verdict == Verdict::pass);
  SECTION("below: 3 of 5") {
    p.members.push_back(member(MemberType::sme, false));
    CHECK(verdict(Criterion::local_integration, p) == Verdict::fail);
  }
  SECTION("above: 4 of 5") {
    p.members.push_back(member(MemberType::sme, true));
    CHECK(verdict(Criterion::local_integration, p) == Verdict::pass);
  }
  SECTION("one location unknown: 3 of 5 known on, share in [0.6, 0.8]") {
    p.members.push_back(member(MemberType::sme));
    p.members.back().on_territory.reset();
    const auto r = evaluate(Criterion::local_integration, p, {});
    CHECK(r.verdict == Verdict::not_assessable);
    CHECK(r.measures[0].lower == Approx(0.6));
    CHECK(*r.measures[0].upper == Approx(0.8));
  }
  SECTION("aggregate counts") {
    PoleDescription q;
    q.member_counts.total = 10;
    q.member_counts.on_territory = 8;
    CHECK(verdict(Criterion::local_integration, q) == Verdict::pass);
    q.member_counts.on_territory = 5;
    CHECK(verdict(Criterion::local_integration, q) == Verdict::not_assessable);
    q.member_counts.off_territory = 5;
    CHECK(verdict(Criterion::local_integration, q) == Verdict::fail);
  }
}

TEST_CASE("criterion 5: activity-weighted social-utility share above one half") {
  auto p = complete_pole();
  SECTION("exactly one half fails: the text asks for a majority") {
    p.activities = {{"a", 0.5, true}, {"b", 0.5, false}};
    CHECK(verdict(Criterion::social_utility, p) == Verdict::fail);
  }
  SECTION("just above passes") {
    p.activities = {{"a", 0.51, true}, {"b", 0.49, false}};
    CHECK(verdict(Criterion::social_utility, p) == Verdict::pass);
  }
  SECTION("below fails") {
    p.activities = {{"a", 0.3, true}, {"b", 0.7, false}};
    CHECK(verdict(Criterion::social_utility, p) == Verdict::fail);
  }
  SECTION("member activities count with pole activities") {
    p.activities = {{"a", 0.3, true}};
    p.members[0].activities = {{"b", 0.3, true}, {"c", 0.4, false}};
    const auto r = evaluate(Criterion::social_utility, p, {});
    CHECK(r.measures[0].value() == Approx(0.6));
    CHECK(r.verdict == Verdict::pass);
  }
  SECTION("undescribed activity decides: 0.4 useful, 0.6 unknown") {
    p.activities = {{"a", 0.4, true}};
    CHECK(verdict(Criterion::social_utility, p) == Verdict::not_assessable);
  }
  SECTION("undescribed remainder too small to matter: 0.6 useful already") {
    p.activities = {{"a", 0.6, true}};
    CHECK(verdict(Criterion::social_utility, p) == Verdict::pass);
  }
  SECTION("unknown flag") {
    p.activities = {{"a", 0.4, true}, {"b", 0.6, std::nullopt}};
    CHECK(verdict(Criterion::social_utility, p) == Verdict::not_assessable);
  }
  SECTION("no activity described") {
    p.activities.clear();
    const auto r = evaluate(Criterion::social_utility, p, {});
    CHECK(r.verdict == Verdict::not_assessable);
    CHECK(r.reason.find("no activity is described") != std::string::npos);
  }
}

TEST_CASE("criterion 6: formalised cooperation older than the threshold") {
  auto p = complete_pole(); // founded and charter 2011-06-01, evaluated 2014-06-01: 3 years
  const auto at = evaluate(Criterion::long_term_engagement, p, {});
  CHECK(at.measures[0].value() == Approx(3.0));
  CHECK(at.verdict == Verdict::pass);
  SECTION("one day short fails") {
    p.founded = p.charter_date = PartialDate{2011, 6, 2};
    CHECK(verdict(Criterion::long_term_engagement, p) == Verdict::fail);
  }
  SECTION("the older of charter and founding date counts") {
    p.charter_date = PartialDate{2013, 1, 1};
    p.founded = PartialDate{2007, 4, 1};
    const auto r = evaluate(Criterion::long_term_engagement, p, {});
    CHECK(r.verdict == Verdict::pass);
    CHECK(r.measures[0].value() == Approx(7.0 + 2.0 / 12.0));
  }
  SECTION("a recent charter with an unknown founding date is not assessable") {
    p.charter_date = PartialDate{2013, 1, 1};
    p.founded.reset();
    CHECK(verdict(Criterion::long_term_engagement, p) == Verdict::not_assessable);
  }
  SECTION("an old charter passes whatever the founding date") {
    p.founded.reset();
    p.charter_date = PartialDate{2009, std::nullopt, std::nullopt};
    CHECK(verdict(Criterion::long_term_engagement, p) == Verdict::pass);
  }
  SECTION("year precision straddling the threshold is not assessable") {
    p.charter_adopted = false;
    p.charter_date.reset();
    p.founded = PartialDate{2011, std::nullopt, std::nullopt}; // 2011-01-01 .. 2011-12-31
    CHECK(verdict(Criterion::long_term_engagement, p) == Verdict::not_assessable);
  }
  SECTION("no charter and no founding date known to exist: not assessable") {
    p.charter_adopted = false;
    p.charter_date.reset();
    p.founded.reset();
    CHECK(verdict(Criterion::long_term_engagement, p) == Verdict::not_assessable);
  }
  SECTION("threshold of 2.5 years") {
    LabelThresholds t;
    t.min_cooperation_years = 2.5;
    p.founded = p.charter_date = PartialDate{2011, 12, 1};
    CHECK(verdict(Criterion::long_term_engagement, p, t) == Verdict::pass);
    p.founded = p.charter_date = PartialDate{2011, 12, 2};
    CHECK(verdict(Criterion::long_term_engagement, p, t) == Verdict::fail);
  }
  SECTION("evaluation date unknown") {
    p.evaluation_date.reset();
    CHECK(verdict(Criterion::long_term_engagement, p) == Verdict::not_assessable);
  }
}

TEST_CASE("criterion 7: pooled resources or joint investment by members") {
  auto p = complete_pole();
  p.shared_resources = std::vector<SharedResource>{};
  SECTION("nothing pooled and no investment fails") {
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::fail);
  }
  SECTION("investment at the threshold passes, just below fails") {
    p.joint_investments = std::vector<JointInvestment>{
        {InvestmentKind::incubator, "incubator", 50000.0, true, std::nullopt}};
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::pass);
    (*p.joint_investments)[0].amount_eur = 49999.0;
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::fail);
  }
  SECTION("outside money does not count") {
    p.joint_investments = std::vector<JointInvestment>{
        {InvestmentKind::premises, "regional subsidy", 600000.0, false, std::nullopt}};
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::fail);
  }
  SECTION("funder unknown: not assessable") {
    p.joint_investments = std::vector<JointInvestment>{
        {InvestmentKind::premises, "building", 1200000.0, std::nullopt, std::nullopt}};
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::not_assessable);
  }
  SECTION("one pooled resource suffices") {
    p.shared_resources->push_back({ResourceKind::staff, "shared accountant", 0.5, "FTE"});
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::pass);
  }
  SECTION("resources unknown and no investment: not assessable") {
    p.shared_resources.reset();
    CHECK(verdict(Criterion::economic_commitment, p) == Verdict::not_assessable);
  }
  SECTION("threshold of 2 pooled resources") {
    LabelThresholds t;
    t.min_pooled_resources = 2;
    p.shared_resources->push_back(
        {ResourceKind::premises, std::nullopt, std::nullopt, std::nullopt});
    CHECK(verdict(Criterion::economic_commitment, p, t) == Verdict::fail);
    p.shared_resources->push_back(
        {ResourceKind::equipment, std::nullopt, std::nullopt, std::nullopt});
    CHECK(verdict(Criterion::economic_commitment, p, t) == Verdict::pass);
  }
}

TEST_CASE("a pole with nothing known is undetermined on every criterion, never pass or fail") {
  const auto report = evaluate_pole(PoleDescription{}, {});
  for (const auto& c : report.criteria) {
    INFO(key(c.criterion));
    CHECK(c.verdict == Verdict::not_assessable);
    CHECK(c.reason.find("not assessable") != std::string::npos);
  }
  CHECK(report.decision == Decision::undetermined);
}

TEST_CASE("decision: any fail is not labelled, else any unknown is undetermined") {
  using V = Verdict;
  CHECK(decide({V::pass, V::pass}) == Decision::labelled);
  CHECK(decide({V::pass, V::not_assessable}) == Decision::undetermined);
  CHECK(decide({V::not_assessable, V::fail, V::pass}) == Decision::not_labelled);
  auto p = complete_pole();
  p.charter_adopted = false;
  p.charter_date.reset();
  p.activities.clear(); // not assessable does not hide the failure
  CHECK(evaluate_pole(p, {}).decision == Decision::not_labelled);
}

TEST_CASE("threshold overrides") {
  LabelThresholds t;
  apply_threshold_override(t, "min_members=10");
  apply_threshold_override(t, "min_local_share=0.6");
  CHECK(t.min_members == 10);
  CHECK(t.min_local_share == 0.6);
  const auto message = [&](const char* text) {
    try {
      apply_threshold_override(t, text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("min_member=4") ==
        "--thresholds: min_member: unknown threshold; did you mean 'min_members'?");
  CHECK(message("min_members=-1") ==
        "--thresholds: min_members: must be a non-negative integer, got '-1'");
  CHECK(message("min_local_share=1.5") ==
        "--thresholds: min_local_share: must be in [0, 1], got 1.5");
  CHECK(message("min_cooperation_years=abc") ==
        "--thresholds: min_cooperation_years: must be a number, got 'abc'");
  CHECK(message("min_members") == "--thresholds: expected name=value, got 'min_members'");
}

TEST_CASE("partial dates and completed months") {
  const PartialDate year{2011, std::nullopt, std::nullopt};
  CHECK(year.earliest() == PartialDate{2011, 1, 1});
  CHECK(year.latest() == PartialDate{2011, 12, 31});
  CHECK(PartialDate{2012, 2, std::nullopt}.latest() == PartialDate{2012, 2, 29});
  CHECK(PartialDate{2014, 6, std::nullopt}.to_string() == "2014-06");
  CHECK(completed_months({2011, 6, 1}, {2014, 6, 1}) == 36);
  CHECK(completed_months({2011, 6, 2}, {2014, 6, 1}) == 35);
  CHECK(completed_months({2014, 6, 1}, {2011, 6, 1}) == -36);
  CHECK(is_valid_day(2012, 2, 29));
  CHECK_FALSE(is_valid_day(2013, 2, 29));
}

TEST_CASE("criterion 5 names the undescribed part of the activity separately") {
  PoleDescription p;
  p.activities = {{"a", 0.45, true}, {"b", 0.25, std::nullopt}};
  const auto r = evaluate(Criterion::social_utility, p, {});
  CHECK(r.verdict == Verdict::not_assessable);
  CHECK(r.measures[0].lower == Approx(0.45));
  CHECK(*r.measures[0].upper == Approx(1.0));
  CHECK(r.reason.find("social utility of 1 activit(ies) unknown") != std::string::npos);
  CHECK(r.reason.find("0.30 of the activity is not described") != std::string::npos);
}
