// Pole files: the bad-pole corpus (exact messages), and what good files become.
#include "sim/label/criteria.hpp"
#include "sim/label/pole_file.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace ptcesim::label;

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      out.push_back(line);
  return out;
}

std::vector<std::string> problems_of(const std::string& text, const std::string& name) {
  try {
    (void)parse_pole_text(text, name);
  } catch (const PoleFileError& e) {
    return e.problems();
  }
  return {};
}

} // namespace

TEST_CASE("every bad pole file gives exactly its expected messages") {
  const std::filesystem::path dir = std::filesystem::path(PTCESIM_TEST_DATA) / "bad_poles";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml")
      continue;
    ++files;
    const auto name = entry.path().filename().string();
    auto expected_path = entry.path();
    expected_path.replace_extension(".expected");
    INFO(name);
    REQUIRE(std::filesystem::exists(expected_path));
    const auto expected = lines(read(expected_path));
    REQUIRE_FALSE(expected.empty());
    CHECK(problems_of(read(entry.path()), name) == expected);
  }
  CHECK(files >= 10);
}

TEST_CASE("a missing file is a pole-file error naming the file") {
  try {
    (void)load_pole_file("no-such-pole.toml");
    FAIL("no error");
  } catch (const PoleFileError& e) {
    CHECK(std::string(e.what()) == "no-such-pole.toml: cannot open the file");
  }
}

TEST_CASE("a full pole file becomes a PoleDescription") {
  const auto poles = parse_pole_text(R"(
name = "Example"
territory = "Valley"
evaluation_date = 2014-06-01
founded = 2009
charter_adopted = true
charter_date = "2010-03"
member_count = 3
members_on_territory = "unknown"
shared_resources = []

[[members]]
name = "Coop A"
type = "sse"
legal_form = "SCOP"
on_territory = true
commune = "Valleyville"
jobs = 12.5
joined = 2009-01-15

[[members.activities]]
name = "repair"
share = 0.4
social_utility = true

[[members]]
name = "unknown"
type = "unknown"
on_territory = false

[[joint_investments]]
kind = "incubator"
amount_eur = 80000
by_members = true
date = 2012
)",
                                     "example.toml");
  REQUIRE(poles.size() == 1);
  const auto& p = poles[0];
  CHECK(p.name == "Example");
  CHECK(p.evaluation_date == PartialDate{2014, 6, 1});
  CHECK(p.founded == PartialDate{2009, std::nullopt, std::nullopt});
  CHECK(p.charter_date == PartialDate{2010, 3, std::nullopt});
  CHECK(p.member_counts.total == 3);
  CHECK_FALSE(p.member_counts.on_territory.has_value());
  REQUIRE(p.members.size() == 2);
  CHECK(p.members[0].type == MemberType::sse);
  CHECK(p.members[0].jobs == 12.5);
  CHECK(p.members[0].joined == PartialDate{2009, 1, 15});
  REQUIRE(p.members[0].activities.size() == 1);
  CHECK(p.members[0].activities[0].share == 0.4);
  CHECK_FALSE(p.members[1].name.has_value()); // "unknown" is no name, not the name "unknown"
  CHECK_FALSE(p.members[1].type.has_value());
  CHECK(p.members[1].on_territory == false);
  REQUIRE(p.shared_resources.has_value());
  CHECK(p.shared_resources->empty()); // [] states that nothing is pooled
  REQUIRE(p.joint_investments.has_value());
  CHECK((*p.joint_investments)[0].kind == InvestmentKind::incubator);
  CHECK((*p.joint_investments)[0].amount_eur == 80000.0);
}

TEST_CASE("absent lists are unknown, empty lists are known to be empty") {
  const auto absent = parse_pole_text("name = \"A\"\n", "a.toml").at(0);
  CHECK_FALSE(absent.shared_resources.has_value());
  CHECK_FALSE(absent.joint_investments.has_value());
  const auto unknown =
      parse_pole_text("shared_resources = \"unknown\"\njoint_investments = []\n", "b.toml").at(0);
  CHECK_FALSE(unknown.shared_resources.has_value());
  REQUIRE(unknown.joint_investments.has_value());
  CHECK(unknown.joint_investments->empty());
  CHECK_FALSE(unknown.name.has_value());
}

TEST_CASE("several poles in one file") {
  const auto poles = parse_pole_text(R"(
[[poles]]
name = "One"
member_count = 7

[[poles]]
name = "Two"

[[poles.members]]
type = "research"
)",
                                     "two.toml");
  REQUIRE(poles.size() == 2);
  CHECK(poles[0].name == "One");
  CHECK(poles[0].member_counts.total == 7);
  CHECK(poles[1].members.size() == 1);
  CHECK(poles[1].members[0].type == MemberType::research);
}

TEST_CASE("messages of a multi-pole file name the pole") {
  const auto problems = problems_of(R"([[poles]]
name = "One"

[[poles]]
[[poles.members]]
type = "univ"
)",
                                    "p.toml");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "p.toml:6: poles.1.members.0.type: must be one of sse, sme, large_firm, local_authority, "
        "research, training, social_partner, other or \"unknown\"; got \"univ\"");
}
