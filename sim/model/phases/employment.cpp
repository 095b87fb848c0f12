// Bookkeeping shared by the phases that change who works where.
#include "sim/model/initialise.hpp"
#include "sim/model/phases/phases.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace ptcesim::model {

namespace {
// Employer cost of a public job, EUR/month (INSEE: mean net public wage ~2,500 EUR/month;
// with employer contributions ~3,300). A stated assumption, see docs/model.md.
constexpr double kPublicWage = 3300.0;
constexpr double kReferenceUnemployment = 0.075;
} // namespace

void hire(World& w, std::size_t r, EmployerKind kind, std::int32_t row, std::int32_t tick) {
  auto& workers = w.workers;
  const TerritoryIndex home = workers.territory[r];
  double base = kPublicWage;
  if (kind == EmployerKind::firm)
    base =
        w.scenario.sectors[static_cast<std::size_t>(w.firms.sector[static_cast<std::size_t>(row)])]
            .wage_eur_month;
  else if (kind == EmployerKind::sse)
    // SSE wages are ~10% below the private sector on average (ESS panorama).
    base = 0.9 *
           w.scenario.sectors[static_cast<std::size_t>(w.sse.sector[static_cast<std::size_t>(row)])]
               .wage_eur_month;
  // Wage curve (Blanchflower & Oswald 1994): w ∝ u^elasticity around the reference rate.
  const double lf =
      static_cast<double>(std::max<std::int64_t>(1, w.territories.labour_force[home]));
  const double u = std::max(
      0.01, static_cast<double>(w.flows.unemployed.empty() ? 0 : w.flows.unemployed[home]) / lf);
  const double curve =
      w.flows.unemployed.empty()
          ? 1.0
          : std::pow(u / kReferenceUnemployment, w.scenario.labour.wage_curve_elasticity);
  workers.employer_kind[r] = kind;
  workers.employer_row[r] = row;
  workers.wage[r] = static_cast<float>(base * workers.skill[r] * curve);
  workers.hire_tick[r] = tick;
  workers.unemployment_months[r] = 0;
}

