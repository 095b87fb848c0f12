#include "sim/scenario/config_error.hpp"

#include <fmt/format.h>

namespace ptcesim::scenario {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0)
    out += fmt::format(":{}", line);
  out += ": ";
  if (!field.empty())
    out += field + ": ";
  out += message;
  return out;
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty())
      text += '\n';
    text += d.to_string();
  }
  return text;
}
} // namespace

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

} // namespace ptcesim::scenario
