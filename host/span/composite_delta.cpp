// futures_equivalent_delta: a class group's net delta from its +/-1/3 scan scenarios.

#include "span/composite_delta.hpp"

#include <fmt/format.h>

#include "pmrisk/error.hpp"

namespace pmrisk::span {
namespace {

/// The mean unweighted P&L over the scanned grid points at exactly this price move.
double mean_pnl_at(const double* risk_array, const valuation_grid& grid, std::size_t first,
                   int scanned, double move) {
  double sum = 0;
  int count = 0;
  for (int j = 0; j < scanned; ++j) {
    const std::size_t slot = first + static_cast<std::size_t>(j);
    if (grid.category[slot] != point_category::grid || grid.spot_move[slot] != move) continue;
    sum += risk_array[j] / grid.weight[slot];
    ++count;
  }
  return sum / count;
}

}  // namespace

double futures_equivalent_delta(const double* risk_array, const valuation_grid& grid,
                                std::int32_t underlying, double futures_price, double multiplier) {
  const auto u = static_cast<std::size_t>(underlying);
  const std::size_t first = u * static_cast<std::size_t>(grid.stride);
  const int scanned = grid.scan_point_count[u];
  // The smallest moves either side of the unchanged price: the +/-1/3 scenarios.
  double up = 0;
  double down = 0;
  for (int j = 0; j < scanned; ++j) {
    const std::size_t slot = first + static_cast<std::size_t>(j);
    if (grid.category[slot] != point_category::grid) continue;
    const double move = grid.spot_move[slot];
    if (move > 0 && (up == 0 || move < up)) up = move;
    if (move < 0 && (down == 0 || move > down)) down = move;
  }
  PMRISK_EXPECTS(up > 0 && down < 0,
                 fmt::format("underlying {}: a SPAN grid has price moves up and down", underlying));
  const double pnl_change = mean_pnl_at(risk_array, grid, first, scanned, up) -
                            mean_pnl_at(risk_array, grid, first, scanned, down);
  const double price_change = (up - down) * futures_price;
  return pnl_change / price_change / multiplier;
}

}  // namespace pmrisk::span
