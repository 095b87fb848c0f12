// Bookkeeping shared by the phases that change who works where.
#include "sim/core/counting_sort.hpp"
#include "sim/core/parallel.hpp"
#include "sim/model/initialise.hpp"
#include "sim/model/phases/phases.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace ptcesim::model {

namespace {
// Employer cost of a public job, EUR/month (INSEE: mean net public wage ~2,500 EUR/month;
// with employer contributions ~3,300). A stated assumption, see docs/model.md.
constexpr double kPublicWage = 3300.0;
constexpr double kReferenceUnemployment = 0.075;
} // namespace

double wage_curve_factor(const World& w, TerritoryIndex home) {
  if (w.flows.unemployed.empty())
    return 1.0;
  // Wage curve (Blanchflower & Oswald 1994): w ∝ u^elasticity around the reference rate.
  const double lf =
      static_cast<double>(std::max<std::int64_t>(1, w.territories.labour_force[home]));
  const double u = std::max(0.01, static_cast<double>(w.flows.unemployed[home]) / lf);
  return std::pow(u / kReferenceUnemployment, w.scenario.labour.wage_curve_elasticity);
}

void hire(World& w, std::size_t r, EmployerKind kind, std::int32_t row, std::int32_t tick) {
  hire_at_curve(w, r, kind, row, tick, wage_curve_factor(w, w.workers.territory[r]));
}

void hire_at_curve(World& w, std::size_t r, EmployerKind kind, std::int32_t row, std::int32_t tick,
                   double curve) {
  auto& workers = w.workers;
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
  // Employer slots: firms, then SSE, then public employers (one per territory), then one slot
  // that gathers the unemployed.
  const std::size_t n_firms = firms.size(), n_sse = sse.size();
  const std::size_t slots = n_firms + n_sse + auth.size();
  const std::size_t n = workers.size();
  constexpr auto kNone = static_cast<std::size_t>(EmployerKind::none);
  constexpr auto kFirm = static_cast<std::size_t>(EmployerKind::firm);
  constexpr auto kSse = static_cast<std::size_t>(EmployerKind::sse);
  constexpr auto kPublic = static_cast<std::size_t>(EmployerKind::public_sector);
  std::array<std::size_t, 4> slot_base{}, stride{};
  slot_base[kNone] = slots;
  slot_base[kFirm] = 0;
  slot_base[kSse] = n_firms;
  slot_base[kPublic] = n_firms + n_sse;
  stride.fill(1);
  stride[kNone] = 0; // the row of the unemployed (-1) wraps, and a stride of 0 makes it 0
  // Branch-free: the employer kinds of consecutive workers are mixed, so a switch per worker
  // mispredicts often.
  auto slot_of = [&](std::size_t r) {
    const auto k = static_cast<std::size_t>(workers.employer_kind[r]);
    return slot_base[k] + static_cast<std::size_t>(workers.employer_row[r]) * stride[k];
  };
  // Counting sort of the workers by slot, ids ascending within a slot, over contiguous chunks
  // of workers in parallel (core::ChunkedCountingSort: the grouping is the same for any number
  // of chunks). A serial pass over every worker, three times a tick, was the largest serial
  // part of a tick (docs/performance.md).
  const std::size_t width = slots + 1;
  core::ChunkedCountingSort by_slot;
  // One chunk (one thread, or a small world): employees, wage bills and insertion contracts
  // are summed in a serial counting pass, in worker order, into each kind's own columns (the
  // unemployed, and every kind but SSE for insertion, add into a scratch cell with a row stride of
  // 0). Several chunks sum per employer after the grouping below (the same bits).
  const bool one_chunk = core::ChunkedCountingSort::chunks_for(n) == 1;
  // With one chunk the grouping only serves the caller, and may be skipped.
  const bool group = !one_chunk || grouping == EmployerGrouping::group_workers;
  std::int32_t spare_count = 0, spare_insertion = 0;
  double spare_wage = 0.0;
  std::array<std::int32_t*, 4> employee_cell{&spare_count, firms.employees.data(),
                                             sse.employees.data(), auth.public_employees.data()};
  std::array<double*, 4> wage_cell{&spare_wage, firms.wage_bill.data(), sse.wage_bill.data(),
                                   auth.public_wage_bill.data()};
  std::array<std::int32_t*, 4> insertion_cell{&spare_insertion, &spare_insertion,
                                              sse.insertion_employees.data(), &spare_insertion};
  std::array<std::size_t, 4> insertion_stride{0, 0, 1, 0};
  static_assert(kNone == 0 && kFirm == 1 && kSse == 2 && kPublic == 3);
  if (one_chunk) {
    std::fill(firms.employees.begin(), firms.employees.end(), 0);
    std::fill(firms.wage_bill.begin(), firms.wage_bill.end(), 0.0);
    std::fill(sse.employees.begin(), sse.employees.end(), 0);
    std::fill(sse.insertion_employees.begin(), sse.insertion_employees.end(), 0);
    std::fill(sse.wage_bill.begin(), sse.wage_bill.end(), 0.0);
    std::fill(auth.public_employees.begin(), auth.public_employees.end(), 0);
    std::fill(auth.public_wage_bill.begin(), auth.public_wage_bill.end(), 0.0);
    std::uint32_t* count = by_slot.serial_count(n, width);
    for (std::size_t r = 0; r < n; ++r) {
      const auto k = static_cast<std::size_t>(workers.employer_kind[r]);
      const std::size_t row = static_cast<std::size_t>(workers.employer_row[r]) * stride[k];
      ++count[slot_base[k] + row];
      ++employee_cell[k][row];
      wage_cell[k][row] += workers.wage[r];
      insertion_cell[k][row * insertion_stride[k]] += workers.insertion[r];
    }
  } else {
    by_slot.count(n, width, slot_of, core::OneCopy{});
  }
  auto& offset = w.employer_worker_offset;
  auto& list = w.employer_workers;
  if (group) {
    by_slot.offsets(offset);
    list.resize(n);
    // The unemployed's slot is last; each employer's cursor ends where its workers end.
    auto& next = w.employer_cursor;
    next.resize(slots + 1);
    core::parallel_for_rows(slots + 1, [&](std::size_t s) { next[s] = offset[s]; });
    by_slot.place(std::span<std::uint32_t>(next), slot_of, core::OneCopy{},
                  [&](std::size_t r, std::size_t position) {
                    list[position] = static_cast<std::uint32_t>(r);
                  });
    // The unemployed were written after the employed: cut them off.
    list.resize(offset[slots]);
    offset.resize(slots + 1);
    next.resize(slots);
    w.grouped_firms = n_firms;
    w.grouped_sse = n_sse;
  }
  if (!one_chunk) {
    // Employees and wage bills per employer, in parallel over employers: each sums its own
    // workers in id order, the order of a serial pass over the workers (the same bits).
    auto sum_slot = [&](std::size_t s, std::int32_t& employees, double& wage_bill) {
      double bill = 0.0;
      for (std::uint32_t k = offset[s]; k < offset[s + 1]; ++k)
        bill += workers.wage[list[k]];
      employees = static_cast<std::int32_t>(offset[s + 1] - offset[s]);
      wage_bill = bill;
    };
    core::parallel_for_rows(
        n_firms, [&](std::size_t i) { sum_slot(i, firms.employees[i], firms.wage_bill[i]); }, 512);
    core::parallel_for_rows(
        n_sse,
        [&](std::size_t i) {
          const std::size_t s = n_firms + i;
          sum_slot(s, sse.employees[i], sse.wage_bill[i]);
          std::int32_t insertion = 0;
          for (std::uint32_t k = offset[s]; k < offset[s + 1]; ++k)
            insertion += workers.insertion[list[k]];
          sse.insertion_employees[i] = insertion;
        },
        512);
    // Public employers hold a quarter of all jobs: summed in parallel over territories too
    // (serial, this loop was a tenth of a large world's labour market at two threads).
    core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
      std::int32_t employees = 0;
      sum_slot(n_firms + n_sse + t, employees, auth.public_wage_bill[t]);
      auth.public_employees[t] = employees;
    });
  }
  follow_peak_employment(w);
}

