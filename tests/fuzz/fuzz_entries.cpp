#include "tests/fuzz/fuzz_entries.hpp"

#include "sim/io/errors.hpp"
#include "sim/io/run_file_reader.hpp"
#include "sim/label/pole_file.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/sweep/sweep_file.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace ptcesim::fuzz {

namespace {

std::string_view as_text(std::span<const std::uint8_t> input) {
  return {reinterpret_cast<const char*>(input.data()), input.size()};
}

// A scratch folder of this process, removed at exit: fuzzers run several processes side by side.
struct ScratchFolder {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("ptcesim-fuzz-" + std::to_string(static_cast<long>(getpid())));
  ScratchFolder() {
    std::filesystem::create_directories(path);
    std::ofstream(path / "base.toml", std::ios::binary) << scenario::default_scenario_text();
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
};

const std::filesystem::path& scratch_folder() {
  static const ScratchFolder folder;
  return folder.path;
}

// Opening lines "#set key=value" (TOML comments) also become --set overrides, so that the
// override parser is fuzzed with the file.
std::vector<std::string> leading_overrides(std::string_view text) {
  constexpr std::string_view marker = "#set ";
  std::vector<std::string> overrides;
  while (text.starts_with(marker)) {
    const auto end = text.find('\n');
    overrides.emplace_back(text.substr(marker.size(), end == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : end - marker.size()));
    if (end == std::string_view::npos)
      break;
    text.remove_prefix(end + 1);
  }
  return overrides;
}

// Reads everything below `group`, as deep as `depth` (hard links may form cycles).
void read_everything(const io::RunFileReader& reader, const std::string& group, int depth) {
  const auto read_attributes = [&](const std::string& object) {
    for (const auto& name : reader.attribute_names(object)) {
      try {
        (void)reader.attribute_string(object, name);
      } catch (const io::OutputError&) {
      }
      try {
        (void)reader.attribute_int(object, name);
      } catch (const io::OutputError&) {
      }
      try {
        (void)reader.attribute_double(object, name);
      } catch (const io::OutputError&) {
      }
    }
  };
  read_attributes(group);
  const auto prefix = group == "/" ? group : group + "/";
  for (const auto& name : reader.datasets(group)) {
    const auto path = prefix + name;
    read_attributes(path);
    (void)reader.shape(path);
    try {
      (void)reader.read_double(path);
    } catch (const io::OutputError&) {
    }
    try {
      (void)reader.read_int64(path);
    } catch (const io::OutputError&) {
    }
    try {
      (void)reader.read_strings(path);
    } catch (const io::OutputError&) {
    }
  }
  if (depth == 0)
    return;
  for (const auto& name : reader.groups(group)) {
    try {
      read_everything(reader, prefix + name, depth - 1);
    } catch (const io::OutputError&) {
    }
  }
}

} // namespace

void scenario_text(std::span<const std::uint8_t> input) {
  const auto text = as_text(input);
  try {
    (void)scenario::load_scenario_text(text, "fuzz.toml", leading_overrides(text));
  } catch (const scenario::ConfigError&) {
  }
}

void sweep_text(std::span<const std::uint8_t> input) {
  sweep::SweepLoadOptions options;
  options.known_outcomes = {"net_jobs", "world_net_jobs", "public_cost_per_net_job_eur"};
  try {
    (void)sweep::load_sweep_text(as_text(input), "fuzz.toml", scratch_folder(), options);
  } catch (const scenario::ConfigError&) {
  }
}

void pole_text(std::span<const std::uint8_t> input) {
  try {
    (void)label::parse_pole_text(as_text(input), "fuzz.toml");
  } catch (const label::PoleFileError&) {
  }
}

void run_file(std::span<const std::uint8_t> input) {
  const auto path = scratch_folder() / "input.h5";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(input.data()),
              static_cast<std::streamsize>(input.size()));
  }
  try {
    const io::RunFileReader reader(path);
    read_everything(reader, "/", 4);
  } catch (const io::OutputError&) {
  }
}

Entry entry_named(std::string_view target) noexcept {
  if (target == "scenario")
    return scenario_text;
  if (target == "sweep")
    return sweep_text;
  if (target == "pole_file")
    return pole_text;
  if (target == "run_file")
    return run_file;
  return nullptr;
}

} // namespace ptcesim::fuzz
