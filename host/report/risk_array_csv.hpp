#pragma once
// The --risk-arrays file: every level's P&L at every valuation point it is folded over.

#include <ostream>

#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"

namespace pmrisk {

/// Header "account,level,group,point,category,pnl". Per account (report order): its class
/// groups (level class_group, group the symbol) at every point of their underlying's grid, then
/// its product groups (level product_group, or span_commodity for a SPAN combined commodity)
/// and its portfolio groups (level portfolio_group), by name, at the scanned points, after
/// offsets (docs/offsets.md), labelled by their first class group's grid. Points run in grid
/// order; point is the grid label, category the rule the point tests (grid, vol, extreme,
/// concentration_large, concentration_small); pnl in cents, weighted as folded. The report
/// must have been computed with margin_options::keep_risk_arrays.
void write_risk_arrays_csv(std::ostream& out, const margin_report& report,
                           const market_data& market);

}  // namespace pmrisk
