#include "sim/sweeprun/work_queue.hpp"

namespace ptcesim::sweeprun {

WorkQueue::WorkQueue(std::vector<std::size_t> runs) : runs_(std::move(runs)) {}

std::optional<std::size_t> WorkQueue::next() {
  const std::lock_guard lock(mutex_);
  if (stopped_ || next_ == runs_.size())
    return std::nullopt;
  return runs_[next_++];
}

void WorkQueue::stop() {
  const std::lock_guard lock(mutex_);
  stopped_ = true;
}

std::size_t WorkQueue::handed_out() const {
  const std::lock_guard lock(mutex_);
  return next_;
}

} // namespace ptcesim::sweeprun
