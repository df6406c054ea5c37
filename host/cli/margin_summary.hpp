#pragma once
// The human summary of a margin run on stdout: the per-account table, totals and run facts.

#include <cstddef>
#include <optional>
#include <ostream>
#include <vector>

#include "pmrisk/house.hpp"
#include "pmrisk/margin.hpp"
#include "report/margin_rows.hpp"

namespace pmrisk::cli {

/// Books larger than this show only their largest requirements; --out has every account.
inline constexpr std::size_t summary_table_rows = 50;

struct run_facts {
  double load_seconds = 0;    ///< config, market, positions and the accounts file
  double margin_seconds = 0;  ///< compute_margin
  double regt_seconds = 0;    ///< the Reg-T comparison (0 without one)
  bool default_seed = false;  ///< the Monte Carlo seed is pmrisk's default, which is said
  /// The thresholds the account standing was judged by (with --accounts).
  house_rules::eligibility_thresholds eligibility;
};

/// Money with thousands separators and cents; a book with more than summary_table_rows
/// accounts lists those with the largest requirements, largest first. Rows carrying a Reg-T
/// comparison show it beside the portfolio-margin requirement, and rows carrying an account
/// standing show equity, excess and the margin call, downgrade and eligibility flags, with a
/// line counting them. A Monte Carlo run adds the MC VaR and MC ES columns and a line naming
/// the scenarios, seed and rule.
void print_margin_summary(std::ostream& out, const std::vector<margin_row>& rows,
                          const margin_totals& totals, const margin_report& report,
                          const run_facts& facts);

}  // namespace pmrisk::cli
