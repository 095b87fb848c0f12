#pragma once
#include "sim/core/counting_sort.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/parallel.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

// Struct-of-arrays helpers. An agent table is a plain struct of std::vector columns with a
// member `std::vector<AgentId> id` and a member function
//   auto columns() { return std::tie(id, territory, ...); }
// listing every column. Rows are kept sorted by id: births get new (larger) ids and are
// appended; deaths are erased preserving order. So row lookup is a binary search and no
// result depends on storage order.
namespace ptcesim::core {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// Row of `id` in a sorted id column, or `npos` if absent.
[[nodiscard]] inline std::size_t find_row(std::span<const AgentId> ids, AgentId id) noexcept {
  const auto it = std::lower_bound(ids.begin(), ids.end(), id);
  return (it != ids.end() && *it == id) ? static_cast<std::size_t>(it - ids.begin()) : npos;
}

/// Calls f(column) for every column of the table.
template <class Table, class F>
void for_each_column(Table& table, F&& f) {
  std::apply([&](auto&... column) { (f(column), ...); }, table.columns());
}

/// Calls f(column) for every column of the table, columns in parallel (f must touch only the
/// column it is given).
template <class Table, class F>
void parallel_for_each_column(Table& table, F&& f) {
  auto columns = table.columns();
  constexpr std::size_t count = std::tuple_size_v<decltype(columns)>;
  parallel_for_rows(
      count,
      [&](std::size_t c) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          ((c == I ? (f(std::get<I>(columns)), 0) : 0), ...);
        }
        (std::make_index_sequence<count>{});
      },
      1);
}

/// Calls f(column_of_a, column_of_b) for every pair of matching columns of two tables.
template <class Table, class F>
void for_each_column_pair(Table& a, Table& b, F&& f) {
  auto ca = a.columns();
  auto cb = b.columns();
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::get<I>(ca), std::get<I>(cb)), ...);
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(ca)>>{});
}

/// Number of rows of a table.
template <class Table>
[[nodiscard]] std::size_t row_count(const Table& t) noexcept {
  return t.id.size();
}

/// Rows grouped by key, by a stable counting sort in parallel (the same rows for any number of
/// threads): the rows whose key is g, in row order, are rows[offset[g] .. offset[g+1]). Every
/// key must be below `groups`.
template <class Key, class Offset>
void rows_grouped_by(std::span<const Key> keys, std::size_t groups, std::vector<Offset>& offset,
                     std::vector<std::uint32_t>& rows) {
  const auto group_of = [&](std::size_t r) { return static_cast<std::size_t>(keys[r]); };
  ChunkedCountingSort sort;
  sort.count(keys.size(), groups, group_of, OneCopy{});
  sort.offsets(offset);
  rows.resize(keys.size());
  std::vector<Offset> next(offset.begin(), offset.end() - 1);
  sort.place(
      std::span<Offset>(next), group_of, OneCopy{},
      [&](std::size_t r, std::size_t position) { rows[position] = static_cast<std::uint32_t>(r); });
}

template <class Key, class Offset>
[[nodiscard]] std::vector<std::uint32_t>
rows_grouped_by(std::span<const Key> keys, std::size_t groups, std::vector<Offset>& offset) {
  std::vector<std::uint32_t> rows;
  rows_grouped_by(keys, groups, offset, rows);
  return rows;
}

/// Reorders every column of a table: new row r is old row order[r]; rows missing from `order`
/// are dropped. Rows are gathered in parallel (the result does not depend on the threads) into
/// a caller-owned byte buffer instead of a new block per column, then copied back into each
/// column's own storage. At France's scale a column is 120-240 MB; fresh blocks that size come
/// from the kernel page by page, and two threads faulting them in contend, so the yearly
/// regrouping scaled 1.1x on two threads. Columns must be trivially copyable.
template <class Table>
void reorder_rows(Table& table, std::span<const std::uint32_t> order,
                  std::vector<std::byte>& scratch) {
  const std::size_t n = order.size();
  for_each_column(table, [&](auto& column) {
    using T = typename std::decay_t<decltype(column)>::value_type;
    static_assert(std::is_trivially_copyable_v<T>);
    if (scratch.size() < n * sizeof(T))
      scratch.resize(n * sizeof(T));
    std::byte* gathered = scratch.data();
    parallel_for_rows(n, [&](std::size_t r) {
      std::memcpy(gathered + r * sizeof(T), &column[order[r]], sizeof(T));
    });
    column.resize(n); // only ever shrinks: `order` holds at most every row once
    constexpr std::size_t kBlock = 1 << 16;
    parallel_for_rows((n + kBlock - 1) / kBlock,
                      [&](std::size_t b) {
                        const std::size_t first = b * kBlock, count = std::min(kBlock, n - first);
                        std::memcpy(column.data() + first, gathered + first * sizeof(T),
                                    count * sizeof(T));
                      },
                      1);
  });
}

