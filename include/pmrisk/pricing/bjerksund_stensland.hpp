#pragma once
// Bjerksund-Stensland approximation of American options, selected by pricing_model american =
// bjerksund_stensland_2002 (the default is Ju-Zhong, ju_zhong.hpp). Bjerksund and Stensland,
// "Closed form valuation of American options", NHH discussion paper (2002), and "Closed-form
// approximation of American options", Scandinavian Journal of Management 9 (1993); formulas
// as in Haug, "The Complete Guide to Option Pricing Formulas" (2007), sections 3.1.3-3.1.4.
//
// Each formula is the exact value of one exercise policy for the call: exercise when S first
// reaches a flat boundary I over [0, T] (1993), or I2 over [0, t1] and I1 over [t1, T] with
// t1 = (sqrt 5 - 1) T / 2 (2002). Every policy's value is a lower bound on the American value,
// so the pricer takes the best of the 2002 policy, the 1993 policy, never exercising early
// (European) and exercising now (intrinsic). The 2002 policy is the best in most of the
// domain; at high vol and long expiry its boundary is too low and the others win (see
// docs/pricing.md for the measured errors).
//
// A put is the call of the put-call transformation P(S, X, T, r, b, vol) =
// C(X, S, T, r - b, -b, vol), b = r - q the cost of carry. The value is homogeneous of
// degree one in (S, X), so the formulas run per unit of strike, in logs: C(S, X) =
// X c(ln(S / X)), every power an exponential of a sum of logs.

#include <cmath>

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/math/normal.hpp"
#include "pmrisk/math/unroll.hpp"
#include "pmrisk/pricing/black_scholes.hpp"
#include "pmrisk/pricing/payoff.hpp"

