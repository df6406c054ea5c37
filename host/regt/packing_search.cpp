// maximise_packing: depth-first branch and bound on the LP relaxation.

#include "regt/packing_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "pmrisk/error.hpp"
#include "regt/packing_lp.hpp"

namespace pmrisk::regt {
namespace {

constexpr double unbounded = std::numeric_limits<double>::infinity();
// LP values within this of a whole number are that number: vertices of these LPs are ratios
// of small integers, so genuine fractions sit far from it.
constexpr double integrality_tolerance = 1e-6;

// A branch: every column's units lie in [lower, upper].
struct node {
  std::vector<double> lower;
  std::vector<double> upper;
};

double value_of(const packing_problem& problem, const std::vector<double>& units) {
  double value = 0;
  for (std::size_t t = 0; t < units.size(); ++t) value += problem.columns[t].value * units[t];
  return value;
}

// Capacity left once `units` are taken; false when they overfill an item.
bool residual_capacity(const packing_problem& problem, const std::vector<double>& units,
                       std::vector<double>& residual) {
  residual = problem.capacity;
  for (std::size_t t = 0; t < units.size(); ++t)
    for (const auto& [item, amount] : problem.columns[t].uses)
      residual[static_cast<std::size_t>(item)] -= amount * units[t];
  return std::all_of(residual.begin(), residual.end(),
                     [](double r) { return r >= -integrality_tolerance; });
}

// Whole units of a column that still fit.
double units_that_fit(const packing_column& column, const std::vector<double>& residual) {
  double fit = unbounded;
  for (const auto& [item, amount] : column.uses)
    fit = std::min(
        fit, std::floor(residual[static_cast<std::size_t>(item)] / amount + integrality_tolerance));
  return std::max(fit, 0.0);
}

// Columns by value per unit, highest first (ties in column order).
std::vector<std::size_t> by_value(const packing_problem& problem) {
  std::vector<std::size_t> order(problem.columns.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return problem.columns[a].value > problem.columns[b].value;
  });
  return order;
}

std::vector<double> fill_greedily(const packing_problem& problem,
                                  const std::vector<std::size_t>& order, std::vector<double> units,
                                  const std::vector<double>& upper) {
  std::vector<double> residual;
  residual_capacity(problem, units, residual);
  for (const std::size_t t : order) {
    const double add = std::min(units_that_fit(problem.columns[t], residual), upper[t] - units[t]);
    if (add < 1) continue;
    units[t] += add;
    for (const auto& [item, amount] : problem.columns[t].uses)
      residual[static_cast<std::size_t>(item)] -= amount * add;
  }
  return units;
}

class branch_and_bound {
 public:
  branch_and_bound(const packing_problem& problem, std::int64_t max_nodes)
      : problem_(problem),
        max_nodes_(max_nodes),
        order_(by_value(problem)),
        root_dual_(problem.capacity.size(), 0.0) {}

  /// The best packing found; complete() tells whether the search finished.
  packing_result run() {
    const std::size_t n = problem_.columns.size();
    best_.units = fill_greedily(problem_, order_, std::vector<double>(n, 0.0),
                                std::vector<double>(n, unbounded));
    best_.value = value_of(problem_, best_.units);
    std::vector<node> stack{{std::vector<double>(n, 0.0), std::vector<double>(n, unbounded)}};
    while (!stack.empty() && nodes_ < max_nodes_) {
      node current = std::move(stack.back());
      stack.pop_back();
      explore(current, stack);
      ++nodes_;
    }
    complete_ = stack.empty();
    return best_;
  }

  bool complete() const { return complete_; }
  double root_bound() const { return root_bound_; }
  const std::vector<double>& root_dual() const { return root_dual_; }

 private:
  void consider(std::vector<double> units) {
    const double value = value_of(problem_, units);
    if (value > best_.value + tolerance_) {
      best_.value = value;
      best_.units = std::move(units);
    }
  }

