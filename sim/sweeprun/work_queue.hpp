#pragma once
// The runs still to do, handed out one at a time to whoever asks first (threads of this
// process, or MPI ranks through the coordinator): dynamic distribution, no fixed slices.
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

namespace ptcesim::sweeprun {

/// A thread-safe queue of run indices, handed out in the order given, each exactly once.
class WorkQueue {
public:
  /// The runs to hand out, in order.
  explicit WorkQueue(std::vector<std::size_t> runs);

  /// The next run, or nothing once every run was handed out or after stop().
  [[nodiscard]] std::optional<std::size_t> next();

  /// Hands nothing out any more (a worker failed: finish what runs, start nothing new).
  void stop();

  /// Runs handed out so far.
  [[nodiscard]] std::size_t handed_out() const;

  /// Runs in the queue when it was built.
  [[nodiscard]] std::size_t size() const noexcept { return runs_.size(); }

private:
  mutable std::mutex mutex_;
  std::vector<std::size_t> runs_;
  std::size_t next_ = 0;
  bool stopped_ = false;
};

} // namespace ptcesim::sweeprun
