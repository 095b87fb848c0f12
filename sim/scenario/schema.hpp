#pragma once
// The field schema: every scenario field once, with its TOML key, type, bounds, unit, meaning
// and accessors into Scenario. Loader, `--set`, resolved TOML and docs all read this table.
#include "sim/scenario/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ptcesim::scenario {

/// TOML shape of a field.
enum class FieldType : std::uint8_t {
  floating,
  integer,
  boolean,
  string,
  enumeration,
  string_list,
  float_list,
  integer_list
};

/// Which array of tables a field lives in, if any.
enum class TableArray : std::uint8_t { none, territories, shocks, poles };

/// Allowed numeric range (for lists: of each element). Absent ends are unbounded.
struct Bounds {
  std::optional<double> min, max;
  bool min_open = false, max_open = false;

  /// Whether `x` lies within the bounds.
  [[nodiscard]] bool contains(double x) const noexcept;
  /// "[0, 1]", ">= 0", "(0, 1]", ... ; empty when unbounded.
  [[nodiscard]] std::string describe() const;
};

/// A field value as read from or written to a Scenario (enumerations as their index).
using FieldValue = std::variant<double, std::int64_t, bool, std::string, std::vector<std::string>,
                                std::vector<double>, std::vector<std::int64_t>>;

/// One scenario field.
struct FieldSpec {
  std::string section; ///< table: "run", "sectors.retail", "sse.forms.scic", "territories"
  std::string name;    ///< key inside the table (or inside one entry of an array of tables)
  TableArray array = TableArray::none;
  FieldType type = FieldType::floating;
  Bounds bounds;
  std::string unit;
  std::string doc;
  std::span<const std::string_view> choices; ///< vocabulary of an enumeration
  bool required = false;                     ///< entries of arrays of tables must give it
  /// Reads the field; `row` selects the entry of an array of tables (ignored otherwise).
  std::function<FieldValue(const Scenario&, std::size_t row)> get;
  /// Writes a value that already has the field's type and passed its bounds.
  std::function<void(Scenario&, std::size_t row, const FieldValue&)> set;

  /// Dotted key: "firms.initial_markup"; in arrays of tables "territories.<row>.population".
  [[nodiscard]] std::string key(std::size_t row = 0) const;
};

/// Every field, in the order of the resolved TOML and of docs/scenarios.md.
[[nodiscard]] const std::vector<FieldSpec>& schema();

/// TOML section name of an array of tables ("territories", "shocks", "poles").
[[nodiscard]] std::string_view table_array_name(TableArray array) noexcept;

/// Number of entries of an array of tables in `s`.
[[nodiscard]] std::size_t table_array_size(const Scenario& s, TableArray array) noexcept;

/// Number as written in messages, docs and resolved TOML: shortest text that reads back exactly.
[[nodiscard]] std::string format_number(double x);

} // namespace ptcesim::scenario
