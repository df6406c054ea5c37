#include "synth/vol_surface.hpp"

#include <algorithm>
#include <cmath>

namespace pmrisk::synth {

double series_vol(const universe_member& underlying, double strike, double years) {
  const double atm = underlying.atm_vol;
  const double x = std::log(strike / underlying.price) / (atm * std::sqrt(years));
  const double skew = std::clamp(1 + underlying.skew_slope * x + underlying.skew_curvature * x * x,
                                 min_skew_factor, max_skew_factor);
  return std::round(atm * skew * 1e4) / 1e4;
}

}  // namespace pmrisk::synth
