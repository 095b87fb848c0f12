// Output of `ptcesim bench`: the console table, JSON and CSV.
#include "sim/bench/bench.hpp"
#include "sim/core/json_text.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/version.hpp"
#include "sim/core/wall_time.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace ptcesim::bench {
namespace {

// Benchmark names and units are our own identifiers, but escape anyway so the file is always
// valid JSON.
std::string json_string(std::string_view s) {
  return core::json_quote(s);
}

std::string lower_extension(const std::string& path) {
  const auto dot = path.find_last_of('.');
  const auto slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return {};
  std::string ext = path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

} // namespace

std::string format_table(std::span<const Result> results) {
  std::size_t width = 4;
  for (const auto& r : results)
    width = std::max(width, r.name.size());
  std::string out = fmt::format("{:<{}}  {:>5}  {:>12}  {:>12}  {:>12}  {}\n", "name", width,
                                "runs", "median", "min", "max", "unit");
  for (const auto& r : results)
    out += fmt::format("{:<{}}  {:>5}  {:>12.4f}  {:>12.4f}  {:>12.4f}  {}\n", r.name, width,
                       r.samples.size(), r.median, r.min, r.max, r.unit);
  return out;
}

std::string to_json(std::span<const Result> results, const Options& options) {
  std::string out = "{\n";
  out += fmt::format("  \"ptcesim_version\": {},\n", json_string(core::version()));
  out += fmt::format("  \"git_commit\": {},\n", json_string(core::git_commit()));
  out += fmt::format("  \"date_utc\": {},\n", json_string(core::utc_now_iso8601()));
  out += fmt::format("  \"hardware_threads\": {},\n", std::thread::hardware_concurrency());
  out += fmt::format("  \"tbb_threads\": {},\n", core::ThreadLimit::active_threads());
  out += fmt::format("  \"seed\": {},\n", options.seed);
  out += "  \"results\": [";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out += i == 0 ? "\n" : ",\n";
    out += fmt::format("    {{\"name\": {}, \"unit\": {}, \"runs\": {}, \"median\": {}, "
                       "\"min\": {}, \"max\": {},\n     \"samples\": [{}]}}",
                       json_string(r.name), json_string(r.unit), r.samples.size(), r.median, r.min,
                       r.max, fmt::join(r.samples, ", "));
  }
  out += results.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string to_csv(std::span<const Result> results) {
  std::string out = "name,runs,median,min,max,unit\n";
  for (const auto& r : results)
    out += fmt::format("{},{},{},{},{},{}\n", r.name, r.samples.size(), r.median, r.min, r.max,
                       r.unit);
  return out;
}

void check_output_path(const std::string& path) {
  const std::string ext = lower_extension(path);
  if (ext != ".json" && ext != ".csv")
    throw std::invalid_argument("bench: --output: the file name must end in .json or .csv, got '" +
                                path + "'");
}

void write_results(const std::string& path, std::span<const Result> results,
                   const Options& options) {
  check_output_path(path);
  const std::string text =
      lower_extension(path) == ".json" ? to_json(results, options) : to_csv(results);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file)
    throw std::runtime_error("bench: cannot write " + path);
}

} // namespace ptcesim::bench
