#pragma once
// A PTCE as described for labelling: a real pole read from a data file, or a pole that emerged in
// a simulation. Every value may be unknown (std::nullopt), so that a criterion lacking data says
// "not assessable" instead of passing or failing silently.
#include <array>
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::label {

/// The kinds of organisation the founding text names as PTCE stakeholders.
enum class MemberType {
  sse,             // social and solidarity economy initiative, enterprise or network
  sme,             // (socially responsible) small or medium enterprise
  large_firm,      // enterprise of 250 employees or more
  local_authority, // commune, intercommunality, department, region
  research,        // research centre, university laboratory
  training,        // training body
  social_partner,  // trade union, employers' organisation
  other,
};

/// Every member type, in declaration order (for iteration and messages).
inline constexpr std::array<MemberType, 8> kMemberTypes{MemberType::sse,
                                                        MemberType::sme,
                                                        MemberType::large_firm,
                                                        MemberType::local_authority,
                                                        MemberType::research,
                                                        MemberType::training,
                                                        MemberType::social_partner,
                                                        MemberType::other};

/// The file-format spelling of a member type ("sse", "local_authority", ...).
[[nodiscard]] std::string_view to_string(MemberType type) noexcept;

/// A calendar date known to the day, the month or only the year (public sources often give
/// only "founded in 2007"). Comparisons use the earliest and latest days it may denote.
struct PartialDate {
  int year = 0;
  std::optional<int> month; // 1..12
  std::optional<int> day;   // 1..31, only when month is known

  /// The first possible day (year, month, day) that the date may denote.
  [[nodiscard]] PartialDate earliest() const;
  /// The last possible day that the date may denote.
  [[nodiscard]] PartialDate latest() const;
  /// "2014", "2014-06" or "2014-06-01".
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

/// Whether (year, month, day) is a real calendar day.
[[nodiscard]] bool is_valid_day(int year, int month, int day) noexcept;

/// Completed calendar months from `from` to `to` (both full dates; negative when `to` is
/// earlier): 2011-06-01 to 2014-06-01 is 36.
[[nodiscard]] int completed_months(const PartialDate& from, const PartialDate& to);

/// An activity of the pole, with its share of the pole's whole activity (by jobs or turnover,
/// as the data source states) and whether its social utility is recognised.
struct Activity {
  std::optional<std::string> name;
  std::optional<double> share; // in [0, 1]
  std::optional<bool> social_utility;
};

/// A member organisation of the pole.
struct Member {
  std::optional<std::string> name;
  std::optional<MemberType> type;
  std::optional<std::string> legal_form; // free text: "association", "SCIC", "SAS", ...
  std::optional<bool> on_territory;      // located on the pole's territory
  std::optional<std::string> commune;
  std::optional<double> jobs; // headcount or FTE, as the source gives it
  std::optional<PartialDate> joined;
  std::vector<Activity> activities; // shares are of the whole pole's activity
};

/// Members known only in aggregate (public sources often give "37 members" and little more).
/// Counts cover the whole membership, listed members included.
struct MemberAggregate {
  std::optional<int> total;          // number of member organisations
  std::optional<int> at_least;       // a lower bound when only "more than N" is known
  std::map<MemberType, int> by_type; // members known to be of each type
  std::optional<int> on_territory;   // members known to be located on the territory
  std::optional<int> off_territory;  // members known to be located elsewhere
};

/// What a pooled resource is.
enum class ResourceKind { premises, staff, equipment, service, other };
/// Every resource kind, in declaration order.
inline constexpr std::array<ResourceKind, 5> kResourceKinds{
    ResourceKind::premises, ResourceKind::staff, ResourceKind::equipment, ResourceKind::service,
    ResourceKind::other};
/// The file-format spelling of a resource kind.
[[nodiscard]] std::string_view to_string(ResourceKind kind) noexcept;

/// A resource or function pooled between members (shared premises, shared staff, ...).
struct SharedResource {
  std::optional<ResourceKind> kind;
  std::optional<std::string> description;
  std::optional<double> amount;    // in `unit`
  std::optional<std::string> unit; // "m2", "FTE", ...
};

/// What a joint investment finances (the founding text's examples: business incubator,
/// distribution network, research partnership).
enum class InvestmentKind {
  premises,
  incubator,
  distribution_network,
  research_partnership,
  equipment,
  fund,
  other
};
/// Every investment kind, in declaration order.
inline constexpr std::array<InvestmentKind, 7> kInvestmentKinds{
    InvestmentKind::premises,
    InvestmentKind::incubator,
    InvestmentKind::distribution_network,
    InvestmentKind::research_partnership,
    InvestmentKind::equipment,
    InvestmentKind::fund,
    InvestmentKind::other};
/// The file-format spelling of an investment kind.
[[nodiscard]] std::string_view to_string(InvestmentKind kind) noexcept;

/// An investment in a common economic activity. Only money committed by members is an economic
/// commitment *between* members: an outside subsidy is recorded with by_members = false.
struct JointInvestment {
  std::optional<InvestmentKind> kind;
  std::optional<std::string> description;
  std::optional<double> amount_eur;
  std::optional<bool> by_members;
  std::optional<PartialDate> date;
};

/// Everything the seven labelling criteria look at, for one pole.
struct PoleDescription {
  std::optional<std::string> name;
  std::optional<std::string> territory;
  std::vector<Member> members;      // listed members (possibly only some of them)
  MemberAggregate member_counts;    // totals; a listed-only pole leaves total unset
  std::vector<Activity> activities; // activities not attributed to a member
  /// Pooled resources: nullopt when unknown, empty when the pole is known to pool nothing.
  std::optional<std::vector<SharedResource>> shared_resources;
  /// Joint investments: nullopt when unknown, empty when known to be none.
  std::optional<std::vector<JointInvestment>> joint_investments;
  std::optional<bool> charter_adopted; // a formal charter or shared strategy document
  std::optional<PartialDate> charter_date;
  std::optional<PartialDate> founded; // formal creation of the pole (association, SCIC, ...)
  /// True when the pole is known to have no formal creation besides its charter (a simulated
  /// pole): an unset `founded` then means "none", not "unknown".
  bool formalised_only_by_charter = false;
  std::optional<PartialDate> evaluation_date; // the date the description holds for
};

} // namespace ptcesim::label