void schedule_territories(World& w) {
  const auto& offset = w.territories.worker_offset;
  auto& order = w.territory_schedule;
  order.resize(w.territories.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return offset[a + 1] - offset[a] > offset[b + 1] - offset[b];
  });
}

std::span<const std::uint32_t> territories_largest_first(World& w) {
  if (w.territory_schedule.size() != w.territories.size())
    schedule_territories(w);
  return w.territory_schedule;
}

void follow_peak_employment(World& w) {
  // Built land follows each employer's peak employment: jobs beyond the previous peak need
  // new premises (land_m2_per_job of the sector; pole members share premises instead). The
  // growing employers are found in parallel; their land is added in row order.
  auto grow = [&](Producers& p) {
    auto& growing = w.growing_rows;
    core::rows_where(
        p.size(), [&](std::size_t i) { return p.employees[i] > p.max_employees[i]; }, growing);
    for (const std::uint32_t i : growing) {
      const double new_jobs = p.employees[i] - p.max_employees[i];
      const double m2 = w.scenario.sectors[static_cast<std::size_t>(p.sector[i])].land_m2_per_job *
                        (p.pole[i] >= 0 && !w.shared_premises_land_saving.empty()
                             ? 1.0 - w.shared_premises_land_saving[p.territory[i]]
                             : 1.0);
      if (!w.flows.built_land_ha.empty())
        w.flows.built_land_ha[p.territory[i]] += new_jobs * m2 / 1e4;
      p.max_employees[i] = p.employees[i];
    }
  };
  grow(w.firms);
  grow(w.sse);
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
