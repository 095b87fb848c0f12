#pragma once
// Closed vocabularies of the model, with their scenario-file spellings.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ptcesim::scenario {

enum class Sector : std::uint8_t {
  high_tech_industry,
  traditional_industry,
  local_services,
  agri_food,
  construction,
  retail
};
inline constexpr std::size_t kSectorCount = 6;
inline constexpr std::array<std::string_view, kSectorCount> kSectorNames{
    "high_tech_industry", "traditional_industry", "local_services",
    "agri_food",          "construction",         "retail"};

enum class SseForm : std::uint8_t { association, worker_cooperative, scic, work_integration };
inline constexpr std::size_t kSseFormCount = 4;
inline constexpr std::array<std::string_view, kSseFormCount> kSseFormNames{
    "association", "worker_cooperative", "scic", "work_integration"};

enum class SseActivity : std::uint8_t {
  care,
  food_short_supply,
  recycling_circular,
  mobility,
  culture,
  building_renovation,
  training
};
inline constexpr std::size_t kSseActivityCount = 7;
inline constexpr std::array<std::string_view, kSseActivityCount> kSseActivityNames{
    "care",     "food_short_supply", "recycling_circular",
    "mobility", "culture",           "building_renovation",
    "training"};

enum class WorldMode : std::uint8_t { listed, synthetic };
inline constexpr std::array<std::string_view, 2> kWorldModeNames{"listed", "synthetic"};

enum class StrategyKind : std::uint8_t { none, ptce, reindustrialisation, mixed };
inline constexpr std::array<std::string_view, 4> kStrategyKindNames{"none", "ptce",
                                                                    "reindustrialisation", "mixed"};

enum class ShockKind : std::uint8_t {
  export_demand_drop,
  large_firm_departure,
  energy_price_rise,
  subsidy_programme_end,
  facilitator_loss,
  export_demand_rise
};
inline constexpr std::array<std::string_view, 6> kShockKindNames{
    "export_demand_drop",    "large_firm_departure", "energy_price_rise",
    "subsidy_programme_end", "facilitator_loss",     "export_demand_rise"};

enum class PoleOrigin : std::uint8_t { entrepreneurial, citizen, local_authority };
inline constexpr std::array<std::string_view, 3> kPoleOriginNames{"entrepreneurial", "citizen",
                                                                  "local_authority"};

/// Name of an enumerator, from its table.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::string_view name_of(E value,
                                                 const std::array<std::string_view, N>& names) {
  return names[static_cast<std::size_t>(value)];
}

/// Enumerator spelt `text` in `names`, if any.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::optional<E> parse_enum(std::string_view text,
                                                    const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text)
      return static_cast<E>(i);
  return std::nullopt;
}

} // namespace ptcesim::scenario
