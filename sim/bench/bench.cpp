#include "sim/bench/bench.hpp"

#include "sim/examples/schelling/schelling.hpp"

#include <algorithm>
#include <chrono>
#include <ostream>
#include <stdexcept>
#include <utility>

namespace ptcesim::bench {
namespace {

bool is_schelling(const std::string& name) {
  return name == "schelling-large" || name == "schelling-small";
}

const BenchmarkInfo* find(const std::string& name) {
  for (const auto& info : registry())
    if (info.name == name)
      return &info;
  return nullptr;
}

} // namespace

const std::vector<BenchmarkInfo>& registry() {
  static const std::vector<BenchmarkInfo> benchmarks{
      {"schelling-large", "ms/run",
       "Schelling 100x100, 8000 agents, r=2, min=8, 20 steps, construction included"},
      {"schelling-small", "ms/run",
       "Schelling 40x40, 1000 agents, r=1, min=3, 20 steps, construction included"},
      {"philox-block", "ns/block", "one Philox4x32-10 block (four 32-bit words)"},
      {"rng-uniform01", "ns/draw", "RandomStream::uniform01"},
      {"rng-normal", "ns/draw", "standard normal draw from a RandomStream"},
      {"rng-poisson", "ns/draw", "Poisson draw, mean 4, from a RandomStream"},
      {"deterministic-sum", "us/sum", "core::deterministic_sum over 10^6 doubles"},
      {"erase-flagged-rows", "us/call",
       "core::erase_flagged_rows on a 10^6-row, 5-column table, 10% of rows flagged"},
  };
  return benchmarks;
}

Result summarize(std::string name, std::string unit, std::vector<double> samples) {
  if (samples.empty())
    throw std::invalid_argument("bench: " + name + ": no samples");
  Result r{std::move(name), std::move(unit), std::move(samples)};
  std::vector<double> sorted = r.samples;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  r.median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  r.min = sorted.front();
  r.max = sorted.back();
  return r;
}

void check_options(const Options& options) {
  if (options.runs < 1)
    throw std::invalid_argument("bench: --runs: must be at least 1");
  for (const auto& name : options.names) {
    if (find(name))
      continue;
    std::string known;
    for (const auto& info : registry())
      known += (known.empty() ? "" : ", ") + info.name;
    throw std::invalid_argument("bench: unknown benchmark '" + name + "' (known: " + known + ")");
  }
}

std::vector<double> time_schelling(const std::string& which, std::size_t runs, std::uint64_t seed) {
  if (!is_schelling(which))
    throw std::invalid_argument("bench: not a Schelling case: " + which);
  const schelling::Parameters p =
      which == "schelling-large" ? schelling::large_case() : schelling::small_case();
  // One untimed run first, so that the first sample does not pay for cold caches and page
  // faults of a fresh process.
  {
    schelling::Model warm(p, seed);
    warm.run(p.steps);
  }
  std::vector<double> ms;
  ms.reserve(runs);
  double sink = 0.0; // keeps the runs observable
  for (std::size_t i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    schelling::Model model(p, seed + i);
    model.run(p.steps);
    const auto stop = std::chrono::steady_clock::now();
    sink += static_cast<double>(model.moves_last_step());
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  if (sink < 0.0)
    throw std::logic_error("bench: negative move count"); // never: uses the sink
  return ms;
}

std::vector<Result> run(const Options& options, std::ostream* log) {
  check_options(options);
  std::vector<Result> results;
  std::vector<std::string> micro;
  for (const auto& info : registry()) {
    const bool selected =
        options.names.empty() ||
        std::find(options.names.begin(), options.names.end(), info.name) != options.names.end();
    if (!selected)
      continue;
    if (is_schelling(info.name)) {
      if (log)
        *log << "bench: " << info.name << " (" << options.runs << " runs)\n" << std::flush;
      results.push_back(
          summarize(info.name, info.unit, time_schelling(info.name, options.runs, options.seed)));
    } else {
      micro.push_back(info.name);
    }
  }
  if (!micro.empty()) {
    if (log)
      *log << "bench: " << micro.size() << " micro-benchmark(s) (" << options.runs
           << " repetitions each)\n"
           << std::flush;
    for (auto& r : run_micro_benchmarks(micro, options.runs))
      results.push_back(std::move(r));
  }
  return results;
}

} // namespace ptcesim::bench
