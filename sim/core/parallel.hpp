#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <vector>

// GCC defines __SANITIZE_THREAD__ under -fsanitize=thread; clang 14 only answers __has_feature.
#if defined(__SANITIZE_THREAD__)
#define PTCESIM_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PTCESIM_TSAN 1
#endif
#endif

#if defined(PTCESIM_TSAN)
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#endif

namespace ptcesim::core {

namespace detail {
// ThreadSanitizer does not see the synchronisation inside Debian's uninstrumented oneTBB, so the
// loops below declare its fork (the caller's writes come before every chunk) and join (every
// chunk comes before the loop returns). Chunks never acquire from each other: a race between two
// chunks is still reported. No-ops in other builds.
inline char tsan_fork_point = 0;
inline char tsan_join_point = 0;
inline void tsan_release([[maybe_unused]] char& point) noexcept {
#if defined(PTCESIM_TSAN)
  __tsan_release(&point);
#endif
}
inline void tsan_acquire([[maybe_unused]] char& point) noexcept {
#if defined(PTCESIM_TSAN)
  __tsan_acquire(&point);
#endif
}
} // namespace detail

/// Limits the number of worker threads for its lifetime (wraps tbb::global_control).
/// threads <= 0 keeps oneTBB's default (all cores).
class ThreadLimit {
public:
  explicit ThreadLimit(int threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;
  /// Threads oneTBB will use now.
  [[nodiscard]] static int active_threads();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Calls body(i) for i in [0, n) in parallel. The body must write only row i's data (or
/// per-row intent buffers): the result then cannot depend on scheduling.
template <class Body>
void parallel_for_rows(std::size_t n, Body&& body, std::size_t grain = 2048) {
  if (n == 0)
    return;
  detail::tsan_release(detail::tsan_fork_point);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      detail::tsan_acquire(detail::tsan_fork_point);
                      for (std::size_t i = r.begin(); i != r.end(); ++i)
                        body(i);
                      detail::tsan_release(detail::tsan_join_point);
                    });
  detail::tsan_acquire(detail::tsan_join_point);
}

/// Calls body(order[k]) for every k in parallel, handing the items out one at a time in the
/// order listed: each thread takes the next item when it is free. Listing the heaviest items
/// first (longest processing time first) keeps a thread from being left alone with a heavy
/// last item while the others wait. (A parallel_for over the list split it into ranges, and the
/// calling thread ran the first range, the heaviest items together, while the others ran out of
/// work.) Bodies must be independent, as for parallel_for_rows: the order changes the
/// schedule, never the result.
template <class Body>
void parallel_for_each_of(std::span<const std::uint32_t> order, Body&& body) {
  const auto threads = static_cast<std::size_t>(std::max(1, ThreadLimit::active_threads()));
  if (threads == 1 || order.size() < 2) {
    for (const std::uint32_t item : order)
      body(static_cast<std::size_t>(item));
    return;
  }
  std::atomic<std::size_t> next{0};
  parallel_for_rows(
      std::min(threads, order.size()),
      [&](std::size_t) {
        for (std::size_t k = next.fetch_add(1, std::memory_order_relaxed); k < order.size();
             k = next.fetch_add(1, std::memory_order_relaxed))
          body(static_cast<std::size_t>(order[k]));
      },
      1);
}

/// Runs independent tasks at the same time: typically serial passes in row order that add into
/// different totals, so that each total is summed in the order of one serial pass whatever the
/// threads. Tasks must not write what another task reads or writes.
template <class... Tasks>
void parallel_invoke(Tasks&&... tasks) {
  static_assert(sizeof...(Tasks) >= 2);
  // Task k of the pack for row k of a parallel_for: the fork and join ThreadSanitizer is told of
  // then cover the tasks (tbb::parallel_invoke releases its own bookkeeping on the caller's
  // stack after the last annotation a task can make, which ThreadSanitizer reports as a race).
  parallel_for_rows(
      sizeof...(Tasks),
      [&](std::size_t k) {
        std::size_t index = 0;
        ((index++ == k ? static_cast<void>(tasks()) : static_cast<void>(0)), ...);
      },
      1);
}

/// Fixed-chunk deterministic sum of term(i), i in [0, n): chunks are summed in parallel and
/// the chunk totals added in chunk order, so the bits never depend on the thread count.
/// `scratch` avoids an allocation per call in hot loops.
template <class Term>
double deterministic_sum(std::size_t n, Term&& term, std::vector<double>& scratch,
                         std::size_t chunk = 4096) {
  if (n == 0)
    return 0.0;
  const std::size_t chunks = (n + chunk - 1) / chunk;
  scratch.assign(chunks, 0.0);
  parallel_for_rows(
      chunks,
      [&](std::size_t c) {
        const std::size_t lo = c * chunk;
        const std::size_t hi = lo + chunk < n ? lo + chunk : n;
        double s = 0.0;
        for (std::size_t i = lo; i < hi; ++i)
          s += term(i);
        scratch[c] = s;
      },
      1);
  double total = 0.0;
  for (double s : scratch)
    total += s;
  return total;
}

template <class Term>
double deterministic_sum(std::size_t n, Term&& term, std::size_t chunk = 4096) {
  std::vector<double> scratch;
  return deterministic_sum(n, std::forward<Term>(term), scratch, chunk);
}

} // namespace ptcesim::core
