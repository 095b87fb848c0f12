#pragma once
#include "sim/model/types.hpp"
#include "sim/scenario/enums.hpp"

#include <cstdint>
#include <tuple>
#include <vector>

namespace ptcesim::model {

/// Cooperation poles: emergent groups of firms and SSE initiatives of one territory (members
/// point to their pole through Producers::pole). Row order = id order.
struct Poles {
  std::vector<AgentId> id;
  std::vector<TerritoryIndex> territory;
  std::vector<scenario::PoleOrigin> origin;
  std::vector<std::int32_t> birth_tick;
  std::vector<std::int32_t> charter_tick;     // formalised cooperation (-1: not yet)
  std::vector<std::int32_t> months_with_five; // consecutive months with ≥ 5 members
  std::vector<std::int32_t> members;
  std::vector<double> trust;
  std::vector<double> diversity;         // Shannon evenness of member types
  std::vector<double> fund;              // EUR held by the pole
  std::vector<double> contributions;     // EUR pooled this month
  std::vector<double> return_rate;       // ρ this month
  std::vector<double> contributor_share; // revenue share of contributors
  std::vector<double> facilitation_fte;
  std::vector<double> shared_premises_m2;
  std::vector<std::int32_t> low_trust_months;
  auto columns() {
    return std::tie(id, territory, origin, birth_tick, charter_tick, months_with_five, members,
                    trust, diversity, fund, contributions, return_rate, contributor_share,
                    facilitation_fte, shared_premises_m2, low_trust_months);
  }
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
};

} // namespace ptcesim::model
