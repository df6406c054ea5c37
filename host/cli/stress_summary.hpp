#pragma once
// The human summary of a stress run on stdout: each set's totals, then the accounts its worst
// stress hurts most.

#include <cstddef>
#include <ostream>

#include "pmrisk/stress.hpp"

namespace pmrisk::cli {

/// Accounts the ranking table shows by default; --out and --json have every account.
inline constexpr std::size_t stress_ranking_rows = 20;

struct stress_timings {
  double load_seconds = 0;    ///< config, market, positions, correlations and stress files
  double stress_seconds = 0;  ///< compute_stress
};

/// default_seed: the seed is pmrisk's default, which the heading then says.
void print_stress_summary(std::ostream& out, const stress::stress_report& report,
                          std::size_t ranking_rows, const stress_timings& timings,
                          bool default_seed);

}  // namespace pmrisk::cli
