#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace ptcesim::scenario;
using namespace ptcesim::scenario::testing;

TEST_CASE("each schema key is unique and documented", "[scenario][schema]") {
  std::set<std::string> keys;
  for (const auto& f : schema()) {
    INFO(f.key());
    CHECK(keys.insert(f.key()).second);
    CHECK_FALSE(f.doc.empty());
    CHECK(static_cast<bool>(f.get));
    CHECK(static_cast<bool>(f.set));
    CHECK((f.type == FieldType::enumeration) == !f.choices.empty());
  }
  // 6 sectors x 12 fields and 4 forms x 6 fields are generated in loops.
  std::size_t sector_fields = 0, form_fields = 0;
  for (const auto& f : schema()) {
    sector_fields += f.section.rfind("sectors.", 0) == 0;
    form_fields += f.section.rfind("sse.forms.", 0) == 0;
  }
  CHECK(sector_fields == kSectorCount * 12);
  CHECK(form_fields == kSseFormCount * 6);
}

TEST_CASE("every default lies within its bounds", "[scenario][schema]") {
  Scenario s;
  s.territories.resize(1);
  s.shocks.resize(1);
  s.poles.resize(1);
  for (const auto& f : schema()) {
    if (f.required)
      continue;
    INFO(f.key());
    const auto value = f.get(s, 0);
    if (const auto* x = std::get_if<double>(&value))
      CHECK(f.bounds.contains(*x));
    if (const auto* n = std::get_if<std::int64_t>(&value); n && f.type == FieldType::integer)
      CHECK(f.bounds.contains(static_cast<double>(*n)));
    if (const auto* xs = std::get_if<std::vector<double>>(&value))
      for (const double x : *xs)
        CHECK(f.bounds.contains(x));
  }
}

TEST_CASE("default shares are consistent", "[scenario][schema]") {
  const Scenario s;
  double firms = 0.0, budget = 0.0, forms = 0.0;
  for (const auto& sector : s.sectors) {
    firms += sector.firm_share;
    budget += sector.household_budget_share;
  }
  for (const auto& form : s.sse_forms) {
    forms += form.share;
    CHECK(form.sales_share + form.subsidy_share + form.donation_share <= 1.0);
  }
  CHECK(std::fabs(firms - 1.0) <= 1e-12);
  CHECK(budget <= 1.0);
  CHECK(std::fabs(forms - 1.0) <= 1e-12);
}

TEST_CASE("setting then getting a field gives the value back", "[scenario][schema]") {
  Scenario s;
  s.territories.resize(1);
  s.shocks.resize(1);
  s.poles.resize(1);
  for (const auto& f : schema()) {
    INFO(f.key());
    FieldValue v;
    switch (f.type) {
    case FieldType::floating:
      v = f.bounds.min
              ? *f.bounds.min + 0.5 * (f.bounds.max.value_or(*f.bounds.min + 2) - *f.bounds.min)
              : 0.5;
      break;
    case FieldType::integer:
      v = static_cast<std::int64_t>(f.bounds.min.value_or(0) + 1);
      break;
    case FieldType::boolean:
      v = !std::get<bool>(f.get(s, 0));
      break;
    case FieldType::string:
      v = std::string("x") + f.name;
      break;
    case FieldType::enumeration:
      v = static_cast<std::int64_t>(f.choices.size() - 1);
      break;
    case FieldType::string_list:
      v = std::vector<std::string>{"a", f.name};
      break;
    case FieldType::float_list:
      v = std::vector<double>{1.5, 2.5};
      break;
    case FieldType::integer_list:
      v = std::vector<std::int64_t>{3, 4};
      break;
    }
    f.set(s, 0, v);
    CHECK(f.get(s, 0) == v);
  }
}

TEST_CASE("bounds are described as they are checked", "[scenario][schema]") {
  CHECK(Bounds{0.0, 1.0, false, false}.describe() == "[0, 1]");
  CHECK(Bounds{0.0, 600.0, true, false}.describe() == "(0, 600]");
  CHECK(Bounds{0.0, std::nullopt, false, false}.describe() == ">= 0");
  CHECK(Bounds{0.0, std::nullopt, true, false}.describe() == "> 0");
  CHECK(Bounds{}.describe().empty());
  const Bounds open{0.0, 1.0, true, true};
  CHECK_FALSE(open.contains(0.0));
  CHECK(open.contains(0.5));
  CHECK_FALSE(open.contains(1.0));
  CHECK_FALSE(Bounds{0.0, 1.0, false, false}.contains(std::nan("")));
  CHECK(format_number(200000000.0) == "200000000");
  CHECK(format_number(1.7) == "1.7");
}

TEST_CASE("docs/scenarios.md is the generated schema documentation", "[scenario][schema]") {
  const auto committed =
      read_text(std::filesystem::path(PTCESIM_SOURCE_DIR) / "docs" / "scenarios.md");
  // On failure, regenerate: ptcesim schema > docs/scenarios.md
  CHECK(committed == schema_markdown());
  const auto docs = schema_markdown();
  for (const auto& f : schema()) {
    INFO(f.key());
    CHECK(docs.find("| `" + f.name + "` |") != std::string::npos);
  }
  CHECK(docs.find("## [sectors.high_tech_industry]") != std::string::npos);
  CHECK(docs.find("## [[territories]]") != std::string::npos);
}
