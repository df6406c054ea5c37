// The TIMS valuation grid: equidistant spot moves per asset class, times optional vol shifts.

#include "pmrisk/valuation_grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

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

valuation_grid build_tims_grid(const market_data& market, const engine_config& config) {
  for (const auto& [name, cls] : config.asset_classes) check_asset_class(cls, name);

  const std::size_t underlyings = market.underlyings.size();
  valuation_grid grid;
  grid.point_count.resize(underlyings);
  grid.horizon_years.resize(underlyings);
  for (std::size_t u = 0; u < underlyings; ++u) {
    const asset_class_config& cls = asset_class_of(market.underlyings[u], config);
    const std::size_t shifts = std::max<std::size_t>(cls.vol_shifts.size(), 1);
    grid.point_count[u] = cls.points * static_cast<int>(shifts);
    grid.horizon_years[u] = cls.horizon_days / 365.0;
    grid.stride = std::max(grid.stride, grid.point_count[u]);
  }

  const std::size_t slots = underlyings * static_cast<std::size_t>(grid.stride);
  grid.spot_move.assign(slots, 0.0);
  grid.vol_shift.assign(slots, 0.0);
  grid.labels.assign(slots, std::string());
  for (std::size_t u = 0; u < underlyings; ++u) {
    const asset_class_config& cls = asset_class_of(market.underlyings[u], config);
    const std::vector<double> moves = tims_spot_moves(cls);
    const std::vector<double> shifts =
        cls.vol_shifts.empty() ? std::vector<double>{0.0} : cls.vol_shifts;
    std::size_t slot = u * static_cast<std::size_t>(grid.stride);
    for (double move : moves) {
      for (double shift : shifts) {
        grid.spot_move[slot] = move;
        grid.vol_shift[slot] = shift;
        grid.labels[slot] = cls.vol_shifts.empty()
                                ? format_percent(move)
                                : format_percent(move) + " vol" + format_percent(shift);
        ++slot;
      }
    }
  }
  return grid;
}

}  // namespace pmrisk
