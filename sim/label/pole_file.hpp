#pragma once
// Pole data files (TOML): one pole per file, or several under [[poles]]. Format in
// docs/labelling.md. Any value may be the string "unknown".
#include "sim/label/pole.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::label {

/// A bad pole file: every problem found, each as "file:line: field: message". Exit code 2.
class PoleFileError : public std::runtime_error {
public:
  /// Joins the problems, one per line, as the message.
  explicit PoleFileError(std::vector<std::string> problems);
  /// The problems, in file order.
  [[nodiscard]] const std::vector<std::string>& problems() const noexcept { return problems_; }

private:
  std::vector<std::string> problems_;
};

/// Parses pole descriptions from TOML text; `display_name` prefixes messages. Collects every
/// problem and throws PoleFileError if there is any.
[[nodiscard]] std::vector<PoleDescription> parse_pole_text(std::string_view text,
                                                           const std::string& display_name);

/// Reads and parses a pole file (PoleFileError when it cannot be read or is bad).
[[nodiscard]] std::vector<PoleDescription> load_pole_file(const std::string& path);

} // namespace ptcesim::label
