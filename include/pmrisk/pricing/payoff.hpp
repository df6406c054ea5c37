#pragma once
// Exercise values and the zero-volatility limits every pricer falls back on.

#include <cmath>

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"

namespace pmrisk {

/// Value of exercising now: max(S - K, 0) for a call, max(K - S, 0) for a put; a stock is
/// worth its spot.
PMRISK_HD_INLINE double intrinsic_value(instrument_kind kind, double spot, double strike) {
  switch (kind) {
    case instrument_kind::call:
      return spot > strike ? spot - strike : 0;
    case instrument_kind::put:
      return strike > spot ? strike - spot : 0;
    default:
      return spot;
  }
}

/// Option value when the volatility is zero and the spot's path is certain:
/// S e^{(r - q)t}. A European holder gets the discounted payoff at expiry; an American holder
/// picks the best exercise time in [0, T]. The discounted payoff +-(S e^{-qt} - K e^{-rt}) has
/// at most one stationary point, t* = ln(rK / (qS)) / (r - q), so the best time is 0, T or t*.
PMRISK_HD_INLINE double zero_vol_value(instrument_kind kind, exercise_style style, double spot,
                                       double strike, double years, double rate, double div_yield) {
  const double sign = kind == instrument_kind::put ? -1.0 : 1.0;
  const auto discounted_payoff = [&](double t) {
    const double v = sign * (spot * std::exp(-div_yield * t) - strike * std::exp(-rate * t));
    return v > 0 ? v : 0.0;
  };
  double best = discounted_payoff(years);
  if (style == exercise_style::european) return best;
  const double now = discounted_payoff(0);
  if (now > best) best = now;
  if (rate != div_yield && rate * div_yield > 0) {
    const double t_star = std::log(rate * strike / (div_yield * spot)) / (rate - div_yield);
    if (t_star > 0 && t_star < years) {
      const double at_t_star = discounted_payoff(t_star);
      if (at_t_star > best) best = at_t_star;
    }
  }
  return best;
}

}  // namespace pmrisk
