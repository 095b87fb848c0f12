// ptcesim-bench: the benchmarks of `ptcesim bench` without the rest of the application (the
// same arguments), for measuring the engine core on its own.
#include "sim/bench/bench.hpp"

#include <charconv>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage: ptcesim-bench [NAME...] [--runs N] [--seed S] [--output FILE.json|FILE.csv] [--list]\n";

template <class Int>
Int parse_count(std::string_view option, std::string_view text) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument(std::string(option) + ": not a non-negative integer: '" +
                                std::string(text) + "'");
  return value;
}

} // namespace

int main(int argc, char** argv) {
  using namespace ptcesim::bench;
  const std::vector<std::string> args(argv + 1, argv + argc);
  Options options;
  options.france_scenario = PTCESIM_SOURCE_DIR "/scenarios/france-synthetic.toml";
  std::string output;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      const auto value = [&]() -> const std::string& {
        if (i + 1 >= args.size())
          throw std::invalid_argument(a + ": missing value");
        return args[++i];
      };
      if (a == "--help" || a == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (a == "--list") {
        for (const auto& b : registry())
          std::cout << b.name << "  [" << b.unit << "]  " << b.description << "\n";
        return 0;
      } else if (a == "--runs") {
        options.runs = parse_count<std::size_t>(a, value());
      } else if (a == "--seed") {
        options.seed = parse_count<std::uint64_t>(a, value());
      } else if (a == "--output") {
        output = value();
      } else if (!a.empty() && a[0] == '-') {
        throw std::invalid_argument("unknown option '" + a + "'");
      } else {
        options.names.push_back(a);
      }
    }
    check_options(options);
    if (!output.empty())
      check_output_path(output);
  } catch (const std::invalid_argument& e) {
    std::cerr << "ptcesim-bench: " << e.what() << "\n" << kUsage;
    return 2;
  }
  try {
    const auto results = run(options, &std::cerr);
    std::cout << format_table(results);
    if (!output.empty())
      write_results(output, results, options);
  } catch (const std::invalid_argument& e) {
    std::cerr << "ptcesim-bench: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ptcesim-bench: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
