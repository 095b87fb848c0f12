// Reports for the real poles in scenarios/poles/, and the structure of the JSON output.
#include "sim/label/pole_file.hpp"
#include "sim/label/report.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <variant>

using namespace ptcesim::label;

namespace {

PoleReport report_for(const std::string& file, const LabelThresholds& t = {}) {
  const std::string path = std::string(PTCESIM_SOURCE_DIR) + "/scenarios/poles/" + file;
  const auto poles = load_pole_file(path);
  REQUIRE(poles.size() == 1);
  return {file, 0, poles[0], evaluate_pole(poles[0], t)};
}

Verdict verdict_of(const PoleReport& r, Criterion c) {
  return r.report.criteria.at(static_cast<std::size_t>(c) - 1).verdict;
}

// A small JSON reader: enough to check that the output parses and to walk its structure.
struct Json {
  std::variant<std::nullptr_t, bool, double, std::string, std::vector<Json>,
               std::map<std::string, Json>>
      v;
  const Json& operator[](const std::string& k) const {
    return std::get<std::map<std::string, Json>>(v).at(k);
  }
  const std::vector<Json>& array() const { return std::get<std::vector<Json>>(v); }
  const std::string& str() const { return std::get<std::string>(v); }
  double num() const { return std::get<double>(v); }
  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v); }
};

class JsonParser {
public:
  explicit JsonParser(std::string text) : s_(std::move(text)) {}
  Json parse() {
    Json j = value();
    ws();
    if (i_ != s_.size())
      throw std::runtime_error("trailing text");
    return j;
  }

private:
  void ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_])))
      ++i_;
  }
  void expect(char c) {
    ws();
    if (i_ >= s_.size() || s_[i_] != c)
      throw std::runtime_error(std::string("expected ") + c);
    ++i_;
  }
  bool literal(const char* word) {
    const std::string w(word);
    if (s_.compare(i_, w.size(), w) != 0)
      return false;
    i_ += w.size();
    return true;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (static_cast<unsigned char>(s_[i_]) < 0x20)
        throw std::runtime_error("control char");
      if (s_[i_] == '\\') {
        ++i_;
        const char e = s_.at(i_);
        if (e == 'u') {
          out += '?';
          i_ += 4;
        } else if (std::string("\"\\/bfnrt").find(e) == std::string::npos) {
          throw std::runtime_error("bad escape");
        } else {
          out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        ++i_;
        continue;
      }
      out += s_[i_++];
    }
    expect('"');
    return out;
  }
  Json value() {
    ws();
    if (i_ >= s_.size())
      throw std::runtime_error("unexpected end");
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      std::map<std::string, Json> m;
      ws();
      if (s_.at(i_) == '}')
        return ++i_, Json{m};
      do {
        std::string k = string();
        expect(':');
        m.emplace(std::move(k), value());
        ws();
      } while (s_.at(i_) == ',' && ++i_);
      expect('}');
      return Json{m};
    }
    if (c == '[') {
      ++i_;
      std::vector<Json> a;
      ws();
      if (s_.at(i_) == ']')
        return ++i_, Json{a};
      do {
        a.push_back(value());
        ws();
      } while (s_.at(i_) == ',' && ++i_);
      expect(']');
      return Json{a};
    }
    if (c == '"')
      return Json{string()};
    if (literal("null"))
      return Json{nullptr};
    if (literal("true"))
      return Json{true};
    if (literal("false"))
      return Json{false};
    std::size_t used = 0;
    const double d = std::stod(s_.substr(i_, 40), &used);
    if (used == 0)
      throw std::runtime_error("bad value");
    i_ += used;
    return Json{d};
  }
  std::string s_;
  std::size_t i_ = 0;
};

} // namespace

