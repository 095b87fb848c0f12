#pragma once
// The standard normal law's CDF and quantile, for truncated-normal factors.

namespace ptcesim::sweep {

/// Φ(x), the standard normal CDF.
[[nodiscard]] double normal_cdf(double x) noexcept;

/// Φ^{-1}(p) for p in (0, 1), relative error below 1e-15 (Acklam's rational approximation
/// refined by one Halley step); -inf at 0, +inf at 1.
[[nodiscard]] double normal_quantile(double p) noexcept;

} // namespace ptcesim::sweep
