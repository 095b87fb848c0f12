// Labour market (docs/model.md, "Labour market"): layoffs of the last hired when staff exceeds
// need, voluntary quits, vacancies, then matching by a Cobb-Douglas matching function
// (Petrongolo & Pissarides 2001), local first, then with neighbours at a commuting friction.
// Work-integration enterprises hire long-term unemployed onto insertion contracts.
#include "sim/core/counting_sort.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace ptcesim::model {

namespace {

constexpr std::int16_t kLongTermUnemployment = 12; // months (INSEE definition)
// Skill gained by one training course (a stated assumption: returns to a vocational course
// of a few months are of the order of a few percent of wages).
constexpr double kTrainingSkillGain = 0.03;

// Staff for the expected demand, rounded to the nearest worker (rounding up gave every small
// producer a structurally idle worker whose wage its margin could not pay); an employer firm
// keeps at least one employee (`minimum`), an association may run on volunteers alone.
std::int32_t desired_staff(const Producers& p, std::size_t i, double volunteer_units,
                           std::int32_t minimum) {
  const double need = p.expected_units[i] / std::max(p.productivity[i], 1e-9) - volunteer_units;
  const auto staff = static_cast<std::int32_t>(std::max(0.0, std::round(need)));
  return std::max(minimum, staff) + p.funded_staff[i];
}

// Staff kept before layoffs: the desired staff plus the tolerance (at least the desired staff).
std::int32_t staff_kept(std::int32_t desired, double tolerance) {
  return std::max(desired, static_cast<std::int32_t>(std::floor(desired * (1.0 + tolerance))));
}

// The labour phase keeps each employer's employees, wage bill and insertion contracts up to
// date as workers leave and join (work in proportion to the flows, where re-deriving them from
// every worker cost two passes over the worker table a tick); the full rebuild at the end of
// entry and exit re-derives them from the workers. Every update happens in an order fixed by
// the rows, never by the threads. Wages are floats of at least a few hundred euros, hence
// multiples of 2^-20: the sums are exact in a double and equal the rebuilt ones bit for bit.
void leave_employer(World& w, std::size_t r) {
  auto& workers = w.workers;
  const auto row = static_cast<std::size_t>(workers.employer_row[r]);
  const double wage = workers.wage[r];
  switch (workers.employer_kind[r]) {
  case EmployerKind::firm:
    --w.firms.employees[row];
    w.firms.wage_bill[row] -= wage;
    break;
  case EmployerKind::sse:
    --w.sse.employees[row];
    w.sse.wage_bill[row] -= wage;
    w.sse.insertion_employees[row] -= workers.insertion[r];
    break;
  case EmployerKind::public_sector:
    --w.authorities.public_employees[row];
    w.authorities.public_wage_bill[row] -= wage;
    break;
  case EmployerKind::none:
    break;
  }
  workers.employer_kind[r] = EmployerKind::none;
  workers.employer_row[r] = -1;
  workers.hire_tick[r] = -1;
  workers.insertion[r] = 0;
}

// Territory of worker r's employer.
std::size_t employer_territory(const World& w, std::size_t r) {
  const auto row = static_cast<std::size_t>(w.workers.employer_row[r]);
  switch (w.workers.employer_kind[r]) {
  case EmployerKind::firm:
    return w.firms.territory[row];
  case EmployerKind::sse:
    return w.sse.territory[row];
  default: // public_sector: one employer per territory, its row
    return row;
  }
}

void join_employer(World& w, std::size_t r) {
  const auto& workers = w.workers;
  const auto row = static_cast<std::size_t>(workers.employer_row[r]);
  const double wage = workers.wage[r];
  switch (workers.employer_kind[r]) {
  case EmployerKind::firm:
    ++w.firms.employees[row];
    w.firms.wage_bill[row] += wage;
    break;
  case EmployerKind::sse:
    ++w.sse.employees[row];
    w.sse.wage_bill[row] += wage;
    w.sse.insertion_employees[row] += workers.insertion[r];
    break;
  case EmployerKind::public_sector:
    ++w.authorities.public_employees[row];
    w.authorities.public_wage_bill[row] += wage;
    break;
  case EmployerKind::none:
    break;
  }
}

// Lays off the `excess` most recently hired workers of an employer slot (last in, first out;
// ties broken by row: rows are in id order within a territory; never by thread scheduling).
void lay_off(World& w, std::size_t slot, std::int32_t excess) {
  if (excess <= 0)
    return;
  auto* begin = w.employer_workers.data() + w.employer_worker_offset[slot];
  auto* end = w.employer_workers.data() + w.employer_worker_offset[slot + 1];
  const auto count = std::min<std::ptrdiff_t>(excess, end - begin);
  auto& workers = w.workers;
  std::partial_sort(begin, begin + count, end, [&](std::uint32_t a, std::uint32_t b) {
    return workers.hire_tick[a] != workers.hire_tick[b]
               ? workers.hire_tick[a] > workers.hire_tick[b]
               : a > b;
  });
  for (auto* it = begin; it != begin + count; ++it)
    leave_employer(w, *it);
}

} // namespace

