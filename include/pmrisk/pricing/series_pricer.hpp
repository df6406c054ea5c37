#pragma once
// The pricing entry point both backends call for every series at every scenario. Per-series
// constants are computed once (make_series_terms); what depends on the vol but not on the spot,
// the early-exercise boundary of an American series, once per vol (prepare_vol); then
// price_series_prepared prices each spot. price_series(terms, spot, vol) is the same
// computation in one call.

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/pricing/binomial_tree.hpp"
#include "pmrisk/pricing/bjerksund_stensland.hpp"
#include "pmrisk/pricing/black_scholes.hpp"
#include "pmrisk/pricing/ju_zhong.hpp"
#include "pmrisk/pricing/payoff.hpp"

namespace pmrisk {

/// Per-series constants hoisted out of the scenario loop (discount factors, sqrt T, log K, ...).
struct series_terms {
  instrument_kind kind = instrument_kind::stock;
  exercise_style style = exercise_style::european;
  american_model american = american_model::ju_zhong_1999;
  int tree_steps = 0;  ///< as tree_step_count() will use them
  double strike = 0;
  double years = 0;      ///< time to expiry, ACT/365
  double rate = 0;       ///< continuously compounded
  double div_yield = 0;  ///< continuous
  black_scholes_terms european;
  ju_zhong_terms ju_zhong;                        ///< set for American series under ju_zhong_1999
  bjerksund_stensland_terms bjerksund_stensland;  ///< set for American series under BS2002
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
  // choice visible to the compiler, so a caller that pins it can drop the other pricers.
  if (is_option(kind) && years > 0) {
    t.european = make_black_scholes_terms(strike, years, rate, div_yield);
    if (style == exercise_style::american) {
      if (t.american == american_model::ju_zhong_1999) {
        t.ju_zhong = make_ju_zhong_terms(kind, years, rate, div_yield);
      } else if (t.american == american_model::bjerksund_stensland_2002) {
        t.bjerksund_stensland =
            make_bjerksund_stensland_terms(kind, strike, years, rate, div_yield);
      }
    }
  }
  return t;
}

/// What price_series needs that depends on the vol but not on the spot: the vol, and for an
/// American series under ju_zhong_1999 its early-exercise boundary.
struct vol_terms {
  double vol = 0;  ///< annualised
  ju_zhong_boundary ju_zhong;
};

/// The vol terms of a series at this annualised vol: the critical-price solve of Ju-Zhong,
/// nothing for the other pricers.
PMRISK_HD_INLINE vol_terms prepare_vol(const series_terms& terms, double vol) {
  vol_terms v;
  v.vol = vol;
  if (is_option(terms.kind) && terms.years > 0 && terms.style == exercise_style::american &&
      terms.american == american_model::ju_zhong_1999) {
    v.ju_zhong = make_ju_zhong_boundary(terms.ju_zhong, terms.european, terms.strike, vol);
  }
  return v;
}

/// Theoretical value per unit of underlying at this spot, with the vol terms of prepare_vol.
/// stock -> spot; years <= 0 -> intrinsic value; european -> BSM; american -> the model.
PMRISK_HD_INLINE double price_series_prepared(const series_terms& terms, const vol_terms& prepared,
                                              double spot) {
  const double vol = prepared.vol;
  if (terms.kind == instrument_kind::stock) return spot;
  if (terms.years <= 0) return intrinsic_value(terms.kind, spot, terms.strike);
  if (terms.style == exercise_style::european) {
    return black_scholes_value(terms.european, terms.kind, spot, vol);
  }
  if (terms.american == american_model::binomial_tree) {
    return leisen_reimer_value(terms.kind, exercise_style::american, spot, terms.strike,
                               terms.years, terms.rate, terms.div_yield, vol, terms.tree_steps);
  }
  if (terms.american == american_model::bjerksund_stensland_2002) {
    return bjerksund_stensland_value(terms.bjerksund_stensland, terms.european, terms.kind,
                                     terms.strike, spot, vol);
  }
  return ju_zhong_value(terms.ju_zhong, prepared.ju_zhong, terms.european, terms.kind, terms.strike,
                        spot, vol);
}

/// Theoretical value per unit of underlying at this spot and annualised vol: prepare_vol then
/// price_series_prepared, so the two paths give the same bits.
PMRISK_HD_INLINE double price_series(const series_terms& terms, double spot, double vol) {
  return price_series_prepared(terms, prepare_vol(terms, vol), spot);
}

}  // namespace pmrisk
