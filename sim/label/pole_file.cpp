#include "sim/label/pole_file.hpp"

#include "sim/label/suggest.hpp"
#include "sim/scenario/input_text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace ptcesim::label {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  return fmt::format("{}", fmt::join(lines, "\n"));
}

} // namespace

PoleFileError::PoleFileError(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems)), problems_(std::move(problems)) {}

namespace {

constexpr std::string_view kUnknown = "unknown";

template <typename Enum, std::size_t N>
std::string allowed_list(const std::array<Enum, N>& values) {
  std::vector<std::string_view> names;
  for (const auto v : values)
    names.push_back(to_string(v));
  return fmt::format("{}", fmt::join(names, ", "));
}

/// Reads one file, collecting problems with their line and field path.
class Reader {
public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void error(const toml::node& node, const std::string& field, const std::string& message) {
    error_at(node.source().begin.line, field, message);
  }
  void error_at(std::uint32_t line, const std::string& field, const std::string& message) {
    problems_.emplace_back(line, fmt::format("{}:{}: {}: {}", file_, line, field, message));
  }
  /// The problems in line order (tables are visited in key order, not file order).
  [[nodiscard]] std::vector<std::string> problems() {
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& p : problems_)
      out.push_back(std::move(p.second));
    return out;
  }
  [[nodiscard]] bool ok() const noexcept { return problems_.empty(); }

  /// Rejects keys of `table` not in `allowed`, suggesting the closest allowed key.
  void check_keys(const toml::table& table, const std::string& prefix,
                  const std::vector<std::string_view>& allowed) {
    for (const auto& [k, node] : table) {
      const std::string_view name = k.str();
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end())
        continue;
      const auto suggestion = detail::closest(name, allowed);
      error(node, prefix + std::string(name),
            suggestion ? fmt::format("unknown key; did you mean '{}{}'?", prefix, *suggestion)
                       : std::string("unknown key"));
    }
  }

  static bool is_unknown(const toml::node& node) {
    const auto* s = node.as_string();
    return s && s->get() == kUnknown;
  }

  std::optional<std::string> text(const toml::table& t, std::string_view key,
                                  const std::string& field) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    if (const auto* s = node->as_string())
      return s->get();
    error(*node, field, fmt::format("must be a string or \"unknown\"; got {}", shown(*node)));
    return std::nullopt;
  }

  std::optional<bool> flag(const toml::table& t, std::string_view key, const std::string& field) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    if (const auto* b = node->as_boolean())
      return b->get();
    error(*node, field, fmt::format("must be true, false or \"unknown\"; got {}", shown(*node)));
    return std::nullopt;
  }

  std::optional<double> number(const toml::table& t, std::string_view key, const std::string& field,
                               double low, double high) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    std::optional<double> v;
    if (const auto* i = node->as_integer())
      v = static_cast<double>(i->get());
    if (const auto* f = node->as_floating_point())
      v = f->get();
    if (!v || !std::isfinite(*v)) {
      error(*node, field, fmt::format("must be a number or \"unknown\"; got {}", shown(*node)));
      return std::nullopt;
    }
    if (*v < low || *v > high) {
      error(*node, field,
            std::isinf(high) ? fmt::format("must be >= {}; got {}", low, shown(*node))
                             : fmt::format("must be in [{}, {}]; got {}", low, high, shown(*node)));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> count(const toml::table& t, std::string_view key, const std::string& field) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    const auto* i = node->as_integer();
    if (!i || i->get() < 0 || i->get() > 1000000) {
      error(*node, field,
            fmt::format("must be a whole number in [0, 1000000] or \"unknown\"; got {}",
                        shown(*node)));
      return std::nullopt;
    }
    return static_cast<int>(i->get());
  }

  std::optional<PartialDate> date(const toml::table& t, std::string_view key,
                                  const std::string& field) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    if (const auto* d = node->as_date()) {
      const auto v = d->get();
      return PartialDate{v.year, static_cast<int>(v.month), static_cast<int>(v.day)};
    }
    if (const auto* i = node->as_integer(); i && i->get() >= 1800 && i->get() <= 2200)
      return PartialDate{static_cast<int>(i->get()), std::nullopt, std::nullopt};
    if (const auto* s = node->as_string()) {
      const std::string& v = s->get();
      int year = 0, month = 0;
      char dash = 0, extra = 0;
      std::istringstream in(v);
      if (v.size() == 7 && (in >> year >> dash >> month) && dash == '-' && !(in >> extra) &&
          year >= 1800 && year <= 2200 && month >= 1 && month <= 12)
        return PartialDate{year, month, std::nullopt};
    }
    error(*node, field,
          fmt::format("must be a date (2014-06-01), a year (2014), a month (\"2014-06\") or "
                      "\"unknown\"; got {}",
                      shown(*node)));
    return std::nullopt;
  }

  template <typename Enum, std::size_t N>
  std::optional<Enum> choice(const toml::table& t, std::string_view key, const std::string& field,
                             const std::array<Enum, N>& values) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    if (const auto* s = node->as_string()) {
      for (const auto v : values)
        if (to_string(v) == s->get())
          return v;
    }
    std::vector<std::string_view> names;
    for (const auto v : values)
      names.push_back(to_string(v));
    std::string message =
        fmt::format("must be one of {} or \"unknown\"; got {}", allowed_list(values), shown(*node));
    if (const auto* s = node->as_string())
      if (const auto suggestion = detail::closest(s->get(), names))
        message += fmt::format("; did you mean '{}'?", *suggestion);
    error(*node, field, message);
    return std::nullopt;
  }

  /// An array of tables at `key`: nullopt when absent or "unknown", each table otherwise.
  std::optional<std::vector<const toml::table*>> tables(const toml::table& t, std::string_view key,
                                                        const std::string& field) {
    const auto* node = t.get(key);
    if (!node || is_unknown(*node))
      return std::nullopt;
    std::vector<const toml::table*> out;
    const auto* array = node->as_array();
    if (!array) {
      error(*node, field,
            fmt::format("must be an array of tables ([[{}]]), [] or \"unknown\"", field));
      return std::nullopt;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto* table = array->get(i)->as_table();
      if (!table) {
        error(*array->get(i), fmt::format("{}.{}", field, i), "must be a table");
        continue;
      }
      out.push_back(table);
    }
    return out;
  }

  static std::string shown(const toml::node& node) {
    if (const auto* s = node.as_string())
      return fmt::format("\"{}\"", s->get());
    std::ostringstream out;
    node.visit([&](const auto& v) {
      if constexpr (toml::is_table<decltype(v)>)
        out << "a table";
      else if constexpr (toml::is_array<decltype(v)>)
        out << "an array";
      else
        out << v;
    });
    return out.str();
  }

