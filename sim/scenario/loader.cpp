// Scenario loading: TOML walk driven by the schema, `--set` overrides, cross-field checks.
// Every problem is collected; a ConfigError carries them all.
#include "sim/scenario/loader.hpp"

#include "sim/core/spelling.hpp"
#include "sim/scenario/input_text.hpp"
#include "sim/scenario/schema.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <unordered_map>

namespace ptcesim::scenario {
namespace {

constexpr double kShareTolerance = 1e-6;
constexpr double kMaxTotalPopulation = 2e8;
constexpr std::size_t kMaxTerritories = 100000;
constexpr std::int64_t kMaxTotalMonths = 12000;
constexpr double kInhabitantsPerKm2 = 105.0; // French mean density (INSEE)
constexpr std::string_view kOverrideFile = "--set";

struct Origin {
  std::string file;
  std::int32_t line = 0;
};

std::int32_t to_line(toml::source_index line) {
  return static_cast<std::int32_t>(std::min<toml::source_index>(line, 0x7fffffff));
}

// ---- schema lookup --------------------------------------------------------------------------

/// Key lookups over the schema, built once.
struct SchemaIndex {
  std::unordered_map<std::string, const FieldSpec*> global;             // "firms.initial_markup"
  std::map<std::pair<TableArray, std::string>, const FieldSpec*> entry; // (territories, name)
  std::set<std::string> tables;               // "sectors", "sectors.retail"
  std::vector<std::string> global_candidates; // keys and tables, schema order

  SchemaIndex() {
    for (const auto& f : schema()) {
      if (f.array != TableArray::none) {
        entry[{f.array, f.name}] = &f;
        continue;
      }
      const auto key = f.key();
      global[key] = &f;
      for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1))
        if (tables.insert(key.substr(0, dot)).second)
          global_candidates.push_back(key.substr(0, dot));
      global_candidates.push_back(key);
    }
    for (const auto array : {TableArray::territories, TableArray::shocks, TableArray::poles})
      global_candidates.emplace_back(table_array_name(array));
  }

  [[nodiscard]] const FieldSpec* field(const std::string& key) const {
    const auto it = global.find(key);
    return it == global.end() ? nullptr : it->second;
  }
  [[nodiscard]] const FieldSpec* field(TableArray array, const std::string& name) const {
    const auto it = entry.find({array, name});
    return it == entry.end() ? nullptr : it->second;
  }
  /// Keys an entry `row` of `array` may hold, as dotted keys.
  [[nodiscard]] std::vector<std::string> entry_candidates(TableArray array, std::size_t row) const {
    std::vector<std::string> keys;
    for (const auto& f : schema())
      if (f.array == array)
        keys.push_back(f.key(row));
    return keys;
  }
};

const SchemaIndex& index() {
  static const SchemaIndex idx;
  return idx;
}

std::optional<TableArray> array_named(std::string_view name) {
  for (const auto array : {TableArray::territories, TableArray::shocks, TableArray::poles})
    if (table_array_name(array) == name)
      return array;
  return std::nullopt;
}

/// "unknown key; did you mean '...'?" when a close key exists.
std::string unknown_key_message(const std::string& key,
                                const std::vector<std::string>& candidates) {
  if (const auto best = core::suggest_dotted_key(key, candidates))
    return fmt::format("unknown key; did you mean '{}'?", *best);
  return "unknown key";
}

// ---- describing values ----------------------------------------------------------------------

std::string quote_text(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() > kMax)
    return fmt::format("\"{}...\"", text.substr(0, kMax));
  return fmt::format("\"{}\"", text);
}

std::string describe_node(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string:
    return "a string " + quote_text(node.as_string()->get());
  case toml::node_type::integer:
    return fmt::format("an integer {}", node.as_integer()->get());
  case toml::node_type::floating_point:
    return "a number " + format_number(node.as_floating_point()->get());
  case toml::node_type::boolean:
    return fmt::format("a boolean {}", node.as_boolean()->get());
  case toml::node_type::array:
    return "an array";
  case toml::node_type::table:
    return "a table";
  case toml::node_type::date:
    return "a date";
  case toml::node_type::time:
    return "a time";
  case toml::node_type::date_time:
    return "a date-time";
  case toml::node_type::none:
    break;
  }
  return "nothing";
}

/// A sum of shares, without the last-digit noise of floating-point addition.
std::string format_sum(double sum) {
  return fmt::format("{:.9g}", sum);
}

