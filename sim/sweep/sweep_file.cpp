// Sweep file loading: a TOML walk over [sweep] and [[factors]], factor fields resolved against
// the scenario schema and the base scenario, every problem collected before throwing.
#include "sim/sweep/sweep_file.hpp"

#include "sim/core/spelling.hpp"
#include "sim/scenario/enums.hpp"
#include "sim/scenario/input_text.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/sweep/normal.hpp"
#include "sim/sweep/sobol.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace ptcesim::sweep {

using scenario::ConfigError;
using scenario::Diagnostic;
using scenario::FieldSpec;
using scenario::FieldType;
using scenario::TableArray;

namespace {

constexpr std::array<std::string_view, 5> kDesignNames{"full_factorial", "random",
                                                       "latin_hypercube", "sobol", "morris"};
constexpr std::array<std::string_view, 9> kSweepKeys{"base",         "seed",         "design",
                                                     "samples",      "trajectories", "grid_levels",
                                                     "replications", "strategies",   "outcomes"};
constexpr std::array<std::string_view, 7> kFactorKeys{"field",        "levels", "range", "scale",
                                                      "distribution", "mean",   "sd"};
constexpr std::size_t kMaxRuns = 100'000'000;     // a sweep beyond this is a typo
constexpr std::size_t kMaxReplications = 100'000; // as compare.replications
constexpr std::size_t kMaxMorrisGridLevels = 1000;

std::int32_t to_line(toml::source_index line) {
  return static_cast<std::int32_t>(std::min<toml::source_index>(line, 0x7fffffff));
}

std::string with_suggestion(std::string message, std::string_view key,
                            const std::vector<std::string>& candidates) {
  const auto best = core::suggest_dotted_key(key, candidates);
  return best ? fmt::format("{}; did you mean '{}'?", message, *best) : message;
}

template <std::size_t N>
std::vector<std::string> strings(const std::array<std::string_view, N>& names,
                                 std::string_view prefix = {}) {
  std::vector<std::string> out;
  for (const auto n : names)
    out.push_back(std::string(prefix) + std::string(n));
  return out;
}

template <class Names>
std::string join(const Names& names) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string describe_node(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string:
    return fmt::format("a string \"{}\"", node.as_string()->get());
  case toml::node_type::integer:
    return fmt::format("an integer {}", node.as_integer()->get());
  case toml::node_type::floating_point:
    return "a number " + scenario::format_number(node.as_floating_point()->get());
  case toml::node_type::boolean:
    return fmt::format("a boolean {}", node.as_boolean()->get());
  case toml::node_type::array:
    return "an array";
  case toml::node_type::table:
    return "a table";
  default:
    return "a date or time";
  }
}

std::optional<double> as_number(const toml::node& node) {
  if (const auto* v = node.as_floating_point())
    return v->get();
  if (const auto* v = node.as_integer())
    return static_cast<double>(v->get());
  return std::nullopt;
}