private:
  std::string file_;
  std::vector<std::pair<std::uint32_t, std::string>> problems_;
};

const std::vector<std::string_view> kPoleKeys{"name",
                                              "territory",
                                              "evaluation_date",
                                              "founded",
                                              "charter_adopted",
                                              "charter_date",
                                              "members",
                                              "member_count",
                                              "member_count_at_least",
                                              "member_counts_by_type",
                                              "members_on_territory",
                                              "members_off_territory",
                                              "activities",
                                              "shared_resources",
                                              "joint_investments"};
const std::vector<std::string_view> kMemberKeys{"name",    "type", "legal_form", "on_territory",
                                                "commune", "jobs", "joined",     "activities"};
const std::vector<std::string_view> kActivityKeys{"name", "share", "social_utility"};
const std::vector<std::string_view> kResourceKeys{"kind", "description", "amount", "unit"};
const std::vector<std::string_view> kInvestmentKeys{"kind", "description", "amount_eur",
                                                    "by_members", "date"};

std::vector<Activity> read_activities(Reader& r, const toml::table& t, const std::string& path,
                                      double& share_sum) {
  std::vector<Activity> out;
  const auto tables = r.tables(t, "activities", path + "activities");
  if (!tables)
    return out;
  for (std::size_t i = 0; i < tables->size(); ++i) {
    const auto& a = *(*tables)[i];
    const std::string p = fmt::format("{}activities.{}.", path, i);
    r.check_keys(a, p, kActivityKeys);
    Activity activity{r.text(a, "name", p + "name"), r.number(a, "share", p + "share", 0.0, 1.0),
                      r.flag(a, "social_utility", p + "social_utility")};
    if (activity.share) {
      const double before = share_sum;
      share_sum += *activity.share;
      if (before <= 1.0 + 1e-9 && share_sum > 1.0 + 1e-9)
        r.error(*a.get("share"), p + "share",
                fmt::format("the shares of the pole's activities sum to {:.2f}, more than 1",
                            share_sum));
    }
    out.push_back(std::move(activity));
  }
  return out;
}

