#include "sim/sweeprun/runner.hpp"

#include "sim/compare/outcomes.hpp"
#include "sim/compare/replication_seed.hpp"
#include "sim/sweeprun/journal.hpp"

#include <algorithm>
#include <exception>
#include <fmt/format.h>
#include <thread>

namespace ptcesim::sweeprun {

SessionStart begin_session(const PreparedSweep& sweep, const RunOptions& options) {
  if (options.array_size == 0 || options.array_index >= options.array_size)
    throw std::invalid_argument(
        fmt::format("array task {} of {} does not exist", options.array_index, options.array_size));
  const SweepDirectory dir(options.output);
  dir.claim(sweep, options.force);
  const auto completed = collect_completed(dir, sweep);
  SessionStart start;
  start.total_runs = sweep.plan.run_count();
  start.already_done = completed.count;
  start.warnings = completed.warnings;
  for (const auto run : completed.missing())
    if (run % options.array_size == options.array_index)
      start.to_run.push_back(run);
  start.session = dir.next_session();
  if (!start.to_run.empty())
    check_points(sweep);
  return start;
}

WorkerOutput::WorkerOutput(const SweepDirectory& dir, const PreparedSweep& sweep,
                           std::size_t session, std::string tag, std::size_t capacity)
    : file_(dir.worker_file(session, tag)) {
  layout_.sweep_hash = sweep.hash;
  layout_.capacity = capacity;
  layout_.strategies = sweep.strategies;
  layout_.outcomes = sweep.outcome_names();
}

WorkerOutput::~WorkerOutput() = default;

std::size_t WorkerOutput::record(std::size_t run, const RunResult& result) {
  const std::lock_guard lock(mutex_);
  if (!writer_) {
    // The journal first: a worker file without a journal would never be read, whereas an
    // empty journal beside a missing file is harmless.
    journal_ = std::make_unique<JournalWriter>(SweepDirectory::journal_of(file_));
    writer_ = std::make_unique<io::SweepWorkerWriter>(file_, layout_);
  }
  const auto row = rows_;
  writer_->write_row(row, static_cast<std::int64_t>(run), result.values, result.state_hash);
  journal_->append({run, row});
  return ++rows_;
}

void WorkerOutput::close() {
  const std::lock_guard lock(mutex_);
  if (writer_)
    writer_->close();
}

std::size_t run_queue(const PreparedSweep& sweep, WorkQueue& queue, WorkerOutput& output,
                      std::size_t slots, const ProgressCallback& on_progress) {
  std::mutex progress_mutex;
  std::size_t recorded = 0;
  std::exception_ptr failure;
  const auto work = [&] {
    try {
      while (const auto run = queue.next()) {
        const auto result = run_one(sweep, *run);
        output.record(*run, result);
        const std::lock_guard lock(progress_mutex);
        ++recorded;
        if (on_progress)
          on_progress(recorded, queue.size());
      }
    } catch (...) {
      queue.stop();
      const std::lock_guard lock(progress_mutex);
      if (!failure)
        failure = std::current_exception();
    }
  };
  // Plain threads, not TBB tasks, for the runs: a thread waiting inside a run's parallel loop
  // may then only help with other runs' loop bodies, never start a whole run of its own.
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < slots; ++i)
    threads.emplace_back(work);
  work();
  for (auto& t : threads)
    t.join();
  if (failure)
    std::rethrow_exception(failure);
  return recorded;
}

RunReport run_sweep(const PreparedSweep& sweep, const RunOptions& options) {
  RunReport report;
  report.start = begin_session(sweep, options);
  const SweepDirectory dir(options.output);
  report.results = dir.results_path();
  const auto& to_run = report.start.to_run;
  if (!to_run.empty()) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const auto slots = std::min<std::size_t>(
        options.threads > 0 ? static_cast<std::size_t>(options.threads) : cores, to_run.size());
    report.workers = slots;
    WorkQueue queue(to_run);
    const auto tag =
        options.array_size > 1 ? fmt::format("a{:03}", options.array_index) : std::string("r000");
    WorkerOutput output(dir, sweep, report.start.session, tag, to_run.size());
    report.ran = run_queue(sweep, queue, output, slots, options.on_progress);
    output.close();
  }
  report.missing_after = report.start.total_runs - report.start.already_done - report.ran;
  std::error_code error;
  // An array task never merges: the other tasks may still be running.
  if (options.array_size == 1 && report.missing_after == 0 &&
      (report.ran > 0 || !std::filesystem::exists(report.results, error))) {
    merge(dir, sweep);
    report.merged = true;
  }
  return report;
}

io::SweepResults merged_results(const SweepDirectory& dir, const PreparedSweep& sweep) {
  const auto completed = collect_completed(dir, sweep);
  const auto runs = sweep.plan.run_count();
  if (completed.count != runs)
    throw IncompleteSweep(fmt::format(
        "{}: {} of {} runs are missing; run the sweep again (same command) to complete it",
        dir.root().string(), runs - completed.count, runs));
  const auto& plan = sweep.plan;
  const auto& spec = sweep.spec;
  io::SweepResults r;
  r.sweep_hash = sweep.hash;
  r.design = std::string(sweep::design_name(plan.design));
  r.baseline = sweep.strategies[sweep.baseline];
  r.seed = spec.seed;
  r.replications = plan.replications;
  r.sobol_base_samples = plan.sobol_base_samples;
  r.morris_grid_levels = plan.morris_grid_levels;
  for (const auto& f : plan.factors) {
    r.factors.push_back(f.field);
    r.factor_integer.push_back(f.integer ? 1 : 0);
  }
  r.unit = plan.unit;
  r.values = plan.values;
  r.groups = plan.groups;
  for (std::size_t i = 0; i < runs; ++i) {
    const auto planned = plan.run(i);
    r.run_point.push_back(static_cast<std::int64_t>(planned.point));
    r.run_replication.push_back(static_cast<std::int64_t>(planned.replication));
    r.run_seed.push_back(
        static_cast<std::int64_t>(compare::replication_seed(spec.seed, planned.replication)));
  }
  for (const auto o : sweep.outcomes) {
    const auto& outcome = compare::outcome_specs()[o];
    r.outcomes.push_back(outcome.name);
    r.outcome_units.push_back(outcome.unit);
    r.outcome_descriptions.push_back(outcome.description);
  }
  r.strategies = sweep.strategies;
  r.value = completed.values;
  r.state_hash = completed.state_hash;
  const auto s = sweep.strategies.size();
  const auto o = sweep.outcomes.size();
  r.difference.resize(r.value.size());
  for (std::size_t run = 0; run < runs; ++run)
    for (std::size_t si = 0; si < s; ++si)
      for (std::size_t oi = 0; oi < o; ++oi)
        r.difference[(run * s + si) * o + oi] =
            r.value[(run * s + si) * o + oi] - r.value[(run * s + sweep.baseline) * o + oi];
  return r;
}

void merge(const SweepDirectory& dir, const PreparedSweep& sweep) {
  io::write_sweep_results(dir.results_path(), merged_results(dir, sweep));
}

} // namespace ptcesim::sweeprun