/// Removes the rows flagged in `dead` (one flag per row, nonzero = remove), keeping the others
/// in order. Columns are compacted in parallel, each by one thread.
template <class Table>
void erase_flagged_rows(Table& table, std::span<const unsigned char> dead) {
  // Rows before the first flagged one stay where they are.
  const auto first = static_cast<std::size_t>(
      std::find_if(dead.begin(), dead.end(), [](unsigned char d) { return d != 0; }) -
      dead.begin());
  if (first == dead.size())
    return;
  const std::size_t flagged =
      static_cast<std::size_t>(std::count_if(dead.begin() + static_cast<std::ptrdiff_t>(first),
                                             dead.end(), [](unsigned char d) { return d != 0; }));
  // Few flags (firms closing in a month): the kept rows form long runs, each moved with one
  // memmove per column, far fewer instructions than touching every row. Many flags: runs are
  // short and a call per run costs more than the branch-free pass. Same result either way.
  constexpr std::size_t kRowsPerFlagForRuns = 16;
  if (flagged * kRowsPerFlagForRuns < dead.size() - first) {
    std::vector<std::pair<std::size_t, std::size_t>> kept_runs; // [begin, end) source rows
    kept_runs.reserve(flagged + 1);
    for (std::size_t i = first; i < dead.size();) {
      while (i < dead.size() && dead[i] != 0)
        ++i;
      const std::size_t begin = i;
      while (i < dead.size() && dead[i] == 0)
        ++i;
      if (i > begin)
        kept_runs.emplace_back(begin, i);
    }
    parallel_for_each_column(table, [&](auto& column) {
      using T = typename std::decay_t<decltype(column)>::value_type;
      std::size_t out = first;
      for (const auto& [begin, end] : kept_runs) {
        if constexpr (std::is_trivially_copyable_v<T> && !std::is_same_v<T, bool>)
          std::memmove(column.data() + out, column.data() + begin, (end - begin) * sizeof(T));
        else
          std::move(column.begin() + static_cast<std::ptrdiff_t>(begin),
                    column.begin() + static_cast<std::ptrdiff_t>(end),
                    column.begin() + static_cast<std::ptrdiff_t>(out));
        out += end - begin;
      }
      column.resize(out);
    });
    return;
  }
  parallel_for_each_column(table, [&](auto& column) {
    using T = typename std::decay_t<decltype(column)>::value_type;
    std::size_t out = first;
    if constexpr (std::is_trivially_copyable_v<T> && !std::is_same_v<T, bool>) {
      // Branch-free: every row is copied and the output advances past kept rows only. The
      // flags are unpredictable, and a branch per row and column cost 2.5x more
      // (docs/performance.md). Self-copies (out == i) are harmless for these types.
      T* data = column.data();
      for (std::size_t i = first; i < column.size(); ++i) {
        data[out] = data[i];
        out += static_cast<std::size_t>(dead[i] == 0);
      }
    } else {
      for (std::size_t i = first; i < column.size(); ++i)
        if (!dead[i])
          column[out++] = std::move(column[i]);
    }
    column.resize(out);
  });
}

/// Appends all rows of `staged` to `table` and clears `staged`. The caller has allocated the
/// staged rows' ids in a deterministic order, each larger than every id already in `table`.
template <class Table>
void append_rows(Table& table, Table& staged) {
  for_each_column_pair(table, staged, [](auto& dst, auto& src) {
    dst.insert(dst.end(), src.begin(), src.end());
    src.clear();
  });
}

/// Reserves capacity in every column.
template <class Table>
void reserve_rows(Table& table, std::size_t n) {
  for_each_column(table, [n](auto& column) { column.reserve(n); });
}

/// Resizes every column to n rows (new rows value-initialised).
template <class Table>
void resize_rows(Table& table, std::size_t n) {
  for_each_column(table, [n](auto& column) { column.resize(n); });
}

/// Bytes of payload held by the table's columns (for memory reports).
template <class Table>
[[nodiscard]] std::size_t payload_bytes(Table& table) {
  std::size_t bytes = 0;
  for_each_column(table, [&](auto& column) {
    bytes += column.size() * sizeof(typename std::decay_t<decltype(column)>::value_type);
  });
  return bytes;
}

} // namespace ptcesim::core
