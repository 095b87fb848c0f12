#pragma once
// Producers of both tables grouped by a key (a territory, a pole): each group lists its firms
// then its SSE initiatives, each in row order, by stable counting sorts of the two tables in
// parallel (core::ChunkedCountingSort: the same lists for any number of threads).
#include "sim/core/counting_sort.hpp"
#include "sim/model/world.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace ptcesim::model {

/// Group g is list[offset[g], offset[g + 1]). firm_group(i) / sse_group(i) < groups give a
/// row's group; firm_in(i) / sse_in(i) (0 or 1) leave rows out. `cursor` is scratch.
template <class FirmGroup, class FirmIn, class SseGroup, class SseIn>
void group_producers(const World& w, std::size_t groups, FirmGroup&& firm_group, FirmIn&& firm_in,
                     SseGroup&& sse_group, SseIn&& sse_in, std::vector<std::size_t>& offset,
                     std::vector<World::ProducerRef>& list, std::vector<std::size_t>& cursor) {
  core::ChunkedCountingSort firm_sort, sse_sort;
  firm_sort.count(w.firms.size(), groups, firm_group, firm_in);
  sse_sort.count(w.sse.size(), groups, sse_group, sse_in);
  offset.assign(groups + 1, 0);
  for (std::size_t g = 0; g < groups; ++g)
    offset[g + 1] = offset[g] + firm_sort.total(g) + sse_sort.total(g);
  list.resize(offset[groups]);
  cursor.assign(offset.begin(), offset.end() - 1);
  const std::span<std::size_t> next(cursor);
  firm_sort.place(next, firm_group, firm_in, [&](std::size_t i, std::size_t at) {
    list[at] = {false, i};
  });
  sse_sort.place(next, sse_group, sse_in, [&](std::size_t i, std::size_t at) {
    list[at] = {true, i};
  });
}

} // namespace ptcesim::model
