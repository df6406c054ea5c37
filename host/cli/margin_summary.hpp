#pragma once
// The human summary of a margin run on stdout: the per-account table, totals and run facts.

#include <cstddef>
#include <ostream>
#include <vector>

#include "pmrisk/margin.hpp"
#include "report/margin_rows.hpp"

namespace pmrisk::cli {

/// Books larger than this show only their largest requirements; --out has every account.
inline constexpr std::size_t summary_table_rows = 50;

struct run_timings {
  double load_seconds = 0;    ///< config, market and positions
  double margin_seconds = 0;  ///< compute_margin
};

/// Money with thousands separators and cents; a book with more than summary_table_rows
/// accounts lists those with the largest requirements, largest first. A Monte Carlo run adds
/// the MC VaR and MC ES columns and a line naming the scenarios, seed and rule.
/// default_seed: the Monte Carlo seed is pmrisk's default, which the line then says.
void print_margin_summary(std::ostream& out, const std::vector<margin_row>& rows,
                          const margin_totals& totals, const margin_report& report,
                          const run_timings& timings, bool default_seed = false);

}  // namespace pmrisk::cli
