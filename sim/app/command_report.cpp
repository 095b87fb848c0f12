// ptcesim report: a self-contained HTML report of a comparison directory, a sweep directory or
// a run file. The page is built by analysis/ptcesim_analysis/report.py; this command checks the
// paths, then runs it with Debian's Python.
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/figures.hpp"
#include "sim/io/errors.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace ptcesim::app {

namespace {

// DIR/report.html for a directory; results.h5 -> results.report.html next to a file.
std::filesystem::path default_report_path(const std::filesystem::path& input) {
  if (std::filesystem::is_directory(input))
    return input / "report.html";
  auto out = input;
  out.replace_extension();
  out += ".report.html";
  return out;
}

} // namespace

int command_report(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(),
      "the HTML file to write (default: DIR/report.html, or FILE.report.html next to a file)")(
      "force", "replace an existing report");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::string>(),
                       "comparison or sweep directory, or run file");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map vm;
  if (parse_options(
          "report", args, visible, hidden, positional, vm,
          "ptcesim report DIR|FILE [-o report.html] [--force]\n\n"
          "A self-contained HTML page (figures embedded, tables, scenario, provenance,\n"
          "method notes and caveats) of a `ptcesim compare` directory, a `ptcesim sweep`\n"
          "directory or a `ptcesim run` file; printable. Needs /usr/bin/python3 with\n"
          "h5py, pandas and matplotlib (scripts/setup)."))
    return kSuccess;
  if (!vm.count("input"))
    throw UsageError("ptcesim report: missing DIR or FILE (see 'ptcesim report --help')");
  const std::filesystem::path input = vm["input"].as<std::string>();
  if (!std::filesystem::exists(input))
    throw UsageError(fmt::format("ptcesim report: {}: no such file or directory", input.string()));
  if (std::filesystem::is_directory(input) &&
      !std::filesystem::is_regular_file(input / "results.h5"))
    throw UsageError(fmt::format(
        "ptcesim report: {}: no results.h5 in this directory (is it a comparison or sweep?)",
        input.string()));
  const std::filesystem::path output = vm.count("output")
                                           ? std::filesystem::path(vm["output"].as<std::string>())
                                           : default_report_path(input);
  const bool force = vm.count("force") > 0;
  if (std::filesystem::exists(output) && !force)
    throw io::OutputExists(
        fmt::format("{} already exists; use --force to replace it", output.string()));
  if (std::filesystem::exists(output) && !std::filesystem::is_regular_file(output))
    throw UsageError(fmt::format("ptcesim report: {}: not a regular file", output.string()));
  const auto parent = std::filesystem::absolute(output).parent_path();
  if (!std::filesystem::is_directory(parent))
    throw std::runtime_error(fmt::format("{}: no such directory", parent.string()));
  try {
    const auto lines =
        run_analysis("ptcesim_analysis.report", {std::filesystem::absolute(input).string(), "-o",
                                                 std::filesystem::absolute(output).string()});
    for (const auto& line : lines)
      std::cout << line << "\n";
  } catch (const AnalysisError& e) {
    // Exit 2 from the module: it refused the input and said why on stderr.
    if (e.exit_status == kBadInput)
      return kBadInput;
    throw;
  }
  return kSuccess;
}

} // namespace ptcesim::app
