#pragma once
#include "sim/core/ids.hpp"
#include "sim/game/public_goods.hpp"
#include "sim/scenario/enums.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace ptcesim::model {

using core::AgentId;
using TerritoryIndex = std::uint32_t;
using game::Stance;
using scenario::Sector;
using scenario::SseActivity;
using scenario::SseForm;
inline constexpr std::size_t kSectors = scenario::kSectorCount;

/// Who employs a worker.
enum class EmployerKind : std::uint8_t { none, firm, sse, public_sector };

/// Market sector an SSE activity sells in.
[[nodiscard]] constexpr Sector market_sector(SseActivity a) noexcept {
  switch (a) {
  case SseActivity::food_short_supply:
    return Sector::agri_food;
  case SseActivity::recycling_circular:
    return Sector::traditional_industry;
  case SseActivity::building_renovation:
    return Sector::construction;
  case SseActivity::care:
  case SseActivity::mobility:
  case SseActivity::culture:
  case SseActivity::training:
    break;
  }
  return Sector::local_services;
}

/// How local authorities' purchases split over sectors (construction and services dominate
/// local public procurement; a stated assumption, see docs/model.md).
inline constexpr std::array<double, kSectors> kProcurementSplit{0.02, 0.08, 0.40, 0.10, 0.30, 0.10};

/// Index of (territory, sector) in per-market arrays.
[[nodiscard]] constexpr std::size_t market_index(TerritoryIndex t, Sector s) noexcept {
  return static_cast<std::size_t>(t) * kSectors + static_cast<std::size_t>(s);
}

} // namespace ptcesim::model
