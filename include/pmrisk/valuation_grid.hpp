#pragma once
// The deterministic TIMS valuation grid: for each underlying, the spot moves (and optional
// implied-vol shifts) its series are revalued at.

#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"

namespace pmrisk {

/// Per underlying u, valuation point j < point_count[u] sits at [u * stride + j].
/// Points run from the largest down move to the largest up move; with vol shifts, each price
/// point repeats once per shift (price-major).
struct valuation_grid {
  int stride = 0;
  std::vector<int> point_count;       ///< per underlying
  std::vector<double> spot_move;      ///< relative: -0.15 is spot x 0.85
  std::vector<double> vol_shift;      ///< relative: +0.15 is vol x 1.15
  std::vector<double> horizon_years;  ///< per underlying, taken off every series' expiry
  std::vector<std::string> labels;    ///< "-15%", or "-15% vol+15%" with vol shifts

  const std::string& label(std::int32_t underlying, int point) const {
    return labels[static_cast<std::size_t>(underlying) * stride + point];
  }
};

/// The equidistant points of one asset class: -down ... -down/n, +up/n ... +up (n = points/2).
std::vector<double> tims_spot_moves(const asset_class_config& cls);

valuation_grid build_tims_grid(const market_data& market, const engine_config& config);

}  // namespace pmrisk
