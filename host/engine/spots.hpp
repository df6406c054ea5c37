#pragma once
// The market's spot prices in the layout of grid_view::spot.

#include <vector>

#include "pmrisk/market.hpp"

namespace pmrisk::engine {

/// One price per underlying, in market order. Throws input_error at the market row of a price
/// that is not a positive number.
std::vector<double> spots_of(const market_data& market);

}  // namespace pmrisk::engine
