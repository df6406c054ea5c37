#pragma once
// Implied volatility: the vol at which price_series, with the series' own model, reproduces a
// quoted price. Host only (the loader solves once per quoted series).

#include <cmath>
#include <optional>

#include "pmrisk/instrument.hpp"
#include "pmrisk/pricing/series_pricer.hpp"

namespace pmrisk {

/// The vol range searched, annualised.
inline constexpr double min_implied_vol = 1e-4;
inline constexpr double max_implied_vol = 10;

/// Model-free bounds on an option's value per unit of underlying (Merton 1973), with
/// D_r = e^{-rT}, D_q = e^{-qT}:
///   European call  [max(S D_q - K D_r, 0), S D_q]     American call  [max(S - K, S D_q - K D_r,
///   0), S] European put   [max(K D_r - S D_q, 0), K D_r]     American put   [max(K - S, K D_r - S
///   D_q, 0), K]
/// A stock, or an option at expiry, has one value: lower = upper.
struct price_bounds {
  double lower = 0;
  double upper = 0;
};

inline price_bounds no_arbitrage_bounds(const series_terms& terms, double spot) {
  if (!is_option(terms.kind) || terms.years <= 0) {
    const double value = price_series(terms, spot, 0);
    return {value, value};
  }
  const double forward = spot * terms.european.div_discount;  // S D_q
  const double strike = terms.european.discounted_strike;     // K D_r
  const bool call = terms.kind == instrument_kind::call;
  const bool american = terms.style == exercise_style::american;
  double lower = call ? forward - strike : strike - forward;
  if (american) {
    const double exercise = intrinsic_value(terms.kind, spot, terms.strike);
    if (exercise > lower) lower = exercise;
  }
  if (lower < 0) lower = 0;
  const double upper = call ? (american ? spot : forward) : (american ? terms.strike : strike);
  return {lower, upper};
}

namespace detail {

/// Brent's root finder (Brent, "Algorithms for Minimization without Derivatives", 1973,
/// zeroin) for f on [a, b] with f(a), f(b) of opposite signs; stops when the bracket is
/// narrower than x_tolerance or f is exactly 0.
template <class F>
double brent_root(F&& f, double a, double b, double fa, double fb, double x_tolerance) {
  constexpr double epsilon = 2.220446049250313e-16;
  double c = a;
  double fc = fa;
  double d = b - a;
  double e = d;
  for (int iteration = 0; iteration < 200; ++iteration) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (std::fabs(fc) < std::fabs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const double tolerance = 2 * epsilon * std::fabs(b) + 0.5 * x_tolerance;
    const double half = 0.5 * (c - b);
    if (std::fabs(half) <= tolerance || fb == 0) return b;
    if (std::fabs(e) >= tolerance && std::fabs(fa) > std::fabs(fb)) {
      // Secant or inverse quadratic interpolation, accepted only if it stays well inside.
      const double s = fb / fa;
      double p;
      double q;
      if (a == c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const double qa = fa / fc;
        const double r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = std::fabs(p);
      if (2 * p < std::fmin(3 * half * q - std::fabs(tolerance * q), std::fabs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += std::fabs(d) > tolerance ? d : (half > 0 ? tolerance : -tolerance);
    fb = f(b);
  }
  return b;
}

}  // namespace detail

/// The vol in [min_implied_vol, max_implied_vol] at which price_series(terms, spot, vol)
/// equals price, to 1e-12 in vol. nullopt when the price lies outside no_arbitrage_bounds, when
/// no vol in the range reproduces it (within 1e-12 x max(1, price)), and for a stock or an
/// option at expiry (no vol to solve). Where the value does not depend on vol (an American
/// option deep in the money, at intrinsic value), any vol of the flat part reproduces the price
/// and one of them is returned.
inline std::optional<double> implied_vol(const series_terms& terms, double spot, double price) {
  if (!is_option(terms.kind) || terms.years <= 0 || !std::isfinite(price)) return std::nullopt;
  const double price_tolerance = 1e-12 * (price > 1 ? price : 1);
  const price_bounds bounds = no_arbitrage_bounds(terms, spot);
  if (price < bounds.lower - price_tolerance || price > bounds.upper + price_tolerance) {
    return std::nullopt;
  }
  const auto excess = [&](double vol) { return price_series(terms, spot, vol) - price; };
  const double low = excess(min_implied_vol);
  if (std::fabs(low) <= price_tolerance) return min_implied_vol;
  if (low > 0) return std::nullopt;
  const double high = excess(max_implied_vol);
  if (std::fabs(high) <= price_tolerance) return max_implied_vol;
  if (high < 0) return std::nullopt;
  return detail::brent_root(excess, min_implied_vol, max_implied_vol, low, high, 1e-12);
}

}  // namespace pmrisk
