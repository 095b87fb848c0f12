#pragma once

namespace ptcesim::model {

/// Money flows between the simulated territories and the outside world during one tick
/// (EUR). The stock-flow test checks that the total money held by households, producers and
/// authorities changes by exactly inflows − outflows.
struct OutsideFlows {
  // Inflows
  double external_sales = 0.0;        // exports and other external demand
  double state_transfers = 0.0;       // State grants to authorities
  double unemployment_benefits = 0.0; // national unemployment insurance and minimum income
  double insertion_aid = 0.0;         // State aid per insertion job
  double sse_outside_funding = 0.0;   // subsidies from region/State, donations
  double entrant_capital = 0.0;       // capital brought by entrants' founders
  double strategy_envelope = 0.0;     // strategy budget co-funded by region/State
  double exit_write_offs = 0.0;       // negative balances of exiting producers written off
  double immigrant_savings = 0.0;     // savings of households arriving from the rest of the country
  // Outflows
  double imports = 0.0;            // households' non-local purchases
  double materials = 0.0;          // producers' materials and energy
  double external_dividends = 0.0; // profits paid to owners outside
  double exit_payouts = 0.0;       // positive balances of exiting producers paid out
  double emigrant_savings = 0.0;   // savings of households leaving for the rest of the country
  [[nodiscard]] double net_inflow() const noexcept {
    return external_sales + state_transfers + unemployment_benefits + insertion_aid +
           sse_outside_funding + entrant_capital + strategy_envelope + exit_write_offs +
           immigrant_savings - imports - materials - external_dividends - exit_payouts -
           emigrant_savings;
  }
};

} // namespace ptcesim::model
