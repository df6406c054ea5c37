// Per-unit requirement arithmetic of the Reg-T strategies (docs/regt.md).

#include "regt/rules.hpp"

#include <algorithm>

namespace pmrisk::regt {

double out_of_the_money(const holding& option, double spot) {
  const double per_unit = option.is_call() ? option.strike - spot : spot - option.strike;
  return std::max(per_unit, 0.0) * option.multiplier;
}

double in_the_money(const holding& option, double spot) {
  const double per_unit = option.is_call() ? spot - option.strike : option.strike - spot;
  return std::max(per_unit, 0.0) * option.multiplier;
}

double single_requirement(const holding& h, const underlying_terms& terms) {
  if (h.is_stock())
    return (h.is_long ? terms.long_stock_rate : terms.short_stock_rate) * terms.spot;
  return h.is_long ? contract_premium(h) : naked_requirement(h, terms);
}

double naked_requirement(const holding& short_option, const underlying_terms& terms) {
  const double underlying_value = terms.spot * short_option.multiplier;
  const double floor_base =
      short_option.is_call() ? underlying_value : short_option.strike * short_option.multiplier;
  const double margin = std::max(
      terms.naked.underlying_rate * underlying_value - out_of_the_money(short_option, terms.spot),
      terms.naked.floor_rate * floor_base);
  return contract_premium(short_option) + margin;
}

double covered_call_requirement(const holding& short_call, const underlying_terms& terms) {
  // Loan value (1 - rate) on min(S, K): rate x S + (1 - rate) x (S - K)+ per share.
  return terms.long_stock_rate * terms.spot * short_call.multiplier +
         (1 - terms.long_stock_rate) * in_the_money(short_call, terms.spot);
}

double covered_put_requirement(const holding& short_put, const underlying_terms& terms) {
  return terms.short_stock_rate * terms.spot * short_put.multiplier;
}

bool is_spread(const holding& long_leg, const holding& short_leg) {
  return long_leg.is_long && !short_leg.is_long && !long_leg.is_stock() &&
         long_leg.kind == short_leg.kind && long_leg.multiplier == short_leg.multiplier &&
         long_leg.years >= short_leg.years;
}

double spread_short_requirement(const holding& long_leg, const holding& short_leg,
                                const underlying_terms& terms) {
  const double width =
      long_leg.is_call() ? long_leg.strike - short_leg.strike : short_leg.strike - long_leg.strike;
  const double max_loss = std::max(width, 0.0) * short_leg.multiplier;
  return std::min(naked_requirement(short_leg, terms), max_loss);
}

double spread_requirement(const holding& long_leg, const holding& short_leg,
                          const underlying_terms& terms) {
  return contract_premium(long_leg) + spread_short_requirement(long_leg, short_leg, terms);
}

double straddle_requirement(const holding& short_call, const holding& short_put,
                            const underlying_terms& terms) {
  const double call = naked_requirement(short_call, terms);
  const double put = naked_requirement(short_put, terms);
  return call >= put ? call + contract_premium(short_put) : put + contract_premium(short_call);
}

double long_butterfly_requirement(const holding& low, const holding& high) {
  return contract_premium(low) + contract_premium(high);
}

double iron_condor_requirement(const holding& long_put, const holding& short_put,
                               const holding& short_call, const holding& long_call,
                               const underlying_terms& terms) {
  return contract_premium(long_put) + contract_premium(long_call) +
         std::max(spread_short_requirement(long_put, short_put, terms),
                  spread_short_requirement(long_call, short_call, terms));
}

}  // namespace pmrisk::regt
