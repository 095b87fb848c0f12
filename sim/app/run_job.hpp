#pragma once
#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace ptcesim::app {

/// One simulation run written to one HDF5 file.
struct RunRequest {
  scenario::Scenario scenario;
  std::string scenario_name; // for messages
  std::filesystem::path output;
  bool force = false;
  bool quiet = false;
  int threads = 0; // 0: all cores
};

/// What a finished run reports back to the user.
struct RunSummary {
  std::int32_t ticks = 0;
  double seconds = 0.0;
  std::uint64_t state_hash = 0;
};

/// Runs the scenario to completion and writes the run file atomically (see docs/output.md).
/// Throws io::OutputError on I/O failure; never leaves a partial file under the final name.
RunSummary run_to_file(const RunRequest& request);

} // namespace ptcesim::app
