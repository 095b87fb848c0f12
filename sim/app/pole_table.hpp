#pragma once
// The /poles group of a run file (docs/output.md): one row per pole per recorded tick, collected
// during the run and written at the end; read back by `ptcesim label --from`.
#include "sim/io/group_writer.hpp"
#include "sim/io/run_file_reader.hpp"
#include "sim/label/simulated.hpp"
#include "sim/model/cooperation/pole_records.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ptcesim::app {

/// Months between two recordings of the poles: every month, so that the ticks at which a pole
/// meets or loses a criterion are exact (a few hundred poles over a few hundred months is a few
/// megabytes at most).
inline constexpr std::int32_t kPoleRecordEveryMonths = 1;

/// Pole records of a whole run, as columns.
class PoleTable {
public:
  /// Appends the records of one tick.
  void append(const std::vector<model::PoleRecord>& records);
  /// Rows collected so far.
  [[nodiscard]] std::size_t rows() const noexcept { return tick_.size(); }
  /// Writes the columns into `group` (the run file's /poles), with units; territory indices
  /// refer to /territories/name.
  void write(const io::GroupWriter& group) const;

private:
  std::vector<std::int64_t> tick_, pole_id_, territory_, birth_tick_, charter_tick_;
  std::vector<std::string> origin_;
  std::vector<std::int64_t> sse_, sme_, large_firm_, local_authority_, research_, training_,
      on_territory_;
  std::vector<double> jobs_, revenue_, social_utility_, pooled_, premises_, facilitation_;
};

/// Reads /poles of a run file, with territory names from /territories/name. Throws
/// io::OutputError when the group or a column is missing or columns differ in length.
[[nodiscard]] std::vector<label::SimulatedPole> read_pole_table(const io::RunFileReader& file);

/// The last tick of the run (the last row of /series/tick), or -1 when none was recorded.
[[nodiscard]] int final_tick(const io::RunFileReader& file);

/// Writes the label file of `ptcesim label --from` atomically: /labels/ one row per pole per
/// recorded tick (verdict of each criterion, decision) and /labels/summary/ one row per pole
/// (first met, lost, times lost per criterion and for the label). Layout in docs/output.md.
void write_label_file(const std::filesystem::path& output, bool force,
                      const std::vector<label::PoleHistory>& histories,
                      const label::LabelThresholds& thresholds, const std::string& source,
                      int last_tick);

} // namespace ptcesim::app
