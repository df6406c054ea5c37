#pragma once
// The --out file: one row per account.

#include <ostream>
#include <vector>

#include "report/margin_rows.hpp"

namespace pmrisk {

/// Header "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point,
/// span_requirement,concentration_charge,liquidity_addon,source", then one row per account;
/// money in cents (format_cents), LF line endings. Rows carrying a Reg-T comparison add
/// ",regt_requirement,pm_leverage,pm_savings_pct" (ratios to two decimals, empty without a
/// denominator); rows carrying an account standing add
/// ",equity,excess,margin_call,pm_eligible,downgrade" (flags true or false). With Monte Carlo
/// columns (every row then has its tail) the header ends with
/// ",mc_worst_loss,mc_var,mc_es,mc_worst_scenario".
void write_margin_csv(std::ostream& out, const std::vector<margin_row>& rows,
                      bool montecarlo_columns = false);

}  // namespace pmrisk