TEST_CASE("Le Périscope: 37 members of at least three types, a shared building") {
  const auto r = report_for("le-periscope.toml");
  // 37 members; cooperatives, local authorities and research actors among them (source [T]).
  CHECK(verdict_of(r, Criterion::sse_with_stakeholders) == Verdict::pass);
  CHECK(verdict_of(r, Criterion::significant_grouping) == Verdict::pass);
  // No charter, location or activity data is published.
  CHECK(verdict_of(r, Criterion::formalised_strategy) == Verdict::not_assessable);
  CHECK(verdict_of(r, Criterion::local_integration) == Verdict::not_assessable);
  CHECK(verdict_of(r, Criterion::social_utility) == Verdict::not_assessable);
  CHECK(verdict_of(r, Criterion::long_term_engagement) == Verdict::not_assessable);
  CHECK(verdict_of(r, Criterion::economic_commitment) == Verdict::pass); // 1,200 m² building
  CHECK(r.report.decision == Decision::undetermined);
}

TEST_CASE("TETRIS: an SSE-authority SCIC fails the three-type criterion, passes with two") {
  const auto r = report_for("tetris.toml");
  // 11 member organisations: the agglomeration and 10 SSE structures — only two types.
  const auto& grouping = r.report.criteria[1];
  CHECK(grouping.verdict == Verdict::fail);
  CHECK(grouping.measures[0].value() == 11.0);
  CHECK(grouping.measures[1].value() == 2.0);
  CHECK(verdict_of(r, Criterion::sse_with_stakeholders) == Verdict::pass);
  CHECK(verdict_of(r, Criterion::formalised_strategy) == Verdict::pass); // statutes' preamble
  CHECK(r.report.decision == Decision::not_labelled);
  LabelThresholds two_types;
  two_types.min_member_types = 2;
  const auto relaxed = report_for("tetris.toml", two_types);
  CHECK(verdict_of(relaxed, Criterion::significant_grouping) == Verdict::pass);
  CHECK(relaxed.report.decision == Decision::undetermined);
}

TEST_CASE("Pôle Sud: cooperation formalised in 2007, more than 30 organisations") {
  const auto r = report_for("pole-sud-archer.toml");
  const auto& engagement = r.report.criteria[5];
  CHECK(engagement.verdict == Verdict::pass); // 2007-04 to 2014-02: more than six years
  CHECK(engagement.measures[0].lower == Approx(6.75));
  CHECK(r.report.criteria[1].measures[0].lower == 30.0);
  CHECK(verdict_of(r, Criterion::economic_commitment) == Verdict::pass);
  CHECK(r.report.decision == Decision::undetermined);
}

TEST_CASE("Le Phares and Les Ecossolies: shared premises, little else published") {
  const auto phares = report_for("le-phares.toml");
  CHECK(verdict_of(phares, Criterion::long_term_engagement) == Verdict::pass); // SCIC 2014
  CHECK(verdict_of(phares, Criterion::economic_commitment) == Verdict::pass);  // 1,350 m²
  CHECK(verdict_of(phares, Criterion::significant_grouping) == Verdict::not_assessable);
  // Outside money (Banque des Territoires) never counts; the members' share is not known to be
  // theirs, so the investment measure stays open.
  const auto& investment = phares.report.criteria[6].measures[1];
  CHECK(investment.lower == 0.0);
  CHECK(*investment.upper == 1650000.0);
  const auto ecossolies = report_for("les-ecossolies.toml");
  CHECK(verdict_of(ecossolies, Criterion::economic_commitment) == Verdict::pass);
  CHECK(ecossolies.report.decision == Decision::undetermined);
}

