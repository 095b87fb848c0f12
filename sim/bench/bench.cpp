#include "sim/bench/bench.hpp"

#include "sim/bench/model_bench.hpp"
#include "sim/core/parallel.hpp"
#include "sim/examples/schelling/schelling.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>

namespace ptcesim::bench {
namespace {

bool is_schelling(const std::string& name) {
  return name == "schelling-large" || name == "schelling-small";
}

bool is_model(const std::string& name) {
  return name.rfind("model-", 0) == 0;
}

// Elements of each STREAM array: 3 x 256 MiB, far beyond any cache of this class of machine.
constexpr std::size_t kBandwidthElements = std::size_t{1} << 25;

// Timed ticks of the default scenario start after the strategies do (burn-in 60 months), so
// that the pole and policy phases are part of the measured work.
constexpr std::size_t kModelWarmTicks = 61;

std::vector<double> scale(std::span<const double> samples, double factor) {
  std::vector<double> out(samples.begin(), samples.end());
  for (double& v : out)
    v *= factor;
  return out;
}

// Samples of the default scenario: time per tick and what it implies.
void run_model_tick(const Options& options, const std::vector<std::string>& selected,
                    const std::vector<double>& bandwidth, std::vector<Result>& results) {
  const auto scenario = scenario::load_scenario_text(scenario::default_scenario_text(), "default");
  const ModelMeasure m = measure_model(scenario, options.seed, kModelWarmTicks, options.runs);
  const auto agents = static_cast<double>(m.agents);
  const auto bytes = static_cast<double>(m.state_bytes);
  const auto wanted = [&](const char* name) {
    return std::find(selected.begin(), selected.end(), name) != selected.end();
  };
  if (wanted("model-tick"))
    results.push_back(summarize("model-tick", "ms/tick", m.ms_per_tick));
  if (wanted("model-ns-per-agent-tick"))
    results.push_back(
        summarize("model-ns-per-agent-tick", "ns", scale(m.ms_per_tick, 1e6 / agents)));
  if (wanted("model-state-bytes-per-agent"))
    results.push_back(summarize("model-state-bytes-per-agent", "B", {bytes / agents}));
  if (wanted("model-state-throughput")) {
    std::vector<double> gb_per_s;
    for (double ms : m.ms_per_tick)
      gb_per_s.push_back(bytes / (ms * 1e-3) / 1e9);
    results.push_back(summarize("model-state-throughput", "GB/s", gb_per_s));
  }
  if (wanted("model-vs-bandwidth-bound") && !bandwidth.empty()) {
    // How many times slower a tick is than streaming its agent state once at the measured
    // bandwidth (issue 9 aims within 3x).
    const double bound_ms = bytes / (summarize("bw", "", bandwidth).median * 1e9) * 1e3;
    results.push_back(
        summarize("model-vs-bandwidth-bound", "x", scale(m.ms_per_tick, 1.0 / bound_ms)));
  }
}

// The scaling curve: synthetic worlds from 10^3 workers up, 1-3-10 steps per decade.
void run_scaling(const Options& options, std::ostream* log, std::vector<Result>& results) {
  std::vector<std::int64_t> sizes;
  for (std::int64_t decade = 1000; decade <= options.scaling_max_workers; decade *= 10)
    for (std::int64_t step : {1, 3})
      if (decade * step <= options.scaling_max_workers)
        sizes.push_back(decade * step);
  if (sizes.empty() || sizes.back() != options.scaling_max_workers)
    sizes.push_back(options.scaling_max_workers);
  constexpr std::int32_t kTicks = 13; // one warm-up tick, twelve timed
  std::vector<double> agents, ms_per_tick, peak_mib;
  for (const std::int64_t workers : sizes) {
    if (log)
      *log << "bench: scaling, " << workers << " workers\n" << std::flush;
    const ModelMeasure m =
        measure_model(synthetic_world(workers, kTicks), options.seed, 1, kTicks - 1);
    const std::string label = fmt::format("scaling-{}", workers);
    const Result tick = summarize(label + "-tick", "ms/tick", m.ms_per_tick);
    results.push_back(tick);
    results.push_back(summarize(label + "-ns-per-agent-tick", "ns",
                                scale(m.ms_per_tick, 1e6 / static_cast<double>(m.agents))));
    agents.push_back(static_cast<double>(m.agents));
    ms_per_tick.push_back(tick.median);
    if (m.peak_bytes > 0) {
      results.push_back(
          summarize(label + "-peak-memory", "MiB", {static_cast<double>(m.peak_bytes) / 1048576}));
      peak_mib.push_back(static_cast<double>(m.peak_bytes) / 1048576);
    }
  }
  // The exponents are fitted over the worlds of at least 10^5 workers: below, fixed costs
  // (territories, the process itself) hide the per-agent cost the curve is about.
  const auto fit_from = static_cast<std::size_t>(
      std::find_if(agents.begin(), agents.end(), [](double a) { return a >= 1e5; }) -
      agents.begin());
  if (agents.size() - fit_from >= 2) {
    const auto x = std::span<const double>(agents).subspan(fit_from);
    results.push_back(summarize(
        "scaling-exponent-time", "1",
        {fit_power_law_exponent(x, std::span<const double>(ms_per_tick).subspan(fit_from))}));
    if (peak_mib.size() == agents.size())
      results.push_back(summarize(
          "scaling-exponent-memory", "1",
          {fit_power_law_exponent(x, std::span<const double>(peak_mib).subspan(fit_from))}));
  }
}

// Where a large world's tick goes, and how each phase scales from one thread to two: a
// synthetic world of kPhaseWorkers workers (a tenth of France: tables far beyond the caches),
// twelve timed months after a warm-up month, with one thread then two.
constexpr std::int64_t kPhaseWorkers = 3'000'000;

void run_phases(const Options& options, std::ostream* log, std::vector<Result>& results) {
  constexpr std::int32_t kTicks = 13;
  const auto scenario = synthetic_world(kPhaseWorkers, kTicks);
  std::vector<std::vector<std::pair<std::string, double>>> by_threads;
  std::vector<double> ticks_ms;
  for (const int threads : {1, 2}) {
    if (log)
      *log << "bench: phases, " << kPhaseWorkers << " workers, " << threads << " thread(s)\n"
           << std::flush;
    const core::ThreadLimit limit(threads);
    const ModelMeasure m = measure_model(scenario, options.seed, 1, kTicks - 1);
    by_threads.push_back(m.phase_seconds);
    ticks_ms.push_back(m.run_seconds * 1e3 / static_cast<double>(m.ms_per_tick.size()));
  }
  const auto timed = static_cast<double>(kTicks - 1);
  for (std::size_t i = 0; i < by_threads[0].size(); ++i) {
    const auto& name = by_threads[0][i].first;
    const double one = by_threads[0][i].second * 1e3 / timed;
    const double two = by_threads[1][i].second * 1e3 / timed;
    results.push_back(summarize("phase-" + name + "-1-thread", "ms/tick", {one}));
    results.push_back(summarize("phase-" + name + "-2-threads", "ms/tick", {two}));
    if (two > 0)
      results.push_back(summarize("phase-" + name + "-speedup", "x", {one / two}));
  }
  results.push_back(summarize("phases-tick-1-thread", "ms/tick", {ticks_ms[0]}));
  results.push_back(summarize("phases-tick-2-threads", "ms/tick", {ticks_ms[1]}));
  results.push_back(summarize("phases-speedup", "x", {ticks_ms[0] / ticks_ms[1]}));
}

// CPU seconds this process has used (user and system, every thread).
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Seconds the hypervisor gave this machine's CPUs to others (the "steal" of /proc/stat's cpu
// line, summed over CPUs), or a negative value where the system does not report it. On a
// virtual machine, a run that another guest slowed shows it here, not in its own CPU time.
double host_steal_seconds() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  std::array<double, 8> ticks{}; // user nice system idle iowait irq softirq steal
  if (!(stat >> cpu) || cpu != "cpu")
    return -1.0;
  for (auto& t : ticks)
    if (!(stat >> t))
      return -1.0;
  return ticks[7] / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The France-scale world, whole horizon, with one thread then two.
void run_france(const Options& options, std::ostream* log, std::vector<Result>& results) {
  if (options.france_scenario.empty())
    throw std::invalid_argument("bench: france: no scenario file given");
  const auto scenario = scenario::load_scenario_file(options.france_scenario);
  std::vector<double> seconds;
  ModelMeasure one_thread, two_threads;
  for (const int threads : {1, 2}) {
    if (log)
      *log << "bench: france, " << threads << " thread(s), " << options.france_scenario << "\n"
           << std::flush;
    const core::ThreadLimit limit(threads);
    const double cpu_before = process_cpu_seconds(), steal_before = host_steal_seconds();
    ModelMeasure m = measure_model(scenario, options.seed, 0, 0);
    const double cpu = process_cpu_seconds() - cpu_before;
    const double steal_after = host_steal_seconds();
    seconds.push_back(m.init_seconds + m.run_seconds);
    const auto suffix = fmt::format("{}-thread{}", threads, threads > 1 ? "s" : "");
    results.push_back(summarize("france-" + suffix, "s/run", {seconds.back()}));
    // Cores the run kept busy: a two-thread run that got less than two cores shows it here.
    results.push_back(summarize("france-cores-busy-" + suffix, "cores", {cpu / seconds.back()}));
    if (steal_before >= 0 && steal_after >= 0)
      results.push_back(
          summarize("france-host-steal-" + suffix, "s", {steal_after - steal_before}));
    (threads == 1 ? one_thread : two_threads) = std::move(m);
  }
  const auto agents = static_cast<double>(two_threads.agents);
  results.push_back(summarize("france-speedup-2-threads", "x", {seconds[0] / seconds[1]}));
  // Where the two-thread run loses against twice the one-thread speed: setup and each phase
  // over the whole run (the indicators are the run minus the phases' sum).
  auto phase_rows = [](const ModelMeasure& m) {
    auto rows = m.phase_seconds;
    double phases = 0.0;
    for (const auto& [name, s] : rows)
      phases += s;
    rows.emplace_back("indicators", m.run_seconds - phases);
    rows.emplace_back("setup", m.init_seconds);
    return rows;
  };
  const auto one_rows = phase_rows(one_thread), two_rows = phase_rows(two_threads);
  for (std::size_t i = 0; i < one_rows.size() && i < two_rows.size(); ++i) {
    const auto& name = one_rows[i].first;
    results.push_back(summarize("france-" + name + "-1-thread", "s/run", {one_rows[i].second}));
    results.push_back(summarize("france-" + name + "-2-threads", "s/run", {two_rows[i].second}));
    if (two_rows[i].second > 0)
      results.push_back(
          summarize("france-" + name + "-speedup", "x", {one_rows[i].second / two_rows[i].second}));
  }
  results.push_back(
      summarize("france-ns-per-agent-tick", "ns", scale(two_threads.ms_per_tick, 1e6 / agents)));
  results.push_back(summarize("france-agents", "agents", {agents}));
  results.push_back(summarize("france-state-bytes-per-agent", "B",
                              {static_cast<double>(two_threads.state_bytes) / agents}));
  if (two_threads.peak_bytes > 0) {
    results.push_back(summarize("france-peak-memory", "GiB",
                                {static_cast<double>(two_threads.peak_bytes) / 1073741824.0}));
    results.push_back(summarize("france-bytes-per-agent", "B",
                                {static_cast<double>(two_threads.peak_bytes) / agents}));
  }
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
      {"memory-bandwidth", "GB/s", "STREAM triad over 3 x 256 MiB arrays, all threads"},
      {"model-tick", "ms/tick", "one month of the default scenario after the strategies start"},
      {"model-ns-per-agent-tick", "ns", "model-tick per worker, firm and SSE initiative"},
      {"model-state-bytes-per-agent", "B", "agent-table bytes per agent, default scenario"},
      {"model-state-throughput", "GB/s", "agent-table bytes of the default scenario per tick time"},
      {"model-vs-bandwidth-bound", "x",
       "model-tick over the time to stream the agent tables once at memory-bandwidth"},
      {"scaling", "various",
       "synthetic worlds of 10^3 to 3*10^7 workers, 12 ticks each: time, memory, exponents", true},
      {"phases", "various",
       "synthetic world of 3*10^6 workers, 12 ticks at 1 then 2 threads: ms per tick of each "
       "phase and its speed-up",
       true},
      {"france", "various",
       "scenarios/france-synthetic.toml, whole horizon, 1 then 2 threads: time, memory, speed-up",
       true},
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
  std::vector<std::string> model;
  std::vector<double> bandwidth;
  for (const auto& info : registry()) {
    const bool named =
        std::find(options.names.begin(), options.names.end(), info.name) != options.names.end();
    if (!named && (!options.names.empty() || info.on_request))
      continue;
    if (info.name == "memory-bandwidth") {
      if (log)
        *log << "bench: memory-bandwidth (" << options.runs << " runs)\n" << std::flush;
      bandwidth = measure_bandwidth_gb_per_s(options.runs, kBandwidthElements);
      results.push_back(summarize(info.name, info.unit, bandwidth));
    } else if (is_model(info.name)) {
      model.push_back(info.name);
    } else if (info.name == "scaling") {
      run_scaling(options, log, results);
    } else if (info.name == "france") {
      run_france(options, log, results);
    } else if (info.name == "phases") {
      run_phases(options, log, results);
    } else if (is_schelling(info.name)) {
      if (log)
        *log << "bench: " << info.name << " (" << options.runs << " runs)\n" << std::flush;
      results.push_back(
          summarize(info.name, info.unit, time_schelling(info.name, options.runs, options.seed)));
    } else {
      micro.push_back(info.name);
    }
  }
  if (!model.empty()) {
    if (log)
      *log << "bench: default scenario (" << options.runs << " timed ticks)\n" << std::flush;
    const bool needs_bound =
        std::find(model.begin(), model.end(), "model-vs-bandwidth-bound") != model.end();
    if (needs_bound && bandwidth.empty())
      bandwidth = measure_bandwidth_gb_per_s(options.runs, kBandwidthElements);
    run_model_tick(options, model, bandwidth, results);
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
