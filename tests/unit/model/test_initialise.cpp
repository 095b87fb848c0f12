// Initialisation of synthetic worlds: territory sizes under synthetic_max_population.
#include "sim/model/initialise.hpp"
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

using namespace ptcesim;

namespace {

std::vector<std::int64_t> synthetic_populations(std::int64_t cap) {
  const std::string text = "[run]\nname = \"cap\"\nburn_in_months = 0\nhorizon_months = 1\n"
                           "[world]\nmode = \"synthetic\"\nsynthetic_territories = 40\n"
                           "synthetic_population = 2000000\nsynthetic_min_population = 5000\n"
                           "synthetic_size_pareto_alpha = 1.1\n"
                           "synthetic_max_population = " +
                           std::to_string(cap) + "\n";
  const auto scenario = scenario::load_scenario_text(text, "cap.toml");
  return model::initialise_world(scenario, 7).territories.population;
}

std::int64_t total(const std::vector<std::int64_t>& p) {
  return std::accumulate(p.begin(), p.end(), std::int64_t{0});
}

} // namespace

TEST_CASE("synthetic_max_population caps territories and keeps the total population",
          "[model][initialise]") {
  const auto free = synthetic_populations(0);
  REQUIRE(free.size() == 40);
  const std::int64_t largest = *std::max_element(free.begin(), free.end());
  // The Pareto(1.1) draw of this seed has a territory well above the caps tried below.
  REQUIRE(largest > 150000);
  // Truncation to whole inhabitants loses less than one per territory.
  CHECK(total(free) > 2000000 - 40);
  CHECK(total(free) <= 2000000);

  SECTION("a cap above the largest draw changes nothing") {
    CHECK(synthetic_populations(largest + 1) == free);
  }
  SECTION("a binding cap: nobody above it, the excess shared in proportion to the draws") {
    for (const std::int64_t cap :
         {std::int64_t{150000}, std::int64_t{100000}, std::int64_t{60000}}) {
      const auto capped = synthetic_populations(cap);
      REQUIRE(capped.size() == free.size());
      CHECK(*std::max_element(capped.begin(), capped.end()) == cap);
      CHECK(total(capped) > 2000000 - 40);
      CHECK(total(capped) <= 2000000);
      for (std::size_t i = 0; i < free.size(); ++i) {
        CHECK(capped[i] >= 5000);
        // The uncapped territories grow (they take the excess); the order of sizes is kept.
        if (capped[i] < cap)
          CHECK(capped[i] >= free[i]);
        for (std::size_t j = 0; j < free.size(); ++j)
          if (free[i] < free[j])
            CHECK(capped[i] <= capped[j]);
      }
    }
  }
  SECTION("a cap of exactly population / territories makes every territory equal") {
    const auto even = synthetic_populations(50000);
    CHECK(std::all_of(even.begin(), even.end(), [](std::int64_t p) { return p == 50000; }));
  }
}
