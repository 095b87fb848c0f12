#pragma once

namespace ptcesim::app {

/// Process exit codes: documented in the README and `--help`.
enum ExitCode : int {
  kSuccess = 0,
  kRuntimeFailure = 1, // the run itself failed (I/O error, disk full, internal error)
  kBadInput = 2,       // bad scenario, bad option, bad usage
  kFactMissed = 3,     // validate-model: a fact not listed with --expect-fail was not reproduced
};

} // namespace ptcesim::app
