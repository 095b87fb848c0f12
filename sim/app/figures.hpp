#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace ptcesim::app {

/// Runs a module of the analysis/ package with Debian's Python and returns the lines it printed
/// on stdout (the figure paths). Throws std::runtime_error naming the command when it fails.
/// The package is found in $PTCESIM_ANALYSIS_DIR, else in the source tree the binary was built
/// from.
std::vector<std::string> run_analysis(const std::string& module,
                                      const std::vector<std::string>& arguments);

} // namespace ptcesim::app
