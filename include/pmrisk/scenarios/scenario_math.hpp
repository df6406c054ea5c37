#pragma once
// Per-scenario math shared by the CPU and CUDA scenario generators: a scenario's standard
// normal draws in, its (log-return, spot move, vol shift) per underlying out. Both backends
// evaluate these functions in the same order with no fused multiply-adds, so a scenario is a
// pure function of (seed, scenario index, model). Formulas: docs/scenarios.md.

#include <cmath>
#include <cstdint>

#include "pmrisk/hd.hpp"

namespace pmrisk::scenarios {

/// cuRAND's Philox generator returns the offset-addressed stream (element o is what a call
/// right after curandSetGeneratorOffset(o) returns first) only for the first 2^18 - (o mod 4)
/// normals of a call; beyond that it follows its own launch layout (measured, cuRAND 10 / CUDA
/// 13). Every call therefore sets its offset (always even here) and asks for at most 2^18 - 4.
inline constexpr std::int64_t max_normals_per_call = (std::int64_t{1} << 18) - 4;

/// Where each kind of draw sits in a scenario's block of `per_scenario` (D) stream elements.
/// Scenario s reads elements [b * D, (b + 1) * D) of the stream, b = draw_block(s).
struct draw_layout {
  std::int64_t common = 0;        ///< correlated drivers: one per factor (or per underlying)
  std::int64_t idio = 0;          ///< idiosyncratic normals: one per underlying, or none
  std::int64_t vol = 0;           ///< vol-move normals: one per underlying
  std::int64_t mixing = 0;        ///< normals whose squares sum to the chi-square: nu, or none
  std::int64_t per_scenario = 0;  ///< D: the sum, rounded up to even (cuRAND makes pairs)

  PMRISK_HD_INLINE std::int64_t idio_begin() const { return common; }
  PMRISK_HD_INLINE std::int64_t vol_begin() const { return common + idio; }
  PMRISK_HD_INLINE std::int64_t mixing_begin() const { return common + idio + vol; }
};

PMRISK_HD_INLINE draw_layout make_draw_layout(std::int64_t underlyings, std::int64_t factors,
                                              bool has_idio, std::int64_t mixing_normals) {
  draw_layout layout;
  layout.common = factors;
  layout.idio = has_idio ? underlyings : 0;
  layout.vol = underlyings;
  layout.mixing = mixing_normals;
  const std::int64_t used = layout.common + layout.idio + layout.vol + layout.mixing;
  layout.per_scenario = used + (used & 1);
  return layout;
}

/// With antithetic variates, scenarios 2k and 2k+1 share draw block k, and 2k+1 negates it.
PMRISK_HD_INLINE std::uint64_t draw_block(std::uint64_t scenario, bool antithetic) {
  return antithetic ? scenario / 2 : scenario;
}
PMRISK_HD_INLINE double antithetic_sign(std::uint64_t scenario, bool antithetic) {
  return antithetic && (scenario & 1) != 0 ? -1.0 : 1.0;
}

/// A correlation_factor as the kernels see it (plain pointers to host or device memory).
struct correlation_view {
  std::int64_t underlyings = 0;
  std::int64_t factors = 0;
  bool triangular = false;
  const double* loading = nullptr;
  const double* idio = nullptr;  ///< null: no idiosyncratic term

  PMRISK_HD_INLINE std::int64_t row_begin(std::int64_t u) const {
    return triangular ? u * (u + 1) / 2 : u * factors;
  }
  PMRISK_HD_INLINE std::int64_t row_length(std::int64_t u) const {
    return triangular ? u + 1 : factors;
  }
};

/// The Gaussian shock of underlying u: sum_k loading_uk * common_k in ascending k from +0.0
/// (each product rounded, then each sum), then + idio_u * eps. Draw k is common[k * stride].
/// The CPU generator's vectorised loop performs exactly these operations in this order.
PMRISK_HD_INLINE double correlated_normal(const correlation_view& c, std::int64_t u,
                                          const double* common, std::int64_t stride, double eps) {
  const double* row = c.loading + c.row_begin(u);
  const std::int64_t length = c.row_length(u);
  double z = 0.0;
  for (std::int64_t k = 0; k < length; ++k) z += row[k] * common[k * stride];
  if (c.idio != nullptr) z += c.idio[u] * eps;
  return z;
}

/// Student-t mixing: sqrt((nu - 2) / chi2) with chi2 the sum of the squares of the nu mixing
/// normals (ascending). z * scale then has a Student-t law with nu degrees of freedom scaled to
/// unit variance.
PMRISK_HD_INLINE double student_t_scale(const double* mixing, std::int64_t stride, int nu) {
  double chi2 = 0.0;
  for (int i = 0; i < nu; ++i) {
    const double m = mixing[i * stride];
    chi2 += m * m;
  }
  return std::sqrt(static_cast<double>(nu - 2) / chi2);
}

/// The implied-vol move's coefficients, the same for every underlying.
struct vol_parameters {
  double shock_scale = 0;  ///< eta sqrt(h): eta the annualised vol of log vol
  double drift = 0;        ///< -eta^2 h / 2, so E[1 + vol_shift] = 1 under the normal law
  double spot_weight = 0;  ///< rho_sv
  double own_weight = 1;   ///< sqrt(1 - rho_sv^2)
};

/// One underlying's move in one scenario, in the TIMS grid's relative convention.
struct underlying_move {
  double log_return = 0;  ///< r = ln(S_h / S_0)
  double spot_move = 0;   ///< exp(r) - 1
  double vol_shift = 0;   ///< vol_h / vol_0 - 1
};

/// From the Gaussian shock (correlated_normal), the mixing scale (student_t_scale, or 1), the
/// antithetic sign and the vol normal w to the move:
///   z = sign (gaussian * mixing),  r = shock_scale z + return_drift,
///   x = rho_sv z + sqrt(1 - rho_sv^2) (sign w),  vol_shift = exp(eta sqrt(h) x - eta^2 h / 2) - 1.
PMRISK_HD_INLINE underlying_move scenario_move(double gaussian, double mixing, double sign,
                                               double w, double shock_scale, double return_drift,
                                               const vol_parameters& vol) {
  const double z = sign * (gaussian * mixing);
  const double r = shock_scale * z + return_drift;
  const double x = vol.spot_weight * z + vol.own_weight * (sign * w);
  underlying_move move;
  move.log_return = r;
  move.spot_move = std::expm1(r);
  move.vol_shift = std::expm1(vol.shock_scale * x + vol.drift);
  return move;
}

}  // namespace pmrisk::scenarios
