#pragma once
// Black-Scholes-Merton value of European options on an underlying with a continuous dividend
// yield q (Merton 1973; Haug 2007, section 1.1.6 with carry b = r - q).

#include <cmath>

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/math/normal.hpp"
#include "pmrisk/pricing/payoff.hpp"

namespace pmrisk {

/// What a Black-Scholes-Merton value needs that depends on neither spot nor vol.
struct black_scholes_terms {
  double years = 0;               ///< T, ACT/365
  double sqrt_years = 0;          ///< sqrt(T)
  double log_forward_strike = 0;  ///< ln K - (r - q) T, so d1 = (ln S - this) / (vol sqrt T) + ...
  double div_discount = 1;        ///< e^{-qT}
  double discounted_strike = 0;   ///< K e^{-rT}
};

PMRISK_HD_INLINE black_scholes_terms make_black_scholes_terms(double strike, double years,
                                                              double rate, double div_yield) {
  black_scholes_terms t;
  t.years = years;
  t.sqrt_years = std::sqrt(years);
  t.log_forward_strike = std::log(strike) - (rate - div_yield) * years;
  t.div_discount = std::exp(-div_yield * years);
  t.discounted_strike = strike * std::exp(-rate * years);
  return t;
}

/// European value at this spot (and its log, log_spot = ln S) and annualised vol; years > 0.
/// With zero total volatility the value is the discounted forward payoff. For callers that
/// need ln S themselves.
PMRISK_HD_INLINE double black_scholes_log_value(const black_scholes_terms& t, instrument_kind kind,
                                                double spot, double log_spot, double vol) {
  const double discounted_forward = spot * t.div_discount;
  const double total_vol = vol * t.sqrt_years;
  const double sign = kind == instrument_kind::put ? -1.0 : 1.0;
  if (total_vol <= 0) {
    const double v = sign * (discounted_forward - t.discounted_strike);
    return v > 0 ? v : 0;
  }
  const double d1 = (log_spot - t.log_forward_strike) / total_vol + 0.5 * total_vol;
  const double d2 = d1 - total_vol;
  // Phi(sign d) rather than 1 - Phi(-sign d): no cancellation for deep out-of-the-money puts.
  return sign *
         (discounted_forward * norm_cdf(sign * d1) - t.discounted_strike * norm_cdf(sign * d2));
}

/// European value at this spot and annualised vol; years > 0 (see black_scholes_log_value).
PMRISK_HD_INLINE double black_scholes_value(const black_scholes_terms& t, instrument_kind kind,
                                            double spot, double vol) {
  return black_scholes_log_value(t, kind, spot, std::log(spot), vol);
}

/// European call or put value: spot S, strike K, T years, rate r and dividend yield q
/// (continuous), annualised vol. A stock is worth its spot; T <= 0 gives intrinsic value.
PMRISK_HD_INLINE double black_scholes_price(instrument_kind kind, double spot, double strike,
                                            double years, double rate, double div_yield,
                                            double vol) {
  if (!is_option(kind) || years <= 0) return intrinsic_value(kind, spot, strike);
  return black_scholes_value(make_black_scholes_terms(strike, years, rate, div_yield), kind, spot,
                             vol);
}

/// Value and sensitivities of a European option, per unit of underlying.
struct black_scholes_greeks {
  double value = 0;
  double delta = 0;  ///< dV/dS
  double gamma = 0;  ///< d2V/dS2
  double vega = 0;   ///< dV/dvol, per 1.00 of vol (divide by 100 for one vol point)
  double theta = 0;  ///< dV/dt as calendar time passes, per year (divide by 365 for a day)
  double rho = 0;    ///< dV/dr, per 1.00 of rate (divide by 100 for one percentage point)
};

/// Closed-form Greeks (Haug 2007, section 2.1); requires years > 0 and vol > 0.
PMRISK_HD_INLINE black_scholes_greeks black_scholes_sensitivities(instrument_kind kind, double spot,
                                                                  double strike, double years,
                                                                  double rate, double div_yield,
                                                                  double vol) {
  const black_scholes_terms t = make_black_scholes_terms(strike, years, rate, div_yield);
  const double sign = kind == instrument_kind::put ? -1.0 : 1.0;
  const double total_vol = vol * t.sqrt_years;
  const double d1 = (std::log(spot) - t.log_forward_strike) / total_vol + 0.5 * total_vol;
  const double d2 = d1 - total_vol;
  const double discounted_forward = spot * t.div_discount;
  const double n1 = norm_cdf(sign * d1);
  const double n2 = norm_cdf(sign * d2);
  const double density = norm_pdf(d1);

  black_scholes_greeks g;
  g.value = sign * (discounted_forward * n1 - t.discounted_strike * n2);
  g.delta = sign * t.div_discount * n1;
  g.gamma = t.div_discount * density / (spot * total_vol);
  g.vega = discounted_forward * density * t.sqrt_years;
  g.theta = -discounted_forward * density * vol / (2 * t.sqrt_years) +
            sign * (div_yield * discounted_forward * n1 - rate * t.discounted_strike * n2);
  g.rho = sign * years * t.discounted_strike * n2;
  return g;
}

}  // namespace pmrisk
