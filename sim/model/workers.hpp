#pragma once
#include "sim/model/types.hpp"

#include <cstdint>
#include <tuple>
#include <vector>

namespace ptcesim::model {

/// Workers and their households: one agent per member of the labour force (~40 bytes a row).
struct Workers {
  std::vector<AgentId> id;
  std::vector<TerritoryIndex> territory; // home
  std::vector<EmployerKind> employer_kind;
  std::vector<std::int32_t> employer_row; // row in the employer's table (-1: none)
  std::vector<float> skill;               // wage multiplier, mean 1
  std::vector<float> wage;                // EUR/month, last wage (for benefits)
  std::vector<std::int32_t> hire_tick;    // tick of the current hire (-1: unemployed)
  std::vector<std::int16_t> unemployment_months;
  std::vector<std::uint8_t> insertion; // on an insertion contract (work-integration)
  std::vector<double> savings;         // EUR
  auto columns() {
    return std::tie(id, territory, employer_kind, employer_row, skill, wage, hire_tick,
                    unemployment_months, insertion, savings);
  }
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
};

} // namespace ptcesim::model
