#pragma once
// Checkpoints of a run (docs/output.md, "Checkpoint files"): every member of the World and of
// the Simulation that lives from one tick to the next, written to and read from a byte archive.
// The scenario is not in the archive: the caller stores its resolved text and loads it back, so
// that the archive holds state only. The file around the archive (header, checksum, atomic
// write) is sim/io/checkpoint_file.
#include "sim/core/byte_archive.hpp"
#include "sim/core/records.hpp"
#include "sim/model/cooperation/pole_records.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/scenario.hpp"

#include <memory>
#include <vector>

namespace ptcesim::model {

/// Writes every member of `world` except the scenario (scratch buffers included: cheap next to
/// the agent tables, and some carry values from one tick to the next).
void save_world(const World& world, core::ByteWriter& out);

/// Reads a world written by save_world; `scenario` is the scenario it was built from. Throws
/// core::ArchiveError when the archive is short or its lengths are impossible.
[[nodiscard]] World load_world(const scenario::Scenario& scenario, core::ByteReader& in);

/// Writes the simulation between two ticks: its world, the next tick, the last indicator frame
/// and the last net inflow.
void save_simulation(const Simulation& simulation, core::ByteWriter& out);

/// Rebuilds a simulation written by save_simulation; stepping it gives the same bytes as
/// stepping the original. Throws core::ArchiveError on a damaged archive.
[[nodiscard]] std::unique_ptr<Simulation> load_simulation(const scenario::Scenario& scenario,
                                                          core::ByteReader& in);

/// Writes indicator frames (a run's series so far).
void save_frames(const std::vector<core::IndicatorFrame>& frames, core::ByteWriter& out);
/// Reads frames written by save_frames.
[[nodiscard]] std::vector<core::IndicatorFrame> load_frames(core::ByteReader& in);

/// Writes agent-table snapshots (those a run has taken so far).
void save_snapshots(const std::vector<core::TableSnapshot>& snapshots, core::ByteWriter& out);
/// Reads snapshots written by save_snapshots.
[[nodiscard]] std::vector<core::TableSnapshot> load_snapshots(core::ByteReader& in);

/// Writes pole records (the rows of a run's pole table so far).
void save_pole_records(const std::vector<PoleRecord>& records, core::ByteWriter& out);
/// Reads pole records written by save_pole_records.
[[nodiscard]] std::vector<PoleRecord> load_pole_records(core::ByteReader& in);

} // namespace ptcesim::model
