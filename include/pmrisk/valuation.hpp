#pragma once
// The valuation math both backends share: a series' P&L per unit at one valuation point, and a
// class group's P&L at one point. Defined once so the CPU and CUDA backends evaluate the same
// expressions in the same order and agree to the last bit where the hardware allows.

#include <cstdint>

#include "pmrisk/hd.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/pricing/series_pricer.hpp"

namespace pmrisk {

/// Time to expiry left at the valuation horizon (years): max(years - horizon, 0).
PMRISK_HD_INLINE double years_at_horizon(double years, double horizon_years) {
  return years > horizon_years ? years - horizon_years : 0.0;
}

/// What a backend prepares once per series before valuing it at its underlying's points.
struct series_valuation {
  series_terms at_horizon;  ///< the series' terms with the horizon taken off its expiry
  vol_terms at_vol;         ///< at_horizon's vol terms at the series' own (unshifted) vol
  double base_value = 0;    ///< theoretical value today at the unmoved point
};

/// The vol at a valuation point: the series' vol moved by a relative shift.
PMRISK_HD_INLINE double shifted_vol(double vol, double vol_shift) {
  return vol * (1.0 + vol_shift);
}

/// Terms at the horizon with their vol terms at the unshifted vol, and the base value every
/// point's P&L is measured against. spot, vol: the underlying's price and the series'
/// annualised vol, unmoved. Without a horizon today's terms are the horizon's, so the base
/// value reuses their vol terms.
PMRISK_HD_INLINE series_valuation prepare_series(instrument_kind kind, exercise_style style,
                                                 double strike, double years, double vol,
                                                 double div_yield, double rate,
                                                 const pricing_model& model, double spot,
                                                 double horizon_years) {
  const double years_left = years_at_horizon(years, horizon_years);
  series_valuation prepared;
  prepared.at_horizon = make_series_terms(kind, style, strike, years_left, rate, div_yield, model);
  prepared.at_vol = prepare_vol(prepared.at_horizon, vol);
  if (years_left == years) {
    prepared.base_value = price_series_prepared(prepared.at_horizon, prepared.at_vol, spot);
  } else {
    prepared.base_value = price_series(
        make_series_terms(kind, style, strike, years, rate, div_yield, model), spot, vol);
  }
  return prepared;
}

/// P&L per unit of one series at one point whose vol terms the caller has prepared:
/// at_point_vol = prepare_vol(prepared.at_horizon, shifted_vol(vol, vol_shift)). Its value at
/// the horizon with spot moved (relative), less its base value. Stock moves one for one:
/// spot x spot_move, exactly.
PMRISK_HD_INLINE double unit_pnl_prepared(instrument_kind kind, const series_valuation& prepared,
                                          const vol_terms& at_point_vol, double spot,
                                          double spot_move) {
  if (kind == instrument_kind::stock) return spot * spot_move;
  return price_series_prepared(prepared.at_horizon, at_point_vol, spot * (1.0 + spot_move)) -
         prepared.base_value;
}

/// P&L per unit of one series at one point: its value at the horizon with spot and vol moved
/// (both relative), less its base value. The vol terms prepared with the series serve every
/// point at its unshifted vol; a shifted point prepares its own. Either way the value is
/// price_series(prepared.at_horizon, spot x (1 + spot_move), shifted_vol(vol, vol_shift)), bit
/// for bit.
PMRISK_HD_INLINE double unit_pnl(instrument_kind kind, const series_valuation& prepared,
                                 double spot, double vol, double spot_move, double vol_shift) {
  if (kind == instrument_kind::stock) return spot * spot_move;
  const double point_vol = shifted_vol(vol, vol_shift);
  if (point_vol == prepared.at_vol.vol) {
    return unit_pnl_prepared(kind, prepared, prepared.at_vol, spot, spot_move);
  }
  return unit_pnl_prepared(kind, prepared, prepare_vol(prepared.at_horizon, point_vol), spot,
                           spot_move);
}

/// A class group's P&L at one point: units x P&L per unit over its positions [begin, end),
/// summed in position order (the order fixes the rounding, so every backend matches).
/// series_pnl is series-major: series s at point j sits at [s * stride + j].
PMRISK_HD_INLINE double class_group_pnl(std::int64_t begin, std::int64_t end,
                                        const std::int32_t* position_series,
                                        const double* position_units, const double* series_pnl,
                                        int stride, int point) {
  double pnl = 0.0;
  for (std::int64_t p = begin; p < end; ++p)
    pnl += position_units[p] *
           series_pnl[static_cast<std::int64_t>(position_series[p]) * stride + point];
  return pnl;
}

/// The lowest P&L over points [0, points) of one risk array and the first point attaining it.
struct worst_point_result {
  double pnl = 0;
  std::int32_t point = 0;
};

PMRISK_HD_INLINE worst_point_result find_worst_point(const double* risk_array, int points) {
  worst_point_result worst{risk_array[0], 0};
  for (int j = 1; j < points; ++j)
    if (risk_array[j] < worst.pnl) worst = {risk_array[j], j};
  return worst;
}

}  // namespace pmrisk