  // Solves the node's LP, tries its rounding, and pushes its two branches.
  void explore(const node& current, std::vector<node>& stack) {
    std::vector<double> residual;
    if (!residual_capacity(problem_, current.lower, residual)) return;

    // Only columns with room for another whole unit: the others stay at their lower bound in
    // every integer packing of this branch, so leaving them out only tightens the bound.
    std::vector<std::size_t> free_columns;
    for (std::size_t t = 0; t < problem_.columns.size(); ++t)
      if (std::min(units_that_fit(problem_.columns[t], residual),
                   current.upper[t] - current.lower[t]) >= 1)
        free_columns.push_back(t);
    const double fixed_value = value_of(problem_, current.lower);
    if (free_columns.empty()) {
      consider(current.lower);
      return;
    }

    const lp_solution relaxed = solve_relaxation(current, residual, free_columns);
    const double bound = fixed_value + relaxed.value;
    if (nodes_ == 0) {
      root_bound_ = bound;
      root_dual_ = relaxed.dual;
      root_dual_.resize(problem_.capacity.size());  // drop bound rows' duals: the root has none
      tolerance_ = 1e-9 * (1 + std::abs(bound));
    }
    if (bound <= best_.value + tolerance_) return;

    std::vector<double> units = current.lower;
    std::size_t branch_column = 0;
    double branch_units = 0;
    double most_fractional = 0;
    for (std::size_t k = 0; k < free_columns.size(); ++k) {
      const std::size_t t = free_columns[k];
      const double whole = std::floor(relaxed.x[k] + integrality_tolerance);
      units[t] += whole;
      const double fraction = relaxed.x[k] - whole;
      if (fraction > integrality_tolerance && std::min(fraction, 1 - fraction) > most_fractional) {
        most_fractional = std::min(fraction, 1 - fraction);
        branch_column = t;
        branch_units = current.lower[t] + relaxed.x[k];
      }
    }
    if (most_fractional == 0) {
      consider(std::move(units));
      return;
    }
    consider(fill_greedily(problem_, order_, std::move(units), current.upper));

    // Reduced-cost fixing: a unit of column k costs at least -reduced_cost[k] of the bound, so
    // only so many units can still beat the incumbent anywhere below this node.
    node tightened = current;
    const double slack = bound - best_.value - tolerance_;
    for (std::size_t k = 0; k < free_columns.size(); ++k) {
      if (relaxed.reduced_cost[k] >= 0) continue;
      const std::size_t t = free_columns[k];
      tightened.upper[t] = std::min(
          tightened.upper[t], current.lower[t] + std::floor(slack / -relaxed.reduced_cost[k]));
    }

    node down = tightened;
    down.upper[branch_column] = std::floor(branch_units);
    node up = std::move(tightened);
    up.lower[branch_column] = std::ceil(branch_units);
    stack.push_back(std::move(down));
    stack.push_back(std::move(up));  // explored first: it tends to reach good packings early
  }

  lp_solution solve_relaxation(const node& current, const std::vector<double>& residual,
                               const std::vector<std::size_t>& free_columns) const {
    // Upper bounds become rows only where they bind: below the (fractional) units that
    // capacity alone allows.
    std::vector<std::size_t> bounded;
    for (std::size_t k = 0; k < free_columns.size(); ++k) {
      const std::size_t t = free_columns[k];
      double room = unbounded;
      for (const auto& [item, amount] : problem_.columns[t].uses)
        room = std::min(room, residual[static_cast<std::size_t>(item)] / amount);
      if (current.upper[t] - current.lower[t] < room) bounded.push_back(k);
    }

    packing_lp lp;
    const std::size_t items = residual.size();
    lp.rows = items + bounded.size();
    lp.cols = free_columns.size();
    lp.a.assign(lp.rows * lp.cols, 0.0);
    lp.b.assign(lp.rows, 0.0);
    lp.c.assign(lp.cols, 0.0);
    for (std::size_t i = 0; i < items; ++i) lp.b[i] = std::max(residual[i], 0.0);
    for (std::size_t k = 0; k < free_columns.size(); ++k) {
      const packing_column& column = problem_.columns[free_columns[k]];
      lp.c[k] = column.value;
      for (const auto& [item, amount] : column.uses)
        lp.a[static_cast<std::size_t>(item) * lp.cols + k] = amount;
    }
    for (std::size_t r = 0; r < bounded.size(); ++r) {
      const std::size_t t = free_columns[bounded[r]];
      lp.a[(items + r) * lp.cols + bounded[r]] = 1;
      lp.b[items + r] = current.upper[t] - current.lower[t];
    }
    return solve_packing_lp(lp);
  }

  const packing_problem& problem_;
  std::int64_t max_nodes_;
  std::vector<std::size_t> order_;
  packing_result best_;
  double tolerance_ = 0;
  std::int64_t nodes_ = 0;
  bool complete_ = false;
  double root_bound_ = 0;
  std::vector<double> root_dual_;
};

// The LP relaxation over `columns` of the problem, with full capacities.
lp_solution root_relaxation(const packing_problem& problem,
                            const std::vector<std::size_t>& columns) {
  packing_lp lp;
  lp.rows = problem.capacity.size();
  lp.cols = columns.size();
  lp.a.assign(lp.rows * lp.cols, 0.0);
  lp.b = problem.capacity;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const packing_column& column = problem.columns[columns[k]];
    lp.c.push_back(column.value);
    for (const auto& [item, amount] : column.uses)
      lp.a[static_cast<std::size_t>(item) * lp.cols + k] = amount;
  }
  return solve_packing_lp(lp);
}

// Value per unit of a column less what its uses are worth at these duals.
double priced(const packing_column& column, const std::vector<double>& dual) {
  double value = column.value;
  for (const auto& [item, amount] : column.uses)
    value -= amount * dual[static_cast<std::size_t>(item)];
  return value;
}

