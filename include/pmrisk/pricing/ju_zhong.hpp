#pragma once
// Ju-Zhong approximation of American options: the production pricer for American series
// (pricing_model american = ju_zhong_1999). N. Ju and R. Zhong, "An approximate formula for
// pricing American options", Journal of Derivatives 7(2) (1999) 31-40; the formula of
// QuantLib's JuQuadraticApproximationEngine. With phi = +1 for a call, -1 for a put:
//
//   V(S) = V_E(S) + h_A (S / S*)^lambda / (1 - chi(S)),  chi = b ln^2(S / S*) + c ln(S / S*)
//
// while phi (S* - S) > 0, and the exercise value phi (S - K) beyond the critical price S*.
// V_E is the European value and h_A = phi (S* - K) - V_E(S*) the early-exercise premium at the
// boundary. S* is Barone-Adesi and Whaley's critical price (J. Finance 42 (1987) 301-320), the
// root of phi (S - K) = V_E(S) + phi (1 - e^{-qT} N(phi d1(S))) S / lambda, found by Newton's
// method as QuantLib's BaroneAdesiWhaleyApproximationEngine::criticalPrice does.
//
// S*, lambda, b and c depend on K, T, r, q and the vol but not on the spot: they are the
// exercise boundary, solved once per vol (make_ju_zhong_boundary), after which each spot costs
// one European value and one exponential (ju_zhong_value).

#include <cmath>

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/math/normal.hpp"
#include "pmrisk/pricing/black_scholes.hpp"
#include "pmrisk/pricing/payoff.hpp"

