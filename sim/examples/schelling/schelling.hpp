#pragma once
// Schelling's segregation model on the engine core: the standard benchmark of the public ABM
// framework comparisons (JuliaDynamics/ABMFrameworksComparison), kept apart from the economy.
// Rules: an X×X grid, not periodic, at most one agent per cell, two groups of equal size; each
// step activates every agent once in a fresh random order; an agent counts the same-group agents
// within Chebyshev radius r and, if fewer than `min_same`, moves to a uniformly drawn empty cell.
#include "sim/core/ids.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <tuple>
#include <vector>

namespace ptcesim::schelling {

/// Size and rules of one Schelling world.
struct Parameters {
  std::int32_t side = 40;    ///< the grid is side × side cells
  std::size_t agents = 1000; ///< the first half belongs to group 0, the rest to group 1
  std::int32_t radius = 1;   ///< Chebyshev radius of the neighbourhood
  std::int32_t min_same = 3; ///< same-group neighbours needed to be happy
  std::int32_t steps = 20;   ///< steps of one benchmark run
};

/// The comparisons' large case: 100×100, 8,000 agents, r = 2, min = 8, 20 steps.
[[nodiscard]] Parameters large_case() noexcept;
/// The comparisons' small case: 40×40, 1,000 agents, r = 1, min = 3, 20 steps.
[[nodiscard]] Parameters small_case() noexcept;

/// Throws std::invalid_argument naming the first field out of range.
void validate(const Parameters& p);

/// The agent table: one row per agent, rows sorted by id (ids are 0..n-1, so row == id).
struct Agents {
  std::vector<core::AgentId> id;
  std::vector<std::int32_t> x;
  std::vector<std::int32_t> y;
  std::vector<std::uint8_t> group; ///< 0 or 1
  /// Every column, for the core's struct-of-arrays helpers.
  auto columns() { return std::tie(id, x, y, group); }
  [[nodiscard]] std::size_t size() const noexcept { return id.size(); }
};

/// A Schelling world: the agent table, a flat occupancy grid and the list of empty cells.
/// Steps allocate nothing; every draw comes from core::RandomStream keyed by the run seed.
class Model {
public:
  /// Row of the occupant of a cell, or kEmpty.
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

  /// A world with agents placed on distinct uniformly drawn cells.
  Model(const Parameters& parameters, std::uint64_t seed);

  /// A hand-drawn world: one string per grid row (y = 0 first), one character per cell,
  /// 'A' (group 0), 'B' (group 1) or '.' (empty). Ids follow reading order. Throws
  /// std::invalid_argument on a non-square picture or another character.
  static Model from_picture(std::span<const std::string_view> rows, std::int32_t radius,
                            std::int32_t min_same, std::uint64_t seed);

  /// Activates every agent once in a fresh random order; unhappy agents move.
  void step();
  /// Runs `steps` steps.
  void run(std::int32_t steps);

  /// Same-group agents within the radius of agent `row` (the agent itself not counted).
  [[nodiscard]] std::int32_t same_group_neighbours(std::size_t row) const noexcept;
  [[nodiscard]] bool is_happy(std::size_t row) const noexcept {
    return same_group_neighbours(row) >= parameters_.min_same;
  }
  /// Share of agents that are happy where they stand now.
  [[nodiscard]] double happy_fraction() const noexcept;
  /// Agents that moved during the last step.
  [[nodiscard]] std::size_t moves_last_step() const noexcept { return moves_last_step_; }

  [[nodiscard]] const Agents& agents() const noexcept { return agents_; }
  [[nodiscard]] const Parameters& parameters() const noexcept { return parameters_; }
  /// Steps done so far.
  [[nodiscard]] std::int64_t tick() const noexcept { return tick_; }
  /// Row of the agent on cell (x, y), or kEmpty.
  [[nodiscard]] std::uint32_t occupant(std::int32_t x, std::int32_t y) const noexcept {
    return occupant_[padded_cell(x, y)];
  }
  /// Empty cells as (x, y) pairs, in the model's internal order.
  [[nodiscard]] std::vector<std::pair<std::int32_t, std::int32_t>> empty_cells() const;

private:
  // Allocates the table and the grid; agents are placed by the public constructors.
  Model(const Parameters& parameters, std::uint64_t seed, std::size_t agents);
  [[nodiscard]] std::size_t padded_cell(std::int32_t x, std::int32_t y) const noexcept {
    return static_cast<std::size_t>(y + parameters_.radius) * stride_ +
           static_cast<std::size_t>(x + parameters_.radius);
  }
  void place(std::size_t row, std::int32_t x, std::int32_t y) noexcept;
  bool move_to_random_empty_cell(std::size_t row) noexcept;

  Parameters parameters_;
  std::uint64_t seed_;
  std::int64_t tick_ = 0;
  std::size_t stride_; // padded row length: side + 2 * radius
  Agents agents_;
  // The grid carries a border of `radius` never-occupied cells so that neighbourhood scans
  // need no bounds checks. cell_group_: 0 empty, 1 + group otherwise (what the scan reads);
  // occupant_: row or kEmpty.
  std::vector<std::uint8_t> cell_group_;
  std::vector<std::uint32_t> occupant_;
  // Empty cells (padded indices). A move takes slot k of the list and leaves the mover's old
  // cell in that slot: O(1), and no search or position index is needed.
  std::vector<std::uint32_t> empty_;
  std::vector<std::uint32_t> order_; // activation order, reused every step
  std::size_t moves_last_step_ = 0;
};

} // namespace ptcesim::schelling
