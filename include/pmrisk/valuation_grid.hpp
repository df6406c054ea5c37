#pragma once
// The deterministic valuation grid: for each underlying, the spot moves and implied-vol shifts
// its series are revalued at, each with the weight and category of the rule it tests
// (docs/house.md, docs/span.md).

#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"

namespace pmrisk {

/// What a valuation point tests; reported as the rule that set a requirement.
enum class point_category : std::uint8_t {
  grid = 0,                 ///< the regulatory price grid (and its configured vol shifts)
  vol = 1,                  ///< a house implied-vol shift at a grid price
  extreme = 2,              ///< an extreme move, P&L x its weight (house or SPAN 15-16)
  concentration_large = 3,  ///< house concentration stress, riskiest class groups
  concentration_small = 4,  ///< house concentration stress, the others
};

/// Per underlying u, valuation point j < point_count[u] sits at [u * stride + j].
/// Points [0, scan_point_count[u]) enter the worst-point search (grid, vol, extreme); the
/// concentration points after them are valued but folded separately.
/// A securities underlying's points, in this order (docs/house.md):
/// 1. the regulatory grid, from the largest down move to the largest up move; with configured
///    vol shifts, each price point repeats once per shift (price-major);
/// 2. house implied-vol shifts of its asset class: every grid price at +shift, then every grid
///    price at -shift (shift-major, so a series' vol changes twice, not at every point);
/// 3. house extreme moves: -multiple x down, then +multiple x up;
/// 4. house concentration: the large range's points, then the small range's (not scanned).
/// A SPAN class's underlying has exactly the 16 scenarios of span_scenario_points.
struct valuation_grid {
  int stride = 0;
  std::vector<int> point_count;   ///< per underlying
  std::vector<double> spot_move;  ///< relative: -0.15 is spot x 0.85
  std::vector<double> vol_shift;  ///< relative: +0.15 is vol x 1.15
  std::vector<double> weight;     ///< multiplies a class group's P&L at the point: 1, or an extreme
                                  ///< move's weight
  std::vector<point_category> category;
  std::vector<int> scan_point_count;  ///< per underlying
  std::vector<double> horizon_years;  ///< per underlying, taken off every series' expiry
  /// "-15%", "-15% vol+15%", "-30% extreme x0.35", "conc -30%", "scan 3: +1/3 vol+1"
  std::vector<std::string> labels;

  const std::string& label(std::int32_t underlying, int point) const {
    return labels[static_cast<std::size_t>(underlying) * stride + point];
  }
};

/// One valuation point of an underlying's grid.
struct valuation_point {
  double spot_move = 0;  ///< relative: -0.15 is spot x 0.85
  double vol_shift = 0;  ///< relative: +0.15 is vol x 1.15
  double weight = 1;     ///< multiplies the class group's P&L at the point
  point_category category = point_category::grid;
  std::string label;
};

/// The equidistant points of one asset class: -down ... -down/n, +up/n ... +up (n = points/2).
std::vector<double> tims_spot_moves(const asset_class_config& cls);

/// Whether the underlying's asset class is margined by SPAN (listed in config.span.classes).
bool is_span_class(const underlying& u, const engine_config& config);

/// CME SPAN's 16 risk scenarios, in CME's order (methodology.md section 4): price unchanged,
/// then +/-1/3, +/-2/3 and +/-1 of the price scan range, each with the vol scan range up and
/// down (weight 1, category grid); then +/-extreme_multiple x the price scan range at the
/// unshifted vol (weight extreme_weight, category extreme).
std::vector<valuation_point> span_scenario_points(const span_class_config& cls);

/// Every underlying's points: its SPAN scenarios, or its asset class's regulatory grid followed
/// by the house points config.house switches on. Throws input_error when a house rule names an
/// asset class the config lacks, or would move a price to zero or below.
valuation_grid build_tims_grid(const market_data& market, const engine_config& config);

}  // namespace pmrisk