namespace pmrisk {

/// What the approximation needs that depends on neither spot nor vol.
struct ju_zhong_terms {
  double sign = 1;                      ///< phi: +1 call, -1 put
  double rate = 0;                      ///< r, continuously compounded
  double div_yield = 0;                 ///< q, continuous
  double rate_years = 0;                ///< r T
  double div_years = 0;                 ///< q T
  double rate_discount = 1;             ///< e^{-rT}
  double rate_discount_complement = 0;  ///< h = 1 - e^{-rT}
  double div_discount_complement = 0;   ///< 1 - e^{-qT}
  /// r T / h; 1 at r = 0, its limit. Ju and Zhong's alpha / h is 2 this / (vol^2 T).
  double rate_years_over_h = 1;
  /// A call with q > 0 or r < 0, a put with r > 0. Otherwise the American option is worth
  /// the European one (a put with r <= 0 is, for q >= 0, as pmrisk's inputs are).
  bool early_exercise = false;
};

PMRISK_HD_INLINE ju_zhong_terms make_ju_zhong_terms(instrument_kind kind, double years, double rate,
                                                    double div_yield) {
  ju_zhong_terms t;
  const bool put = kind == instrument_kind::put;
  t.sign = put ? -1.0 : 1.0;
  t.rate = rate;
  t.div_yield = div_yield;
  t.rate_years = rate * years;
  t.div_years = div_yield * years;
  t.rate_discount = std::exp(-t.rate_years);
  // The complements by expm1, not 1 - e^{-x}: full relative accuracy when x is small, and
  // h = 0 exactly at r = 0, where r T / h takes its limit.
  const double h = -std::expm1(-t.rate_years);
  t.rate_discount_complement = h;
  t.div_discount_complement = -std::expm1(-t.div_years);
  if (t.rate_years != 0) t.rate_years_over_h = t.rate_years / h;
  // With r < 0 paying the strike early saves interest, so even a call with q = 0 may be
  // exercised early.
  t.early_exercise = put ? rate > 0 : (div_yield > 0 || rate < 0);
  return t;
}

/// The early-exercise boundary of one vol: S* and the coefficients of the formula.
struct ju_zhong_boundary {
  /// False when the critical-price iteration found no boundary (see make_ju_zhong_boundary):
  /// the value is then max(European, intrinsic).
  bool found = false;
  double critical_spot = 0;      ///< S*
  double log_critical_spot = 0;  ///< ln S*
  double power = 0;              ///< lambda (Barone-Adesi-Whaley's q2 for a call, q1 for a put)
  double premium = 0;            ///< h_A = phi (S* - K) - V_E(S*)
  double quadratic = 0;          ///< b of chi
  double linear = 0;             ///< c of chi
};

namespace detail {

/// The root of x^2 + (n - 1) x - k = 0 with the sign of phi (the larger root for +1, the
/// smaller for -1; k > 0), without cancellation. disc = sqrt((n - 1)^2 + 4 k).
PMRISK_HD_INLINE double ju_zhong_root(double n_minus_1, double k, double disc, double sign) {
  if (sign > 0) return n_minus_1 <= 0 ? 0.5 * (disc - n_minus_1) : 2 * k / (n_minus_1 + disc);
  return n_minus_1 >= 0 ? -0.5 * (n_minus_1 + disc) : -2 * k / (disc - n_minus_1);
}

/// A standard normal probability and its complement, the smaller one computed directly so
/// that neither loses digits to 1 - (something close to 1).
struct normal_pair {
  double below = 0;  ///< N(x)
  double above = 0;  ///< N(-x) = 1 - N(x)
};

PMRISK_HD_INLINE normal_pair make_normal_pair(double x) {
  normal_pair p;
  if (x > 0) {
    p.above = norm_cdf(-x);
    p.below = 1 - p.above;
  } else {
    p.below = norm_cdf(x);
    p.above = 1 - p.below;
  }
  return p;
}

/// The critical-price equation at S: residual, slope, and what the coefficients take.
struct ju_zhong_point {
  normal_pair d1;       ///< N(phi d1), N(-phi d1)
  normal_pair d2;       ///< N(phi d2), N(-phi d2)
  double pdf_d1 = 0;    ///< n(d1)
  double premium = 0;   ///< phi (S - K) - V_E(S)
  double residual = 0;  ///< premium - phi (1 - e^{-qT} N(phi d1)) S / lambda
  double slope = 0;     ///< d residual / dS
};

/// With N(phi d) close to 1 at the boundary, phi (S - K) - V_E(S) is a small difference of
/// large terms; it is written as phi (S (1 - e^{-qT} N(phi d1)) - K (1 - e^{-rT} N(phi d2))),
/// each bracket from the complements: 1 - D N(phi d) = (1 - D) + D N(-phi d).
PMRISK_HD_INLINE ju_zhong_point ju_zhong_point_at(const ju_zhong_terms& t,
                                                  const black_scholes_terms& e, double strike,
                                                  double power, double total_vol, double spot) {
  ju_zhong_point p;
  const double sign = t.sign;
  const double d1 = (std::log(spot) - e.log_forward_strike) / total_vol + 0.5 * total_vol;
  p.d1 = make_normal_pair(sign * d1);
  p.d2 = make_normal_pair(sign * (d1 - total_vol));
  p.pdf_d1 = norm_pdf(d1);
  const double kept = t.div_discount_complement + e.div_discount * p.d1.above;
  const double paid = t.rate_discount_complement + t.rate_discount * p.d2.above;
  p.premium = sign * (spot * kept - strike * paid);
  p.residual = sign * (spot * kept * (1 - 1 / power) - strike * paid);
  p.slope = sign * kept * (1 - 1 / power) + e.div_discount * p.pdf_d1 / (total_vol * power);
  return p;
}

/// expm1(a x) / x, and its limit a at x = 0.
PMRISK_HD_INLINE double expm1_ratio(double a, double x) {
  return x != 0 ? std::expm1(a * x) / x : a;
}

}  // namespace detail

/// Newton's method for S* stops once a step moves S* by at most this x S*, then takes one more
/// step: convergence is quadratic, so that step brings S* to rounding level, and two math
/// libraries (host and device) that cross the tolerance one step apart still agree to the last
/// digits. (QuantLib stops at |residual| <= 1e-6 K; a residual tolerance is no good here: with
/// T or q tiny the residual is tiny everywhere.)
inline constexpr double ju_zhong_critical_tolerance = 1e-9;
/// Newton steps allowed before giving up (2 to 10, 5 on average, over the tested domain).
inline constexpr int ju_zhong_max_iterations = 64;

/// The boundary for this vol; none (found = false) without early exercise or with zero
/// total vol, where ju_zhong_value needs none.
///
/// The seed is Barone-Adesi and Whaley's. The residual is monotone in S with one root on the
/// exercise side of the strike (above K for a call, in (0, K) for a put), so a Newton step that
/// would leave that side is replaced by halving the distance to it. Should the iteration not
/// reach the tolerance within ju_zhong_max_iterations, or meet a non-finite value, no boundary
/// is returned (found = false) and the value falls back to max(European, intrinsic).
PMRISK_HD_INLINE ju_zhong_boundary make_ju_zhong_boundary(const ju_zhong_terms& t,
                                                          const black_scholes_terms& e,
                                                          double strike, double vol) {
  ju_zhong_boundary out;
  const double sign = t.sign;
  const double total_vol = vol * e.sqrt_years;
  if (!t.early_exercise || !(total_vol > 0)) return out;
  const double variance = total_vol * total_vol;                             // vol^2 T
  const double n_minus_1 = 2 * (t.rate_years - t.div_years) / variance - 1;  // beta - 1
  const double k = 2 * t.rate_years_over_h / variance;                       // alpha / h
  const double disc = std::sqrt(n_minus_1 * n_minus_1 + 4 * k);
  const double power = detail::ju_zhong_root(n_minus_1, k, disc, sign);  // lambda

  // Barone-Adesi-Whaley's seed: the perpetual boundary (h = 1) pulled towards the strike,
  // K (1 + expm1((b T + phi 2 vol sqrt T)(1 - p)) / (1 - p)), p the perpetual power.
  const double perpetual_k = 2 * t.rate_years / variance;
  const double perpetual = detail::ju_zhong_root(
      n_minus_1, perpetual_k, std::sqrt(n_minus_1 * n_minus_1 + 4 * perpetual_k), sign);
  const double carry_years = t.rate_years - t.div_years;
  double spot =
      strike * (1 + detail::expm1_ratio(carry_years + sign * 2 * total_vol, 1 - perpetual));
  // Where the carry outweighs the vol the seed falls on the wrong side of the strike: start
  // one standard deviation inside the exercise region instead.
  if (!(sign * (spot - strike) > 0)) spot = strike * std::exp(sign * total_vol);

  detail::ju_zhong_point at = detail::ju_zhong_point_at(t, e, strike, power, total_vol, spot);
  for (int step = 0;; ++step) {
    if (step == ju_zhong_max_iterations || !std::isfinite(at.residual) || !(at.slope != 0)) {
      return out;
    }
    double next = spot - at.residual / at.slope;
    const bool converged = std::fabs(next - spot) <= ju_zhong_critical_tolerance * spot;
    if (!(sign * (next - strike) > 0)) next = 0.5 * (spot + strike);  // crossed the strike
    if (!(next > 0)) next = 0.5 * spot;                               // a put's step below 0
    spot = next;
    at = detail::ju_zhong_point_at(t, e, strike, power, total_vol, spot);
    if (converged) break;  // the step after convergence has been taken
  }
  if (!std::isfinite(at.residual)) return out;

  // Coefficients (Ju and Zhong's b and c, simplified with 2 lambda + beta - 1 = phi disc and
  // written through alpha / h, so that r = 0 takes its limit instead of 0 / 0).
  const double forward = spot * e.div_discount / t.rate_discount;
  // alpha dV_E/dh at S*, from theta: dh/dT = r e^{-rT}.
  const double alpha_dv_dh = forward * at.pdf_d1 / total_vol -
                             sign * forward * at.d1.below * 2 * t.div_years / variance +
                             sign * strike * at.d2.below * 2 * t.rate_years / variance;
  const double premium = at.premium;
  const double k_over_disc = k / disc;
  out.found = true;
  out.critical_spot = spot;
  out.log_critical_spot = std::log(spot);
  out.power = power;
  out.premium = premium;
  out.quadratic = -0.5 * t.rate_discount * k_over_disc * k_over_disc;
  out.linear =
      -sign * t.rate_discount / disc * (alpha_dv_dh / premium + k - k_over_disc * k_over_disc);
  return out;
}

/// American value from hoisted terms and the boundary of this vol; years > 0. Zero total vol
/// gives zero_vol_value; no early exercise (see ju_zhong_terms) the European value (floored at
/// intrinsic against its rounding).
///
/// Two safeguards, both bounds the American value obeys. The value is at least
/// max(European, intrinsic). The premium over the European value is at most what its integral
/// representation (Kim, Review of Financial Studies 3 (1990)) allows: it integrates
/// e^{-rt} (r K - q S_t) for a put, e^{-rt} (q S_t - r K) for a call, over the exercise region
/// only, so it is at most K (1 - e^{-rT}) for a put and S (1 - e^{-qT}) + K max(e^{-rT} - 1, 0)
/// for a call, which is moreover worth at most S. In the tested domain the formula crosses
/// them just inside the boundary (below intrinsic by up to 1.3e-5 of the strike) and where
/// 1 - chi nears or crosses 0, a pole of the approximation: for one- and two-day options at
/// high vol, where the premium itself is about 1e-3 of the strike.
PMRISK_HD_INLINE double ju_zhong_value(const ju_zhong_terms& t, const ju_zhong_boundary& boundary,
                                       const black_scholes_terms& european_terms,
                                       instrument_kind kind, double strike, double spot,
                                       double vol) {
  if (vol * european_terms.sqrt_years <= 0) {
    return zero_vol_value(kind, exercise_style::american, spot, strike, european_terms.years,
                          t.rate, t.div_yield);
  }
  const double log_spot = std::log(spot);
  const double european = black_scholes_log_value(european_terms, kind, spot, log_spot, vol);
  const double intrinsic = intrinsic_value(kind, spot, strike);
  // Comparisons written so that a NaN spot or vol stays NaN.
  double floor = european;
  if (intrinsic > floor) floor = intrinsic;
  if (!t.early_exercise || !boundary.found) return floor;
  if (t.sign * (spot - boundary.critical_spot) >= 0) return intrinsic;  // exercise now
  const double x = log_spot - boundary.log_critical_spot;
  const double chi = x * (boundary.quadratic * x + boundary.linear);
  const double premium = boundary.premium * std::exp(boundary.power * x) / (1 - chi);
  const double h = t.rate_discount_complement;
  double cap = h * strike;
  if (t.sign > 0) {
    cap = t.div_discount_complement * spot + (h < 0 ? -h * strike : 0.0);
    if (spot - european < cap) cap = spot - european;  // a call is worth at most S
  }
  const double value = european + (premium > cap ? cap : premium);
  return floor > value ? floor : value;
}

/// American call or put by Ju-Zhong (as ju_zhong_value): spot S, strike K, T years, rate r,
/// dividend yield q (continuous), annualised vol. A stock is worth its spot; T <= 0 gives
/// intrinsic value.
PMRISK_HD_INLINE double ju_zhong_price(instrument_kind kind, double spot, double strike,
                                       double years, double rate, double div_yield, double vol) {
  if (!is_option(kind) || years <= 0) return intrinsic_value(kind, spot, strike);
  const ju_zhong_terms t = make_ju_zhong_terms(kind, years, rate, div_yield);
  const black_scholes_terms e = make_black_scholes_terms(strike, years, rate, div_yield);
  return ju_zhong_value(t, make_ju_zhong_boundary(t, e, strike, vol), e, kind, strike, spot, vol);
}

}  // namespace pmrisk
