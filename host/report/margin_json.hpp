#pragma once
// The --json document: the run's backend and as-of date, one object per account, and totals.

#include <ostream>
#include <string_view>
#include <vector>

#include "report/margin_rows.hpp"

namespace pmrisk {

/// {"backend": ..., "asof": "YYYY-MM-DD", "accounts": [{"account", "tims_loss",
/// "tims_requirement", "requirement", "worst_class_group", "worst_point"}, ...],
/// "totals": {"accounts", "tims_loss", "tims_requirement", "requirement"}}.
/// Money is a number with exactly two decimals (format_cents); a missing worst class group
/// or point is null.
void write_margin_json(std::ostream& out, std::string_view backend, std::string_view asof,
                       const std::vector<margin_row>& rows, const margin_totals& totals);

}  // namespace pmrisk
