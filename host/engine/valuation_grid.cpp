// The valuation grid: per asset class, the regulatory TIMS points and the house points on top,
// or the 16 SPAN scenarios of a futures class; then laid out per underlying.

#include "pmrisk/valuation_grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "pmrisk/error.hpp"

namespace pmrisk {
namespace {

/// The config loader validates these too; here they guard configs built in code.
void check_asset_class(const asset_class_config& cls, const std::string& name = "") {
  const std::string which = name.empty() ? "asset class" : fmt::format("asset class '{}'", name);
  PMRISK_EXPECTS(cls.points >= 2 && cls.points % 2 == 0,
                 fmt::format("{}: points must be even and at least 2, not {}", which, cls.points));
  PMRISK_EXPECTS(std::isfinite(cls.up) && cls.up > 0,
                 fmt::format("{}: up must be a positive fraction", which));
  PMRISK_EXPECTS(std::isfinite(cls.down) && cls.down > 0 && cls.down < 1,
                 fmt::format("{}: down must be a fraction in (0, 1)", which));
  PMRISK_EXPECTS(std::isfinite(cls.horizon_days) && cls.horizon_days >= 0,
                 fmt::format("{}: horizon_days must be non-negative", which));
  for (double shift : cls.vol_shifts)
    PMRISK_EXPECTS(std::isfinite(shift) && shift > -1,
                   fmt::format("{}: vol shifts must exceed -100%", which));
}

/// The SPAN loader validates these too; a scenario must leave price and vol positive.
void check_span_class(const span_class_config& cls) {
  PMRISK_EXPECTS(std::isfinite(cls.price_scan) && cls.price_scan > 0,
                 "SPAN price scan range must be a positive fraction");
  PMRISK_EXPECTS(std::isfinite(cls.vol_scan) && cls.vol_scan >= 0 && cls.vol_scan < 1,
                 "SPAN vol scan range must be a fraction in [0, 1)");
  PMRISK_EXPECTS(std::isfinite(cls.extreme_multiple) && cls.extreme_multiple > 0 &&
                     cls.extreme_multiple * cls.price_scan < 1,
                 "SPAN extreme move must keep the price positive");
  PMRISK_EXPECTS(std::isfinite(cls.extreme_weight) && cls.extreme_weight > 0,
                 "SPAN extreme weight must be positive");
}

/// A percentage with the fewest decimals that still shows the value: 0.064 -> "6.4".
/// Tolerates the last-bit noise of binary fractions (0.12 x 100 is 12.000000000000002).
std::string format_percent(double fraction) {
  const double percent = fraction * 100.0;
  constexpr int max_decimals = 6;
  for (int decimals = 0; decimals < max_decimals; ++decimals) {
    const double scale = std::pow(10.0, decimals);
    if (std::abs(std::round(percent * scale) - percent * scale) < 1e-6)
      return fmt::format("{:+.{}f}%", percent, decimals);
  }
  return fmt::format("{:+.{}f}%", percent, max_decimals);
}

const asset_class_config& asset_class_of(const underlying& u, const engine_config& config) {
  const auto it = config.asset_classes.find(u.asset_class);
  if (it == config.asset_classes.end())
    throw input_error(u.where, fmt::format("underlying '{}': asset class '{}' has no grid in the "
                                           "configuration",
                                           u.symbol, u.asset_class));
  return it->second;
}

/// A house rule naming an asset class the config lacks would silently never apply.
void check_house_classes(const engine_config& config) {
  if (config.house.concentration.enabled)
    for (const std::string& name : config.house.concentration.asset_classes)
      if (!config.asset_classes.contains(name))
        throw input_error({}, fmt::format("house concentration names asset class '{}', which "
                                          "the engine configuration does not define",
                                          name));
  if (!config.house.vol_shifts.enabled) return;
  for (const auto& [name, shift] : config.house.vol_shifts.by_asset_class) {
    if (!config.asset_classes.contains(name))
      throw input_error({}, fmt::format("house vol_shifts names asset class '{}', which the "
                                        "engine configuration does not define",
                                        name));
    PMRISK_EXPECTS(std::isfinite(shift) && shift > 0 && shift < 1,
                   fmt::format("house vol shift of '{}' must be in (0, 1)", name));
  }
}

/// One asset class's points in layout order; the first `scanned` enter the worst-point search.
struct class_points {
  std::vector<valuation_point> points;
  int scanned = 0;
};

void add_regulatory_points(const asset_class_config& cls, std::vector<valuation_point>& points) {
  const std::vector<double> shifts =
      cls.vol_shifts.empty() ? std::vector<double>{0.0} : cls.vol_shifts;
  for (double move : tims_spot_moves(cls)) {
    for (double shift : shifts) {
      const std::string label = cls.vol_shifts.empty()
                                    ? format_percent(move)
                                    : format_percent(move) + " vol" + format_percent(shift);
      points.push_back({move, shift, 1.0, point_category::grid, label});
    }
  }
}

void add_house_vol_points(const asset_class_config& cls, double shift,
                          std::vector<valuation_point>& points) {
  for (double vol_shift : {shift, -shift})
    for (double move : tims_spot_moves(cls))
      points.push_back({move, vol_shift, 1.0, point_category::vol,
                        format_percent(move) + " vol" + format_percent(vol_shift)});
}

void add_house_extreme_points(const asset_class_config& cls,
                              const house_rules::extreme_moves& extreme, const std::string& name,
                              std::vector<valuation_point>& points) {
  const double down = -(extreme.multiple * cls.down);
  const double up = extreme.multiple * cls.up;
  if (!(down > -1))
    throw input_error({}, fmt::format("house extreme move {} x down ({}) of asset class '{}' "
                                      "would take the price to zero or below",
                                      extreme.multiple, format_percent(-cls.down), name));
  const std::string weight = fmt::format(" extreme x{:g}", extreme.weight);
  for (double move : {down, up})
    points.push_back(
        {move, 0.0, extreme.weight, point_category::extreme, format_percent(move) + weight});
}

/// `points` equidistant moves over +/-range, as the regulatory grid spaces its points.
void add_concentration_points(double range, int count, point_category category,
                              std::vector<valuation_point>& points) {
  asset_class_config spacing;
  spacing.up = range;
  spacing.down = range;
  spacing.points = count;
  for (double move : tims_spot_moves(spacing))
    points.push_back({move, 0.0, 1.0, category, "conc " + format_percent(move)});
}

class_points securities_points(const asset_class_config& cls, const std::string& name,
                               const house_rules& house) {
  class_points out;
  add_regulatory_points(cls, out.points);
  if (house.vol_shifts.enabled) {
    const auto listed = house.vol_shifts.by_asset_class.find(name);
    if (listed != house.vol_shifts.by_asset_class.end())
      add_house_vol_points(cls, listed->second, out.points);
  }
  if (house.extreme.enabled) add_house_extreme_points(cls, house.extreme, name, out.points);
  out.scanned = static_cast<int>(out.points.size());
  if (house.concentration.enabled) {
    const house_rules::concentration_stress& conc = house.concentration;
    PMRISK_EXPECTS(conc.points >= 2 && conc.points % 2 == 0,
                   "house concentration points must be even and at least 2");
    add_concentration_points(conc.large_move, conc.points, point_category::concentration_large,
                             out.points);
    add_concentration_points(conc.small_move, conc.points, point_category::concentration_small,
                             out.points);
  }
  return out;
}

/// "+1/3", "-2/3", "+1", "0": k thirds of the scan range.
std::string format_thirds(int thirds) {
  if (thirds == 0) return "0";
  const char sign = thirds > 0 ? '+' : '-';
  const int magnitude = std::abs(thirds);
  return magnitude == 3 ? fmt::format("{}1", sign) : fmt::format("{}{}/3", sign, magnitude);
}

}  // namespace

std::vector<double> tims_spot_moves(const asset_class_config& cls) {
  check_asset_class(cls);
  const int half = cls.points / 2;
  std::vector<double> moves;
  moves.reserve(static_cast<std::size_t>(cls.points));
  // Multiply before dividing so the end points are exactly -down and +up.
  for (int k = half; k >= 1; --k) moves.push_back(-(cls.down * k) / half);
  for (int k = 1; k <= half; ++k) moves.push_back((cls.up * k) / half);
  return moves;
}

bool is_span_class(const underlying& u, const engine_config& config) {
  return config.span.classes.contains(u.asset_class);
}

std::vector<valuation_point> span_scenario_points(const span_class_config& cls) {
  check_span_class(cls);
  std::vector<valuation_point> points;
  points.reserve(16);
  // Scenarios 1-14: price unchanged, then up before down at 1/3, 2/3 and 3/3 of the range, each
  // with vol up before vol down.
  for (int thirds : {0, 1, -1, 2, -2, 3, -3}) {
    // The full range exactly; x 3 / 3 could round off it.
    const double move =
        std::abs(thirds) == 3 ? std::copysign(cls.price_scan, thirds) : cls.price_scan * thirds / 3;
    for (int vol_sign : {1, -1}) {
      const int scenario = static_cast<int>(points.size()) + 1;
      points.push_back({move, vol_sign * cls.vol_scan, 1.0, point_category::grid,
                        fmt::format("scan {}: {} vol{}", scenario, format_thirds(thirds),
                                    vol_sign > 0 ? "+1" : "-1")});
    }
  }
  // Scenarios 15-16: the extreme moves, up then down, only a fraction of their P&L counted.
  for (int sign : {1, -1}) {
    const int scenario = static_cast<int>(points.size()) + 1;
    points.push_back({sign * (cls.extreme_multiple * cls.price_scan), 0.0, cls.extreme_weight,
                      point_category::extreme,
                      fmt::format("scan {}: {:+g} extreme x{:g}", scenario,
                                  sign * cls.extreme_multiple, cls.extreme_weight)});
  }
  return points;
}

valuation_grid build_tims_grid(const market_data& market, const engine_config& config) {
  for (const auto& [name, cls] : config.asset_classes) check_asset_class(cls, name);
  check_house_classes(config);

  // Points depend only on the asset class: build each class's list once.
  std::map<std::string, class_points> by_class;
  const std::size_t underlyings = market.underlyings.size();
  std::vector<const class_points*> of_underlying(underlyings);
  valuation_grid grid;
  grid.point_count.resize(underlyings);
  grid.scan_point_count.resize(underlyings);
  grid.horizon_years.resize(underlyings);
  for (std::size_t u = 0; u < underlyings; ++u) {
    const underlying& und = market.underlyings[u];
    const asset_class_config& cls = asset_class_of(und, config);
    auto [it, inserted] = by_class.try_emplace(und.asset_class);
    if (inserted) {
      if (is_span_class(und, config)) {
        it->second.points = span_scenario_points(config.span.classes.at(und.asset_class));
        it->second.scanned = static_cast<int>(it->second.points.size());
      } else {
        it->second = securities_points(cls, und.asset_class, config.house);
      }
    }
    of_underlying[u] = &it->second;
    grid.point_count[u] = static_cast<int>(it->second.points.size());
    grid.scan_point_count[u] = it->second.scanned;
    grid.horizon_years[u] = cls.horizon_days / 365.0;
    grid.stride = std::max(grid.stride, grid.point_count[u]);
  }

  const std::size_t slots = underlyings * static_cast<std::size_t>(grid.stride);
  grid.spot_move.assign(slots, 0.0);
  grid.vol_shift.assign(slots, 0.0);
  grid.weight.assign(slots, 0.0);
  grid.category.assign(slots, point_category::grid);
  grid.labels.assign(slots, std::string());
  for (std::size_t u = 0; u < underlyings; ++u) {
    std::size_t slot = u * static_cast<std::size_t>(grid.stride);
    for (const valuation_point& point : of_underlying[u]->points) {
      grid.spot_move[slot] = point.spot_move;
      grid.vol_shift[slot] = point.vol_shift;
      grid.weight[slot] = point.weight;
      grid.category[slot] = point.category;
      grid.labels[slot] = point.label;
      ++slot;
    }
  }
  return grid;
}

}  // namespace pmrisk
