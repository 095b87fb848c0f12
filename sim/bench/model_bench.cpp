#include "sim/bench/model_bench.hpp"

#include "sim/model/simulation.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <string>
#include <tuple>

namespace ptcesim::bench {
namespace {

template <class Table>
std::size_t table_bytes(const Table& table) {
  // columns() is non-const by design (it hands out references for edits); only sizes are read.
  auto& t = const_cast<Table&>(table);
  std::size_t bytes = 0;
  std::apply(
      [&](const auto&... column) {
        ((bytes += column.size() * sizeof(typename std::decay_t<decltype(column)>::value_type)),
         ...);
      },
      t.columns());
  return bytes;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

std::size_t agent_state_bytes(const model::World& world) {
  return table_bytes(world.workers) + table_bytes(world.firms) + table_bytes(world.sse);
}

std::size_t agent_count(const model::World& world) {
  return world.workers.size() + world.firms.size() + world.sse.size();
}

std::int64_t peak_resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0)
      return std::stoll(line.substr(6)) * 1024; // "VmHWM:   123456 kB"
  return -1;
}

bool reset_peak_resident() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5"; // 5: reset the peak resident set size (proc(5))
  clear.flush();
  return static_cast<bool>(clear);
}

ModelMeasure measure_model(const scenario::Scenario& scenario, std::uint64_t seed,
                           std::size_t warm_ticks, std::size_t timed_ticks) {
  ModelMeasure m;
  const bool peak_reset = reset_peak_resident();
  const auto init_start = std::chrono::steady_clock::now();
  model::Simulation sim(scenario, seed);
  m.init_seconds = seconds_since(init_start);
  m.agents = agent_count(sim.world());
  m.state_bytes = agent_state_bytes(sim.world());
  for (std::size_t t = 0; t < warm_ticks && !sim.finished(); ++t)
    sim.step();
  const auto phases_before = sim.phase_seconds();
  const auto run_start = std::chrono::steady_clock::now();
  for (std::size_t t = 0; (timed_ticks == 0 || t < timed_ticks) && !sim.finished(); ++t) {
    const auto tick_start = std::chrono::steady_clock::now();
    sim.step();
    m.ms_per_tick.push_back(1e3 * seconds_since(tick_start));
  }
  m.run_seconds = seconds_since(run_start);
  m.phase_seconds = sim.phase_seconds();
  for (std::size_t i = 0; i < m.phase_seconds.size(); ++i)
    m.phase_seconds[i].second -= phases_before[i].second;
  if (m.ms_per_tick.empty())
    throw std::invalid_argument(
        fmt::format("bench: the scenario ends before the {} warm-up ticks", warm_ticks));
  m.peak_bytes = peak_reset ? peak_resident_bytes() : -1;
  return m;
}

scenario::Scenario synthetic_world(std::int64_t workers, std::int32_t months) {
  if (workers < 1)
    throw std::invalid_argument("bench: synthetic world needs at least one worker");
  constexpr double labour_force_share = 0.46;         // France: 30.6M / 67M (scenario default)
  constexpr double inhabitants_per_territory = 53600; // 67M / 1,250 intercommunalities
  const double population = std::ceil(static_cast<double>(workers) / labour_force_share);
  const auto territories =
      std::max<std::int64_t>(1, std::llround(population / inhabitants_per_territory));
  const auto min_population = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(population / static_cast<double>(territories) / 2), 1, 5000);
  // The largest French EPCI, Métropole du Grand Paris (~7.0M), as in france-synthetic.toml;
  // never below an even share, so that the territories hold the population.
  const auto max_population = std::max<std::int64_t>(
      7'000'000,
      static_cast<std::int64_t>(std::ceil(population / static_cast<double>(territories))));
  const std::string text =
      fmt::format("[run]\nname = \"synthetic-{}\"\n"
                  "burn_in_months = 0\nhorizon_months = {}\n"
                  "[world]\nmode = \"synthetic\"\n"
                  "synthetic_territories = {}\n"
                  "synthetic_population = {}\n"
                  "synthetic_min_population = {}\n"
                  "synthetic_max_population = {}\n",
                  workers, months, territories, static_cast<std::int64_t>(population),
                  min_population, max_population);
  return scenario::load_scenario_text(text, fmt::format("<synthetic world, {} workers>", workers));
}

double fit_power_law_exponent(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2)
    throw std::invalid_argument("bench: a power-law fit needs at least two (x, y) pairs");
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!(x[i] > 0) || !(y[i] > 0))
      throw std::invalid_argument("bench: a power-law fit needs positive values");
    mx += std::log(x[i]);
    my += std::log(y[i]);
  }
  const auto n = static_cast<double>(x.size());
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = std::log(x[i]) - mx;
    sxy += dx * (std::log(y[i]) - my);
    sxx += dx * dx;
  }
  if (sxx == 0)
    throw std::invalid_argument("bench: a power-law fit needs at least two distinct x");
  return sxy / sxx;
}

} // namespace ptcesim::bench
