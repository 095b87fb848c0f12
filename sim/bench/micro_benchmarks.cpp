// Google Benchmark micro-benchmarks of the engine core, run inside `ptcesim bench`: registered
// on demand (static registration would be dropped by the linker from a static library) and
// collected by a reporter of our own, so that they print and save like the model benchmarks.
#include "sim/bench/bench.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/core/rng/philox.hpp"
#include "sim/core/rng/stream.hpp"
#include "sim/core/soa.hpp"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace ptcesim::bench {
namespace {

constexpr std::uint64_t kBenchSeed = 20261128;
constexpr std::size_t kMillion = 1'000'000;
// Seconds per repetition: long enough for a stable per-iteration time, short enough that
// 100 repetitions of every micro-benchmark take about a minute.
constexpr double kMinSecondsPerRepetition = 0.05;

void philox_block(benchmark::State& state) {
  core::PhiloxCounter counter{0u, 1u, 2u, 3u};
  const core::PhiloxKey key{0x9E3779B9u, 0xBB67AE85u};
  for ([[maybe_unused]] auto _ : state) {
    ++counter[0];
    const auto block = core::philox4x32_10(counter, key);
    benchmark::DoNotOptimize(block);
  }
}

void rng_uniform01(benchmark::State& state) {
  core::RandomStream stream(kBenchSeed, 1, 0, 0);
  for ([[maybe_unused]] auto _ : state)
    benchmark::DoNotOptimize(stream.uniform01());
}

void rng_normal(benchmark::State& state) {
  core::RandomStream stream(kBenchSeed, 2, 0, 0);
  for ([[maybe_unused]] auto _ : state)
    benchmark::DoNotOptimize(core::standard_normal(stream));
}

void rng_poisson(benchmark::State& state) {
  core::RandomStream stream(kBenchSeed, 3, 0, 0);
  for ([[maybe_unused]] auto _ : state)
    benchmark::DoNotOptimize(core::poisson(stream, 4.0));
}

void deterministic_sum(benchmark::State& state) {
  std::vector<double> values(kMillion);
  core::RandomStream stream(kBenchSeed, 4, 0, 0);
  for (auto& v : values)
    v = stream.uniform01();
  std::vector<double> scratch;
  for ([[maybe_unused]] auto _ : state) {
    const double total = core::deterministic_sum(
        values.size(), [&](std::size_t i) { return values[i]; }, scratch);
    benchmark::DoNotOptimize(total);
  }
}

// A table shaped like the economy's agent tables: an id and a few typed columns.
struct BenchTable {
  std::vector<core::AgentId> id;
  std::vector<std::uint32_t> territory;
  std::vector<std::int32_t> employees;
  std::vector<double> cash;
  std::vector<std::uint8_t> sector;
  auto columns() { return std::tie(id, territory, employees, cash, sector); }
};

void erase_flagged_rows(benchmark::State& state) {
  BenchTable pristine;
  core::resize_rows(pristine, kMillion);
  std::vector<unsigned char> dead(kMillion);
  core::RandomStream stream(kBenchSeed, 5, 0, 0);
  for (std::size_t i = 0; i < kMillion; ++i) {
    pristine.id[i] = i;
    pristine.territory[i] = static_cast<std::uint32_t>(i % 1250);
    pristine.employees[i] = static_cast<std::int32_t>(i % 50);
    pristine.cash[i] = static_cast<double>(i);
    pristine.sector[i] = static_cast<std::uint8_t>(i % 20);
    dead[i] = core::bernoulli(stream, 0.1) ? 1 : 0;
  }
  BenchTable table;
  for ([[maybe_unused]] auto _ : state) {
    state.PauseTiming();
    table = pristine; // copy-assignment reuses the columns' capacity
    state.ResumeTiming();
    core::erase_flagged_rows(table, std::span<const unsigned char>(dead));
    benchmark::DoNotOptimize(table.id.data());
  }
}

struct MicroBenchmark {
  const char* name;
  void (*body)(benchmark::State&);
  benchmark::TimeUnit unit;
};

constexpr MicroBenchmark kMicroBenchmarks[] = {
    {"philox-block", philox_block, benchmark::kNanosecond},
    {"rng-uniform01", rng_uniform01, benchmark::kNanosecond},
    {"rng-normal", rng_normal, benchmark::kNanosecond},
    {"rng-poisson", rng_poisson, benchmark::kNanosecond},
    {"deterministic-sum", deterministic_sum, benchmark::kMicrosecond},
    {"erase-flagged-rows", erase_flagged_rows, benchmark::kMicrosecond},
};

// Keeps the per-repetition times (not Google Benchmark's aggregates: we compute our own median,
// min and max, as for the model benchmarks).
class Collector final : public benchmark::BenchmarkReporter {
public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& report) override {
    for (const auto& run : report) {
      if (run.run_type != Run::RT_Iteration)
        continue;
      if (run.error_occurred)
        errors += run.run_name.function_name + ": " + run.error_message + "\n";
      else
        samples[run.run_name.function_name].push_back(run.GetAdjustedRealTime());
    }
  }
  std::map<std::string, std::vector<double>> samples;
  std::string errors;
};

} // namespace

std::vector<Result> run_micro_benchmarks(std::span<const std::string> names, std::size_t runs) {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    // Google Benchmark reads its flags from argv; ours come from our own command line.
    static char program[] = "ptcesim-bench";
    static char* argv[] = {program, nullptr};
    int argc = 1;
    benchmark::Initialize(&argc, argv);
  });
  benchmark::ClearRegisteredBenchmarks();
  std::map<std::string, std::string> units;
  for (const auto& name : names) {
    const MicroBenchmark* found = nullptr;
    for (const auto& m : kMicroBenchmarks)
      if (name == m.name)
        found = &m;
    if (!found)
      throw std::invalid_argument("bench: not a micro-benchmark: " + name);
    benchmark::RegisterBenchmark(found->name, found->body)
        ->Unit(found->unit)
        ->UseRealTime()
        ->MinTime(kMinSecondsPerRepetition)
        ->Repetitions(static_cast<int>(runs));
    for (const auto& info : registry())
      if (info.name == name)
        units[name] = info.unit;
  }
  Collector collector;
  benchmark::RunSpecifiedBenchmarks(&collector, "all");
  benchmark::ClearRegisteredBenchmarks();
  if (!collector.errors.empty())
    throw std::runtime_error("bench: micro-benchmark failed: " + collector.errors);
  std::vector<Result> results;
  for (const auto& name : names) {
    auto it = collector.samples.find(name);
    if (it == collector.samples.end())
      throw std::runtime_error("bench: micro-benchmark " + name + " reported no run");
    results.push_back(summarize(name, units[name], std::move(it->second)));
  }
  return results;
}

} // namespace ptcesim::bench
