// ptcesim: the command line. Thin: parses, dispatches, maps failures to exit codes.
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/core/version.hpp"
#include "sim/io/errors.hpp"
#include "sim/label/pole_file.hpp"
#include "sim/scenario/loader.hpp"

#include <csignal>
#include <exception>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using Command = int (*)(const std::vector<std::string>&);

struct CommandEntry {
  Command run;
  const char* summary;
};

const std::map<std::string, CommandEntry>& commands() {
  static const std::map<std::string, CommandEntry> table{
      {"compare",
       {ptcesim::app::command_compare,
        "the main job: PTCE vs reindustrialisation vs none, paired replications, figures"}},
      {"bench",
       {ptcesim::app::command_bench,
        "benchmarks: Schelling peer comparison, core micro-benchmarks"}},
      {"report",
       {ptcesim::app::command_report, "self-contained HTML report of a comparison, sweep or run"}},
      {"run", {ptcesim::app::command_run, "run one simulation and write an HDF5 file"}},
      {"validate", {ptcesim::app::command_validate, "check scenario files"}},
      {"validate-model",
       {ptcesim::app::command_validate_model, "check the model against the facts it should reproduce"}},
      {"label", {ptcesim::app::command_label, "apply the seven PTCE labelling criteria to poles"}},
      {"schema", {ptcesim::app::command_schema, "print the documentation of scenario fields"}},
      {"sweep",
       {ptcesim::app::command_sweep,
        "parameter sweeps: plan, run (locally or under mpirun), resume, merge"}},
  };
  return table;
}

void print_help() {
  std::cout << "ptcesim " << ptcesim::core::version()
            << " - agent-based simulator of territorial economies:\n"
               "PTCE cooperation versus reindustrialisation.\n\n"
               "usage: ptcesim <command> [options]   (ptcesim <command> --help for details)\n\n"
               "commands:\n";
  for (const auto& [name, entry] : commands())
    std::cout << fmt::format("  {:<10} {}\n", name, entry.summary);
  std::cout << "\noptions:\n  --help       this help\n  --version    version and git commit\n"
               "\nexit codes: 0 success, 1 runtime failure, 2 bad input or usage,\n"
               "3 validate-model: a fact not reproduced\n";
}

} // namespace

int main(int argc, char** argv) {
  using namespace ptcesim::app;
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
    print_help();
    return all.empty() ? kBadInput : kSuccess;
  }
  if (all[0] == "--version") {
    std::cout << fmt::format("ptcesim {} (git {})\n", ptcesim::core::version(),
                             ptcesim::core::git_commit());
    return kSuccess;
  }
  const auto found = commands().find(all[0]);
  if (found == commands().end()) {
    std::cerr << fmt::format("ptcesim: unknown command '{}' (see 'ptcesim --help')\n", all[0]);
    return kBadInput;
  }
  // Past a file-size limit (ulimit -f) a write should fail with EFBIG and be reported like a
  // full disk, not kill the process with SIGXFSZ and no message.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    const int status = found->second.run(std::vector<std::string>(all.begin() + 1, all.end()));
    // A report printed to a full disk or a closed pipe is a failure, not a success.
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "ptcesim: error: cannot write the standard output (disk full?)\n";
      return kRuntimeFailure;
    }
    return status;
  } catch (const ptcesim::scenario::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return kBadInput;
  } catch (const ptcesim::label::PoleFileError& e) {
    std::cerr << e.what() << "\n";
    return kBadInput;
  } catch (const UsageError& e) {
    std::cerr << e.what() << "\n";
    return kBadInput;
  } catch (const ptcesim::io::OutputExists& e) {
    std::cerr << "ptcesim: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "ptcesim: error: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}
