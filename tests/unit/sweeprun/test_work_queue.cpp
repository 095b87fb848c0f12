// The work queue hands every run out exactly once, whoever asks, and nothing after stop().
#include "sim/sweeprun/work_queue.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <mutex>
#include <thread>

using ptcesim::sweeprun::WorkQueue;

TEST_CASE("runs are handed out in the order given, then nothing") {
  WorkQueue queue({4, 1, 7});
  CHECK(queue.next() == std::optional<std::size_t>(4));
  CHECK(queue.next() == std::optional<std::size_t>(1));
  CHECK(queue.next() == std::optional<std::size_t>(7));
  CHECK_FALSE(queue.next().has_value());
  CHECK(queue.handed_out() == 3);
}

TEST_CASE("concurrent takers get every run exactly once") {
  std::vector<std::size_t> runs(5000);
  for (std::size_t i = 0; i < runs.size(); ++i)
    runs[i] = i;
  WorkQueue queue(runs);
  std::mutex mutex;
  std::vector<std::size_t> taken;
  std::vector<std::thread> takers;
  for (int t = 0; t < 4; ++t)
    takers.emplace_back([&] {
      std::vector<std::size_t> mine;
      while (const auto run = queue.next())
        mine.push_back(*run);
      const std::lock_guard lock(mutex);
      taken.insert(taken.end(), mine.begin(), mine.end());
    });
  for (auto& t : takers)
    t.join();
  std::sort(taken.begin(), taken.end());
  CHECK(taken == runs);
  CHECK(queue.handed_out() == runs.size());
}

TEST_CASE("stop() ends the hand-out") {
  WorkQueue queue({0, 1, 2});
  REQUIRE(queue.next().has_value());
  queue.stop();
  CHECK_FALSE(queue.next().has_value());
  CHECK(queue.handed_out() == 1);
}
