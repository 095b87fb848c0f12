#pragma once
#include <string>
#include <vector>

namespace ptcesim::app {

/// Each subcommand takes its arguments (after the subcommand name) and returns an exit code.
/// Usage problems are thrown as UsageError, bad scenarios as scenario::ConfigError.
int command_run(const std::vector<std::string>& args);
int command_validate(const std::vector<std::string>& args);
int command_schema(const std::vector<std::string>& args);
int command_compare(const std::vector<std::string>& args);
/// Benchmarks of the engine (issue 9): see sim/bench/bench.hpp.
int command_bench(const std::vector<std::string>& args);
/// `ptcesim label`: bad pole files are thrown as label::PoleFileError (exit 2).
int command_label(const std::vector<std::string>& args);
/// `ptcesim sweep`: subcommands in sim/app/command_sweep.cpp (sweep_subcommands()).
int command_sweep(const std::vector<std::string>& args);
/// `ptcesim sweep analyse DIR` (arguments after "analyse"): sim/app/command_sweep_analyse.cpp.
int command_sweep_analyse(const std::vector<std::string>& args);
/// `ptcesim validate-model`: exit kFactMissed when a fact fails (sim/validation/validation.hpp).
int command_validate_model(const std::vector<std::string>& args);
/// `ptcesim report`: a self-contained HTML report of results (analysis/ptcesim_analysis/report.py).
int command_report(const std::vector<std::string>& args);

} // namespace ptcesim::app