// Column generation for the root LP. Starting from the half of `most` columns of most value
// per unit, each round adds the columns outside that the LP's duals price highest, making room
// by dropping the columns inside that it prices lowest (never one the LP uses), until nothing
// outside prices above zero: the LP over these columns is then the LP over all.
std::vector<std::size_t> priced_columns(const packing_problem& problem, std::size_t most) {
  // Each round solves one LP; convergence usually takes a handful.
  constexpr int max_rounds = 100;
  const std::vector<std::size_t> order = by_value(problem);
  std::vector<std::size_t> columns(order.begin(),
                                   order.begin() + static_cast<std::ptrdiff_t>(most / 2));
  std::vector<bool> in(problem.columns.size(), false);
  for (const std::size_t t : columns) in[t] = true;
  for (int round = 0; round < max_rounds && most > 0; ++round) {
    const lp_solution relaxed = root_relaxation(problem, columns);
    std::vector<std::pair<double, std::size_t>> entering;
    for (std::size_t t = 0; t < problem.columns.size(); ++t) {
      if (in[t]) continue;
      const double gain = priced(problem.columns[t], relaxed.dual);
      if (gain > 1e-9 * problem.columns[t].value) entering.emplace_back(gain, t);
    }
    if (entering.empty()) break;
    // A basis holds at most one column per item: more per round would mostly be dead weight.
    std::stable_sort(entering.begin(), entering.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    entering.resize(std::min(entering.size(), problem.capacity.size()));

    std::vector<std::pair<double, std::size_t>> leaving;  // (reduced cost, position)
    for (std::size_t k = 0; k < columns.size(); ++k)
      if (relaxed.reduced_cost[k] < 0) leaving.emplace_back(relaxed.reduced_cost[k], k);
    std::stable_sort(leaving.begin(), leaving.end());
    const std::size_t room = most - columns.size();
    const std::size_t drop =
        std::min(leaving.size(), entering.size() > room ? entering.size() - room : 0);
    entering.resize(std::min(entering.size(), room + drop));
    std::vector<bool> dropped(columns.size(), false);
    for (std::size_t d = 0; d < drop; ++d) dropped[leaving[d].second] = true;
    std::vector<std::size_t> next;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (dropped[k]) {
        in[columns[k]] = false;
      } else {
        next.push_back(columns[k]);
      }
    }
    for (const auto& [gain, t] : entering) {
      next.push_back(t);
      in[t] = true;
    }
    columns = std::move(next);
  }
  std::sort(columns.begin(), columns.end());
  return columns;
}

void check(const packing_problem& problem) {
  for (const double c : problem.capacity)
    PMRISK_EXPECTS(std::isfinite(c) && c >= 0, "packing capacities are finite and >= 0");
  for (const packing_column& column : problem.columns) {
    PMRISK_EXPECTS(!column.uses.empty() && column.value > 0,
                   "a packing column uses some item and has a positive value");
    for (const auto& [item, amount] : column.uses)
      PMRISK_EXPECTS(
          item >= 0 && static_cast<std::size_t>(item) < problem.capacity.size() && amount > 0,
          "a packing column uses an existing item by a positive amount");
  }
}

}  // namespace

packing_result maximise_packing(const packing_problem& problem, const packing_limits& limits) {
  check(problem);
  PMRISK_EXPECTS(limits.max_nodes >= 1 && limits.max_columns >= 0,
                 "the search solves at least the root LP");
  const std::size_t n = problem.columns.size();
  packing_result result;
  result.units.assign(n, 0.0);
  if (n == 0) return result;

  std::vector<std::size_t> searched(n);
  std::iota(searched.begin(), searched.end(), std::size_t{0});
  if (n > static_cast<std::size_t>(limits.max_columns))
    searched = priced_columns(problem, static_cast<std::size_t>(limits.max_columns));
  packing_problem restricted;
  restricted.capacity = problem.capacity;
  for (const std::size_t t : searched) restricted.columns.push_back(problem.columns[t]);

  branch_and_bound search(restricted, limits.max_nodes);
  const packing_result found = search.run();
  for (std::size_t k = 0; k < searched.size(); ++k) result.units[searched[k]] = found.units[k];
  result.value = found.value;
  if (searched.size() == n && search.complete()) return result;

  // Weak duality: for duals y >= 0, value <= capacity.y + sum over columns of
  // (most units) x (value - uses.y)+. The root's optimal duals price its own columns at <= 0,
  // so only the columns left out add to its bound.
  double bound = search.root_bound();
  std::vector<bool> kept(n, false);
  for (const std::size_t t : searched) kept[t] = true;
  for (std::size_t t = 0; t < n; ++t) {
    if (kept[t]) continue;
    const double gain = priced(problem.columns[t], search.root_dual());
    if (gain > 0) bound += gain * units_that_fit(problem.columns[t], problem.capacity);
  }
  result.gap = std::max(bound - result.value, 0.0);
  result.proven_optimal = result.gap <= 1e-9 * (1 + std::abs(bound));
  return result;
}

std::vector<double> greedy_packing(const packing_problem& problem) {
  check(problem);
  const std::size_t n = problem.columns.size();
  return fill_greedily(problem, by_value(problem), std::vector<double>(n, 0.0),
                       std::vector<double>(n, unbounded));
}

}  // namespace pmrisk::regt
