#pragma once
// The Reg-T requirement arithmetic of each strategy, per strategy unit (one contract per option
// leg, or one share of stock held alone). Every amount is gross: long premiums paid in full plus
// the margin on shorts and stock, where a short option's margin includes its own premium as the
// Cboe formulas state it. Sources: docs/regt.md.

#include "pmrisk/regt.hpp"
#include "regt/holdings.hpp"

namespace pmrisk::regt {

/// What the rules need to know of the underlying.
struct underlying_terms {
  double spot = 0;
  naked_option_rates naked;
  double long_stock_rate = 0.5;
  double short_stock_rate = 0.5;
};

/// Premium of one contract: value per unit x multiplier.
inline double contract_premium(const holding& option) {
  return option.premium * option.multiplier;
}

/// Out-of-the-money amount of one contract: calls (K - S)+, puts (S - K)+, x multiplier.
double out_of_the_money(const holding& option, double spot);

/// In-the-money amount of one contract: calls (S - K)+, puts (K - S)+, x multiplier.
double in_the_money(const holding& option, double spot);

/// A holding alone: stock per share, an option per contract (long: premium; short: naked).
double single_requirement(const holding& h, const underlying_terms& terms);

/// Uncovered short option per contract (Cboe Rule 10.3(c)(5)(A)): premium + rate x underlying
/// value - out-of-the-money amount, at least premium + floor x (underlying value for calls,
/// strike value for puts).
double naked_requirement(const holding& short_option, const underlying_terms& terms);

/// Covered call per contract: the stock's margin on `multiplier` shares, none on the call. The
/// stock's loan value counts it at no more than the call's strike.
double covered_call_requirement(const holding& short_call, const underlying_terms& terms);

/// Covered put per contract: the short stock's margin on `multiplier` shares, none on the put.
double covered_put_requirement(const holding& short_put, const underlying_terms& terms);

/// Whether a long and a short option form a spread: same kind and multiplier, and the long
/// expires at or after the short.
bool is_spread(const holding& long_leg, const holding& short_leg);

/// Short leg of a spread per contract: the lesser of its naked requirement and the spread's
/// maximum loss, (K_long - K_short)+ for calls and (K_short - K_long)+ for puts, x multiplier.
double spread_short_requirement(const holding& long_leg, const holding& short_leg,
                                const underlying_terms& terms);

/// Spread per contract: the long premium plus spread_short_requirement.
double spread_requirement(const holding& long_leg, const holding& short_leg,
                          const underlying_terms& terms);

/// Short call and short put per contract pair: the greater naked requirement plus the other
/// option's premium.
double straddle_requirement(const holding& short_call, const holding& short_put,
                            const underlying_terms& terms);

/// Long butterfly per unit (1 low, 2 middle, 1 high): the long premiums, none on the shorts.
double long_butterfly_requirement(const holding& low, const holding& high);

/// Short iron condor per unit: the long premiums plus the greater of the two spreads' short-leg
/// requirements, as both spreads cannot lose at once.
double iron_condor_requirement(const holding& long_put, const holding& short_put,
                               const holding& short_call, const holding& long_call,
                               const underlying_terms& terms);

}  // namespace pmrisk::regt
