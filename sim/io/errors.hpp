#pragma once
// Errors raised by the output layer. Messages name the file, the object inside it and the
// operation that failed, e.g. "results.h5: /series/employment_total: no such dataset".
#include <stdexcept>
#include <string>

namespace ptcesim::io {

/// A run file or comparison file could not be written or read.
class OutputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The output file already exists and --force was not given (a usage problem, not a failure).
class OutputExists : public OutputError {
public:
  using OutputError::OutputError;
};

} // namespace ptcesim::io
