#pragma once
#include <string_view>

namespace ptcesim::core {
/// Semantic version of ptcesim (from CMake's project()).
[[nodiscard]] std::string_view version() noexcept;
/// Short git commit of the source tree the binary was built from, "-dirty" if modified.
[[nodiscard]] std::string_view git_commit() noexcept;
} // namespace ptcesim::core
