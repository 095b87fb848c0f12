#pragma once
#include <string>

namespace ptcesim::core {

/// Current UTC time as ISO 8601, e.g. "2026-11-28T12:00:00Z" (for provenance only: never an
/// input of the simulation).
[[nodiscard]] std::string utc_now_iso8601();

} // namespace ptcesim::core