PoleDescription read_pole(Reader& r, const toml::table& t, const std::string& path) {
  PoleDescription pole;
  r.check_keys(t, path, kPoleKeys);
  pole.name = r.text(t, "name", path + "name");
  pole.territory = r.text(t, "territory", path + "territory");
  pole.evaluation_date = r.date(t, "evaluation_date", path + "evaluation_date");
  pole.founded = r.date(t, "founded", path + "founded");
  pole.charter_adopted = r.flag(t, "charter_adopted", path + "charter_adopted");
  pole.charter_date = r.date(t, "charter_date", path + "charter_date");
  if (pole.charter_adopted == false && pole.charter_date)
    r.error(*t.get("charter_date"), path + "charter_date",
            "a charter date is given but charter_adopted = false");

  double share_sum = 0.0;
  if (const auto members = r.tables(t, "members", path + "members")) {
    for (std::size_t i = 0; i < members->size(); ++i) {
      const auto& m = *(*members)[i];
      const std::string p = fmt::format("{}members.{}.", path, i);
      r.check_keys(m, p, kMemberKeys);
      Member member;
      member.name = r.text(m, "name", p + "name");
      member.type = r.choice(m, "type", p + "type", kMemberTypes);
      member.legal_form = r.text(m, "legal_form", p + "legal_form");
      member.on_territory = r.flag(m, "on_territory", p + "on_territory");
      member.commune = r.text(m, "commune", p + "commune");
      member.jobs = r.number(m, "jobs", p + "jobs", 0.0, HUGE_VAL);
      member.joined = r.date(m, "joined", p + "joined");
      member.activities = read_activities(r, m, p, share_sum);
      pole.members.push_back(std::move(member));
    }
  }
  pole.activities = read_activities(r, t, path, share_sum);

  auto& agg = pole.member_counts;
  agg.total = r.count(t, "member_count", path + "member_count");
  agg.at_least = r.count(t, "member_count_at_least", path + "member_count_at_least");
  agg.on_territory = r.count(t, "members_on_territory", path + "members_on_territory");
  agg.off_territory = r.count(t, "members_off_territory", path + "members_off_territory");
  if (const auto* node = t.get("member_counts_by_type"); node && !Reader::is_unknown(*node)) {
    const std::string p = path + "member_counts_by_type.";
    if (const auto* by_type = node->as_table()) {
      std::vector<std::string_view> names;
      for (const auto type : kMemberTypes)
        names.push_back(to_string(type));
      r.check_keys(*by_type, p, names);
      for (const auto type : kMemberTypes)
        if (const auto c = r.count(*by_type, to_string(type), p + std::string(to_string(type))))
          agg.by_type[type] = *c;
    } else {
      r.error(*node, path + "member_counts_by_type", "must be a table of counts per member type");
    }
  }
  // Aggregate figures cover the whole membership, listed members included: they must agree.
  if (agg.total) {
    const auto line = t.get("member_count")->source().begin.line;
    if (agg.at_least && *agg.at_least > *agg.total)
      r.error(*t.get("member_count_at_least"), path + "member_count_at_least",
              fmt::format("{} is more than member_count = {}", *agg.at_least, *agg.total));
    if (static_cast<std::size_t>(*agg.total) < pole.members.size())
      r.error_at(
          line, path + "member_count",
          fmt::format("{} is less than the {} listed members", *agg.total, pole.members.size()));
    int typed = 0;
    for (const auto& [type, c] : agg.by_type)
      typed += c;
    if (typed > *agg.total)
      r.error(*t.get("member_counts_by_type"), path + "member_counts_by_type",
              fmt::format("counts sum to {}, more than member_count = {}", typed, *agg.total));
    if (agg.on_territory.value_or(0) + agg.off_territory.value_or(0) > *agg.total)
      r.error_at(line, path + "member_count",
                 fmt::format("{} is less than members_on_territory + members_off_territory = {}",
                             *agg.total,
                             agg.on_territory.value_or(0) + agg.off_territory.value_or(0)));
  }
  for (const auto& [type, c] : agg.by_type) {
    const auto listed =
        std::count_if(pole.members.begin(), pole.members.end(),
                      [member_type = type](const Member& m) { return m.type == member_type; });
    if (c < listed) {
      const std::string field = fmt::format("{}member_counts_by_type.{}", path, to_string(type));
      r.error(*t.get("member_counts_by_type")->as_table()->get(to_string(type)), field,
              fmt::format("{} is less than the {} listed members of that type", c, listed));
    }
  }

  if (const auto resources = r.tables(t, "shared_resources", path + "shared_resources")) {
    pole.shared_resources.emplace();
    for (std::size_t i = 0; i < resources->size(); ++i) {
      const auto& s = *(*resources)[i];
      const std::string p = fmt::format("{}shared_resources.{}.", path, i);
      r.check_keys(s, p, kResourceKeys);
      pole.shared_resources->push_back(SharedResource{
          r.choice(s, "kind", p + "kind", kResourceKinds),
          r.text(s, "description", p + "description"),
          r.number(s, "amount", p + "amount", 0.0, HUGE_VAL), r.text(s, "unit", p + "unit")});
    }
  }
  if (const auto investments = r.tables(t, "joint_investments", path + "joint_investments")) {
    pole.joint_investments.emplace();
    for (std::size_t i = 0; i < investments->size(); ++i) {
      const auto& s = *(*investments)[i];
      const std::string p = fmt::format("{}joint_investments.{}.", path, i);
      r.check_keys(s, p, kInvestmentKeys);
      pole.joint_investments->push_back(JointInvestment{
          r.choice(s, "kind", p + "kind", kInvestmentKinds),
          r.text(s, "description", p + "description"),
          r.number(s, "amount_eur", p + "amount_eur", 0.0, HUGE_VAL),
          r.flag(s, "by_members", p + "by_members"), r.date(s, "date", p + "date")});
    }
  }
  return pole;
}

} // namespace