bool is_power_of_two(std::size_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

class SweepLoader {
public:
  SweepLoader(std::string display, std::filesystem::path base_dir, const SweepLoadOptions& options)
      : display_(std::move(display)), base_dir_(std::move(base_dir)), options_(options) {
    spec_.file = display_;
  }

  SweepSpec load(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, display_);
    } catch (const toml::parse_error& e) {
      report(to_line(e.source().begin.line), "(syntax)", std::string(e.description()));
      throw ConfigError(std::move(problems_));
    }
    const toml::table* sweep = nullptr;
    const toml::array* factors = nullptr;
    std::int32_t factors_line = 0;
    for (auto&& [k, node] : root) {
      const std::string key(k.str());
      const auto line = to_line(k.source().begin.line);
      if (key == "sweep") {
        sweep = node.as_table();
        if (!sweep)
          report(line, key, "expected a table ([sweep]), got " + describe_node(node));
      } else if (key == "factors") {
        factors = node.as_array();
        factors_line = line;
        if (!factors || !factors->is_array_of_tables()) {
          report(line, key,
                 "expected an array of tables ([[factors]]), got " + describe_node(node));
          factors = nullptr;
        }
      } else {
        report(line, key, with_suggestion("unknown key", key, {"sweep", "factors"}));
      }
    }
    if (sweep)
      read_sweep(*sweep);
    else
      report(0, "sweep", "missing table [sweep]");
    if (factors)
      read_factors(*factors, factors_line);
    else if (!root.contains("factors"))
      report(0, "factors", "missing [[factors]]: a sweep needs at least one factor");
    check_design();
    std::stable_sort(problems_.begin(), problems_.end(), [](const auto& a, const auto& b) {
      return (a.line == 0 ? std::numeric_limits<std::int32_t>::max() : a.line) <
             (b.line == 0 ? std::numeric_limits<std::int32_t>::max() : b.line);
    });
    problems_.insert(problems_.end(), base_problems_.begin(), base_problems_.end());
    if (!problems_.empty())
      throw ConfigError(std::move(problems_));
    return std::move(spec_);
  }

