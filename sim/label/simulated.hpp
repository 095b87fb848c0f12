#pragma once
// Poles that emerged in a simulation: from plain numbers recorded at each tick (the run file's
// /poles group) to pole descriptions, and the history of their verdicts through time. The model
// tracks everything the criteria ask about except joint investments, which stay unknown.
#include "sim/label/criteria.hpp"
#include "sim/label/pole.hpp"
#include "sim/label/report.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptcesim::label {

/// One simulated pole at one tick, as recorded in a run file (docs/output.md, "/poles").
struct SimulatedPole {
  std::int64_t pole_id = 0;
  std::string territory;
  std::string origin; ///< entrepreneurial, citizen, local_authority
  int tick = 0;
  int birth_tick = 0;
  int charter_tick = -1; ///< -1: no charter
  int members_sse = 0;
  int members_sme = 0;
  int members_large_firm = 0;
  int members_local_authority = 0;
  int members_research = 0;
  int members_training = 0;
  int members_on_territory = 0;
  double jobs = 0.0;
  double revenue_eur_month = 0.0;
  double social_utility_eur_month = 0.0;
  double pooled_eur_month = 0.0;
  double shared_premises_m2 = 0.0;
  double facilitation_fte = 0.0;

  /// Every member organisation.
  [[nodiscard]] int members_total() const noexcept {
    return members_sse + members_sme + members_large_firm + members_local_authority +
           members_research + members_training;
  }
};

/// The nominal calendar of simulated time: tick t is the first day of month t counted from
/// January 2000. Only differences between dates matter to the criteria (completed months).
[[nodiscard]] PartialDate tick_date(int tick);

/// "pole 3 (Bourg)".
[[nodiscard]] std::string simulated_pole_name(std::int64_t pole_id, const std::string& territory);

/// The description the criteria evaluate: member counts by type and location; two activities,
/// sales with social utility and the other sales (none when the members sold nothing, which
/// leaves criterion 5 not assessable); the pooled resources — the pole fund (members'
/// contributions), shared premises and funded facilitation — that are non-zero; joint
/// investments unknown (the model has none); the charter at charter_tick; no founding act
/// besides the charter; evaluated at `tick`.
[[nodiscard]] PoleDescription describe_simulated_pole(const SimulatedPole& pole);

/// When a criterion (or the label) was first met, and when it was lost after that.
struct VerdictSpan {
  std::optional<int> first_met; ///< first recorded tick with a pass
  std::optional<int> lost;      ///< first recorded tick after first_met without a pass
  int times_lost = 0;           ///< passes followed by a tick without one
};

/// The span of a series of ticks (increasing) and whether each met the condition.
[[nodiscard]] VerdictSpan verdict_span(const std::vector<int>& ticks, const std::vector<bool>& met);

/// One simulated pole evaluated at each tick it was recorded.
struct PoleHistory {
  std::vector<SimulatedPole> records; ///< tick order
  std::vector<LabelReport> reports;   ///< one per record
  std::vector<VerdictSpan> criteria;  ///< one per criterion, in criterion order
  VerdictSpan labelled;               ///< the overall decision "labelled"
};

/// Evaluates every record of one pole (ticks increasing) and derives the spans.
[[nodiscard]] PoleHistory evaluate_history(std::vector<SimulatedPole> records,
                                           const LabelThresholds& thresholds);

/// Groups records by pole id (ids in increasing order, ticks increasing within a pole) and
/// evaluates each pole's history.
[[nodiscard]] std::vector<PoleHistory> evaluate_histories(const std::vector<SimulatedPole>& records,
                                                          const LabelThresholds& thresholds);

} // namespace ptcesim::label

namespace ptcesim::label {

/// The label report of a simulation: for each pole, the report at its last recorded tick
/// (values, thresholds, verdicts, reasons, as render_reports) and, for each criterion and for
/// the label, the first tick it was met, the first tick it was lost after that and how many
/// times it was lost. A pole last recorded before `final_tick` dissolved. Text and Markdown put
/// the history after each pole's report; CSV has one row per criterion with the history
/// columns; JSON holds render_reports' document under "report" and the histories under
/// "history", in the same pole order.
[[nodiscard]] std::string render_histories(const std::vector<PoleHistory>& histories,
                                           ReportFormat format, const LabelThresholds& thresholds,
                                           const std::string& source, int final_tick);

} // namespace ptcesim::label
