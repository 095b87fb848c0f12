// Sobol' points against the Joe–Kuo reference (new-joe-kuo-6.21201, unscrambled, Gray-code
// order, as listed by the reference generator and scipy.stats.qmc.Sobol), and the normal
// quantile against tabulated values.
#include "sim/sweep/normal.hpp"
#include "sim/sweep/sobol.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <stdexcept>

using namespace ptcesim::sweep;

TEST_CASE("the first Sobol' points match the published values", "[sweep][sobol]") {
  SobolSequence seq(kSobolMaxDimensions);
  std::vector<std::vector<double>> points;
  for (int i = 0; i < 1023; ++i)
    points.push_back(seq.next());
  const auto column = [&](std::size_t dim, std::size_t count) {
    std::vector<double> c;
    for (std::size_t i = 0; i < count; ++i)
      c.push_back(points[i][dim - 1]);
    return c;
  };
  CHECK(column(1, 8) == std::vector<double>{0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875});
  CHECK(column(2, 8) == std::vector<double>{0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625, 0.3125});
  CHECK(column(3, 8) == std::vector<double>{0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375});
  CHECK(column(21, 8) == std::vector<double>{0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875, 0.1875});
  CHECK(column(22, 8) == std::vector<double>{0.5, 0.75, 0.25, 0.125, 0.625, 0.875, 0.375, 0.6875});
  CHECK(column(256, 8) == std::vector<double>{0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.4375});
  // Deep points exercise the recurrence beyond the initial direction numbers (index 1000, 1001
  // and 1023 of the reference, which counts the zero point as index 0).
  const auto at = [&](std::size_t index, std::size_t dim) { return points[index - 1][dim - 1]; };
  CHECK(at(1000, 5) == 0.2802734375);
  CHECK(at(1001, 5) == 0.7802734375);
  CHECK(at(1023, 5) == 0.1865234375);
  CHECK(at(1000, 21) == 0.5224609375);
  CHECK(at(1023, 21) == 0.8662109375);
  CHECK(at(1000, 100) == 0.1865234375);
  CHECK(at(1023, 100) == 0.5302734375);
  CHECK(at(1000, 256) == 0.2490234375);
  CHECK(at(1023, 256) == 0.8427734375);
}

TEST_CASE("2^m Sobol' points (zero included) put one point in each cell of width 2^-m",
          "[sweep][sobol]") {
  SobolSequence seq(40);
  // The skipped zero point fills cell 0; the next 2^m - 1 points fill the others.
  std::vector<std::set<long>> cells(40, std::set<long>{0});
  for (int i = 0; i < 255; ++i) {
    const auto p = seq.next();
    for (std::size_t d = 0; d < p.size(); ++d) {
      REQUIRE(p[d] >= 0.0);
      REQUIRE(p[d] < 1.0);
      cells[d].insert(static_cast<long>(std::floor(p[d] * 256)));
    }
  }
  for (const auto& c : cells)
    CHECK(c.size() == 256);
}

TEST_CASE("Sobol' dimensions outside the embedded table are refused", "[sweep][sobol]") {
  CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
  CHECK_THROWS_AS(SobolSequence(kSobolMaxDimensions + 1), std::invalid_argument);
}

TEST_CASE("the normal quantile inverts the CDF to machine precision", "[sweep][normal]") {
  // Reference values: scipy.stats.norm.ppf.
  CHECK(normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-13));
  CHECK(normal_quantile(0.01) == Approx(-2.3263478740408408).epsilon(1e-13));
  CHECK(normal_quantile(0.3) == Approx(-0.5244005127080409).epsilon(1e-13));
  CHECK(normal_quantile(0.5) == Approx(0.0).margin(1e-15));
  CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-13));
  CHECK(normal_quantile(0.999999) == Approx(4.753424308817087).epsilon(1e-9));
  CHECK(std::isinf(normal_quantile(0.0)));
  CHECK(std::isinf(normal_quantile(1.0)));
  for (double x = -5; x <= 5; x += 0.25)
    CHECK(normal_quantile(normal_cdf(x)) == Approx(x).margin(1e-9));
}
