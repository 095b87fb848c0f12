#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptcesim::app {

/// A module of analysis/ exited with a failure; `exit_status` is its exit code (-1: killed).
class AnalysisError : public std::runtime_error {
public:
  AnalysisError(const std::string& what, int status)
      : std::runtime_error(what), exit_status(status) {}
  /// The module's exit code: 2 means it refused its input (message already on stderr).
  int exit_status;
};

/// Runs a module of the analysis/ package with Debian's Python and returns the lines it printed
/// on stdout (the figure paths). Throws std::runtime_error naming the command when it fails.
/// The package is found in $PTCESIM_ANALYSIS_DIR, else in the source tree the binary was built
/// from. Throws AnalysisError when the module fails.
std::vector<std::string> run_analysis(const std::string& module,
                                      const std::vector<std::string>& arguments);

} // namespace ptcesim::app
