#pragma once
// The net delta SPAN's inter-commodity spreads are formed from, read off a class group's risk
// array (docs/span.md, "Net delta").

#include <cstdint>

#include "pmrisk/valuation_grid.hpp"

namespace pmrisk::span {

/// A SPAN class group's delta in futures-equivalent contracts: the central difference of its
/// P&L between the smallest up and down price moves of its scenarios (+/-1/3 of the price scan
/// range), each averaged over the scenarios at that move (vol up and vol down) with the point
/// weights divided out, per unit of futures price move, divided by `multiplier` (units of the
/// future per contract). risk_array is the class group's weighted risk array on `grid`;
/// futures_price the underlying's market price.
double futures_equivalent_delta(const double* risk_array, const valuation_grid& grid,
                                std::int32_t underlying, double futures_price, double multiplier);

}  // namespace pmrisk::span
