// Production, pricing and competition (docs/model.md, "Production and competition"):
// market shares move by replicator dynamics (Dosi, Fagiolo & Roventini 2010), producers sell
// within capacity, set prices by a markup on unit cost that adapts to demand (Lengnick 2013;
// Delli Gatti et al. 2011), and pay wages, materials, taxes and dividends.
#include "sim/core/parallel.hpp"
#include "sim/core/rng/distributions.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purposes.hpp"

#include <algorithm>
#include <cmath>

namespace ptcesim::model {

namespace {

constexpr double kMinimumShare = 1e-9;
// Monthly reversion of a customer base toward its normal level: demand shocks last a few years
// (half-life ln 2 / 0.02 ≈ 35 months), so that shocks move firms up and down without turning
// the whole market into a random walk in which every firm's clientele eventually decays.
constexpr double kCustomerBaseReversion = 0.02;
// SSE operating subsidies: half from the local authority, half from region and State
// (stated assumption; French associations' public funding is split across levels).
constexpr double kLocalSubsidyShare = 0.5;
constexpr double kCashBufferMonths = 3.0; // firms' precautionary cash, months of costs
constexpr double kSseReserveMonths = 6.0; // SSE reserves beyond which subsidies are withheld
// Demand within ±5% of planned output leaves the margin unchanged (Lengnick 2013's inventory
// band, with planned output in place of inventories).
constexpr double kPlanBand = 1.05;
// Competitiveness compares full-cost prices: an SSE initiative's price covers only the share of
// its costs that sales must recover (cost_recovery), and the subsidy behind the rest is granted
// for its mission, not to undercut other initiatives. Comparing posted prices handed every SSE
// market to the most subsidised form (associations), which then grew on subsidies that follow
// costs (docs/model.md, "Production and competition").
double competitiveness(const World& w, const Producers& p, std::size_t i) {
  return p.pool_demand_bonus[i] * cost_recovery(w, p, i) / std::max(p.price[i], 1e-9);
}

// Attraction of producer i for customers: its customer base times its competitiveness to the
// price elasticity. Target market shares are attractions normalised within a market: the
// multinomial-logit (CES) demand of differentiated products (Anderson, de Palma & Thisse 1992),
// in which a cheaper producer wins share but does not take the whole market.
double attraction(const World& w, const Producers& p, std::size_t i) {
  return p.customer_base[i] * std::pow(competitiveness(w, p, i), w.scenario.firms.price_elasticity);
}

// Shares move toward their targets at the replicator speed chi (customers switch gradually;
// Dosi, Fagiolo & Roventini 2010), after idiosyncratic shocks to customer bases, then are
// renormalised to sum to one per market. The shocks (customers won or lost for reasons other
// than price: a contract, a reputation, a key client) are mean-one lognormal factors: a Gibrat
// process that keeps sizes heavy-tailed and gives the gross job creation and destruction
// observed within sectors (Davis & Haltiwanger 1992). The earlier replicator on competitiveness
// levels, s' = s(1 + chi(e/ē − 1)), had no interior rest point: with fixed productivity gaps the
// most productive producer of each market took it all, and the firm count fell for ever.
void replicate(const World& w, Producers& p, double chi, std::vector<double>& local_total,
               std::vector<double>& attractions, std::int32_t tick) {
  const double sigma = w.scenario.firms.demand_shock_sigma;
  const double growth_sigma = w.scenario.firms.growth_sigma;
  const std::uint64_t key_base = &p == &w.sse ? std::uint64_t{1} << 40 : 0;
  if (sigma > 0 || growth_sigma > 0)
    core::parallel_for_rows(p.size(), [&](std::size_t i) {
      core::RandomStream rng(w.seed, purpose::kDemandShock, key_base + p.id[i], tick);
      // log b' = log b + θ (log b_normal − log b) + σ ε: persistent shocks around the
      // producer's own normal level, with a half-life of about three years (θ = 0.02).
      const double pull = kCustomerBaseReversion * std::log(p.normal_customer_base[i] /
                                                            std::max(p.customer_base[i], 1e-300));
      p.customer_base[i] *= std::exp(pull + sigma * core::standard_normal(rng));
      // The normal level itself moves by Gibrat's law of proportionate effect (mean-preserving
      // lognormal steps): a firm's lasting size is the product of many independent growth
      // shocks, and with entry at a fraction of the market's mean and exit of the firms that
      // shrink too far, this yields the Zipf tail of firm sizes (Gabaix 1999; Reed 2001).
      // With fixed normal levels, entrants (all born alike) replaced the initial Pareto
      // firms and the tail thinned to a lognormal over the run.
      if (growth_sigma > 0) {
        const double step =
            growth_sigma * core::standard_normal(rng) - 0.5 * growth_sigma * growth_sigma;
        const double factor = std::exp(step);
        p.normal_customer_base[i] *= factor;
        p.customer_base[i] *= factor;
      }
    });
  // Attractions in parallel (a pow each), then their market and sector totals, each in row
  // order (one serial pass per kind of total, the two at once).
  attractions.resize(p.size());
  core::parallel_for_rows(p.size(), [&](std::size_t i) { attractions[i] = attraction(w, p, i); });
  std::array<double, kSectors> external_total{};
  auto add_up = [&](const std::vector<double>& local, const std::vector<double>& external) {
    sum_by_market_and_sector(
        p, [&](std::size_t i) { return local[i]; }, [&](std::size_t i) { return external[i]; },
        local_total, external_total);
  };
  add_up(attractions, attractions);
  core::parallel_for_rows(p.size(), [&](std::size_t i) {
    const double a = attractions[i];
    const double lt = local_total[market_index(p.territory[i], p.sector[i])];
    const double xt = external_total[static_cast<std::size_t>(p.sector[i])];
    if (lt > 0)
      p.local_share[i] += chi * (a / lt - p.local_share[i]);
    if (xt > 0)
      p.external_share[i] += chi * (a / xt - p.external_share[i]);
  });
  add_up(p.local_share, p.external_share);
  core::parallel_for_rows(p.size(), [&](std::size_t i) {
    const double lt = local_total[market_index(p.territory[i], p.sector[i])];
    const double xt = external_total[static_cast<std::size_t>(p.sector[i])];
    p.local_share[i] = lt > 0 ? std::max(kMinimumShare, p.local_share[i] / lt) : 0.0;
    p.external_share[i] = xt > 0 ? std::max(kMinimumShare, p.external_share[i] / xt) : 0.0;
  });
}

} // namespace

void produce_and_compete(World& w, const core::StepContext& ctx) {
  auto& firms = w.firms;
  auto& sse = w.sse;
  const auto& sc = w.scenario;
  const std::size_t n_markets = w.territories.size() * kSectors;

  // 1. Market shares within each segment (firms, SSE). Each segment's share of a market is set
  // at initialisation: subsidised SSE prices are not compared with for-profit prices (buyers
  // choose a kind of provider first; see docs/model.md).
  auto& totals = w.market_scratch_c;
  totals.assign(n_markets, 0.0);
  const double chi = sc.firms.replicator_chi;
  replicate(w, firms, chi, totals, w.attraction_scratch, ctx.tick);
  replicate(w, sse, chi, totals, w.attraction_scratch, ctx.tick);

  // 2. Sales within capacity, costs and profits.
  const auto& env = w.environment;

  const double business_tax = sc.authority.business_tax_rate;
  auto sell = [&](Producers& p, std::size_t i, double volunteer_units, double nonmarket,
                  bool is_sse) {
    const std::size_t m = market_index(p.territory[i], p.sector[i]);
    const auto s = static_cast<std::size_t>(p.sector[i]);
    const double segment = is_sse ? w.sse_segment_share[m] : 1.0 - w.sse_segment_share[m];
    const double x_segment =
        is_sse ? w.sse_external_segment_share[s] : 1.0 - w.sse_external_segment_share[s];
    const double local_eur = p.local_share[i] * segment * w.local_demand[m];
    const double external_eur =
        p.external_share[i] * x_segment * env.external_demand_eur[s] * env.external_multiplier[m];
    const double reserved_eur = nonmarket; // procurement reserved to SSE (0 for firms)
    const double demand_eur = local_eur + external_eur + reserved_eur;
    const double capacity = p.productivity[i] * (p.employees[i] + volunteer_units);
    p.demand_units[i] = demand_eur / p.price[i];
    p.sold_units[i] = std::min(p.demand_units[i], capacity);
    const double served = p.demand_units[i] > 0 ? p.sold_units[i] / p.demand_units[i] : 0.0;
    p.revenue[i] = p.sold_units[i] * p.price[i];
    p.materials[i] = p.sold_units[i] * materials_per_unit(w, p, i) *
                     env.energy_index[p.territory[i]] * (1.0 - p.pool_cost_saving[i]);
    return std::array<double, 3>{served * local_eur, served * external_eur, served * reserved_eur};
  };

  // Materials and energy: the sector's local_input_share is bought from the territory's local
  // services next month (business services, maintenance, transport: local inter-firm linkages);
  // the rest outside the world (added to `outside_materials`).
  auto buy_inputs = [&](const Producers& p, std::size_t i, double& outside_materials) {
    const double local =
        sc.sectors[static_cast<std::size_t>(p.sector[i])].local_input_share * p.materials[i];
    w.local_input_demand[p.territory[i]] += local;
    outside_materials += p.materials[i] - local;
  };

  // Each producer's sales and accounts in parallel (its own row, plus its flows in `flows`),
  // then the market and territory totals added up serially in row order: the same sums, in
  // the same order, as one serial loop, so the bits do not depend on the thread count.
  enum Flow : std::size_t { kServedLocal, kServedExternal, kTax, kPaidOut, kFlowCount };
  auto& flows = w.production_flows;
  std::vector<double>& local_served = w.market_scratch_d;
  local_served.assign(n_markets, 0.0);
  const double payout = sc.firms.dividend_payout;
  flows.resize(kFlowCount * std::max(firms.size(), sse.size()));
  auto record = [&](std::size_t i, double served_local, double served_external, double tax,
                    double paid_out) {
    double* f = flows.data() + kFlowCount * i;
    f[kServedLocal] = served_local;
    f[kServedExternal] = served_external;
    f[kTax] = tax;
    f[kPaidOut] = paid_out;
  };
  // Adds producer i's sales to its market and to exports; returns its recorded flows.
  auto add_sales = [&](const Producers& p, std::size_t i, double& external_sales) {
    const double* f = flows.data() + kFlowCount * i;
    local_served[market_index(p.territory[i], p.sector[i])] += f[kServedLocal];
    external_sales += f[kServedExternal];
    return f;
  };
  // Two serial passes at once, each adding into its own totals; the outside world's totals are
  // carried in locals (the same sums) so that the two threads do not share a cache line.
  auto& outside = w.outside;
  core::parallel_for_rows(firms.size(), [&](std::size_t i) {
    const auto served = sell(firms, i, 0.0, 0.0, false);
    const double value_added = firms.revenue[i] - firms.materials[i];
    // Attracted firms enjoy a business-tax break (reindustrialisation instrument).
    const bool tax_break = firms.subsidy_until_tick[i] > ctx.tick;
    const double tax = tax_break ? 0.0 : business_tax * std::max(0.0, value_added);
    firms.profit[i] = firms.revenue[i] - firms.materials[i] - firms.wage_bill[i] - tax;
    // Dividends: the payout share of profit, plus any cash above a buffer of three months of
    // costs (retained cash that is never spent would leak demand out of the model).
    const double costs = firms.wage_bill[i] + firms.materials[i] + tax;
    firms.cash[i] += firms.profit[i];
    const double dividends = std::min(std::max(0.0, firms.cash[i]),
                                      payout * std::max(0.0, firms.profit[i]) +
                                          std::max(0.0, firms.cash[i] - kCashBufferMonths * costs));
    firms.cash[i] -= dividends;
    record(i, served[0], served[1], tax, dividends);
  });
  core::parallel_invoke(
      [&] {
        double external_sales = outside.external_sales;
        for (std::size_t i = 0; i < firms.size(); ++i) {
          const double* f = add_sales(firms, i, external_sales);
          w.flows.business_tax[firms.territory[i]] += f[kTax];
        }
        outside.external_sales = external_sales;
      },
      [&] {
        double external_dividends = outside.external_dividends;
        double materials = outside.materials;
        for (std::size_t i = 0; i < firms.size(); ++i) {
          const double paid_out = flows[kFlowCount * i + kPaidOut];
          if (firms.external_owned[i])
            external_dividends += paid_out;
          else
            w.pending_local_dividends[firms.territory[i]] += paid_out;
          buy_inputs(firms, i, materials);
        }
        outside.external_dividends = external_dividends;
        outside.materials = materials;
      });
  // SSE initiatives: market sales plus hybrid resources; no dividends (non-lucrative).
  const double volunteer_productivity = sc.sse.volunteer_productivity;
  const double insertion_aid = sc.sse.insertion_aid_eur_month;
  core::parallel_for_rows(sse.size(), [&](std::size_t i) {
    const std::size_t m = market_index(sse.territory[i], sse.sector[i]);
    const double reserved = w.sse_reserved_demand[m] * sse.local_share[i];
    const auto served = sell(sse, i, volunteer_productivity * sse.volunteers[i], reserved, true);
    // Non-market resources follow activity (funding per beneficiary, per hour of care, per
    // insertion job): subsidies and donations cover their shares of this month's costs.
    const auto& form = sc.sse_forms[static_cast<std::size_t>(sse.form[i])];
    const double sse_costs = sse.wage_bill[i] + sse.materials[i];
    // Money resources cover money costs at break-even: sales, subsidies and donations are
    // their shares of the money part of resources (volunteering is the in-kind rest). Funders
    // claw back reserves above six months of costs over a year, so a non-lucrative initiative
    // does not hoard (its surplus would leak demand out of the economy).
    const double money_share =
        std::max(1e-9, form.sales_share + form.subsidy_share + form.donation_share);
    const double excess_reserves = std::max(0.0, sse.cash[i] - kSseReserveMonths * sse_costs);
    const double subsidy = std::max(0.0, form.subsidy_share / money_share * sse_costs *
                                                 env.sse_subsidy_multiplier[sse.territory[i]] -
                                             excess_reserves / 12.0);
    sse.subsidy_eur_month[i] = subsidy;
    sse.donation_eur_month[i] = form.donation_share / money_share * sse_costs;
    const double aid = insertion_aid * sse.insertion_employees[i];
    const double value_added = sse.revenue[i] - sse.materials[i];
    const double tax = business_tax * std::max(0.0, value_added);
    const double resources =
        sse.revenue[i] + subsidy + sse.donation_eur_month[i] + aid + sse.seed_aid_eur_month[i];
    sse.profit[i] = resources - sse.materials[i] - sse.wage_bill[i] - tax;
    sse.cash[i] += sse.profit[i];
    record(i, served[0] + served[2], served[1], tax, aid);
  });
  core::parallel_invoke(
      [&] {
        double external_sales = outside.external_sales;
        double insertion_aid_paid = outside.insertion_aid;
        for (std::size_t i = 0; i < sse.size(); ++i) {
          const double* f = add_sales(sse, i, external_sales);
          insertion_aid_paid += f[kPaidOut];
          w.flows.business_tax[sse.territory[i]] += f[kTax];
        }
        outside.external_sales = external_sales;
        outside.insertion_aid = insertion_aid_paid;
      },
      [&] {
        double sse_outside_funding = outside.sse_outside_funding;
        double materials = outside.materials;
        for (std::size_t i = 0; i < sse.size(); ++i) {
          // Operating subsidies: half from the local authority, half from region and State.
          const double subsidy = sse.subsidy_eur_month[i];
          w.local_sse_subsidies[sse.territory[i]] += kLocalSubsidyShare * subsidy;
          sse_outside_funding += (1.0 - kLocalSubsidyShare) * subsidy + sse.donation_eur_month[i];
          buy_inputs(sse, i, materials);
        }
        outside.sse_outside_funding = sse_outside_funding;
        outside.materials = materials;
      });
  // Local demand that local producers could not serve is bought outside.
  for (std::size_t m = 0; m < n_markets; ++m)
    w.outside.imports += w.local_demand[m] + w.sse_reserved_demand[m] - local_served[m];

  // 3. Prices for the next tick: markup adapts to demand pressure; expectations adapt.
  const double step = sc.firms.markup_adjustment;
  const double weight = sc.firms.demand_expectation_weight;
  // Demand is compared with planned output (the expectation staff was hired for), not with the
  // integer staff's capacity: with whole workers a small producer always has idle capacity, and
  // a rule on capacity made every small producer cut its margin to the floor, run losses and
  // exit, erasing the Zipf tail. The relative band keeps the rule size-neutral (Gibrat).
  const double reversion = sc.firms.markup_reversion;
  auto reprice = [&](Producers& p, std::size_t i, double markup_floor, double markup_cap,
                     double normal_markup) {
    // SSE ids live in their own key range, so a firm and an initiative never share draws.
    const std::uint64_t key = (&p == &w.sse ? std::uint64_t{1} << 40 : 0) + p.id[i];
    core::RandomStream rng(w.seed, purpose::kMarkup, key, ctx.tick);
    const double u = rng.uniform01();
    if (p.demand_units[i] > kPlanBand * p.expected_units[i])
      p.markup[i] += step * u; // demand above plans (customers queue): raise the margin
    else if (p.demand_units[i] < p.expected_units[i] / kPlanBand)
      p.markup[i] -= step * u; // demand short of plans: cut the margin
    // Margins revert toward the market's normal margin (Kalecki's degree of monopoly, a
    // structural trait of the market): without this pull the demand-pressure steps were a
    // random walk reflected at the floor, whose mean rose for ever, and prices stayed up while
    // unit costs fell, so real demand and employment shrank (docs/model.md §7.3).
    p.markup[i] += reversion * (normal_markup - p.markup[i]);
    p.markup[i] = std::clamp(p.markup[i], markup_floor, markup_cap);
    const double unit_labour = labour_cost_per_unit(w, p, i);
    // The pool's saving lowers the cost of materials, energy and equipment bought in common,
    // the same item it lowers in the accounts (sell), not labour.
    const double unit_cost = unit_labour + materials_per_unit(w, p, i) *
                                               env.energy_index[p.territory[i]] *
                                               (1.0 - p.pool_cost_saving[i]);
    p.price[i] = (1.0 + p.markup[i]) * unit_cost * cost_recovery(w, p, i);
    // Associations and work-integration enterprises plan staff on annual funding conventions
    // (subsidies, State conventions for insertion): their expectations adapt at
    // sse.demand_expectation_weight, which smooths their employment through a recession.
    // Cooperatives, closer to the market, adapt like firms (domain brief: in 2009 cooperatives
    // lost jobs, associations gained).
    const bool convention = &p == &w.sse && (w.sse.form[i] == SseForm::association ||
                                             w.sse.form[i] == SseForm::work_integration);
    const double lambda = convention ? sc.sse.demand_expectation_weight : weight;
    p.expected_units[i] += lambda * (p.demand_units[i] - p.expected_units[i]);
  };
  core::parallel_for_rows(firms.size(), [&](std::size_t i) {
    // Price competition: a competing firm accepts a lower margin floor.
    reprice(firms, i, firms.stance[i] == Stance::compete ? 0.0 : 0.02, 1.0,
            sc.firms.initial_markup);
  });
  // SSE margins start at sse.markup (non-lucrative pricing) and move by the same rule, so that
  // a cheap initiative's growth meets a rising price as a firm's does: with a fixed margin the
  // replicator handed each SSE market to its single cheapest initiative. The surplus stays in
  // reserves (no dividends), and funders withhold subsidies from large reserves.
  core::parallel_for_rows(sse.size(),
                          [&](std::size_t i) { reprice(sse, i, 0.0, 1.0, sc.sse.markup); });
}

} // namespace ptcesim::model
