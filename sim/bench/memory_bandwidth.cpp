// The machine's streaming memory bandwidth, measured the way STREAM does (McCalpin 1995): the
// triad a[i] = b[i] + s * c[i] over arrays far larger than the caches, counting 24 bytes per
// element (two reads, one write; write-allocate traffic not counted, as in STREAM). It is the
// bound against which the model's bytes of agent state per tick are compared (issue 9, goal 3).
#include "sim/bench/model_bench.hpp"

#include <chrono>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <stdexcept>
#include <vector>

namespace ptcesim::bench {

std::vector<double> measure_bandwidth_gb_per_s(std::size_t runs, std::size_t elements) {
  if (elements == 0)
    throw std::invalid_argument("bench: memory-bandwidth: no elements");
  std::vector<double> a(elements), b(elements), c(elements);
  // First touch in parallel with the same static partition as the timed loop, so pages sit
  // near the threads that stream them (and page faults stay out of the timing).
  const auto first_touch = [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      a[i] = 0.0;
      b[i] = 1.0;
      c[i] = 2.0;
    }
  };
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, elements), first_touch,
                    tbb::static_partitioner{});
  constexpr double scalar = 3.0;
  const auto triad = [&](const tbb::blocked_range<std::size_t>& r) {
    double* __restrict out = a.data();
    const double* __restrict left = b.data();
    const double* __restrict right = c.data();
    for (std::size_t i = r.begin(); i != r.end(); ++i)
      out[i] = left[i] + scalar * right[i];
  };
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, elements), triad,
                    tbb::static_partitioner{}); // untimed warm-up
  std::vector<double> gb_per_s;
  gb_per_s.reserve(runs);
  const double bytes = 24.0 * static_cast<double>(elements);
  for (std::size_t run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, elements), triad,
                      tbb::static_partitioner{});
    const auto stop = std::chrono::steady_clock::now();
    gb_per_s.push_back(bytes / std::chrono::duration<double>(stop - start).count() / 1e9);
  }
  // The result must be observable, or the loops could be elided.
  if (a[elements / 2] != 1.0 + scalar * 2.0)
    throw std::logic_error("bench: memory-bandwidth: triad produced a wrong value");
  return gb_per_s;
}

} // namespace ptcesim::bench
