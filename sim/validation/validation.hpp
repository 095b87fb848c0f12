#pragma once
// `ptcesim validate-model`: runs a scenario over replications (with a demand recession and
// against the same seeds without it; with reindustrialisation) and checks the facts the model
// should reproduce, each with its target, tolerance and source (docs/validation.md).
#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptcesim::validation {

/// What a check concluded.
enum class Verdict : std::uint8_t { pass, fail, expected_fail, unexpected_pass };

/// One fact checked: simulated value with its interval over replications, target, accepted
/// range, source.
struct Check {
  std::string name;
  std::string description;
  std::string unit;
  std::string source;
  double target = std::numeric_limits<double>::quiet_NaN();
  double accept_low = -std::numeric_limits<double>::infinity();
  double accept_high = std::numeric_limits<double>::infinity();
  double value = std::numeric_limits<double>::quiet_NaN();
  double ci_low = std::numeric_limits<double>::quiet_NaN();
  double ci_high = std::numeric_limits<double>::quiet_NaN();
  std::size_t replications = 0;
  bool expected_failure = false; // listed with --expect-fail

  /// The value lies in [accept_low, accept_high] (a NaN value fails); for a one-sided range
  /// (a sign or direction), the interval must clear the threshold too.
  [[nodiscard]] bool passes() const noexcept;
  [[nodiscard]] Verdict verdict() const noexcept;
  /// "[0.08, 0.12]", "< 0", "> 0".
  [[nodiscard]] std::string tolerance_text() const;
};

/// Name of a verdict in reports: pass, FAIL, expected-fail, unexpected-pass.
[[nodiscard]] std::string verdict_name(Verdict v);

/// Names of every check, in report order.
[[nodiscard]] const std::vector<std::string>& check_names();

/// What to validate and where to write it.
struct ValidationRequest {
  scenario::Scenario scenario;
  std::string scenario_display_name;
  std::int64_t replications = 20; // directions need intervals clearing zero (docs/validation.md)
  std::filesystem::path output_dir;
  bool force = false;
  std::vector<std::string> expected_failures; // check names
};

/// Bad request (replications, unknown check name, horizon too short): exit code 2.
class ValidationUsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Throws ValidationUsageError on a bad request, before anything runs.
void check_request(const ValidationRequest& request);

/// The checks and the files written.
struct ValidationResult {
  std::vector<Check> checks;
  std::filesystem::path h5, csv, md;
  double seconds = 0.0;
  /// No check failed unless listed as an expected failure.
  [[nodiscard]] bool acceptable() const noexcept;
};

/// Runs a validation makes: three per replication (calm, recession, reindustrialisation) and
/// the game cases over their seeds.
[[nodiscard]] std::int64_t planned_runs(const ValidationRequest& request);

/// Runs the validation. `on_progress(done, total)` is called after each finished run.
ValidationResult run_validation(const ValidationRequest& request,
                                const std::function<void(std::int64_t, std::int64_t)>& on_progress);

/// The checks as a Markdown table (also the body of validation.md).
[[nodiscard]] std::string checks_markdown(const std::vector<Check>& checks);

} // namespace ptcesim::validation
