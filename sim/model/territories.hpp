#pragma once
#include "sim/model/types.hpp"

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace ptcesim::model {

/// Territories (row = territory index). Static description plus the commuting graph (CSR).
struct Territories {
  std::vector<std::string> name;
  std::vector<std::int64_t> population;
  std::vector<std::int64_t> labour_force;
  std::vector<double> land_ha;
  std::vector<double> artificialised_ha;     // grows with built land
  std::vector<double> unmet_needs_eur_month; // initial unmet social needs
  // Commuting graph: neighbours of t are neighbour[offset[t] .. offset[t+1]).
  std::vector<std::uint32_t> neighbour_offset;
  std::vector<TerritoryIndex> neighbour;
  std::vector<double> commuting_minutes;
  // Workers are grouped by home territory, in id order within each: rows of territory t in
  // the worker table are [worker_offset[t], worker_offset[t+1]). Migration regroups them.
  std::vector<std::size_t> worker_offset;
  // Unemployment rate averaged over about a year (exponential, updated monthly), and its value
  // at the end of the burn-in, the reference that migration compares territories against.
  std::vector<double> unemployment_trend;
  std::vector<double> reference_unemployment;
  [[nodiscard]] std::size_t size() const noexcept { return name.size(); }
};

} // namespace ptcesim::model
