#pragma once
// The pricing entry point both backends call for every series at every scenario: per-series
// constants are computed once (make_series_terms), then price_series runs in the hot loop.

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/pricing/binomial_tree.hpp"
#include "pmrisk/pricing/bjerksund_stensland.hpp"
#include "pmrisk/pricing/black_scholes.hpp"
#include "pmrisk/pricing/payoff.hpp"

namespace pmrisk {

/// Per-series constants hoisted out of the scenario loop (discount factors, sqrt T, log K, ...).
struct series_terms {
  instrument_kind kind = instrument_kind::stock;
  exercise_style style = exercise_style::european;
  american_model american = american_model::bjerksund_stensland_2002;
  int tree_steps = 0;  ///< as tree_step_count() will use them
  double strike = 0;
  double years = 0;      ///< time to expiry, ACT/365
  double rate = 0;       ///< continuously compounded
  double div_yield = 0;  ///< continuous
  black_scholes_terms european;
  bjerksund_stensland_terms approximation;  ///< set for American series only
};

PMRISK_HD_INLINE series_terms make_series_terms(instrument_kind kind, exercise_style style,
                                                double strike, double years, double rate,
                                                double div_yield, const pricing_model& model) {
  series_terms t;
  t.kind = kind;
  t.style = style;
  t.american = model.american;
  t.tree_steps = tree_step_count(model.tree_steps);
  t.strike = strike;
  t.years = years;
  t.rate = rate;
  t.div_yield = div_yield;
  // Stock and expired options are priced without the model. One return path keeps the model
  // choice visible to the compiler, so a caller that pins it can drop the other pricer.
  if (is_option(kind) && years > 0) {
    t.european = make_black_scholes_terms(strike, years, rate, div_yield);
    if (style == exercise_style::american) {
      t.approximation = make_bjerksund_stensland_terms(kind, strike, years, rate, div_yield);
    }
  }
  return t;
}

/// Theoretical value per unit of underlying at this spot and annualised vol.
/// stock -> spot; years <= 0 -> intrinsic value; european -> BSM; american -> the model.
PMRISK_HD_INLINE double price_series(const series_terms& terms, double spot, double vol) {
  if (terms.kind == instrument_kind::stock) return spot;
  if (terms.years <= 0) return intrinsic_value(terms.kind, spot, terms.strike);
  if (terms.style == exercise_style::european) {
    return black_scholes_value(terms.european, terms.kind, spot, vol);
  }
  if (terms.american == american_model::binomial_tree) {
    return leisen_reimer_value(terms.kind, exercise_style::american, spot, terms.strike,
                               terms.years, terms.rate, terms.div_yield, vol, terms.tree_steps);
  }
  return bjerksund_stensland_value(terms.approximation, terms.european, terms.kind, terms.strike,
                                   spot, vol);
}

}  // namespace pmrisk
