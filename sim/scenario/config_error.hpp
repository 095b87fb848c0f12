#pragma once
// Problems found in scenario input, each naming the file, the line and the field.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptcesim::scenario {

/// One problem in scenario input: `<file>:<line>: <field>: <message>`.
struct Diagnostic {
  std::string file;      ///< display name of the file, or "--set" for overrides
  std::int32_t line = 0; ///< 1-based; 0 when there is no line (overrides, missing fields)
  std::string field;     ///< dotted key, e.g. "territories.0.population"; empty for file errors
  std::string message;

  /// The one-line form: `file:line: field: message` (line and field left out when absent).
  [[nodiscard]] std::string to_string() const;
  bool operator==(const Diagnostic&) const = default;
};

/// Bad scenario input: every problem found, not only the first. what() joins the lines.
class ConfigError : public std::runtime_error {
public:
  /// Takes the problems in the order they are to be reported; there is at least one.
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  /// The problems, in report order.
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

} // namespace ptcesim::scenario