std::vector<PoleDescription> parse_pole_text(std::string_view text,
                                             const std::string& display_name) {
  toml::table root;
  try {
    root = toml::parse(text, display_name);
  } catch (const toml::parse_error& e) {
    throw PoleFileError({fmt::format("{}:{}: syntax error: {}", display_name, e.source().begin.line,
                                     e.description())});
  }
  Reader r(display_name);
  std::vector<PoleDescription> poles;
  if (const auto* many = root.get("poles")) {
    // Several poles: nothing else at the top level.
    for (const auto& [k, node] : root)
      if (k.str() != "poles")
        r.error(node, std::string(k.str()), "put pole fields inside a [[poles]] entry");
    if (const auto* array = many->as_array(); array && !array->empty()) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        if (const auto* table = array->get(i)->as_table())
          poles.push_back(read_pole(r, *table, fmt::format("poles.{}.", i)));
        else
          r.error(*array->get(i), fmt::format("poles.{}", i), "must be a table ([[poles]])");
      }
    } else {
      r.error(*many, "poles", "must be a non-empty array of tables ([[poles]])");
    }
  } else {
    poles.push_back(read_pole(r, root, ""));
  }
  if (!r.ok())
    throw PoleFileError(r.problems());
  return poles;
}

std::vector<PoleDescription> load_pole_file(const std::string& path) {
  // A directory opens as a stream that reads nothing: it would pass as a file with no pole.
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw PoleFileError({fmt::format("{}: cannot read the file: it is a directory", path)});
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw PoleFileError({fmt::format("{}: cannot open the file", path)});
  std::string content;
  if (!scenario::read_bounded(in, content))
    throw PoleFileError(
        {fmt::format("{}: cannot read the file: larger than {}", path, scenario::kMaxInputText)});
  if (in.bad())
    throw PoleFileError({fmt::format("{}: cannot read the file: read error", path)});
  return parse_pole_text(content, path);
}

} // namespace ptcesim::label