void match_labour(World& w, const core::StepContext& ctx) {
  auto& workers = w.workers;
  auto& firms = w.firms;
  auto& sse = w.sse;
  auto& auth = w.authorities;
  const auto& terr = w.territories;
  const auto& lab = w.scenario.labour;
  const std::size_t n = terr.size();
  const std::size_t n_firms = firms.size(), n_sse = sse.size();
  const double vol = w.scenario.sse.volunteer_productivity;

  // 1. Layoffs where staff exceeds the need by more than the tolerance. The workers were
  // grouped by employer slot (firms, then SSE initiatives, then public employers) at the last
  // full rebuild; producers appended since (mobile projects located by the strategies phase)
  // have no worker yet, and must not shift the SSE slots (initiative j's excess was once laid
  // off from initiative j + 1's list).
  core::parallel_for_rows(
      n_firms,
      [&](std::size_t i) {
        const auto keep = staff_kept(desired_staff(firms, i, 0.0, 1), lab.layoff_tolerance);
        if (i < w.grouped_firms)
          lay_off(w, i, firms.employees[i] - keep);
      },
      256);
  core::parallel_for_rows(
      n_sse,
      [&](std::size_t i) {
        const auto keep =
            staff_kept(desired_staff(sse, i, vol * sse.volunteers[i], 0), lab.layoff_tolerance);
        if (i < w.grouped_sse)
          lay_off(w, w.grouped_firms + i, sse.employees[i] - keep);
      },
      256);

  // 2. Voluntary quits (to unemployment: job-to-job moves are not modelled). One stream per
  // territory and tick, drawn in worker order: deterministic and cheap. Territories in
  // parallel: a quitter working in its own territory leaves its employer at once (no other
  // territory's thread touches that employer's counts); commuters, whose employers are other
  // territories', are listed in the territory's range of the pool and leave them afterwards,
  // serially in territory and row order. Each employer's counts so change in an order fixed
  // by the rows, never by the threads.
  auto& pool = w.match_pool;
  pool.resize(workers.size());
  auto& commuter_quits = w.commuter_quits;
  commuter_quits.assign(n, 0);
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    // Geometric gaps between quitters among the employed (one draw per quit, not per
    // worker): the same distribution as a Bernoulli trial per worker.
    core::RandomStream rng(w.seed, purpose::kQuit, t, ctx.tick);
    std::int64_t quits = 0;
    std::size_t commuters = 0;
    const double log_stay = std::log1p(-std::min(lab.quit_rate, 0.999999));
    // The gap as a count of employed workers to pass over (capped far beyond any territory).
    constexpr double kNoQuit = 0x1.0p62;
    auto gap = [&] {
      return static_cast<std::int64_t>(
          lab.quit_rate <= 0.0
              ? kNoQuit
              : std::min(kNoQuit, std::floor(std::log(rng.uniform01_open_low()) / log_stay)));
    };
    std::int64_t skip = gap();
    for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1]; ++r) {
      // Who is employed is unpredictable row to row, a quit is rare: one branch, on the quit.
      const bool employed = workers.employer_kind[r] != EmployerKind::none;
      if (!(employed & (skip == 0))) {
        skip -= static_cast<std::int64_t>(employed);
        continue;
      }
      if (employer_territory(w, r) == t)
        leave_employer(w, r);
      else
        pool[terr.worker_offset[t] + commuters++] = static_cast<std::uint32_t>(r);
      ++quits;
      skip = gap();
    }
    commuter_quits[t] = commuters;
    w.flows.separations[t] += quits;
  });
  for (std::size_t t = 0; t < n; ++t)
    for (std::size_t k = 0; k < commuter_quits[t]; ++k)
      leave_employer(w, pool[terr.worker_offset[t] + k]);

  // 3. Vacancies, in parallel over employers. An initiative keeps insertion_share of its staff
  // (employees and vacancies) on insertion contracts; its other vacancies are ordinary
  // (supervisors and permanent staff).
  core::parallel_for_rows(n_firms, [&](std::size_t i) {
    firms.vacancies[i] = std::max(0, desired_staff(firms, i, 0.0, 1) - firms.employees[i]);
  });
  auto& ordinary_sse = w.ordinary_vacancies;
  ordinary_sse.resize(n_sse);
  core::parallel_for_rows(n_sse, [&](std::size_t i) {
    sse.vacancies[i] =
        std::max(0, desired_staff(sse, i, vol * sse.volunteers[i], 0) - sse.employees[i]);
    const double share =
        w.scenario.sse_forms[static_cast<std::size_t>(sse.form[i])].insertion_share;
    const auto wanted = static_cast<std::int32_t>(
        std::lround(share * static_cast<double>(sse.employees[i] + sse.vacancies[i])));
    const std::int32_t insertion =
        std::clamp(wanted - sse.insertion_employees[i], 0, sse.vacancies[i]);
    ordinary_sse[i] = sse.vacancies[i] - insertion;
  });

  // Vacancy slots grouped by territory: (kind, row) repeated per vacancy. Insertion vacancies
  // come first in each territory: they are filled from the long-term unemployed (insertion
  // contracts are prescribed to them). Then firms', the initiatives' ordinary ones and the
  // public employer's, each in row order (stable counting sorts by territory, in parallel).
  const auto firm_territory = [&](std::size_t i) {
    return static_cast<std::size_t>(firms.territory[i]);
  };
  const auto sse_territory = [&](std::size_t i) {
    return static_cast<std::size_t>(sse.territory[i]);
  };
  const auto firm_vacancies = [&](std::size_t i) {
    return static_cast<std::uint32_t>(firms.vacancies[i]);
  };
  const auto insertion_vacancies = [&](std::size_t i) {
    return static_cast<std::uint32_t>(sse.vacancies[i] - ordinary_sse[i]);
  };
  const auto ordinary_vacancies = [&](std::size_t i) {
    return static_cast<std::uint32_t>(ordinary_sse[i]);
  };
  core::ChunkedCountingSort insertion_sort, firm_sort, ordinary_sort;
  insertion_sort.count(n_sse, n, sse_territory, insertion_vacancies);
  firm_sort.count(n_firms, n, firm_territory, firm_vacancies);
  ordinary_sort.count(n_sse, n, sse_territory, ordinary_vacancies);
  auto& slot_offset = w.vacancy_offset;
  slot_offset.assign(n + 1, 0);
  std::vector<std::uint32_t>& insertion_slots = w.insertion_slot_count;
  insertion_slots.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    insertion_slots[t] = static_cast<std::uint32_t>(insertion_sort.total(t));
    slot_offset[t + 1] = slot_offset[t] + insertion_slots[t] +
                         static_cast<std::uint32_t>(firm_sort.total(t) + ordinary_sort.total(t)) +
                         static_cast<std::uint32_t>(
                             std::max(0, auth.public_jobs_target[t] - auth.public_employees[t]));
  }
  auto& slots = w.vacancy_slots;
  slots.resize(slot_offset[n]);
  auto& cursor = w.employer_cursor;
  cursor.assign(slot_offset.begin(), slot_offset.end() - 1);
  auto encode = [](EmployerKind kind, std::size_t row) {
    return (static_cast<std::uint64_t>(kind) << 32) | static_cast<std::uint64_t>(row);
  };
  const std::span<std::uint32_t> next_slot(cursor);
  insertion_sort.place(
      next_slot, sse_territory, insertion_vacancies,
      [&](std::size_t i, std::size_t at) { slots[at] = encode(EmployerKind::sse, i); });
  firm_sort.place(next_slot, firm_territory, firm_vacancies, [&](std::size_t i, std::size_t at) {
    slots[at] = encode(EmployerKind::firm, i);
  });
  ordinary_sort.place(
      next_slot, sse_territory, ordinary_vacancies,
      [&](std::size_t i, std::size_t at) { slots[at] = encode(EmployerKind::sse, i); });
  for (std::size_t t = 0; t < n; ++t)
    for (std::int32_t k = auth.public_employees[t]; k < auth.public_jobs_target[t]; ++k)
      slots[cursor[t]++] = encode(EmployerKind::public_sector, t);

  // 4. Local matching, territory by territory, in parallel: each territory touches only its
  // own workers, its own vacancy slots, its own counters and its own employers.
  auto& remaining_from = w.pool_remaining;
  remaining_from.assign(n, 0);
  auto& pool_end = w.pool_end;
  pool_end.assign(n, 0);
  auto& slots_used = w.slots_used;
  slots_used.assign(n, 0);
  // Hiring wages follow the wage curve of the worker's home territory, fixed for the month
  // (unemployment is counted again at the end of this phase).
  auto& curve = w.wage_curve;
  curve.resize(n);
  for (std::size_t t = 0; t < n; ++t)
    curve[t] = wage_curve_factor(w, static_cast<TerritoryIndex>(t));
  auto do_hire = [&](std::size_t r, std::uint64_t code, bool insertion) {
    const auto kind = static_cast<EmployerKind>(code >> 32);
    const auto row = static_cast<std::int32_t>(code & 0xFFFFFFFFu);
    hire_at_curve(w, r, kind, row, ctx.tick, curve[workers.territory[r]]);
    workers.insertion[r] = insertion ? 1 : 0;
    join_employer(w, r);
  };
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    core::RandomStream rng(w.seed, purpose::kMatchLocal, t, ctx.tick);
    const std::size_t lo = terr.worker_offset[t];
    const std::size_t hi = terr.worker_offset[t + 1];
    // Long-term unemployed first in the pool, then the others (each in id order). One
    // branch-free pass (who is unemployed is unpredictable row to row): the long-term ones are
    // listed from the front, the others from the back of the territory's range; both cursors
    // are written every row and advance only for a listed worker. The two lists cannot meet:
    // after k rows they hold at most k entries of a range of hi - lo.
    std::size_t long_term_end = lo;
    std::size_t short_term_begin = hi;
    for (std::size_t r = lo; r < hi; ++r) {
      const bool unemployed = workers.employer_kind[r] == EmployerKind::none;
      const bool long_term = workers.unemployment_months[r] >= kLongTermUnemployment;
      pool[long_term_end] = static_cast<std::uint32_t>(r);
      long_term_end += static_cast<std::size_t>(unemployed & long_term);
      pool[short_term_begin - 1] = static_cast<std::uint32_t>(r);
      short_term_begin -= static_cast<std::size_t>(unemployed & !long_term);
    }
    // The short-term list, back in id order, right after the long-term one.
    std::reverse(pool.begin() + static_cast<std::ptrdiff_t>(short_term_begin),
                 pool.begin() + static_cast<std::ptrdiff_t>(hi));
    if (long_term_end != short_term_begin) // forward copy to a lower place: safe overlap
      std::copy(pool.begin() + static_cast<std::ptrdiff_t>(short_term_begin),
                pool.begin() + static_cast<std::ptrdiff_t>(hi),
                pool.begin() + static_cast<std::ptrdiff_t>(long_term_end));
    const std::size_t u = long_term_end + (hi - short_term_begin);
    pool_end[t] = u;
    std::size_t next = lo; // pool[lo, next) are hired
    // Insertion contracts: long-term unemployed into work-integration vacancies.
    const std::size_t s0 = slot_offset[t];
    std::size_t s = s0;
    const std::size_t ins = std::min<std::size_t>(insertion_slots[t], long_term_end - lo);
    core::shuffle(rng, std::span<std::uint32_t>(pool.data() + lo, long_term_end - lo));
    for (std::size_t k = 0; k < ins; ++k)
      do_hire(pool[next++], slots[s++], true);
    s = s0 + insertion_slots[t]; // unfilled insertion slots stay open
    // Matching function on the rest.
    const double unemployed = static_cast<double>(u - next);
    const double vacancies = static_cast<double>(slot_offset[t + 1] - s);
    const double m = lab.matching_efficiency * std::pow(unemployed, lab.matching_elasticity) *
                     std::pow(vacancies, 1.0 - lab.matching_elasticity);
    const auto matches = static_cast<std::size_t>(
        std::min({unemployed, vacancies, std::floor(m + rng.uniform01())}));
    core::shuffle(rng, std::span<std::uint32_t>(pool.data() + next, u - next));
    core::shuffle(rng, std::span<std::uint64_t>(slots.data() + s, slot_offset[t + 1] - s));
    for (std::size_t k = 0; k < matches; ++k)
      do_hire(pool[next++], slots[s++], false);
    remaining_from[t] = next;
    slots_used[t] = s;
    w.flows.hires[t] += static_cast<std::int64_t>(next - lo);
  });

  // 5. Commuting: open vacancies of t meet the remaining unemployed of its neighbours, with a
  // friction exp(-minutes/decay). A link's matches depend on the links before it (they share
  // pools and slots), so they are counted serially in territory order; the hires then run in
  // parallel by the vacancies' territory (each task hires into its own employers only, link by
  // link in the serial order, from pool ranges no other link uses).
  auto& link_matches = w.commuting_matches;
  auto& link_pool_from = w.commuting_pool_from;
  auto& link_slot_from = w.commuting_slot_from;
  const std::size_t links = terr.neighbour_offset[n];
  link_matches.assign(links, 0);
  link_pool_from.resize(links);
  link_slot_from.resize(links);
  for (std::size_t t = 0; t < n; ++t)
    for (std::uint32_t k = terr.neighbour_offset[t]; k < terr.neighbour_offset[t + 1]; ++k) {
      const std::size_t nb = terr.neighbour[k];
      const double unemployed = static_cast<double>(pool_end[nb] - remaining_from[nb]);
      const double vacancies = static_cast<double>(slot_offset[t + 1] - slots_used[t]);
      if (unemployed <= 0 || vacancies <= 0)
        continue;
      core::RandomStream rng(w.seed, purpose::kMatchCommute, t * 65536 + nb, ctx.tick);
      const double friction = std::exp(-terr.commuting_minutes[k] / lab.commuting_decay_minutes);
      const double m = friction * lab.matching_efficiency *
                       std::pow(unemployed, lab.matching_elasticity) *
                       std::pow(vacancies, 1.0 - lab.matching_elasticity);
      const auto matches = static_cast<std::size_t>(
          std::min({unemployed, vacancies, std::floor(m + rng.uniform01())}));
      link_matches[k] = static_cast<std::uint32_t>(matches);
      link_pool_from[k] = static_cast<std::uint32_t>(remaining_from[nb]);
      link_slot_from[k] = static_cast<std::uint32_t>(slots_used[t]);
      remaining_from[nb] += matches;
      slots_used[t] += matches;
      w.flows.hires[nb] += static_cast<std::int64_t>(matches);
    }
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    for (std::uint32_t k = terr.neighbour_offset[t]; k < terr.neighbour_offset[t + 1]; ++k)
      for (std::uint32_t j = 0; j < link_matches[k]; ++j)
        do_hire(pool[link_pool_from[k] + j], slots[link_slot_from[k] + j], false);
  });
  follow_peak_employment(w);

  // Volunteers follow the activity they support: each initiative keeps volunteer_ratio
  // volunteers per employee of its form (fixed volunteer numbers drained away with the turnover
  // of initiatives, and employees replaced them).
  core::parallel_for_rows(n_sse, [&](std::size_t i) {
    const double ratio =
        w.scenario.sse_forms[static_cast<std::size_t>(sse.form[i])].volunteer_ratio;
    sse.volunteers[i] = static_cast<std::int32_t>(std::lround(ratio * sse.employees[i]));
  });

  // 6. Unemployment spells, vacancies and training of the unemployed.
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    std::int64_t unemployed = 0;
    for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1]; ++r)
      if (workers.employer_kind[r] == EmployerKind::none) {
        ++unemployed;
        if (workers.unemployment_months[r] < 32000)
          ++workers.unemployment_months[r];
      }
    w.flows.unemployed[t] = unemployed;
    w.flows.vacancies[t] = static_cast<std::int64_t>(slot_offset[t + 1] - slots_used[t]);
  });
  // Training bodies train unemployed residents of their territory who have looked for work
  // for exactly six months (in id order, one course each, so nobody is trained twice: a
  // territory's places are pooled over its bodies): a course raises skill, hence the wage a
  // worker is hired at. Territories in parallel (each touches its own residents).
  const auto& k = w.knowledge;
  core::parallel_for_each_of(territories_largest_first(w), [&](std::size_t t) {
    std::int64_t places = 0;
    for (std::size_t b = 0; b < k.size(); ++b)
      if (k.territory[b] == t)
        places += static_cast<std::int64_t>(k.trainees_per_month[b]);
    for (std::size_t r = terr.worker_offset[t]; r < terr.worker_offset[t + 1] && places > 0; ++r)
      if (workers.employer_kind[r] == EmployerKind::none && workers.unemployment_months[r] == 6) {
        workers.skill[r] =
            std::min(3.0f, workers.skill[r] * static_cast<float>(1.0 + kTrainingSkillGain));
        --places;
      }
  });
}

} // namespace ptcesim::model