TEST_CASE("the JSON report parses and has the documented structure") {
  std::vector<PoleReport> reports{report_for("tetris.toml"), report_for("le-periscope.toml")};
  const std::string text = render_reports(reports, ReportFormat::json, {});
  Json root;
  REQUIRE_NOTHROW(root = JsonParser(text).parse());
  CHECK(root["thresholds"]["min_members"].num() == 5.0);
  CHECK(root["thresholds"]["min_local_share"].num() == 0.75);
  const auto& poles = root["poles"].array();
  REQUIRE(poles.size() == 2);
  CHECK(poles[0]["name"].str() == "TETRIS");
  CHECK(poles[0]["decision"].str() == "not_labelled");
  CHECK(poles[1]["name"].str() == "Le Périscope");
  CHECK(poles[1]["evaluation_date"].str() == "2016-03-10");
  const auto& criteria = poles[0]["criteria"].array();
  REQUIRE(criteria.size() == 7);
  CHECK(criteria[1]["key"].str() == "significant_grouping");
  CHECK(criteria[1]["verdict"].str() == "fail");
  const auto& measures = criteria[1]["measures"].array();
  REQUIRE(measures.size() == 2);
  CHECK(measures[1]["name"].str() == "member types");
  CHECK(measures[1]["value"].num() == 2.0);
  CHECK(measures[1]["threshold"].num() == 3.0);
  CHECK(measures[1]["comparison"].str() == "at_least");
  // An unknown value is null, never a number.
  const auto& local = criteria[3]["measures"].array()[0];
  CHECK(local["value"].is_null());
  CHECK(local["lower"].num() == Approx(4.0 / 11.0));
  CHECK(local["upper"].num() == 1.0);
}

TEST_CASE("text, Markdown and CSV reports carry verdicts, values and the decision") {
  const std::vector<PoleReport> reports{report_for("tetris.toml")};
  const auto text = render_reports(reports, ReportFormat::text, {});
  CHECK(text.find("member types: 2 (threshold >= 3)") != std::string::npos);
  CHECK(text.find("decision: not labelled") != std::string::npos);
  const auto md = render_reports(reports, ReportFormat::markdown, {});
  CHECK(md.find("## TETRIS") != std::string::npos);
  CHECK(md.find("| 2 | Significant grouping of organisations of several types |") !=
        std::string::npos);
  const auto csv = render_reports(reports, ReportFormat::csv, {});
  CHECK(csv.rfind("source,pole,criterion,key,verdict,value,threshold,reason\n", 0) == 0);
  CHECK(csv.find("tetris.toml,TETRIS,2,significant_grouping,fail,11; 2,>= 5; >= 3,") !=
        std::string::npos);
  CHECK(csv.find("tetris.toml,TETRIS,decision,decision,not_labelled,,,") != std::string::npos);
  // 7 criteria + the decision + the header.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 9);
}

TEST_CASE("an unnamed pole is named by its position and source") {
  PoleReport r{"file.toml", 2, {}, evaluate_pole({}, {})};
  CHECK(r.display_name() == "pole 3 of file.toml");
  CHECK(parse_report_format("md") == ReportFormat::markdown);
  CHECK_FALSE(parse_report_format("html").has_value());
}

TEST_CASE("the worked example of docs/labelling.md gives the report printed there") {
  std::ifstream in(std::string(PTCESIM_SOURCE_DIR) + "/docs/labelling.md");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const auto begin = doc.find("<!-- example:begin -->\n```toml\n");
  const auto end = doc.find("```\n<!-- example:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const auto toml_start = begin + std::string("<!-- example:begin -->\n```toml\n").size();
  const auto poles = parse_pole_text(doc.substr(toml_start, end - toml_start), "example.toml");
  REQUIRE(poles.size() == 1);
  const PoleReport r{"example.toml", 0, poles[0], evaluate_pole(poles[0], {})};
  CHECK(r.report.decision == Decision::undetermined);
  CHECK(verdict_of(r, Criterion::social_utility) == Verdict::not_assessable);
  CHECK(verdict_of(r, Criterion::long_term_engagement) == Verdict::pass);
  const auto report_start = doc.find("```\n", doc.find("reports:", end)) + 4;
  const auto report_end = doc.find("```\n", report_start);
  CHECK(render_reports({r}, ReportFormat::text, {}) ==
        doc.substr(report_start, report_end - report_start));
  // The catering's social utility decides, as the document explains.
  auto labelled = poles[0];
  labelled.activities[0].social_utility = true;
  CHECK(evaluate_pole(labelled, {}).decision == Decision::labelled);
  labelled.activities[0].social_utility = false;
  CHECK(evaluate_pole(labelled, {}).decision == Decision::not_labelled);
}
