#pragma once
// Exact strategy pairing: the integer packing program "choose whole strategy units, each
// holding used at most its quantity, to save the most requirement", solved by branch and bound
// on its linear relaxation.

#include <cstdint>
#include <utility>
#include <vector>

namespace pmrisk::regt {

struct packing_column {
  std::vector<std::pair<std::int32_t, double>> uses;  ///< (item, amount per unit), amount > 0
  double value = 0;                                   ///< per unit, > 0
};

struct packing_problem {
  std::vector<double> capacity;  ///< per item, >= 0
  std::vector<packing_column> columns;
};

/// How far the search may go before it settles for the best packing found.
struct packing_limits {
  std::int64_t max_nodes;  ///< LPs solved, >= 1 (the root)
  /// Columns searched; past it, those the root LP prices best (column generation).
  std::int64_t max_columns;
};

struct packing_result {
  std::vector<double> units;  ///< whole units per column
  double value = 0;
  bool proven_optimal = true;
  double gap = 0;  ///< when not proven: how much more value an optimum could have at most
};

/// Maximises value over whole units: depth-first branch and bound, each node bounded by its LP
/// relaxation and tightened by reduced-cost fixing. Incumbents come from a greedy packing (most
/// value per unit first) and from each node's LP solution rounded down and filled greedily.
/// Within the limits the result is proven optimal; past them it is the best packing found,
/// with the gap to a valid upper bound: the root LP's value plus, for each column left out,
/// its most units times its value less its uses priced at the root's duals, where positive.
packing_result maximise_packing(const packing_problem& problem, const packing_limits& limits);

/// The greedy packing alone (units per column): columns in order of value per unit, each as
/// many units as fit.
std::vector<double> greedy_packing(const packing_problem& problem);

}  // namespace pmrisk::regt
