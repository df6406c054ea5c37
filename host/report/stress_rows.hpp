#pragma once
// What a stress run's outputs share: each stress set's totals, and the accounts ranked by how
// much their worst stress raises their expected shortfall.

#include <cstddef>
#include <string>
#include <vector>

#include "pmrisk/stress.hpp"

namespace pmrisk {

/// One set over all accounts (sums in account order).
struct stress_set_total {
  std::string name;
  std::string description;
  double es = 0;                  ///< sum of the accounts' ES
  double es_change = 0;           ///< es less the base's
  std::size_t accounts_hurt = 0;  ///< accounts whose ES is above their base ES
};

std::vector<stress_set_total> stress_set_totals(const stress::stress_report& report);

/// An account and the stress set that raises its ES most.
struct stress_rank {
  std::size_t account = 0;    ///< index into report.accounts
  std::size_t worst_set = 0;  ///< index into report.sets (never the base when there are sets)
  double base_es = 0;
  double stressed_es = 0;
  double es_change = 0;  ///< stressed_es - base_es; the first set wins ties
};

/// Every account, the largest ES increase first; equal increases in account order.
std::vector<stress_rank> rank_accounts(const stress::stress_report& report);

}  // namespace pmrisk
