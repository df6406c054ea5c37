#pragma once
// The --out file: one row per account.

#include <ostream>
#include <vector>

#include "report/margin_rows.hpp"

namespace pmrisk {

/// Header "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point",
/// then one row per account; money in cents (format_cents), LF line endings. With Monte Carlo
/// columns (every row then has its tail) the header goes on with
/// ",mc_worst_loss,mc_var,mc_es,mc_worst_scenario".
void write_margin_csv(std::ostream& out, const std::vector<margin_row>& rows,
                      bool montecarlo_columns = false);

}  // namespace pmrisk