namespace pmrisk {

/// What the approximation needs that depends on neither spot nor vol, for the call it prices
/// (for a put, the transformed call).
struct bjerksund_stensland_terms {
  double years = 0;       ///< T
  double sqrt_years = 0;  ///< sqrt(T)
  double first_step = 0;  ///< t1 = (sqrt 5 - 1) T / 2, where the boundary steps from I2 to I1
  double sqrt_first_step = 0;
  double rate = 0;            ///< r of the priced call: r for a call, q for a put
  double carry = 0;           ///< b of the priced call: r - q for a call, q - r for a put
  double expiry_trigger = 1;  ///< B0 / X = max(1, r / (r - b)): the boundary at expiry
  double log_strike = 0;
  /// b < r: early exercise can pay. Otherwise the American option is worth the European.
  bool early_exercise = false;
};

PMRISK_HD_INLINE bjerksund_stensland_terms make_bjerksund_stensland_terms(instrument_kind kind,
                                                                          double strike,
                                                                          double years, double rate,
                                                                          double div_yield) {
  constexpr double golden_fraction = 0.61803398874989484820;  // (sqrt 5 - 1) / 2
  bjerksund_stensland_terms t;
  t.years = years;
  t.sqrt_years = std::sqrt(years);
  t.first_step = golden_fraction * years;
  t.sqrt_first_step = std::sqrt(t.first_step);
  const bool put = kind == instrument_kind::put;
  t.rate = put ? div_yield : rate;
  t.carry = put ? div_yield - rate : rate - div_yield;
  t.early_exercise = t.carry < t.rate;
  if (t.early_exercise && t.rate > 0) t.expiry_trigger = t.rate / (t.rate - t.carry);
  if (t.expiry_trigger < 1) t.expiry_trigger = 1;
  t.log_strike = std::log(strike);
  return t;
}

namespace detail {

/// BVND(h, k, +-rho0) - Phi(-h) Phi(-k), the correlation part of the upper-orthant bivariate
/// normal probability, at the one correlation BS2002 uses: rho0 = sqrt(t1 / T) =
/// sqrt((sqrt 5 - 1) / 2). It is Genz's integral over asin(rho) (see normal.hpp) with the
/// 12-point Gauss-Legendre rule; for this fixed rho0 the nodes are constants:
///   exponent = slope * h k - curvature * (h^2 + k^2) / 2,
///   slope = s / (1 - s^2), curvature = 1 / (1 - s^2), s = sin(asin(rho0) (1 +- x_i) / 2),
///   weight = w_i asin(rho0) / (4 pi).
/// Measured absolute error <= 1.3e-15 on [-8, 8]^2 against a long-double quadrature (the
/// 20-point rule reaches 6e-17 at 5/3 of the cost). rho_sign is +1 for +rho0, -1 for -rho0.
PMRISK_HD_INLINE double bs2002_bivariate_excess(double h, double k, double rho_sign) {
  constexpr double slope[12] = {2.0020449833294635,    1.7871018729443876,   1.4800564618877196,
                                1.1595815364515609,    0.87380300994358024,  0.63890773272564601,
                                0.0083402110939279729, 0.043433737129691321, 0.10501353089986473,
                                0.19218310103488935,   0.30640981708562434,  0.45262599250763816};
  constexpr double curvature[12] = {2.563536797654617,  2.3557298036840756, 2.0622314586435631,
                                    1.7627863396787925, 1.5067431152913143, 1.3112971656160433,
                                    1.000069554283293,  1.0018829440427829, 1.0109088389057845,
                                    1.0356625283920712, 1.0864187718742006, 1.1744407231873862};
  constexpr double weight[6] = {0.0033957915995802681, 0.0076977440479577931, 0.011522814355548895,
                                0.014624468924227641,  0.01680734160844977,   0.017934189982274175};
  const double hk = rho_sign * h * k;
  const double hs = 0.5 * (h * h + k * k);
  double sum = 0;
  PMRISK_UNROLL
  for (int i = 0; i < 12; ++i) sum += weight[i % 6] * std::exp(slope[i] * hk - curvature[i] * hs);
  return rho_sign * sum;
}

/// One power gamma of S in Haug's phi and psi: drift mu, discount rate lambda and reflection
/// power kappa.
struct bs_power {
  double gamma = 0;
  double mu = 0;      ///< b + (gamma - 1/2) vol^2
  double lambda = 0;  ///< -r + gamma b + gamma (gamma - 1) vol^2 / 2
  double kappa = 0;   ///< 2 b / vol^2 + 2 gamma - 1
};

PMRISK_HD_INLINE bs_power make_bs_power(double gamma, double lambda, double carry,
                                        double variance) {
  return {gamma, carry + (gamma - 0.5) * variance, lambda, 2 * carry / variance + 2 * gamma - 1};
}

/// coef x phi(S, t, gamma, H, I) of Haug (3.1.3), in logs: s = ln(S/X), barrier = ln(I/X),
/// ln(coef) = log_coef; cdf_a, cdf_b are Phi(-d) and Phi(-d - 2 ln(I/S) / (vol sqrt t)).
/// Each term is one exponential of a sum, so large powers cannot overflow separately.
PMRISK_HD_INLINE double bs_phi(double s, double t, double barrier, const bs_power& p,
                               double log_coef, double cdf_a, double cdf_b) {
  const double base = log_coef + p.lambda * t + p.gamma * s;
  return std::exp(base) * cdf_a - std::exp(base + p.kappa * (barrier - s)) * cdf_b;
}

/// coef x phi(S, t, gamma, H, I) computing its own Phi values; h = ln(H/X), sd = vol sqrt t.
PMRISK_HD_INLINE double bs_phi(double s, double t, double sd, double barrier, double h,
                               const bs_power& p, double log_coef) {
  const double drift = p.mu * t;
  return bs_phi(s, t, barrier, p, log_coef, norm_cdf(-(s - h + drift) / sd),
                norm_cdf(-(2 * barrier - s - h + drift) / sd));
}

/// The two-step boundary's state: log moneyness, log boundaries, times and vol scales.
struct bs2002_state {
  double s = 0;    ///< ln(S / X)
  double i1 = 0;   ///< ln(I1 / X), the boundary over [t1, T]
  double i2 = 0;   ///< ln(I2 / X), the boundary over [0, t1]
  double t1 = 0;   ///< first step
  double t = 0;    ///< T
  double sd1 = 0;  ///< vol sqrt(t1)
  double sd = 0;   ///< vol sqrt(T)
};

/// The first-step arguments e1..e4 of psi for one power, with their Phi(-e), and the Phi pair
/// of phi(S, t1, gamma, I2, I2). phi(S, t1, gamma, I1, I2) takes Phi(-e1), Phi(-e2).
struct bs2002_first_step {
  double e[4] = {0, 0, 0, 0};
  double cdf_neg_e[4] = {0, 0, 0, 0};
  double cdf_neg_g[2] = {0, 0};
};

PMRISK_HD_INLINE bs2002_first_step make_bs2002_first_step(const bs2002_state& st,
                                                          const bs_power& p) {
  bs2002_first_step f;
  const double drift = p.mu * st.t1;
  f.e[0] = (st.s - st.i1 + drift) / st.sd1;
  f.e[1] = (2 * st.i2 - st.s - st.i1 + drift) / st.sd1;
  f.e[2] = (st.s - st.i1 - drift) / st.sd1;
  f.e[3] = (2 * st.i2 - st.s - st.i1 - drift) / st.sd1;
  PMRISK_UNROLL
  for (int j = 0; j < 4; ++j) f.cdf_neg_e[j] = norm_cdf(-f.e[j]);
  f.cdf_neg_g[0] = norm_cdf(-(st.s - st.i2 + drift) / st.sd1);
  f.cdf_neg_g[1] = norm_cdf(-(st.i2 - st.s + drift) / st.sd1);
  return f;
}

/// coef x psi(S, T, gamma, H, I2, I1, t1) of Haug (3.1.4), h = ln(H / X).
PMRISK_HD_INLINE double bs2002_psi(const bs2002_state& st, const bs_power& p,
                                   const bs2002_first_step& first, double log_coef, double h) {
  const double drift = p.mu * st.t;
  const double f[4] = {(st.s - h + drift) / st.sd, (2 * st.i2 - st.s - h + drift) / st.sd,
                       (2 * st.i1 - st.s - h + drift) / st.sd,
                       (st.s + 2 * st.i1 - h - 2 * st.i2 + drift) / st.sd};
  // M(-e_j, -f_j, +-rho0) = BVND(e_j, f_j, +-rho0); the last two at -rho0.
  double m[4];
  PMRISK_UNROLL
  for (int j = 0; j < 4; ++j) {
    m[j] = first.cdf_neg_e[j] * norm_cdf(-f[j]) +
           bs2002_bivariate_excess(first.e[j], f[j], j < 2 ? 1.0 : -1.0);
  }
  const double base = log_coef + p.lambda * st.t + p.gamma * st.s;
  return std::exp(base) * m[0] - std::exp(base + p.kappa * (st.i2 - st.s)) * m[1] -
         std::exp(base + p.kappa * (st.i1 - st.s)) * m[2] +
         std::exp(base + p.kappa * (st.i1 - st.i2)) * m[3];
}

/// Boundary I / X - 1 = B0 + (B_inf - B0)(1 - e^h) - 1 for the exponent h, without
/// cancellation when I is close to X.
PMRISK_HD_INLINE double bs_boundary_excess(double b0, double spread, double h) {
  return spread > 0 ? (b0 - 1) - spread * std::expm1(h) : b0 - 1;
}

}  // namespace detail

/// Values per unit of strike, C(S, X) / X, of the American call under the two exercise
/// policies of Bjerksund and Stensland, exactly as their formulas give them (no floor).
struct bjerksund_stensland_unit_values {
  double two_step = 0;  ///< 2002: boundary I2 over [0, t1], I1 over [t1, T] (Haug 3.1.4)
  double flat = 0;      ///< 1993: one flat boundary over [0, T] (Haug 3.1.3)
};

/// Both policies' values at log_moneyness = ln(S / X). Requires t.early_exercise, years > 0
/// and vol > 0. Each is the exact value of a feasible exercise policy, so each is a lower
/// bound on the American value.
PMRISK_HD_INLINE bjerksund_stensland_unit_values bjerksund_stensland_unit_calls(
    const bjerksund_stensland_terms& t, double log_moneyness, double vol) {
  using detail::bs_phi;
  const double r = t.rate;
  const double b = t.carry;
  const double variance = vol * vol;

  // beta, the larger root of vol^2/2 x^2 + (b - vol^2/2) x - r = 0, written as 1 + delta with
  // delta the larger root of vol^2/2 d^2 + (vol^2/2 + b) d - (r - b) = 0, in the form that
  // avoids cancellation; beta / (beta - 1) then stays accurate when q is tiny.
  const double half_b = 0.5 * variance + b;
  const double root = std::sqrt(half_b * half_b + 2 * variance * (r - b));
  const double delta = half_b > 0 ? 2 * (r - b) / (half_b + root) : (root - half_b) / variance;
  const double beta = 1 + delta;
  const double b0 = t.expiry_trigger;
  const double spread = beta / delta - b0;  // B_inf / X - B0 / X

  detail::bs2002_state st;
  st.s = log_moneyness;
  st.t1 = t.first_step;
  st.t = t.years;
  st.sd1 = vol * t.sqrt_first_step;
  st.sd = vol * t.sqrt_years;

  // lambda(beta) = 0 exactly: beta is a root of the quadratic that defines it.
  const detail::bs_power pb = detail::make_bs_power(beta, 0.0, b, variance);
  const detail::bs_power p1 = detail::make_bs_power(1.0, b - r, b, variance);
  const detail::bs_power p0 = detail::make_bs_power(0.0, -r, b, variance);
  const double s = st.s;
  bjerksund_stensland_unit_values out;

  // 1993: I = B0 + (B_inf - B0)(1 - e^h), h = -(b T + 2 vol sqrt T) B0 / (B_inf - B0).
  const double flat_excess =
      detail::bs_boundary_excess(b0, spread, -(b * st.t + 2 * st.sd) * b0 / spread);
  const double flat_boundary = std::log1p(flat_excess);
  if (s >= flat_boundary) {
    out.flat = std::expm1(s);  // exercise now
  } else {
    // alpha = (I - X) I^-beta, kept as a log.
    const double log_alpha = std::log(flat_excess) - beta * flat_boundary;
    const double i = flat_boundary;
    out.flat = std::exp(log_alpha + beta * s) - bs_phi(s, st.t, st.sd, i, i, pb, log_alpha) +
               bs_phi(s, st.t, st.sd, i, i, p1, 0) - bs_phi(s, st.t, st.sd, i, 0, p1, 0) -
               bs_phi(s, st.t, st.sd, i, i, p0, 0) + bs_phi(s, st.t, st.sd, i, 0, p0, 0);
  }

  // 2002: I_k = B0 + (B_inf - B0)(1 - e^h_k), h_k = -(b t_k + 2 vol sqrt t_k) / ((B_inf - B0) B0).
  const double scale = -1 / (spread * b0);
  const double excess2 = detail::bs_boundary_excess(b0, spread, (b * st.t + 2 * st.sd) * scale);
  st.i2 = std::log1p(excess2);
  if (s >= st.i2) {
    out.two_step = std::expm1(s);
    return out;
  }
  const double excess1 = detail::bs_boundary_excess(b0, spread, (b * st.t1 + 2 * st.sd1) * scale);
  st.i1 = std::log1p(excess1);
  const double log_alpha1 = std::log(excess1) - beta * st.i1;
  const double log_alpha2 = std::log(excess2) - beta * st.i2;
  const detail::bs2002_first_step fb = detail::make_bs2002_first_step(st, pb);
  const detail::bs2002_first_step f1 = detail::make_bs2002_first_step(st, p1);
  const detail::bs2002_first_step f0 = detail::make_bs2002_first_step(st, p0);

  using detail::bs2002_psi;
  const double t1 = st.t1;
  const double i2 = st.i2;
  double c = std::exp(log_alpha2 + beta * s);
  c -= bs_phi(s, t1, i2, pb, log_alpha2, fb.cdf_neg_g[0], fb.cdf_neg_g[1]);
  c += bs_phi(s, t1, i2, pb, log_alpha1, fb.cdf_neg_e[0], fb.cdf_neg_e[1]);
  c -= bs2002_psi(st, pb, fb, log_alpha1, st.i1);
  c += bs_phi(s, t1, i2, p1, 0, f1.cdf_neg_g[0], f1.cdf_neg_g[1]);
  c -= bs_phi(s, t1, i2, p1, 0, f1.cdf_neg_e[0], f1.cdf_neg_e[1]);
  c += bs2002_psi(st, p1, f1, 0, st.i1);
  c -= bs2002_psi(st, p1, f1, 0, 0);
  c -= bs_phi(s, t1, i2, p0, 0, f0.cdf_neg_g[0], f0.cdf_neg_g[1]);
  c += bs_phi(s, t1, i2, p0, 0, f0.cdf_neg_e[0], f0.cdf_neg_e[1]);
  c -= bs2002_psi(st, p0, f0, 0, st.i1);
  c += bs2002_psi(st, p0, f0, 0, 0);
  out.two_step = c;
  return out;
}

/// American value from hoisted terms; years > 0: the best of the 2002 and 1993 policies,
/// the European value and the intrinsic value. A non-finite policy value (overflow of the
/// formulas' powers at extreme inputs, e.g. vol near 0 with a large rate) drops out of the
/// maximum. Zero total vol gives zero_vol_value.
PMRISK_HD_INLINE double bjerksund_stensland_value(const bjerksund_stensland_terms& t,
                                                  const black_scholes_terms& european_terms,
                                                  instrument_kind kind, double strike, double spot,
                                                  double vol) {
  const double european = black_scholes_value(european_terms, kind, spot, vol);
  if (!t.early_exercise) return european;
  if (vol * t.sqrt_years <= 0) {
    // rate and carry are those of the priced call; map back to the option's own r and q.
    const double rate = kind == instrument_kind::put ? t.rate - t.carry : t.rate;
    const double div_yield = kind == instrument_kind::put ? t.rate : t.rate - t.carry;
    return zero_vol_value(kind, exercise_style::american, spot, strike, t.years, rate, div_yield);
  }
  const double log_spot = std::log(spot);
  const bool put = kind == instrument_kind::put;
  const bjerksund_stensland_unit_values unit = bjerksund_stensland_unit_calls(
      t, put ? t.log_strike - log_spot : log_spot - t.log_strike, vol);
  const double scale = put ? spot : strike;  // the transformed call's strike
  const double intrinsic = intrinsic_value(kind, spot, strike);
  double best = european > intrinsic ? european : intrinsic;
  const double two_step = scale * unit.two_step;
  const double flat = scale * unit.flat;
  if (std::isfinite(two_step) && two_step > best) best = two_step;
  if (std::isfinite(flat) && flat > best) best = flat;
  return best;
}

/// American call or put by Bjerksund-Stensland (as bjerksund_stensland_value): spot S,
/// strike K, T years, rate r, dividend yield q, annualised vol. A stock is worth its spot; T <= 0
/// gives intrinsic value.
PMRISK_HD_INLINE double bjerksund_stensland_price(instrument_kind kind, double spot, double strike,
                                                  double years, double rate, double div_yield,
                                                  double vol) {
  if (!is_option(kind) || years <= 0) return intrinsic_value(kind, spot, strike);
  return bjerksund_stensland_value(
      make_bjerksund_stensland_terms(kind, strike, years, rate, div_yield),
      make_black_scholes_terms(strike, years, rate, div_yield), kind, strike, spot, vol);
}

}  // namespace pmrisk
