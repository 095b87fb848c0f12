#pragma once
#include "sim/core/parallel.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace ptcesim::core {

/// A stable counting sort of rows into groups, run over contiguous chunks of rows in parallel.
/// Each row goes to group group_of(r) < groups, copies_of(r) times (0 leaves it out), and every
/// copy lands exactly where a serial pass in row order would put it: the result never depends
/// on the number of chunks, hence of threads. Two steps: count(), after which the group totals
/// may be read (to lay out the groups), then place().
///
/// Positions must stay below 2^32 (rows are 32-bit everywhere).
class ChunkedCountingSort {
public:
  /// Chunks a sort of `rows` rows uses: one per thread, none smaller than kMinChunkRows.
  [[nodiscard]] static std::size_t chunks_for(std::size_t rows) {
    const auto threads = static_cast<std::size_t>(std::max(1, ThreadLimit::active_threads()));
    return std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, rows / kMinChunkRows));
  }

  template <class GroupOf, class CopiesOf>
  void count(std::size_t rows, std::size_t groups, GroupOf&& group_of, CopiesOf&& copies_of) {
    rows_ = rows;
    groups_ = groups;
    chunks_ = chunks_for(rows);
    cursor_.resize(chunks_ * groups_);
    parallel_for_rows(
        chunks_,
        [&](std::size_t c) {
          // Each chunk zeroes its own counters: with a million groups (one per employer) a
          // serial clear of every chunk's counters was a serial pass of its own.
          std::uint32_t* count = cursor_.data() + c * groups_;
          std::fill(count, count + groups_, 0u);
          const auto [lo, hi] = chunk_rows(c);
          for (std::size_t r = lo; r < hi; ++r) {
            const std::size_t g = group_of(r);
            assert(g < groups_);
            count[g] += static_cast<std::uint32_t>(copies_of(r));
          }
        },
        1);
  }

  /// A count the caller makes itself, in one serial pass (it must be one chunk:
  /// chunks_for(rows) == 1), to fold other per-row work into the same loop: returns the zeroed
  /// counters of the groups, to which the caller adds each row's copies.
  [[nodiscard]] std::uint32_t* serial_count(std::size_t rows, std::size_t groups) {
    assert(chunks_for(rows) == 1);
    rows_ = rows;
    groups_ = groups;
    chunks_ = 1;
    cursor_.assign(groups_, 0);
    return cursor_.data();
  }

  /// Copies counted into group g (between count() and place()).
  [[nodiscard]] std::size_t total(std::size_t g) const {
    std::size_t sum = 0;
    for (std::size_t c = 0; c < chunks_; ++c)
      sum += cursor_[c * groups_ + g];
    return sum;
  }

  /// Groups laid out one after another: group g is [offset[g], offset[g + 1]). A prefix sum
  /// over blocks of groups in parallel (integers: the same offsets in any order).
  template <class Offset>
  void offsets(std::vector<Offset>& offset) const {
    offset.resize(groups_ + 1);
    const std::size_t blocks = std::max<std::size_t>(1, groups_ / kMinBlockGroups);
    auto block_groups = [&](std::size_t b) {
      return std::pair{b * groups_ / blocks, (b + 1) * groups_ / blocks};
    };
    std::vector<std::size_t> block_start(blocks + 1, 0);
    parallel_for_rows(
        blocks,
        [&](std::size_t b) {
          const auto [lo, hi] = block_groups(b);
          std::size_t next = 0;
          for (std::size_t g = lo; g < hi; ++g) {
            offset[g] = static_cast<Offset>(next);
            next += total(g);
          }
          block_start[b + 1] = next;
        },
        1);
    for (std::size_t b = 0; b < blocks; ++b)
      block_start[b + 1] += block_start[b];
    parallel_for_rows(
        blocks,
        [&](std::size_t b) {
          const auto [lo, hi] = block_groups(b);
          for (std::size_t g = lo; g < hi; ++g)
            offset[g] += static_cast<Offset>(block_start[b]);
        },
        1);
    offset[groups_] = static_cast<Offset>(block_start[blocks]);
  }

  /// Calls place(r, position) for each copy of each row, positions running from next[g] in row
  /// order within group g; next[g] ends past the group's last copy. group_of and copies_of must
  /// give what they gave to count().
  template <class Offset, class GroupOf, class CopiesOf, class Place>
  void place(std::span<Offset> next, GroupOf&& group_of, CopiesOf&& copies_of, Place&& place) {
    // Each chunk starts in each group after the copies of the chunks before it.
    parallel_for_rows(groups_, [&](std::size_t g) {
      std::size_t position = static_cast<std::size_t>(next[g]);
      for (std::size_t c = 0; c < chunks_; ++c) {
        auto& cursor = cursor_[c * groups_ + g];
        const std::uint32_t copies = cursor;
        assert(position + copies <= UINT32_MAX);
        cursor = static_cast<std::uint32_t>(position);
        position += copies;
      }
      next[g] = static_cast<Offset>(position);
    });
    parallel_for_rows(
        chunks_,
        [&](std::size_t c) {
          std::uint32_t* at = cursor_.data() + c * groups_;
          const auto [lo, hi] = chunk_rows(c);
          for (std::size_t r = lo; r < hi; ++r) {
            std::uint32_t& cursor = at[group_of(r)];
            const auto copies = static_cast<std::uint32_t>(copies_of(r));
            for (std::uint32_t k = 0; k < copies; ++k)
              place(r, static_cast<std::size_t>(cursor++));
          }
        },
        1);
  }

private:
  // Below this, a chunk costs more to schedule and to lay out than it saves.
  static constexpr std::size_t kMinChunkRows = 8192;
  // Groups per block of the parallel prefix sum of offsets().
  static constexpr std::size_t kMinBlockGroups = 16384;

  [[nodiscard]] std::pair<std::size_t, std::size_t> chunk_rows(std::size_t c) const {
    return {c * rows_ / chunks_, (c + 1) * rows_ / chunks_};
  }

  std::size_t rows_ = 0, groups_ = 0, chunks_ = 1;
  std::vector<std::uint32_t> cursor_; // chunk-major: chunk c, group g at c * groups_ + g
};

/// Every row counts once: the copies_of of a plain grouping.
struct OneCopy {
  constexpr std::uint32_t operator()(std::size_t) const noexcept { return 1; }
};

/// The rows r in [0, n) for which keep(r), in row order, selected in parallel (the same list
/// for any number of threads).
template <class Keep>
void rows_where(std::size_t n, Keep&& keep, std::vector<std::uint32_t>& rows) {
  if (ChunkedCountingSort::chunks_for(n) == 1) { // one pass where a count would add a second
    rows.clear();
    for (std::size_t r = 0; r < n; ++r)
      if (keep(r))
        rows.push_back(static_cast<std::uint32_t>(r));
    return;
  }
  const auto one_group = [](std::size_t) { return std::size_t{0}; };
  const auto copies = [&](std::size_t r) { return keep(r) ? 1u : 0u; };
  ChunkedCountingSort sort;
  sort.count(n, 1, one_group, copies);
  rows.resize(sort.total(0));
  std::size_t next = 0;
  sort.place(std::span<std::size_t>(&next, 1), one_group, copies,
             [&](std::size_t r, std::size_t at) { rows[at] = static_cast<std::uint32_t>(r); });
}

} // namespace ptcesim::core
