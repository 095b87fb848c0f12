// Per-sector and per-form defaults. Orders of magnitude for France; each line says where the
// figure comes from or why it was chosen, so that a reader can disagree with a precise number.
#include "sim/scenario/scenario.hpp"

namespace ptcesim::scenario {

SectorConfig default_sector_config(Sector sector) {
  SectorConfig c;
  switch (sector) {
  case Sector::high_tech_industry:
    c.firm_share = 0.02;             // pharma, electronics, aerospace: ~2% of employer firms
    c.household_budget_share = 0.04; // electronics, medicines (INSEE consumption accounts)
    c.local_purchase_share = 0.05;   // bought from national or global suppliers
    c.productivity_eur_per_worker_month = 11000.0; // ~2x the French mean value added per job
    c.wage_eur_month = 6000.0;                     // labour share of value added ~0.55
    c.materials_energy_share = 0.35;
    c.emissions_kg_per_eur = 0.10;
    c.export_share = 0.70; // mostly sold outside the territory
    c.external_ownership_share = 0.50;
    c.mobile_share = 0.30; // the firms location incentives try to attract
    c.land_m2_per_job = 60.0;
    break;
  case Sector::traditional_industry:
    c.firm_share = 0.07;             // manufacturing ~9% of employer firms, less high tech
    c.household_budget_share = 0.12; // clothing, furniture, vehicles, household goods
    c.local_purchase_share = 0.15;
    c.productivity_eur_per_worker_month = 6500.0;
    c.wage_eur_month = 4000.0; // labour share ~0.62
    c.materials_energy_share = 0.45;
    c.emissions_kg_per_eur = 0.35; // energy-intensive processes
    c.export_share = 0.50;
    c.external_ownership_share = 0.35;
    c.mobile_share = 0.20;
    c.land_m2_per_job = 150.0; // plants and storage on industrial zones
    break;
  case Sector::local_services:
    c.firm_share = 0.49;             // services to persons and firms: the bulk of employer firms
    c.household_budget_share = 0.40; // housing services, health, restaurants, leisure, repairs
    c.local_purchase_share = 0.70;   // mostly non-tradable
    c.productivity_eur_per_worker_month = 4400.0;
    c.wage_eur_month = 3100.0; // labour share ~0.70
    c.materials_energy_share = 0.15;
    c.emissions_kg_per_eur = 0.08;
    c.export_share = 0.05;
    c.external_ownership_share = 0.10;
    c.mobile_share = 0.0;     // serve a local clientele, cannot move
    c.land_m2_per_job = 25.0; // offices
    break;
  case Sector::agri_food:
    c.firm_share = 0.06;             // employer farms and food industry
    c.household_budget_share = 0.14; // food and drinks ~14% of household consumption (INSEE)
    c.local_purchase_share = 0.25;   // short supply chains are a minority of food purchases
    c.productivity_eur_per_worker_month = 5500.0;
    c.wage_eur_month = 3300.0; // labour share ~0.60
    c.materials_energy_share = 0.50;
    c.emissions_kg_per_eur = 0.60; // agriculture ~19% of French emissions for ~2% of GDP
    c.export_share = 0.30;
    c.external_ownership_share = 0.20;
    c.mobile_share = 0.05;
    c.land_m2_per_job = 200.0; // food plants; farmland is not artificialised land
    break;
  case Sector::construction:
    c.firm_share = 0.14;             // ~14% of employer firms (INSEE)
    c.household_budget_share = 0.04; // maintenance and renovation of dwellings
    c.local_purchase_share = 0.80;   // work done on site by nearby firms
    c.productivity_eur_per_worker_month = 5000.0;
    c.wage_eur_month = 3400.0; // labour share ~0.68
    c.materials_energy_share = 0.40;
    c.emissions_kg_per_eur = 0.30; // cement, steel
    c.export_share = 0.05;
    c.external_ownership_share = 0.10;
    c.mobile_share = 0.0;
    c.land_m2_per_job = 80.0; // yards and depots
    break;
  case Sector::retail:
    c.firm_share = 0.22;             // trade ~22% of employer firms (INSEE)
    c.household_budget_share = 0.15; // distribution margins on goods bought by households
    c.local_purchase_share = 0.85;   // shops are visited near home
    c.productivity_eur_per_worker_month = 4300.0;
    c.wage_eur_month = 2900.0; // labour share ~0.67
    c.materials_energy_share = 0.20;
    c.emissions_kg_per_eur = 0.10;
    c.export_share = 0.02;
    c.external_ownership_share = 0.30; // chains (Civic Economics: chains recirculate 13.6%)
    c.mobile_share = 0.0;
    c.land_m2_per_job = 50.0; // shops and car parks
    break;
  }
  return c;
}

SseFormConfig default_sse_form_config(SseForm form) {
  SseFormConfig c;
  switch (form) {
  case SseForm::association:
    c.share = 0.80;       // associations: ~80% of SSE employer establishments
    c.sales_share = 0.35; // associations' resources: ~1/3 sales, ~1/2 public money
    c.subsidy_share = 0.45;
    c.donation_share = 0.10;
    c.volunteer_ratio = 3.0; // ~20M volunteers for ~1.8M association employees (upper bound)
    c.insertion_share = 0.0;
    break;
  case SseForm::worker_cooperative:
    c.share = 0.10;       // SCOPs and other cooperatives
    c.sales_share = 0.90; // market firms owned by their workers
    c.subsidy_share = 0.05;
    c.donation_share = 0.0;
    c.volunteer_ratio = 0.0;
    c.insertion_share = 0.0;
    break;
  case SseForm::scic:
    c.share = 0.04;       // ~1,300 SCICs, growing
    c.sales_share = 0.70; // multi-stakeholder cooperatives, local authorities often members
    c.subsidy_share = 0.20;
    c.donation_share = 0.03;
    c.volunteer_ratio = 0.3;
    c.insertion_share = 0.0;
    break;
  case SseForm::work_integration:
    c.share = 0.06;       // ~4,000 insertion structures (SIAE)
    c.sales_share = 0.45; // sales plus State aid per insertion job
    c.subsidy_share = 0.50;
    c.donation_share = 0.02;
    c.volunteer_ratio = 0.2;
    c.insertion_share = 0.70; // most jobs are insertion contracts, the rest supervisors
    break;
  }
  return c;
}

std::array<SectorConfig, kSectorCount> default_sectors() {
  std::array<SectorConfig, kSectorCount> sectors;
  for (std::size_t i = 0; i < kSectorCount; ++i)
    sectors[i] = default_sector_config(static_cast<Sector>(i));
  return sectors;
}

std::array<SseFormConfig, kSseFormCount> default_sse_forms() {
  std::array<SseFormConfig, kSseFormCount> forms;
  for (std::size_t i = 0; i < kSseFormCount; ++i)
    forms[i] = default_sse_form_config(static_cast<SseForm>(i));
  return forms;
}

} // namespace ptcesim::scenario
