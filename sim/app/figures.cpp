#include "sim/app/figures.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <stdexcept>
#include <sys/wait.h>

namespace ptcesim::app {

namespace {

std::string shell_quote(const std::string& text) {
  std::string out(1, '\'');
  for (char c : text) {
    if (c == '\'')
      out.append("'\\''");
    else
      out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::filesystem::path analysis_dir() {
  if (const char* dir = std::getenv("PTCESIM_ANALYSIS_DIR"))
    return dir;
  return std::filesystem::path(PTCESIM_SOURCE_DIR) / "analysis";
}

} // namespace

std::vector<std::string> run_analysis(const std::string& module,
                                      const std::vector<std::string>& arguments) {
  const auto dir = analysis_dir();
  if (!std::filesystem::exists(dir / "ptcesim_analysis"))
    throw std::runtime_error(
        fmt::format("the analysis package is not in {} (set PTCESIM_ANALYSIS_DIR)", dir.string()));
  // Debian's interpreter sees Debian's h5py/matplotlib; a python3 earlier on PATH may not.
  std::string command = fmt::format("cd {} && MPLBACKEND=Agg /usr/bin/python3 -m {}",
                                    shell_quote(dir.string()), module);
  for (const auto& a : arguments) {
    command.push_back(' ');
    command.append(shell_quote(a));
  }
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe)
    throw std::runtime_error("cannot start /usr/bin/python3");
  std::vector<std::string> lines;
  std::array<char, 4096> buffer{};
  std::string current;
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) {
    current += buffer.data();
    if (!current.empty() && current.back() == '\n') {
      current.pop_back();
      lines.push_back(current);
      current.clear();
    }
  }
  const int status = pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw AnalysisError(fmt::format("/usr/bin/python3 -m {} failed (exit status {})", module,
                                    WIFEXITED(status) ? WEXITSTATUS(status) : -1),
                        status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return lines;
}

} // namespace ptcesim::app
