#pragma once
// The --risk-arrays file: every class group's P&L at every one of its valuation points.

#include <ostream>

#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"

namespace pmrisk {

/// Header "account,class_group,point,pnl", then per class group (account order, then symbol)
/// one row per valuation point of its underlying's grid, from the largest down move up; pnl
/// in cents. The report must have been computed with margin_options::keep_risk_arrays.
void write_risk_arrays_csv(std::ostream& out, const margin_report& report,
                           const market_data& market);

}  // namespace pmrisk