private:
  // ---- [sweep] ----

  void read_sweep(const toml::table& t) {
    for (auto&& [k, node] : t) {
      const std::string name(k.str());
      const std::string key = "sweep." + name;
      const auto line = to_line(k.source().begin.line);
      lines_[key] = line;
      if (name == "base") {
        if (const auto* s = node.as_string())
          spec_.base = s->get();
        else
          report(line, key,
                 "expected a string (a scenario path or \"default\"), got " + describe_node(node));
      } else if (name == "seed") {
        const auto* v = node.as_integer();
        if (!v || v->get() < 0)
          report(line, key, "expected a non-negative integer, got " + describe_node(node));
        else
          spec_.seed = static_cast<std::uint64_t>(v->get());
        given_.insert(key);
      } else if (name == "design") {
        const auto* s = node.as_string();
        const auto it =
            s ? std::find(kDesignNames.begin(), kDesignNames.end(), s->get()) : kDesignNames.end();
        if (it == kDesignNames.end()) {
          auto message =
              fmt::format("expected one of {}, got {}", join(kDesignNames), describe_node(node));
          report(line, key,
                 s ? with_suggestion(message, s->get(), strings(kDesignNames)) : message);
        } else {
          spec_.design = static_cast<DesignKind>(it - kDesignNames.begin());
          design_given_ = true;
        }
        given_.insert(key);
      } else if (name == "samples" || name == "trajectories" || name == "grid_levels" ||
                 name == "replications") {
        const auto* v = node.as_integer();
        if (!v || v->get() < 1) {
          report(line, key, "expected a positive integer, got " + describe_node(node));
        } else {
          const auto n = static_cast<std::size_t>(v->get());
          (name == "samples"        ? spec_.samples
           : name == "trajectories" ? spec_.trajectories
           : name == "grid_levels"  ? spec_.grid_levels
                                    : spec_.replications) = n;
          given_.insert(key);
        }
      } else if (name == "strategies") {
        read_strategies(node, line, key);
      } else if (name == "outcomes") {
        read_outcomes(node, line, key);
      } else {
        report(line, key, with_suggestion("unknown key", key, strings(kSweepKeys, "sweep.")));
      }
    }
    if (!given_.count("sweep.seed"))
      report(0, "sweep.seed",
             "missing required key (an integer: the design and every "
             "replication seed derive from it)");
    if (!given_.count("sweep.design"))
      report(0, "sweep.design",
             fmt::format("missing required key (one of {})", join(kDesignNames)));
    if (spec_.replications > kMaxReplications)
      report(lines_["sweep.replications"], "sweep.replications",
             fmt::format("must be at most {}, got {}", kMaxReplications, spec_.replications));
    load_base();
    if (!strategies_given_ && base_scenario_)
      spec_.strategies = base_scenario_->compare.strategies;
  }

  std::optional<std::vector<std::pair<std::string, std::int32_t>>>
  string_list(const toml::node& node, std::int32_t line, const std::string& key) {
    const auto* items = node.as_array();
    if (!items || items->empty() ||
        !std::all_of(items->begin(), items->end(), [](auto& n) { return n.is_string(); })) {
      report(line, key, "expected a non-empty array of strings, got " + describe_node(node));
      return std::nullopt;
    }
    std::vector<std::pair<std::string, std::int32_t>> out;
    std::set<std::string> seen;
    for (auto&& n : *items) {
      const auto value = n.as_string()->get();
      const auto at = to_line(n.source().begin.line);
      if (!seen.insert(value).second)
        report(at, key, fmt::format("\"{}\" is listed twice", value));
      else
        out.emplace_back(value, at);
    }
    return out;
  }

  void read_strategies(const toml::node& node, std::int32_t line, const std::string& key) {
    strategies_given_ = true;
    const auto names = string_list(node, line, key);
    if (!names)
      return;
    const auto known = strings(scenario::kStrategyKindNames);
    for (const auto& [name, at] : *names) {
      if (std::find(known.begin(), known.end(), name) == known.end())
        report(
            at, key,
            with_suggestion(fmt::format("unknown strategy \"{}\" (one of {})", name, join(known)),
                            name, known));
      else
        spec_.strategies.push_back(name);
    }
  }

  void read_outcomes(const toml::node& node, std::int32_t line, const std::string& key) {
    const auto names = string_list(node, line, key);
    if (!names)
      return;
    const auto& known = options_.known_outcomes;
    for (const auto& [name, at] : *names) {
      if (!known.empty() && std::find(known.begin(), known.end(), name) == known.end())
        report(at, key, with_suggestion(fmt::format("unknown outcome \"{}\"", name), name, known));
      else
        spec_.outcomes.push_back(name);
    }
  }

  void load_base() {
    if (spec_.base.empty())
      spec_.base = "default";
    std::string base_display = "default.toml";
    if (spec_.base == "default") {
      spec_.base_text = std::string(scenario::default_scenario_text());
    } else {
      spec_.base_path = base_dir_ / spec_.base;
      std::ifstream in(spec_.base_path, std::ios::binary);
      if (!in) {
        report(lines_["sweep.base"], "sweep.base",
               fmt::format("cannot read the base scenario '{}'", spec_.base));
        return;
      }
      if (!scenario::read_bounded(in, spec_.base_text) || in.bad()) {
        report(lines_["sweep.base"], "sweep.base",
               in.bad() ? fmt::format("cannot read the base scenario '{}'", spec_.base)
                        : fmt::format("the base scenario '{}' is larger than {}", spec_.base,
                                      scenario::kMaxInputText));
        return;
      }
      // Named as the user would reach it: from where the sweep file was named.
      base_display = (std::filesystem::path(display_).parent_path() / spec_.base).string();
    }
    try {
      base_scenario_ = scenario::load_scenario_text(spec_.base_text, base_display);
    } catch (const ConfigError& e) {
      report(lines_["sweep.base"], "sweep.base",
             fmt::format("the base scenario has {} problem{}:", e.diagnostics().size(),
                         e.diagnostics().size() == 1 ? "" : "s"));
      base_problems_ = e.diagnostics();
    }
  }

  // ---- [[factors]] ----

  void read_factors(const toml::array& factors, std::int32_t line) {
    if (factors.empty())
      report(line, "factors", "a sweep needs at least one factor");
    std::map<std::string, std::size_t> fields;
    for (std::size_t i = 0; i < factors.size(); ++i) {
      const auto& t = *factors[i].as_table();
      Factor f;
      f.line = to_line(t.source().begin.line);
      if (read_factor(t, i, f)) {
        if (const auto [it, fresh] = fields.emplace(f.field, i); !fresh)
          report(lines_[fmt::format("factors.{}.field", i)], fmt::format("factors.{}.field", i),
                 fmt::format("\"{}\" is already factors.{}", f.field, it->second));
        else
          spec_.factors.push_back(std::move(f));
      }
    }
  }

  /// Reads one factor; false when it has a problem (already reported).
  bool read_factor(const toml::table& t, std::size_t i, Factor& f) {
    const auto prefix = fmt::format("factors.{}.", i);
    std::map<std::string, const toml::node*> nodes;
    const std::size_t before = problems_.size();
    for (auto&& [k, node] : t) {
      const std::string name(k.str());
      lines_[prefix + name] = to_line(k.source().begin.line);
      if (std::find(kFactorKeys.begin(), kFactorKeys.end(), name) == kFactorKeys.end())
        report(lines_[prefix + name], prefix + name,
               with_suggestion("unknown key", prefix + name, strings(kFactorKeys, prefix)));
      else
        nodes[name] = &node;
    }
    const auto at = [&](const std::string& name) {
      const auto it = lines_.find(prefix + name);
      return it == lines_.end() ? f.line : it->second;
    };
    const auto bad = [&](const std::string& name, std::string message) {
      report(at(name), prefix + name, std::move(message));
    };

    const FieldSpec* spec = nullptr;
    if (!nodes.count("field")) {
      report(f.line, prefix + "field", "missing required key (a dotted scenario field)");
    } else if (const auto* s = nodes["field"]->as_string()) {
      f.field = s->get();
      spec = resolve_field(f.field, at("field"), prefix + "field");
    } else {
      bad("field",
          "expected a string (a dotted scenario field), got " + describe_node(*nodes["field"]));
    }
    if (spec) {
      f.integer = spec->type == FieldType::integer;
      f.bounds = spec->bounds;
    }

    const int ways = static_cast<int>(nodes.count("levels")) +
                     static_cast<int>(nodes.count("range")) +
                     static_cast<int>(nodes.count("distribution"));
    if (ways != 1) {
      report(f.line, prefix.substr(0, prefix.size() - 1),
             ways == 0 ? "give the values as levels = [...], range = [min, max] or "
                         "distribution = \"normal\""
                       : "give only one of levels, range and distribution");
      return false;
    }
    const auto check_value = [&](const std::string& name, double x) {
      if (!spec)
        return;
      if (!spec->bounds.contains(x))
        bad(name, fmt::format("{} is outside the bounds of {}: {}", scenario::format_number(x),
                              f.field, spec->bounds.describe()));
      else if (f.integer && std::floor(x) != x)
        bad(name,
            fmt::format("{} is an integer field, got {}", f.field, scenario::format_number(x)));
    };
    const auto not_for = [&](const std::string& name, const char* what) {
      if (nodes.count(name))
        bad(name, fmt::format("only for {}", what));
    };

    if (nodes.count("levels")) {
      f.kind = FactorKind::levels;
      not_for("scale", "range");
      not_for("mean", "distribution = \"normal\"");
      not_for("sd", "distribution = \"normal\"");
      const auto* items = nodes["levels"]->as_array();
      if (!items || items->empty()) {
        bad("levels",
            "expected a non-empty array of numbers, got " + describe_node(*nodes["levels"]));
        return false;
      }
      std::set<double> seen;
      for (auto&& n : *items) {
        const auto x = as_number(n);
        if (!x || !std::isfinite(*x)) {
          bad("levels", "expected finite numbers, got " + describe_node(n));
          continue;
        }
        check_value("levels", *x);
        if (!seen.insert(*x).second)
          bad("levels", fmt::format("{} is listed twice", scenario::format_number(*x)));
        f.levels.push_back(*x);
      }
    } else if (nodes.count("range")) {
      not_for("mean", "distribution = \"normal\"");
      not_for("sd", "distribution = \"normal\"");
      f.kind = FactorKind::uniform;
      if (nodes.count("scale")) {
        const auto* s = nodes["scale"]->as_string();
        if (s && s->get() == "log")
          f.kind = FactorKind::log_uniform;
        else if (!s || s->get() != "linear")
          bad("scale", "expected \"linear\" or \"log\", got " + describe_node(*nodes["scale"]));
      }
      const auto* items = nodes["range"]->as_array();
      std::optional<double> lo, hi;
      if (items && items->size() == 2) {
        lo = as_number(*items->get(0));
        hi = as_number(*items->get(1));
      }
      if (!lo || !hi || !std::isfinite(*lo) || !std::isfinite(*hi)) {
        bad("range",
            "expected [min, max], two finite numbers, got " + describe_node(*nodes["range"]));
        return false;
      }
      f.min = *lo;
      f.max = *hi;
      if (!(f.min < f.max))
        bad("range", fmt::format("min must be below max, got [{}, {}]",
                                 scenario::format_number(f.min), scenario::format_number(f.max)));
      check_value("range", f.min);
      check_value("range", f.max);
      if (f.kind == FactorKind::log_uniform && !(f.min > 0))
        bad("range",
            fmt::format("a log scale needs min > 0, got {}", scenario::format_number(f.min)));
    } else {
      not_for("scale", "range");
      f.kind = FactorKind::normal;
      const auto* s = nodes["distribution"]->as_string();
      if (!s || s->get() != "normal") {
        bad("distribution",
            "expected \"normal\" (with mean and sd), got " + describe_node(*nodes["distribution"]));
        return false;
      }
      for (const auto* name : {"mean", "sd"}) {
        if (!nodes.count(name)) {
          report(f.line, prefix + name, "missing required key for distribution = \"normal\"");
          continue;
        }
        const auto x = as_number(*nodes[name]);
        if (!x || !std::isfinite(*x))
          bad(name, "expected a finite number, got " + describe_node(*nodes[name]));
        else
          (std::string_view(name) == "mean" ? f.mean : f.sd) = *x;
      }
      if (nodes.count("mean"))
        check_value("mean", f.mean);
      if (nodes.count("sd") && !(f.sd > 0))
        bad("sd", "must be > 0, got " + scenario::format_number(f.sd));
    }
    return spec && problems_.size() == before;
  }

  /// The schema entry of a numeric scenario field named by its dotted key, or nullptr after
  /// reporting why not.
  const FieldSpec* resolve_field(const std::string& name, std::int32_t line,
                                 const std::string& key) {
    std::vector<std::string> candidates;
    const FieldSpec* found = nullptr;
    const auto dot = name.find('.');
    const auto head = name.substr(0, dot);
    std::optional<TableArray> array;
    for (const auto a : {TableArray::territories, TableArray::shocks, TableArray::poles})
      if (scenario::table_array_name(a) == head)
        array = a;
    std::size_t row = 0;
    std::string entry_name;
    if (array) {
      const auto dot2 = dot == std::string::npos ? std::string::npos : name.find('.', dot + 1);
      const auto row_text =
          dot == std::string::npos ? std::string() : name.substr(dot + 1, dot2 - dot - 1);
      const bool numeric = !row_text.empty() && row_text.size() <= 9 &&
                           std::all_of(row_text.begin(), row_text.end(),
                                       [](char c) { return c >= '0' && c <= '9'; });
      if (!numeric || dot2 == std::string::npos) {
        report(line, key,
               fmt::format("entries of [[{0}]] are named by index, e.g. {0}.0.<field>", head));
        return nullptr;
      }
      row = std::stoul(row_text);
      entry_name = name.substr(dot2 + 1);
    }
    for (const auto& f : scenario::schema()) {
      if (f.type != FieldType::floating && f.type != FieldType::integer)
        continue;
      if (array ? f.array == *array && f.name == entry_name
                : f.array == TableArray::none && f.key() == name)
        found = &f;
      candidates.push_back(f.array == TableArray::none ? f.key() : f.key(array ? row : 0));
    }
    if (!found) {
      for (const auto& f : scenario::schema())
        if (f.array == TableArray::none ? f.key() == name
                                        : array && f.array == *array && f.name == entry_name) {
          report(line, key,
                 fmt::format("{} is not numeric; factors vary numbers and integers", name));
          return nullptr;
        }
      report(
          line, key,
          with_suggestion(fmt::format("\"{}\" is not a scenario field", name), name, candidates));
      return nullptr;
    }
    if (array && base_scenario_) {
      const auto size = scenario::table_array_size(*base_scenario_, *array);
      if (row >= size) {
        report(line, key,
               fmt::format("the base scenario has no entry {} in [[{}]] (it has {})", row, head,
                           size));
        return nullptr;
      }
    }
    return found;
  }

  // ---- design ----

  void check_design() {
    if (!design_given_)
      return;
    const auto design = spec_.design;
    const auto key = [](const char* name) { return std::string("sweep.") + name; };
    const auto require = [&](const char* name, const char* meaning) {
      if (!lines_.count(key(name)))
        report(lines_["sweep.design"], key(name),
               fmt::format("missing: the {} design needs {}", design_name(design), meaning));
    };
    const auto forbid = [&](const char* name) {
      if (lines_.count(key(name)))
        report(lines_[key(name)], key(name),
               fmt::format("not used by the {} design", design_name(design)));
    };
    const std::size_t k = spec_.factors.size();
    std::size_t points = 0;
    switch (design) {
    case DesignKind::full_factorial: {
      forbid("samples");
      forbid("trajectories");
      forbid("grid_levels");
      points = 1;
      for (std::size_t i = 0; i < k; ++i) {
        const auto& f = spec_.factors[i];
        if (f.kind != FactorKind::levels) {
          report(f.line, fmt::format("factors.{}", i),
                 "the full_factorial design needs levels = [...] for every factor");
          points = 0;
        } else if (points > 0) {
          points = points > kMaxRuns / f.levels.size() ? kMaxRuns + 1 : points * f.levels.size();
        }
      }
      break;
    }
    case DesignKind::random:
    case DesignKind::latin_hypercube:
      forbid("trajectories");
      forbid("grid_levels");
      require("samples", "samples = <number of points>");
      points = spec_.samples;
      break;
    case DesignKind::sobol:
      forbid("trajectories");
      forbid("grid_levels");
      require("samples", "samples = N, a power of 2 (N * (factors + 2) runs)");
      if (given_.count("sweep.samples") && !is_power_of_two(spec_.samples))
        report(lines_["sweep.samples"], "sweep.samples",
               fmt::format("must be a power of 2 for the sobol design (the balance of the "
                           "sequence), got {}",
                           spec_.samples));
      if (2 * k > kSobolMaxDimensions)
        report(0, "factors",
               fmt::format("the sobol design handles at most {} factors, got {}",
                           kSobolMaxDimensions / 2, k));
      points = spec_.samples * (k + 2);
      break;
    case DesignKind::morris:
      forbid("samples");
      require("trajectories", "trajectories = r");
      require("grid_levels", "grid_levels = p, an even number");
      if (given_.count("sweep.grid_levels") &&
          (spec_.grid_levels % 2 != 0 || spec_.grid_levels > kMaxMorrisGridLevels))
        report(lines_["sweep.grid_levels"], "sweep.grid_levels",
               fmt::format("must be even and at most {} (so that the step p / (2 (p - 1)) "
                           "lands on the grid), got {}",
                           kMaxMorrisGridLevels, spec_.grid_levels));
      for (std::size_t i = 0; i < k; ++i) {
        const auto& f = spec_.factors[i];
        if (f.kind == FactorKind::levels && f.levels.size() != spec_.grid_levels)
          report(f.line, fmt::format("factors.{}.levels", i),
                 fmt::format("the morris design needs as many levels as grid_levels ({}), got {}",
                             spec_.grid_levels, f.levels.size()));
      }
      points = spec_.trajectories * (k + 1);
      break;
    }
    if (points > kMaxRuns || (points > 0 && spec_.replications > kMaxRuns / points))
      report(lines_["sweep.design"], "sweep.design",
             fmt::format("the sweep has more than {} runs", kMaxRuns));
  }

  void report(std::int32_t line, std::string field, std::string message) {
    problems_.push_back({display_, line, std::move(field), std::move(message)});
  }

  std::string display_;
  std::filesystem::path base_dir_;
  const SweepLoadOptions& options_;
  SweepSpec spec_;
  std::optional<scenario::Scenario> base_scenario_;
  std::vector<Diagnostic> problems_, base_problems_;
  std::map<std::string, std::int32_t> lines_;
  std::set<std::string> given_;
  bool design_given_ = false;
  bool strategies_given_ = false;
};

} // namespace