void rebuild_employment(World& w, EmployerGrouping grouping) {
  auto& workers = w.workers;
  auto& firms = w.firms;
  auto& sse = w.sse;
  auto& auth = w.authorities;
  std::fill(firms.employees.begin(), firms.employees.end(), 0);
  std::fill(firms.wage_bill.begin(), firms.wage_bill.end(), 0.0);
  std::fill(sse.employees.begin(), sse.employees.end(), 0);
  std::fill(sse.insertion_employees.begin(), sse.insertion_employees.end(), 0);
  std::fill(sse.wage_bill.begin(), sse.wage_bill.end(), 0.0);
  std::fill(auth.public_employees.begin(), auth.public_employees.end(), 0);
  std::fill(auth.public_wage_bill.begin(), auth.public_wage_bill.end(), 0.0);
  // Employer slots: firms, then SSE, then public employers (one per territory).
  const std::size_t n_firms = firms.size(), n_sse = sse.size();
  const std::size_t slots = n_firms + n_sse + auth.size();
  // Branch-free: the employer kinds of consecutive workers are mixed, so a switch per worker
  // mispredicts often. Each kind indexes its own counters; the unemployed (and, for the
  // insertion count, every kind but SSE) add into one scratch cell with a row stride of 0.
  std::int32_t spare_count = 0, spare_insertion = 0;
  double spare_wage = 0.0;
  constexpr auto kNone = static_cast<std::size_t>(EmployerKind::none);
  constexpr auto kFirm = static_cast<std::size_t>(EmployerKind::firm);
  constexpr auto kSse = static_cast<std::size_t>(EmployerKind::sse);
  constexpr auto kPublic = static_cast<std::size_t>(EmployerKind::public_sector);
  std::array<std::int32_t*, 4> count{}, insertion{};
  std::array<double*, 4> wage_bill{};
  std::array<std::size_t, 4> stride{}, insertion_stride{}, slot_base{};
  count[kNone] = &spare_count;
  wage_bill[kNone] = &spare_wage;
  count[kFirm] = firms.employees.data();
  wage_bill[kFirm] = firms.wage_bill.data();
  count[kSse] = sse.employees.data();
  wage_bill[kSse] = sse.wage_bill.data();
  count[kPublic] = auth.public_employees.data();
  wage_bill[kPublic] = auth.public_wage_bill.data();
  insertion.fill(&spare_insertion);
  insertion[kSse] = sse.insertion_employees.data();
  stride.fill(1);
  stride[kNone] = 0;
  insertion_stride[kSse] = 1;
  slot_base[kNone] = slots; // one extra slot that gathers the unemployed
  slot_base[kFirm] = 0;
  slot_base[kSse] = n_firms;
  slot_base[kPublic] = n_firms + n_sse;
  // Serial: a sum per employer in worker-id order is deterministic and cheap (one pass).
  for (std::size_t r = 0; r < workers.size(); ++r) {
    const auto k = static_cast<std::size_t>(workers.employer_kind[r]);
    // The row of the unemployed (-1) wraps, and its stride of 0 makes it 0.
    const std::size_t row = static_cast<std::size_t>(workers.employer_row[r]) * stride[k];
    ++count[k][row];
    wage_bill[k][row] += workers.wage[r];
    insertion[k][row * insertion_stride[k]] += workers.insertion[r];
  }
  if (grouping == EmployerGrouping::group_workers) {
    // Counting sort of employed workers by employer slot (ids ascending within a slot).
    auto& offset = w.employer_worker_offset;
    offset.resize(slots + 2);
    offset[0] = 0;
    for (std::size_t i = 0; i < n_firms; ++i)
      offset[i + 1] = static_cast<std::uint32_t>(firms.employees[i]);
    for (std::size_t i = 0; i < n_sse; ++i)
      offset[n_firms + i + 1] = static_cast<std::uint32_t>(sse.employees[i]);
    for (std::size_t t = 0; t < auth.size(); ++t)
      offset[n_firms + n_sse + t + 1] = static_cast<std::uint32_t>(auth.public_employees[t]);
    offset[slots + 1] = static_cast<std::uint32_t>(spare_count);
    for (std::size_t s = 0; s <= slots; ++s)
      offset[s + 1] += offset[s];
    auto& list = w.employer_workers;
    list.resize(workers.size());
    auto& cursor = w.employer_cursor;
    cursor.assign(offset.begin(), offset.end() - 1);
    // The unemployed are written after the employed and cut off below.
    for (std::size_t r = 0; r < workers.size(); ++r) {
      const auto k = static_cast<std::size_t>(workers.employer_kind[r]);
      const std::size_t slot =
          slot_base[k] + static_cast<std::size_t>(workers.employer_row[r]) * stride[k];
      list[cursor[slot]++] = static_cast<std::uint32_t>(r);
    }
    list.resize(offset[slots]);
    offset.resize(slots + 1);
    cursor.resize(slots);
  }
  // Built land follows each employer's peak employment: jobs beyond the previous peak need
  // new premises (land_m2_per_job of the sector; pole members share premises instead).
  auto grow = [&](Producers& p, std::size_t i) {
    if (p.employees[i] <= p.max_employees[i])
      return;
    const double new_jobs = p.employees[i] - p.max_employees[i];
    const double m2 = w.scenario.sectors[static_cast<std::size_t>(p.sector[i])].land_m2_per_job *
                      (p.pole[i] >= 0 && !w.shared_premises_land_saving.empty()
                           ? 1.0 - w.shared_premises_land_saving[p.territory[i]]
                           : 1.0);
    if (!w.flows.built_land_ha.empty())
      w.flows.built_land_ha[p.territory[i]] += new_jobs * m2 / 1e4;
    p.max_employees[i] = p.employees[i];
  };
  for (std::size_t i = 0; i < n_firms; ++i)
    grow(firms, i);
  for (std::size_t i = 0; i < n_sse; ++i)
    grow(sse, i);
}

} // namespace ptcesim::model

namespace ptcesim::model {

double cost_recovery(const World& w, const Producers& p, std::size_t i) noexcept {
  if (&p != static_cast<const Producers*>(&w.sse))
    return 1.0;
  // Sales' part of the money resources (volunteering, the rest of resources, is in kind).
  const auto& form = w.scenario.sse_forms[static_cast<std::size_t>(w.sse.form[i])];
  return form.sales_share /
         std::max(1e-9, form.sales_share + form.subsidy_share + form.donation_share);
}

double labour_cost_per_unit(const World& w, const Producers& p, std::size_t i) noexcept {
  const double units_per_month =
      p.employees[i] > 0
          ? p.productivity[i] * p.employees[i]
          : p.productivity[i]; // an empty producer prices at one worker at the sector wage
  const double wages =
      p.employees[i] > 0 ? p.wage_bill[i]
                         : w.scenario.sectors[static_cast<std::size_t>(p.sector[i])].wage_eur_month;
  if (&p != static_cast<const Producers*>(&w.sse) || p.employees[i] <= 0)
    return wages / std::max(units_per_month, 1e-9);
  // Volunteers' output carries no wage: an initiative's wage bill is spread over all its units.
  const double volunteer_units =
      w.scenario.sse.volunteer_productivity * w.sse.volunteers[i] * p.productivity[i];
  return wages / std::max(units_per_month + volunteer_units, 1e-9);
}

} // namespace ptcesim::model

namespace ptcesim::model {

double materials_per_unit(const World& w, const Producers& p, std::size_t i) noexcept {
  const auto& sc = w.scenario.sectors[static_cast<std::size_t>(p.sector[i])];
  const bool is_sse = &p == static_cast<const Producers*>(&w.sse);
  const double reference = output_units_per_worker(sc) * (is_sse ? kSseLabourProductivity : 1.0);
  return sc.materials_energy_share * reference / std::max(p.productivity[i], 1e-9);
}

} // namespace ptcesim::model