std::string join_names(std::span<const std::string_view> names) {
  std::string out;
  for (const auto n : names)
    out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string expected_phrase(const FieldSpec& f) {
  switch (f.type) {
  case FieldType::floating:
    return "a number";
  case FieldType::integer:
    return "an integer";
  case FieldType::boolean:
    return "a boolean (true or false)";
  case FieldType::string:
    return "a string";
  case FieldType::enumeration:
    return fmt::format("a string (one of {})", join_names(f.choices));
  case FieldType::string_list:
    return "an array of strings";
  case FieldType::float_list:
    return "an array of numbers";
  case FieldType::integer_list:
    return "an array of integers";
  }
  return {};
}

// ---- the loader -----------------------------------------------------------------------------

class Loader {
public:
  explicit Loader(std::string display_name) : display_(std::move(display_name)) {}

  void load_text(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, display_);
    } catch (const toml::parse_error& e) {
      const auto line = to_line(e.source().begin.line);
      const auto key = key_at_line(text, line);
      file_.push_back(
          {display_, line, key.empty() ? "(syntax)" : key, std::string(e.description())});
      syntax_error_ = true;
      return;
    }
    walk_table(root, "");
    // Reported in file order; toml++ tables iterate in key order.
    std::stable_sort(file_.begin(), file_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  }

  void apply_overrides(const std::vector<std::string>& overrides) {
    if (syntax_error_)
      return;
    for (const auto& arg : overrides)
      apply_override(arg);
  }

  Scenario finish() {
    if (!syntax_error_) {
      derive_defaults();
      check_consistency();
    }
    std::vector<Diagnostic> all = std::move(file_);
    all.insert(all.end(), overrides_.begin(), overrides_.end());
    all.insert(all.end(), cross_.begin(), cross_.end());
    if (!all.empty())
      throw ConfigError(std::move(all));
    return std::move(s_);
  }

private:
  // -- walking the file --

  void walk_table(const toml::table& table, const std::string& prefix) {
    const auto& idx = index();
    for (auto&& [k, node] : table) {
      const std::string key =
          prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const Origin origin{display_, to_line(k.source().begin.line)};
      if (const auto* f = idx.field(key)) {
        read_value(*f, 0, node, origin, key, file_);
      } else if (idx.tables.count(key)) {
        if (const auto* sub = node.as_table())
          walk_table(*sub, key);
        else
          report(origin, key, "expected a table, got " + describe_node(node));
      } else if (const auto array = prefix.empty() ? array_named(key) : std::nullopt) {
        walk_array(*array, node, origin);
      } else if (const auto* sub = node.as_table(); sub && !sub->empty()) {
        walk_table(*sub, key); // an unknown table: each key in it gets its own suggestion
      } else {
        report(origin, key, unknown_key_message(key, idx.global_candidates));
      }
    }
  }

  void walk_array(TableArray array, const toml::node& node, const Origin& origin) {
    const std::string name(table_array_name(array));
    const auto* items = node.as_array();
    const bool tables = items && std::all_of(items->begin(), items->end(),
                                             [](const toml::node& n) { return n.is_table(); });
    if (!tables) {
      report(
          origin, name,
          fmt::format("expected an array of tables ([[{}]]), got {}", name, describe_node(node)));
      bad_.insert(name);
      return;
    }
    resize(array, items->size());
    for (std::size_t row = 0; row < items->size(); ++row) {
      const auto& entry = *(*items)[row].as_table();
      const Origin entry_origin{display_, to_line(entry.source().begin.line)};
      origins_[fmt::format("{}.{}", name, row)] = entry_origin;
      set_source_line(array, row, entry_origin.line);
      std::set<std::string> given;
      for (auto&& [k, value] : entry) {
        const std::string field_name(k.str());
        const Origin key_origin{display_, to_line(k.source().begin.line)};
        const auto key = fmt::format("{}.{}.{}", name, row, field_name);
        if (const auto* f = index().field(array, field_name)) {
          given.insert(field_name);
          read_value(*f, row, value, key_origin, key, file_);
        } else {
          report(key_origin, key, unknown_key_message(key, index().entry_candidates(array, row)));
        }
      }
      for (const auto& f : schema())
        if (f.array == array && f.required && !given.count(f.name)) {
          report(entry_origin, f.key(row), "missing required key");
          bad_.insert(f.key(row));
        }
    }
  }

  // -- overrides --

  void apply_override(const std::string& arg) {
    const Origin origin{std::string(kOverrideFile), 0};
    const auto eq = arg.find('=');
    if (eq == std::string::npos) {
      overrides_.push_back({origin.file, 0, arg, "expected key=value"});
      return;
    }
    const auto key = trim(arg.substr(0, eq));
    const auto text = trim(arg.substr(eq + 1));
    const FieldSpec* field = nullptr;
    std::size_t row = 0;
    if (!resolve_override_key(key, field, row))
      return;

    std::optional<toml::table> parsed;
    try {
      const std::string document = "v = " + text;
      parsed = toml::parse(std::string_view(document), std::string_view(kOverrideFile));
    } catch (const toml::parse_error&) {
    }
    toml::value<std::string> raw_string(text);
    const toml::node* value = nullptr;
    if (parsed && parsed->size() == 1 && parsed->contains("v"))
      value = parsed->get("v");
    else if (field->type == FieldType::string || field->type == FieldType::enumeration)
      value = &raw_string; // bare words are accepted for strings: --set strategy.kind=ptce
    if (!value) {
      overrides_.push_back(
          {origin.file, 0, key, fmt::format("cannot read {} as a TOML value", quote_text(text))});
      return;
    }
    read_value(*field, row, *value, origin, field->key(row), overrides_);
  }

  bool resolve_override_key(const std::string& key, const FieldSpec*& field, std::size_t& row) {
    const auto& idx = index();
    const auto dot = key.find('.');
    const auto array = array_named(key.substr(0, dot));
    if (!array) {
      field = idx.field(key);
      if (field)
        return true;
      if (idx.tables.count(key))
        override_error(key, "is a table; set its fields one at a time, e.g. " + example_in(key));
      else
        override_error(key, unknown_key_message(key, idx.global_candidates));
      return false;
    }
    const std::string name(table_array_name(*array));
    const auto dot2 = dot == std::string::npos ? std::string::npos : key.find('.', dot + 1);
    const auto row_text =
        dot == std::string::npos ? std::string() : key.substr(dot + 1, dot2 - dot - 1);
    const bool numeric =
        !row_text.empty() && row_text.size() <= 9 &&
        std::all_of(row_text.begin(), row_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric || dot2 == std::string::npos) {
      override_error(key, fmt::format("entries of [[{0}]] are set by index, e.g. {0}.0.{1}", name,
                                      schema_entry_example(*array)));
      return false;
    }
    row = std::stoul(row_text);
    const auto size = table_array_size(s_, *array);
    if (row >= size) {
      override_error(key,
                     fmt::format("no entry {} in [[{}]] (the scenario has {})", row, name, size));
      return false;
    }
    field = idx.field(*array, key.substr(dot2 + 1));
    if (field)
      return true;
    override_error(key, unknown_key_message(key, idx.entry_candidates(*array, row)));
    return false;
  }

  static std::string example_in(const std::string& table) {
    for (const auto& f : schema())
      if (f.array == TableArray::none && f.key().rfind(table + ".", 0) == 0)
        return f.key();
    return table;
  }

  static std::string schema_entry_example(TableArray array) {
    for (const auto& f : schema())
      if (f.array == array)
        return f.name;
    return {};
  }

  void override_error(const std::string& key, std::string message) {
    overrides_.push_back({std::string(kOverrideFile), 0, key, std::move(message)});
  }

  static std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
      return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
  }

  // -- reading one value --

  /// Converts, checks and stores one value; on failure reports and marks the key bad.
  void read_value(const FieldSpec& f, std::size_t row, const toml::node& node, const Origin& origin,
                  const std::string& key, std::vector<Diagnostic>& out) {
    origins_[key] = origin;
    std::string problem;
    auto value = convert(f, node, problem);
    if (!value) {
      out.push_back({origin.file, origin.line, key, problem});
      bad_.insert(key);
      return;
    }
    bad_.erase(key); // an override may repair a value; the file's diagnostic stays reported
    f.set(s_, row, *value);
  }

  static std::optional<double> as_number(const toml::node& node) {
    if (const auto* v = node.as_floating_point())
      return v->get();
    if (const auto* v = node.as_integer())
      return static_cast<double>(v->get());
    return std::nullopt;
  }

  static std::optional<std::int64_t> as_integer(const toml::node& node) {
    if (const auto* v = node.as_integer())
      return v->get();
    // Integral floats are accepted so that 6.8e7 can stand for 68000000.
    if (const auto* v = node.as_floating_point()) {
      const double x = v->get();
      if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 9.2e18)
        return static_cast<std::int64_t>(x);
    }
    return std::nullopt;
  }

  static std::string bounds_problem(const FieldSpec& f, double x, const std::string& got) {
    if (f.bounds.contains(x))
      return {};
    const auto range = f.bounds.describe();
    const bool interval = f.bounds.min && f.bounds.max;
    return fmt::format("must be {}{}, got {}", interval ? "in " : "", range, got);
  }

  /// The value of `node` for field `f`, or nullopt with `problem` set.
  static std::optional<FieldValue> convert(const FieldSpec& f, const toml::node& node,
                                           std::string& problem) {
    const auto wrong_type = [&] {
      problem = fmt::format("expected {}, got {}", expected_phrase(f), describe_node(node));
      return std::nullopt;
    };
    switch (f.type) {
    case FieldType::floating: {
      const auto x = as_number(node);
      if (!x)
        return wrong_type();
      if (!std::isfinite(*x)) {
        problem = "must be a finite number, got " + format_number(*x);
        return std::nullopt;
      }
      problem = bounds_problem(f, *x, format_number(*x));
      if (!problem.empty())
        return std::nullopt;
      return FieldValue{*x};
    }
    case FieldType::integer: {
      const auto n = as_integer(node);
      if (!n) {
        if (const auto x = as_number(node); x && !std::isfinite(*x)) {
          problem = "must be a finite number, got " + format_number(*x);
          return std::nullopt;
        }
        return wrong_type();
      }
      problem = bounds_problem(f, static_cast<double>(*n), std::to_string(*n));
      if (!problem.empty())
        return std::nullopt;
      return FieldValue{*n};
    }
    case FieldType::boolean:
      if (const auto* v = node.as_boolean())
        return FieldValue{v->get()};
      return wrong_type();
    case FieldType::string:
      if (const auto* v = node.as_string())
        return FieldValue{v->get()};
      return wrong_type();
    case FieldType::enumeration: {
      const auto* v = node.as_string();
      if (!v)
        return wrong_type();
      for (std::size_t i = 0; i < f.choices.size(); ++i)
        if (f.choices[i] == v->get())
          return FieldValue{static_cast<std::int64_t>(i)};
      problem =
          fmt::format("must be one of {}; got {}", join_names(f.choices), quote_text(v->get()));
      return std::nullopt;
    }
    case FieldType::string_list:
    case FieldType::float_list:
    case FieldType::integer_list:
      return convert_list(f, node, problem);
    }
    return wrong_type();
  }

  static std::optional<FieldValue> convert_list(const FieldSpec& f, const toml::node& node,
                                                std::string& problem) {
    const auto* items = node.as_array();
    if (!items) {
      problem = fmt::format("expected {}, got {}", expected_phrase(f), describe_node(node));
      return std::nullopt;
    }
    const char* element_phrase = f.type == FieldType::string_list  ? "a string"
                                 : f.type == FieldType::float_list ? "a number"
                                                                   : "an integer";
    std::vector<std::string> strings;
    std::vector<double> numbers;
    std::vector<std::int64_t> integers;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto& item = *items->get(i);
      const auto element_type = [&] {
        problem =
            fmt::format("element {}: expected {}, got {}", i, element_phrase, describe_node(item));
        return std::nullopt;
      };
      std::string bad_bound;
      if (f.type == FieldType::string_list) {
        const auto* v = item.as_string();
        if (!v)
          return element_type();
        strings.push_back(v->get());
      } else if (f.type == FieldType::float_list) {
        const auto x = as_number(item);
        if (!x)
          return element_type();
        if (!std::isfinite(*x)) {
          problem =
              fmt::format("element {}: must be a finite number, got {}", i, format_number(*x));
          return std::nullopt;
        }
        bad_bound = bounds_problem(f, *x, format_number(*x));
        numbers.push_back(*x);
      } else {
        const auto n = as_integer(item);
        if (!n)
          return element_type();
        bad_bound = bounds_problem(f, static_cast<double>(*n), std::to_string(*n));
        integers.push_back(*n);
      }
      if (!bad_bound.empty()) {
        problem = fmt::format("element {} {}", i, bad_bound);
        return std::nullopt;
      }
    }
    if (f.type == FieldType::string_list)
      return FieldValue{std::move(strings)};
    if (f.type == FieldType::float_list)
      return FieldValue{std::move(numbers)};
    return FieldValue{std::move(integers)};
  }

  // -- syntax errors --

  /// Dotted key of the `key = value` line `line` of `text`, from the table headers above it.
  static std::string key_at_line(std::string_view text, std::int32_t line) {
    std::istringstream in{std::string(text)};
    std::string current, prefix;
    std::map<std::string, int> array_counts;
    for (std::int32_t n = 1; n <= line && std::getline(in, current); ++n) {
      const auto first = current.find_first_not_of(" \t");
      if (first == std::string::npos)
        continue;
      const std::string_view rest = std::string_view(current).substr(first);
      if (rest.starts_with("[[")) {
        const auto end = rest.find("]]");
        if (end == std::string_view::npos)
          return {};
        const auto name = trim(std::string(rest.substr(2, end - 2)));
        prefix = fmt::format("{}.{}", name, array_counts[name]++);
      } else if (rest.starts_with('[')) {
        const auto end = rest.find(']');
        if (end == std::string_view::npos)
          return {};
        prefix = trim(std::string(rest.substr(1, end - 1)));
      } else if (n == line) {
        const auto eq = rest.find('=');
        if (eq == std::string_view::npos)
          return {};
        const auto key = trim(std::string(rest.substr(0, eq)));
        const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
        });
        if (!bare)
          return {};
        return prefix.empty() ? key : prefix + "." + key;
      }
    }
    return {};
  }

  // -- rows of arrays of tables --

  void resize(TableArray array, std::size_t n) {
    switch (array) {
    case TableArray::territories:
      s_.territories.resize(n);
      break;
    case TableArray::shocks:
      s_.shocks.resize(n);
      break;
    case TableArray::poles:
      s_.poles.resize(n);
      break;
    case TableArray::none:
      break;
    }
  }

  void set_source_line(TableArray array, std::size_t row, std::int32_t line) {
    switch (array) {
    case TableArray::territories:
      s_.territories[row].source_line = line;
      break;
    case TableArray::shocks:
      s_.shocks[row].source_line = line;
      break;
    case TableArray::poles:
      s_.poles[row].source_line = line;
      break;
    case TableArray::none:
      break;
    }
  }

  // -- derived values and cross-field checks --

  void derive_defaults() {
    for (auto& t : s_.territories)
      if (t.land_ha == 0.0 && t.population > 0)
        t.land_ha = static_cast<double>(t.population) / kInhabitantsPerKm2 * 100.0;
  }

  void report(const Origin& origin, std::string key, std::string message) {
    file_.push_back({origin.file, origin.line, std::move(key), std::move(message)});
  }

  /// Where a cross-field problem about `key` is reported: where it was set, else where its
  /// entry starts, else the file without a line.
  [[nodiscard]] Origin where(const std::string& key, const std::string& entry = {}) const {
    if (const auto it = origins_.find(key); it != origins_.end())
      return it->second;
    if (const auto it = origins_.find(entry); !entry.empty() && it != origins_.end())
      return it->second;
    return {display_, 0};
  }

  void cross(const std::string& key, const Origin& origin, std::string message) {
    cross_.push_back({origin.file, origin.line, key, std::move(message)});
  }

  [[nodiscard]] bool any_bad(std::initializer_list<std::string> keys) const {
    return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return bad_.count(k) > 0; });
  }

  /// Shares over a family of tables (sectors, SSE forms): sum == 1 or sum <= 1.
  template <std::size_t N, class Get>
  void check_share_sum(std::string_view family, const std::array<std::string_view, N>& names,
                       std::string_view field, bool exact, Get get) {
    double sum = 0.0;
    std::optional<Origin> origin;
    for (std::size_t i = 0; i < N; ++i) {
      const auto key = fmt::format("{}.{}.{}", family, names[i], field);
      if (bad_.count(key))
        return;
      if (!origin && origins_.count(key))
        origin = origins_.at(key);
      sum += get(i);
    }
    const bool ok = exact ? std::fabs(sum - 1.0) <= kShareTolerance : sum <= 1.0 + kShareTolerance;
    if (ok)
      return;
    cross(fmt::format("{}.*.{}", family, field), origin.value_or(Origin{display_, 0}),
          fmt::format("must sum to {} over the {} {} (within 1e-6), got {}",
                      exact ? "1" : "at most 1", N, family == "sectors" ? "sectors" : "forms",
                      format_sum(sum)));
  }

  void check_consistency() {
    check_run();
    check_world();
    check_territories();
    check_sectors_and_forms();
    check_strategy();
    check_shocks();
    check_poles();
    check_compare();
  }

  void check_run() {
    const auto& run = s_.run;
    if (!any_bad({"run.burn_in_months", "run.horizon_months"}) &&
        std::int64_t{run.burn_in_months} + run.horizon_months > kMaxTotalMonths)
      cross("run.horizon_months", where("run.horizon_months", "run.burn_in_months"),
            fmt::format("burn_in_months + horizon_months must be at most {} (1000 years), got {}",
                        kMaxTotalMonths, std::int64_t{run.burn_in_months} + run.horizon_months));
    if (any_bad({"run.snapshot_months", "run.horizon_months"}))
      return;
    for (std::size_t i = 0; i < run.snapshot_months.size(); ++i)
      if (run.snapshot_months[i] >= run.horizon_months) {
        cross("run.snapshot_months", where("run.snapshot_months"),
              fmt::format("element {} must be before the end of the horizon "
                          "(run.horizon_months = {}), got {}",
                          i, run.horizon_months, run.snapshot_months[i]));
        break;
      }
  }

  void check_world() {
    const auto& w = s_.world;
    if (any_bad({"world.mode"}))
      return;
    if (w.mode == WorldMode::listed) {
      if (s_.territories.empty() && !bad_.count("territories"))
        cross("territories", where("territories"),
              "a listed world needs at least one [[territories]] entry "
              "(or world.mode = \"synthetic\")");
      return;
    }
    if (!s_.territories.empty())
      cross("territories", where("territories.0"),
            "listed territories are not used in synthetic mode; remove them or set "
            "world.mode = \"listed\"");
    if (any_bad({"world.synthetic_territories", "world.synthetic_population",
                 "world.synthetic_min_population", "world.synthetic_max_population"}))
      return;
    if (w.synthetic_territories < 1) {
      cross("world.synthetic_territories", where("world.synthetic_territories", "world.mode"),
            "must be at least 1 in synthetic mode, got " + std::to_string(w.synthetic_territories));
      return;
    }
    const double needed = static_cast<double>(w.synthetic_territories) *
                          static_cast<double>(w.synthetic_min_population);
    if (static_cast<double>(w.synthetic_population) < needed)
      cross("world.synthetic_population", where("world.synthetic_population", "world.mode"),
            fmt::format("must be at least synthetic_territories x synthetic_min_population = {}, "
                        "got {}",
                        format_number(needed), w.synthetic_population));
    if (w.synthetic_max_population == 0)
      return;
    if (w.synthetic_max_population < w.synthetic_min_population) {
      cross("world.synthetic_max_population", where("world.synthetic_max_population", "world.mode"),
            fmt::format("must be 0 (no cap) or at least synthetic_min_population = {}, got {}",
                        w.synthetic_min_population, w.synthetic_max_population));
      return;
    }
    const double room = static_cast<double>(w.synthetic_territories) *
                        static_cast<double>(w.synthetic_max_population);
    if (room < static_cast<double>(w.synthetic_population))
      cross("world.synthetic_max_population", where("world.synthetic_max_population", "world.mode"),
            fmt::format("synthetic_territories x synthetic_max_population = {} cannot hold "
                        "synthetic_population = {}; raise the cap (or 0: no cap)",
                        format_number(room), w.synthetic_population));
  }

  void check_territories() {
    const auto& ts = s_.territories;
    if (ts.size() > kMaxTerritories) {
      cross("territories", where("territories.0"),
            fmt::format("{} territories exceed the limit of {} (France has about 1,250 "
                        "intercommunalities)",
                        ts.size(), kMaxTerritories));
      return;
    }
    std::map<std::string, std::size_t> rows;
    double total_population = 0.0;
    for (std::size_t r = 0; r < ts.size(); ++r) {
      const auto name_key = fmt::format("territories.{}.name", r);
      total_population += static_cast<double>(ts[r].population);
      if (bad_.count(name_key))
        continue;
      if (ts[r].name.empty()) {
        cross(name_key, where(name_key), "must not be empty");
        continue;
      }
      const auto [it, inserted] = rows.emplace(ts[r].name, r);
      if (!inserted) {
        const auto first = where(fmt::format("territories.{}.name", it->second));
        cross(name_key, where(name_key),
              first.line > 0 ? fmt::format("duplicate territory name {} (first defined at line {})",
                                           quote_text(ts[r].name), first.line)
                             : fmt::format("duplicate territory name {} (also territories.{}.name)",
                                           quote_text(ts[r].name), it->second));
      }
    }
    if (total_population > kMaxTotalPopulation)
      cross("territories", where("territories.0"),
            fmt::format("total population {} exceeds {} (France has about 68 million "
                        "inhabitants)",
                        format_number(total_population), format_number(kMaxTotalPopulation)));
    for (std::size_t r = 0; r < ts.size(); ++r) {
      const auto entry = fmt::format("territories.{}", r);
      const auto nkey = entry + ".neighbours";
      const auto ckey = entry + ".commuting_minutes";
      if (!bad_.count(nkey)) {
        std::set<std::string> seen;
        for (const auto& n : ts[r].neighbours) {
          if (n == ts[r].name)
            cross(nkey, where(nkey, entry),
                  fmt::format("{} is the territory itself", quote_text(n)));
          else if (!rows.count(n))
            cross(nkey, where(nkey, entry), unknown_territory(n, rows));
          else if (!seen.insert(n).second)
            cross(nkey, where(nkey, entry), fmt::format("{} is listed twice", quote_text(n)));
        }
      }
      if (!any_bad({nkey, ckey}) && ts[r].commuting_minutes.size() != ts[r].neighbours.size())
        cross(ckey, origins_.count(ckey) ? where(ckey) : where(nkey, entry),
              fmt::format("has {} values but neighbours has {}; give one commuting time per "
                          "neighbour",
                          ts[r].commuting_minutes.size(), ts[r].neighbours.size()));
    }
  }

  static std::string unknown_territory(const std::string& name,
                                       const std::map<std::string, std::size_t>& rows) {
    std::string known;
    for (const auto& [n, r] : rows)
      known += (known.empty() ? "" : ", ") + n;
    return fmt::format("unknown territory {}; territories are: {}", quote_text(name), known);
  }

  void check_sectors_and_forms() {
    check_share_sum("sectors", kSectorNames, "firm_share", true,
                    [&](std::size_t i) { return s_.sectors[i].firm_share; });
    check_share_sum("sectors", kSectorNames, "household_budget_share", false,
                    [&](std::size_t i) { return s_.sectors[i].household_budget_share; });
    check_share_sum("sse.forms", kSseFormNames, "share", true,
                    [&](std::size_t i) { return s_.sse_forms[i].share; });
    for (std::size_t i = 0; i < kSseFormCount; ++i) {
      const auto table = fmt::format("sse.forms.{}", kSseFormNames[i]);
      const auto& form = s_.sse_forms[i];
      const std::string sales = table + ".sales_share", subsidy = table + ".subsidy_share",
                        donation = table + ".donation_share";
      if (any_bad({sales, subsidy, donation}))
        continue;
      const double sum = form.sales_share + form.subsidy_share + form.donation_share;
      if (sum > 1.0 + kShareTolerance)
        cross(table, first_origin({sales, subsidy, donation}),
              fmt::format("sales_share + subsidy_share + donation_share must be at most 1 "
                          "(volunteering is the rest), got {}",
                          format_sum(sum)));
    }
  }

  [[nodiscard]] Origin first_origin(std::initializer_list<std::string> keys) const {
    for (const auto& k : keys)
      if (const auto it = origins_.find(k); it != origins_.end())
        return it->second;
    return {display_, 0};
  }

  void check_strategy() {
    const auto& st = s_.strategy;
    if (!bad_.count("strategy.territories") && s_.world.mode == WorldMode::listed) {
      const auto rows = territory_rows();
      for (const auto& name : st.territories)
        if (!rows.count(name))
          cross("strategy.territories", where("strategy.territories", "strategy"),
                unknown_territory(name, rows));
    }
    if (any_bad({"strategy.facilitation_share", "strategy.premises_share",
                 "strategy.seed_aid_share", "strategy.incubator_share"}))
      return;
    const double sum =
        st.facilitation_share + st.premises_share + st.seed_aid_share + st.incubator_share;
    if (sum > 1.0 + kShareTolerance)
      cross("strategy",
            first_origin({"strategy.facilitation_share", "strategy.premises_share",
                          "strategy.seed_aid_share", "strategy.incubator_share"}),
            fmt::format("facilitation_share + premises_share + seed_aid_share + incubator_share "
                        "must be at most 1, got {}",
                        format_sum(sum)));
  }

  [[nodiscard]] std::map<std::string, std::size_t> territory_rows() const {
    std::map<std::string, std::size_t> rows;
    for (std::size_t r = 0; r < s_.territories.size(); ++r)
      rows.emplace(s_.territories[r].name, r);
    return rows;
  }

  void check_shocks() {
    const auto rows = territory_rows();
    for (std::size_t r = 0; r < s_.shocks.size(); ++r) {
      const auto& shock = s_.shocks[r];
      const auto entry = fmt::format("shocks.{}", r);
      const auto start = entry + ".start_month";
      if (!any_bad({start, "run.horizon_months"}) && shock.start_month >= s_.run.horizon_months)
        cross(start, where(start, entry),
              fmt::format("must be before the end of the horizon (run.horizon_months = {}), "
                          "got {}",
                          s_.run.horizon_months, shock.start_month));
      const auto magnitude = entry + ".magnitude";
      if (!any_bad({magnitude, entry + ".kind"}) && shock.kind == ShockKind::export_demand_drop &&
          shock.magnitude > 1.0)
        cross(magnitude, where(magnitude, entry),
              "a drop must be in [0, 1], got " + format_number(shock.magnitude));
      const auto territory = entry + ".territory";
      if (!bad_.count(territory) && !shock.territory.empty() && !rows.count(shock.territory) &&
          s_.world.mode == WorldMode::listed)
        cross(territory, where(territory, entry), unknown_territory(shock.territory, rows));
    }
  }

  void check_poles() {
    const auto rows = territory_rows();
    for (std::size_t r = 0; r < s_.poles.size(); ++r) {
      const auto& pole = s_.poles[r];
      const auto entry = fmt::format("poles.{}", r);
      const auto territory = entry + ".territory";
      if (!bad_.count(territory) && !rows.count(pole.territory)) {
        if (s_.world.mode == WorldMode::synthetic)
          cross(territory, where(territory, entry),
                "seeded poles need listed territories (world.mode = \"listed\")");
        else
          cross(territory, where(territory, entry), unknown_territory(pole.territory, rows));
      }
      const auto members = entry + ".members";
      if (!any_bad({members, "cooperation.max_pole_size"}) &&
          pole.members > s_.cooperation.max_pole_size)
        cross(members, where(members, entry),
              fmt::format("must be at most cooperation.max_pole_size = {}, got {}",
                          s_.cooperation.max_pole_size, pole.members));
    }
  }

  void check_compare() {
    const auto& c = s_.compare;
    if (bad_.count("compare.strategies"))
      return;
    const auto origin = where("compare.strategies");
    if (c.strategies.empty()) {
      cross("compare.strategies", origin, "must list at least one strategy");
      return;
    }
    std::set<std::string> seen;
    bool all_known = true;
    for (std::size_t i = 0; i < c.strategies.size(); ++i) {
      const auto& name = c.strategies[i];
      if (!parse_enum<StrategyKind>(name, kStrategyKindNames)) {
        cross("compare.strategies", origin,
              fmt::format("element {} must be one of {}; got {}", i, join_names(kStrategyKindNames),
                          quote_text(name)));
        all_known = false;
      } else if (!seen.insert(name).second) {
        cross("compare.strategies", origin, fmt::format("{} is listed twice", quote_text(name)));
      }
    }
    if (all_known && !bad_.count("compare.baseline") && !seen.count(c.baseline)) {
      std::string listed;
      for (const auto& n : c.strategies)
        listed += (listed.empty() ? "" : ", ") + n;
      cross("compare.baseline", where("compare.baseline", "compare.strategies"),
            fmt::format("must be one of compare.strategies ({}); got {}", listed,
                        quote_text(c.baseline)));
    }
  }

  std::string display_;
  Scenario s_;
  bool syntax_error_ = false;
  std::vector<Diagnostic> file_, overrides_, cross_;
  std::map<std::string, Origin> origins_; // dotted key (or entry) -> where it was set
  std::set<std::string> bad_;             // keys whose value was rejected: skip dependent checks
};

} // namespace

Scenario load_scenario_text(std::string_view toml, std::string_view display_name,
                            const std::vector<std::string>& overrides) {
  Loader loader{std::string(display_name)};
  loader.load_text(toml);
  loader.apply_overrides(overrides);
  return loader.finish();
}

Scenario load_scenario_file(const std::filesystem::path& path,
                            const std::vector<std::string>& overrides) {
  const auto display = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ConfigError({{display, 0, "", "cannot read scenario file: it is a directory"}});
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ConfigError({{display, 0, "",
                        fmt::format("cannot read scenario file: {}",
                                    err ? std::strerror(err) : "unknown error")}});
  }
  std::string text;
  if (!read_bounded(in, text))
    throw ConfigError({{display, 0, "",
                        fmt::format("cannot read scenario file: larger than {}", kMaxInputText)}});
  if (in.bad())
    throw ConfigError({{display, 0, "", "cannot read scenario file: read error"}});
  return load_scenario_text(text, display, overrides);
}

} // namespace ptcesim::scenario
