#pragma once
// Implied vol of one listed series: the underlying's at-the-money vol times a skew in
// standardised moneyness, so puts below spot are dearer and the smile flattens with expiry.

#include "synth/universe.hpp"

namespace pmrisk::synth {

/// Bounds of the skew factor, so far wings stay plausible.
inline constexpr double min_skew_factor = 0.5;
inline constexpr double max_skew_factor = 3.0;

/// atm_vol x clamp(1 + slope x + curvature x^2), with x = ln(strike / spot) / (atm_vol sqrt(T))
/// the strike's distance from spot in standard deviations over the option's life; rounded to
/// 4 decimals as the positions file carries it. years > 0.
double series_vol(const universe_member& underlying, double strike, double years);

}  // namespace pmrisk::synth
