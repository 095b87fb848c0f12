#pragma once
// The seven PTCE labelling criteria of the founding text, each a measurable indicator with a
// configurable threshold. Unknown data widens a measure into an interval [lower, upper]; a
// criterion passes only when even the least favourable completion of the data passes, fails
// only when even the most favourable one fails, and is otherwise not assessable.
#include "sim/label/pole.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::label {

/// Thresholds of the criteria; defaults and their reasons are in docs/labelling.md.
struct LabelThresholds {
  int min_sse_members = 1;                   ///< (1) SSE members needed
  int min_partner_types = 1;                 ///< (1) partner types (authority, SME, ...) needed
  int min_members = 5;                       ///< (2) the founding text says "5 to 10"
  int min_member_types = 3;                  ///< (2) different member types needed
  double min_local_share = 0.75;             ///< (4) share of members on the territory
  double min_social_utility_share = 0.5;     ///< (5) social-utility share must be *above* this
  double min_cooperation_years = 3.0;        ///< (6) age of the formalised cooperation
  int min_pooled_resources = 1;              ///< (7) pooled resources or functions
  double min_joint_investment_eur = 50000.0; ///< (7) joint investment by members, in euros
};

/// Sets one threshold from "name=value" (names as in LabelThresholds). Throws
/// std::invalid_argument with a one-line message (unknown name with a did-you-mean, bad value).
void apply_threshold_override(LabelThresholds& thresholds, std::string_view assignment);

/// The names of the thresholds, in declaration order, with their current values as text.
[[nodiscard]] std::vector<std::pair<std::string, std::string>>
threshold_values(const LabelThresholds& thresholds);

/// The seven criteria, numbered as in the founding text.
enum class Criterion {
  sse_with_stakeholders = 1,
  significant_grouping = 2,
  formalised_strategy = 3,
  local_integration = 4,
  social_utility = 5,
  long_term_engagement = 6,
  economic_commitment = 7,
};

/// All criteria in order.
inline constexpr std::array<Criterion, 7> kCriteria{
    Criterion::sse_with_stakeholders, Criterion::significant_grouping,
    Criterion::formalised_strategy,   Criterion::local_integration,
    Criterion::social_utility,        Criterion::long_term_engagement,
    Criterion::economic_commitment};

/// Short machine name ("sse_with_stakeholders", ...).
[[nodiscard]] std::string_view key(Criterion criterion) noexcept;
/// Human title ("SSE actors associated with other stakeholders", ...).
[[nodiscard]] std::string_view title(Criterion criterion) noexcept;

/// The outcome of one criterion or one measure.
enum class Verdict { pass, fail, not_assessable };
/// "pass", "fail", "not_assessable".
[[nodiscard]] std::string_view to_string(Verdict verdict) noexcept;

/// How a measure is compared with its threshold.
enum class Comparison { at_least, above };
/// What a measure counts, for display.
enum class Unit { count, share, years, euros, yes_no };

/// One measured quantity of a criterion. When data are missing the value is only known to lie in
/// [lower, upper]; upper is nullopt when unbounded, lower equals upper when the value is exact.
struct Measure {
  std::string name;
  double lower = 0.0;
  std::optional<double> upper;
  double threshold = 0.0;
  Comparison comparison = Comparison::at_least;
  Unit unit = Unit::count;
  Verdict verdict = Verdict::not_assessable;

  /// The exact value, when the data determine it.
  [[nodiscard]] std::optional<double> value() const;
};

/// How the measures of a criterion combine: all must pass, or any one suffices.
enum class Combination { all_of, any_of };

/// One criterion applied to one pole.
struct CriterionResult {
  Criterion criterion = Criterion::sse_with_stakeholders;
  std::vector<Measure> measures;
  Combination combination = Combination::all_of;
  Verdict verdict = Verdict::not_assessable;
  std::string reason; ///< one sentence saying why, naming the missing data if any
};

/// The overall label decision.
enum class Decision { labelled, not_labelled, undetermined };
/// "labelled", "not_labelled", "undetermined".
[[nodiscard]] std::string_view to_string(Decision decision) noexcept;

/// The seven criteria applied to a pole, and the decision.
struct LabelReport {
  std::vector<CriterionResult> criteria; ///< in criterion order
  Decision decision = Decision::undetermined;
};

/// Applies one criterion.
[[nodiscard]] CriterionResult evaluate(Criterion criterion, const PoleDescription& pole,
                                       const LabelThresholds& thresholds);

/// Applies the seven criteria: labelled when all pass, not labelled when any fails, undetermined
/// when none fails but some cannot be assessed.
[[nodiscard]] LabelReport evaluate_pole(const PoleDescription& pole,
                                        const LabelThresholds& thresholds);

/// The decision implied by a set of verdicts (exposed for tests and for simulated poles).
[[nodiscard]] Decision decide(const std::vector<Verdict>& verdicts) noexcept;

/// The membership as the criteria see it, listed members and aggregate figures combined.
struct MembershipSummary {
  std::optional<int> total;                       ///< nullopt when the number of members is unknown
  int known = 0;                                  ///< members known to exist (listed or counted)
  std::array<int, kMemberTypes.size()> by_type{}; ///< members known to be of each type
  int on_territory = 0;                           ///< members known to be on the territory
  int off_territory = 0;                          ///< members known to be elsewhere
};

/// Combines listed members and aggregate counts (the larger of the two for each figure, since
/// aggregate counts include listed members).
[[nodiscard]] MembershipSummary summarise_membership(const PoleDescription& pole);

} // namespace ptcesim::label
