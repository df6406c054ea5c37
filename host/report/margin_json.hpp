#pragma once
// The --json document: the run's backend and as-of date, one object per account, and totals.

#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "pmrisk/montecarlo.hpp"
#include "report/margin_rows.hpp"

namespace pmrisk {

/// {"backend": ..., "asof": "YYYY-MM-DD", "accounts": [{"account", "tims_loss",
/// "tims_requirement", "requirement", "worst_class_group", "worst_point", "span_requirement",
/// "concentration_charge", "liquidity_addon", "source"}, ...], "totals": {"accounts",
/// "tims_loss", "tims_requirement", "requirement", "span_requirement", "concentration_charge",
/// "liquidity_addon"}}. Money is a number with exactly two decimals (format_cents); a missing
/// worst class group, point or source is null. Rows carrying a Reg-T comparison add
/// "regt_requirement", "pm_leverage", "pm_savings_pct" (two decimals; null without a
/// denominator) and "regt_proven_optimal", and the totals "regt_requirement"; rows carrying an
/// account standing add "equity", "excess", "margin_call", "pm_eligible", "downgrade", and the
/// totals "equity", "margin_calls" and "downgrades" (counts). With Monte Carlo (`montecarlo` given,
/// every row with its tail) the document also has "montecarlo": {"scenarios", "seed", "confidence",
/// "tail_count", "requirement_rule", "generator"}, each account "mc_worst_loss", "mc_var", "mc_es"
/// and "mc_worst_scenario", and the totals "mc_es".
void write_margin_json(std::ostream& out, std::string_view backend, std::string_view asof,
                       const std::vector<margin_row>& rows, const margin_totals& totals,
                       const std::optional<montecarlo_summary>& montecarlo = std::nullopt);

}  // namespace pmrisk
