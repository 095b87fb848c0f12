#pragma once
// What a pole looks like at one tick, in the terms of the PTCE labelling criteria (members by
// type, jobs, activity with social utility, pooled resources), as plain numbers: sim/model does
// not depend on sim/label, so the app turns records into label descriptions.
#include "sim/model/world.hpp"
#include "sim/scenario/enums.hpp"

#include <cstdint>
#include <vector>

namespace ptcesim::model {

/// Employees from which a member firm counts as a large firm rather than an SME (the French
/// "grande entreprise" threshold, as in docs/labelling.md).
inline constexpr std::int32_t kLargeFirmEmployees = 250;

/// One pole at one tick, as the labelling criteria see it.
struct PoleRecord {
  std::int32_t tick = 0;
  AgentId pole_id = 0;
  TerritoryIndex territory = 0;
  scenario::PoleOrigin origin = scenario::PoleOrigin::entrepreneurial;
  std::int32_t birth_tick = 0;
  std::int32_t charter_tick = -1; ///< -1: no charter yet
  std::int32_t members_sse = 0;
  std::int32_t members_sme = 0;             ///< firms below kLargeFirmEmployees
  std::int32_t members_large_firm = 0;      ///< firms of kLargeFirmEmployees or more
  std::int32_t members_local_authority = 0; ///< 1 in an authority-driven pole
  std::int32_t members_research = 0; ///< the knowledge body that joins a pole of ≥ 5 producers
  std::int32_t members_training = 0; ///< idem, when it is a training body
  std::int32_t members_on_territory = 0;
  double jobs = 0.0;                     ///< employees of the member producers
  double revenue_eur_month = 0.0;        ///< sales of the member producers
  double social_utility_eur_month = 0.0; ///< part of those sales with social utility
  double pooled_eur_month = 0.0;         ///< contributions to the pole fund this month
  double shared_premises_m2 = 0.0;
  double facilitation_fte = 0.0;

  /// Every member organisation, producers and institutions.
  [[nodiscard]] std::int32_t members_total() const noexcept {
    return members_sse + members_sme + members_large_firm + members_local_authority +
           members_research + members_training;
  }
};

/// The records of every pole of the world after tick `tick`, in pole-row (= id) order. Members
/// are producers whose `pole` column points to the pole, plus the institutions the cooperation
/// game counts (docs/model.md): the local authority of an authority-driven pole, and a research
/// or training body once the pole has five producers — a research body when the territory's
/// first knowledge body is a research centre, a training body otherwise. Producers join only
/// poles of their territory, and the institutions are those of the territory, so every member
/// is on the territory. An SSE initiative's sales count as social utility in proportion to its
/// social_utility share; firms' sales do not.
[[nodiscard]] std::vector<PoleRecord> pole_records(const World& w, std::int32_t tick);

} // namespace ptcesim::model
