#pragma once
// SPAN inter-commodity spread credits: opposite net deltas of two combined commodities offset
// in part (docs/span.md, "Inter-commodity spread credits").

#include <vector>

#include "pmrisk/span.hpp"
#include "pmrisk/span_config.hpp"

namespace pmrisk::span {

/// Forms the configured spreads in priority order over the commodities' net deltas and adds
/// each leg's credit to its commodity's spread_credit. Needs every commodity's name, net_delta
/// and price_risk_per_delta; returns the spreads formed. A spread forms when both commodities
/// are held with remaining net deltas of opposite signs:
///   spreads = min(|remaining first| / first_deltas, |remaining second| / second_deltas),
///   credit on a leg = credit_rate x spreads x that leg's deltas x its price risk per delta,
/// and the deltas used are taken off both legs' remaining deltas before the next spread.
std::vector<span_spread_credit> apply_spread_credits(
    const std::vector<inter_commodity_spread>& spreads,
    std::vector<span_commodity_margin>& commodities);

}  // namespace pmrisk::span