std::string_view design_name(DesignKind kind) noexcept {
  return kDesignNames[static_cast<std::size_t>(kind)];
}

double Factor::value_at(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  double x = 0;
  switch (kind) {
  case FactorKind::levels: {
    const auto n = levels.size();
    return levels[std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1)];
  }
  case FactorKind::uniform:
    if (integer) // every integer of [min, max] equally likely
      return std::min(max, std::floor(min + u * (max - min + 1)));
    x = min + u * (max - min);
    break;
  case FactorKind::log_uniform:
    x = std::exp(std::log(min) + u * (std::log(max) - std::log(min)));
    x = std::clamp(x, min, max); // exp(log(x)) may miss the ends by an ulp
    break;
  case FactorKind::normal: {
    const double lo = bounds.min ? normal_cdf((*bounds.min - mean) / sd) : 0.0;
    const double hi = bounds.max ? normal_cdf((*bounds.max - mean) / sd) : 1.0;
    // Stay strictly inside (0, 1) so that an unbounded side gives a finite value.
    constexpr double kEdge = 0x1p-53;
    const double p = std::clamp(lo + u * (hi - lo), kEdge, 1 - kEdge);
    x = mean + sd * normal_quantile(p);
    if (bounds.min)
      x = std::max(x, *bounds.min);
    if (bounds.max)
      x = std::min(x, *bounds.max);
    if (bounds.min && bounds.min_open && x <= *bounds.min)
      x = std::nextafter(*bounds.min, std::numeric_limits<double>::infinity());
    if (bounds.max && bounds.max_open && x >= *bounds.max)
      x = std::nextafter(*bounds.max, -std::numeric_limits<double>::infinity());
    break;
  }
  }
  return integer ? std::round(x) : x;
}

SweepSpec load_sweep_text(std::string_view toml, std::string_view display_name,
                          const std::filesystem::path& base_dir, const SweepLoadOptions& options) {
  return SweepLoader(std::string(display_name), base_dir, options).load(toml);
}

SweepSpec load_sweep_file(const std::filesystem::path& path, const SweepLoadOptions& options) {
  // A directory opens as a stream that reads nothing, which would be reported as an empty sweep.
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw ConfigError({{path.string(), 0, "", "cannot read the sweep file: it is a directory"}});
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ConfigError({{path.string(), 0, "", "cannot read the sweep file"}});
  std::string text;
  if (!scenario::read_bounded(in, text))
    throw ConfigError(
        {{path.string(), 0, "",
          fmt::format("cannot read the sweep file: larger than {}", scenario::kMaxInputText)}});
  if (in.bad())
    throw ConfigError({{path.string(), 0, "", "cannot read the sweep file: read error"}});
  return load_sweep_text(text, path.string(), path.parent_path(), options);
}

} // namespace ptcesim::sweep
