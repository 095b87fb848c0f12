// Texts generated from the schema: the resolved scenario as TOML, and docs/scenarios.md.
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"

#include <fmt/format.h>

namespace ptcesim::scenario {
namespace {

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      else
        out += c;
    }
  }
  return out + "\"";
}

/// A float that TOML reads back as a float, exactly.
std::string toml_float(double x) {
  auto text = fmt::format("{}", x); // shortest representation that round-trips
  if (text.find_first_of(".en") == std::string::npos)
    text += ".0";
  return text;
}

template <class T, class Format>
std::string toml_list(const std::vector<T>& items, Format format) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + format(items[i]);
  return out + "]";
}

std::string toml_value(const FieldSpec& f, const FieldValue& v) {
  switch (f.type) {
  case FieldType::floating:
    return toml_float(std::get<double>(v));
  case FieldType::integer:
    return std::to_string(std::get<std::int64_t>(v));
  case FieldType::boolean:
    return std::get<bool>(v) ? "true" : "false";
  case FieldType::string:
    return toml_string(std::get<std::string>(v));
  case FieldType::enumeration:
    return toml_string(f.choices[static_cast<std::size_t>(std::get<std::int64_t>(v))]);
  case FieldType::string_list:
    return toml_list(std::get<std::vector<std::string>>(v), toml_string);
  case FieldType::float_list:
    return toml_list(std::get<std::vector<double>>(v), toml_float);
  case FieldType::integer_list:
    return toml_list(std::get<std::vector<std::int64_t>>(v),
                     [](std::int64_t n) { return std::to_string(n); });
  }
  return {};
}

std::string type_name(FieldType type) {
  switch (type) {
  case FieldType::floating:
    return "float";
  case FieldType::integer:
    return "int";
  case FieldType::boolean:
    return "bool";
  case FieldType::string:
    return "string";
  case FieldType::enumeration:
    return "enum";
  case FieldType::string_list:
    return "string list";
  case FieldType::float_list:
    return "number list";
  case FieldType::integer_list:
    return "int list";
  }
  return {};
}

/// Markdown table cells must not contain raw pipes.
std::string cell(std::string text) {
  std::string out;
  for (const char c : text)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

constexpr std::string_view kIntro = R"(# Scenario files

A scenario is a TOML file holding every input of a run. Every field is optional and defaults to
the value in the tables below, except that a world needs territories: at least one
`[[territories]]` entry with a `name` and a `population`, or `world.mode = "synthetic"` with
`world.synthetic_territories` > 0. `scenarios/default.toml` (embedded in the binary) documents
the source of each value.

Loading reports every problem at once, one per line, as `file:line: field: message`:

    my.toml:12: firms.intial_markup: unknown key; did you mean 'firms.initial_markup'?
    my.toml:20: territories.1.population: must be in [1, 200000000], got -5

Fields can be overridden on the command line with `--set key=value`, where `value` is TOML
(`--set run.horizon_months=120`, `--set "compare.strategies=[\"ptce\", \"none\"]"`; a bare word
is accepted for text fields: `--set strategy.kind=ptce`). Entries of arrays of tables are
addressed by their index, counting from 0 in file order: `--set territories.0.population=80000`.
Overrides are checked like file content and reported as `--set: key: message`.

Checks across fields: sector `firm_share` sums to 1 and `household_budget_share` to at most 1;
SSE form `share` sums to 1, and per form `sales_share + subsidy_share + donation_share` <= 1;
the four ptce budget shares of `[strategy]` sum to at most 1 (tolerance 1e-6); territory names
are unique and non-empty; `neighbours` name other listed territories, once each, and
`commuting_minutes` has one value per neighbour; total population <= 200,000,000 and at most
100,000 territories; `burn_in_months + horizon_months` <= 12000; snapshot months and shock
starts fall before the end of the horizon; shock and pole territories exist; seeded poles are
no larger than `cooperation.max_pole_size`; `compare.strategies` are strategy names, listed
once, and `compare.baseline` is one of them.

`ptcesim validate --print FILE` prints the resolved scenario (every field, defaults included);
the same text is stored in each output file. This page is generated by `ptcesim schema` from
the schema in `sim/scenario/scenario_schema.cpp`; a unit test fails when it is out of date.
)";

} // namespace

std::string resolved_toml(const Scenario& s) {
  std::string out = "# Resolved ptcesim scenario: every field, defaults included.\n";
  const auto& fields = schema();
  for (std::size_t i = 0; i < fields.size();) {
    const auto& head = fields[i];
    std::size_t end = i;
    while (end < fields.size() && fields[end].section == head.section)
      ++end;
    if (head.array == TableArray::none) {
      out += fmt::format("\n[{}]\n", head.section);
      for (std::size_t j = i; j < end; ++j)
        out += fmt::format("{} = {}\n", fields[j].name, toml_value(fields[j], fields[j].get(s, 0)));
    } else {
      const auto rows = table_array_size(s, head.array);
      if (rows == 0)
        out += fmt::format("\n# no [[{}]]\n", head.section);
      for (std::size_t row = 0; row < rows; ++row) {
        out += fmt::format("\n[[{}]]\n", head.section);
        for (std::size_t j = i; j < end; ++j)
          out += fmt::format("{} = {}\n", fields[j].name,
                             toml_value(fields[j], fields[j].get(s, row)));
      }
    }
    i = end;
  }
  return out;
}

std::string schema_markdown() {
  // Defaults of array entries come from one default-constructed entry.
  Scenario defaults;
  defaults.territories.resize(1);
  defaults.shocks.resize(1);
  defaults.poles.resize(1);

  std::string out(kIntro);
  const auto& fields = schema();
  for (std::size_t i = 0; i < fields.size();) {
    const auto& head = fields[i];
    out += head.array == TableArray::none ? fmt::format("\n## [{}]\n\n", head.section)
                                          : fmt::format("\n## [[{}]]\n\n", head.section);
    out += "| key | type | default | bounds | unit | meaning |\n";
    out += "|---|---|---|---|---|---|\n";
    for (; i < fields.size() && fields[i].section == head.section; ++i) {
      const auto& f = fields[i];
      const auto value = f.get(defaults, 0);
      const std::string default_text = f.required ? "required" : toml_value(f, value);
      std::string bounds = f.bounds.describe();
      if (f.type == FieldType::enumeration) {
        bounds.clear();
        for (const auto c : f.choices)
          bounds += (bounds.empty() ? "" : ", ") + std::string(c);
      }
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", f.name, type_name(f.type),
                         cell(default_text), cell(bounds), cell(f.unit), cell(f.doc));
    }
  }
  return out;
}

} // namespace ptcesim::scenario
