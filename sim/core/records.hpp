#pragma once
// Model-agnostic records that the model produces and the output layer writes: indicator frames
// (one value per indicator and territory at a tick) and column snapshots of agent tables.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ptcesim::core {

/// What an indicator is: its dataset name, unit and one-line meaning.
struct IndicatorSpec {
  std::string name;        // snake_case, e.g. "employment_total"
  std::string unit;        // e.g. "jobs", "EUR/month", "share"
  std::string description; // one sentence
};

/// Values of every indicator for every territory at one tick.
/// values[i * territories + t] is indicator i in territory t.
struct IndicatorFrame {
  std::int32_t tick = 0;
  std::size_t territories = 0;
  std::vector<double> values;
  [[nodiscard]] double at(std::size_t indicator, std::size_t territory) const noexcept {
    return values[indicator * territories + territory];
  }
  double& at(std::size_t indicator, std::size_t territory) noexcept {
    return values[indicator * territories + territory];
  }
};

/// One column of an agent snapshot.
struct SnapshotColumn {
  std::string name;
  std::string unit;
  std::variant<std::vector<double>, std::vector<std::int64_t>> data;
};

/// A snapshot of one agent table at one tick (e.g. "firms", "sse_initiatives").
struct TableSnapshot {
  std::string table;
  std::int32_t tick = 0;
  std::vector<SnapshotColumn> columns;
};

} // namespace ptcesim::core
