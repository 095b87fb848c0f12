#pragma once
// The benchmark registry behind `ptcesim bench`: whole-model benchmarks timed run by run (the
// Schelling peer comparison) and Google Benchmark micro-benchmarks of the engine core. Never
// part of the unit tests: tests check correctness, benchmarks measure.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace ptcesim::bench {

/// One registered benchmark.
struct BenchmarkInfo {
  std::string name;        ///< what the command line accepts, e.g. "schelling-large"
  std::string unit;        ///< unit of every sample, e.g. "ms/run", "ns/draw"
  std::string description; ///< one line for `ptcesim bench --list`
  bool on_request = false; ///< runs only when named (minutes of work, gigabytes of memory)
};

/// Every benchmark, in the order they run and print.
[[nodiscard]] const std::vector<BenchmarkInfo>& registry();

/// What to run.
struct Options {
  std::vector<std::string> names; ///< empty: every benchmark
  std::size_t runs = 10;          ///< samples per benchmark (model runs, or repetitions)
  std::uint64_t seed = 1;         ///< run i of a model benchmark uses seed + i
  /// Scenario of the `france` benchmark (scenarios/france-synthetic.toml of the source tree).
  std::string france_scenario;
  /// Largest world of the `scaling` benchmark, in workers (the curve doubles up to it).
  std::int64_t scaling_max_workers = 30'000'000;
};

/// Order statistics of one benchmark's samples.
struct Result {
  std::string name;
  std::string unit;
  std::vector<double> samples; ///< in run order
  double median = 0.0;         ///< mean of the two middle samples when the count is even
  double min = 0.0;
  double max = 0.0;
};

/// Median, min and max of `samples` (at least one).
[[nodiscard]] Result summarize(std::string name, std::string unit, std::vector<double> samples);

/// Throws std::invalid_argument naming an unknown benchmark (with the known names) or runs < 1.
void check_options(const Options& options);

/// Runs the selected benchmarks in registry order (the on-request ones only when named); `log` (may
/// be null) gets one line per benchmark as it starts. Throws std::invalid_argument on bad options.
[[nodiscard]] std::vector<Result> run(const Options& options, std::ostream* log);

/// Times `runs` Schelling runs (construction + 20 steps) of the named case, in milliseconds.
/// `which` is "schelling-large" or "schelling-small".
[[nodiscard]] std::vector<double> time_schelling(const std::string& which, std::size_t runs,
                                                 std::uint64_t seed);

/// Runs Google Benchmark micro-benchmarks of the core (names from the registry), each repeated
/// `runs` times; returns one Result per name, in the order given.
[[nodiscard]] std::vector<Result> run_micro_benchmarks(std::span<const std::string> names,
                                                       std::size_t runs);

/// The table printed by `ptcesim bench`: name, runs, median, min, max, unit.
[[nodiscard]] std::string format_table(std::span<const Result> results);
/// Machine-readable results with provenance (version, commit, time, threads, seed).
[[nodiscard]] std::string to_json(std::span<const Result> results, const Options& options);
/// One line per benchmark: name,runs,median,min,max,unit.
[[nodiscard]] std::string to_csv(std::span<const Result> results);
/// Throws std::invalid_argument unless `path` ends in .json or .csv (any case): call it before
/// running, so that a typo does not cost the whole benchmark.
void check_output_path(const std::string& path);
/// Writes JSON or CSV according to the extension of `path` (.json or .csv, any case); throws
/// std::invalid_argument on another extension and std::runtime_error if the file cannot be
/// written.
void write_results(const std::string& path, std::span<const Result> results,
                   const Options& options);

} // namespace ptcesim::bench
