#pragma once
// Validation files (`ptcesim validate-model`, DIR/validation.h5) and isolated-game run files
// (`ptcesim run` with cooperation.isolate_game): plain tables written atomically through
// RunFileWriter. Layout in docs/output.md and docs/validation.md.
#include "sim/io/run_file.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace ptcesim::io {

/// One validation check as written to /checks (one dataset per field, one row per check).
struct CheckRecord {
  std::string name;
  std::string description;
  std::string unit;
  std::string source;
  std::string tolerance; // the accepted range, as text
  std::string verdict;   // pass, fail, expected-fail or unexpected-pass
  double value = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double target = 0.0;
  double accept_low = 0.0;  // -inf when unbounded
  double accept_high = 0.0; // +inf when unbounded
  std::int64_t replications = 0;
};

/// A named float64 table (rows x cols, row-major) with a unit and a meaning.
struct NamedTable {
  std::string path; // inside the file, e.g. "/series/recession/employment_sse_ratio"
  std::string unit;
  std::string description;
  std::vector<double> values;
  std::size_t rows = 0;
  std::size_t cols = 0;
};

/// Text attributes of the file's root (provenance: scenario, seeds, replications, ...).
using TextAttributes = std::vector<std::pair<std::string, std::string>>;

/// Writes `path`: root attributes, /checks/<field> and every table. Atomic (see RunFileWriter).
void write_validation_file(const std::filesystem::path& path, WriteOptions options,
                           const TextAttributes& attributes, const std::vector<CheckRecord>& checks,
                           const std::vector<NamedTable>& tables);

/// Writes an isolated-game run: root attributes, /game/strategy (names), /game/round (int64),
/// /game/frequency (rounds+1 x strategies) and /game/mean_payoff.
void write_game_file(const std::filesystem::path& path, WriteOptions options,
                     const TextAttributes& attributes, const std::vector<std::string>& strategies,
                     const std::vector<double>& frequencies,
                     const std::vector<double>& mean_payoff);

} // namespace ptcesim::io
