#pragma once
// Black-76: European options on a futures price F (Black 1976; Hull, Options, Futures and
// Other Derivatives, "Black's model"):
//   call = e^{-rT} (F N(d1) - K N(d2)),  put = e^{-rT} (K N(-d2) - F N(-d1)),
//   d1 = (ln(F / K) + vol^2 T / 2) / (vol sqrt T),  d2 = d1 - vol sqrt T.
// A future costs nothing to carry, so this is Black-Scholes-Merton with the dividend yield set
// to the rate (cost of carry b = r - q = 0): F e^{-qT} = F e^{-rT}. The engine prices options
// on futures exactly that way, through the same series pricer as every other option, so the
// American pricers need no futures variant.

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/pricing/black_scholes.hpp"

namespace pmrisk {

/// The continuous yield a series is priced with: the rate for an option on a future (zero cost
/// of carry), the underlying's dividend yield for everything else.
PMRISK_HD_INLINE double carry_div_yield(instrument_kind kind, double rate, double div_yield) {
  return kind == instrument_kind::future_call || kind == instrument_kind::future_put ? rate
                                                                                     : div_yield;
}

/// Black-76 value of a European call or put (future_call / future_put, or call / put) on a
/// futures price F: strike K, T years (ACT/365), rate r (continuous), annualised vol. T <= 0
/// gives the intrinsic value max(F - K, 0) or max(K - F, 0).
PMRISK_HD_INLINE double black76_price(instrument_kind kind, double futures_price, double strike,
                                      double years, double rate, double vol) {
  return black_scholes_price(pricing_kind(kind), futures_price, strike, years, rate, rate, vol);
}

}  // namespace pmrisk
