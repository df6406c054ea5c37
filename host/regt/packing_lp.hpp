#pragma once
// The linear-programming relaxation of strategy pairing: a packing LP, solved by a dense primal
// simplex. Small (tens of rows, hundreds of columns), so no sparse machinery.

#include <cstddef>
#include <vector>

namespace pmrisk::regt {

/// maximise c.x subject to A x <= b and x >= 0, where A >= 0, b >= 0 and every column of A has
/// a positive entry: x = 0 is feasible and the optimum is finite.
struct packing_lp {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> a;  ///< rows x cols, row-major
  std::vector<double> b;  ///< rows
  std::vector<double> c;  ///< cols
};

struct lp_solution {
  double value = 0;
  std::vector<double> x;  ///< cols
  /// Per column, <= 0 at the optimum (0 when basic): every feasible x has
  /// c.x <= value + reduced_cost[j] x[j].
  std::vector<double> reduced_cost;
  /// Per row, >= 0: an optimal dual solution, b.dual = value.
  std::vector<double> dual;
};

/// An optimal vertex. Dantzig's rule, with Bland's rule after a degenerate pivot so that the
/// method cannot cycle.
lp_solution solve_packing_lp(const packing_lp& lp);

}  // namespace pmrisk::regt
