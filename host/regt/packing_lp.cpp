// solve_packing_lp: dense tableau simplex from the all-slack basis.

#include "regt/packing_lp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "pmrisk/error.hpp"

namespace pmrisk::regt {
namespace {

// Row i < rows holds [A_i | I_i | b_i] in the current basis; the last row holds the reduced
// costs and, in its last cell, minus the objective value.
class tableau {
 public:
  explicit tableau(const packing_lp& lp)
      : rows_(lp.rows),
        cols_(lp.cols),
        width_(lp.cols + lp.rows + 1),
        cells_((lp.rows + 1) * width_, 0.0),
        basis_(lp.rows),
        row_scale_(lp.rows) {
    for (std::size_t i = 0; i < rows_; ++i) {
      // Scaling each row to a largest entry of 1 keeps the pivot tolerance meaningful when
      // rows count shares (100 per contract) beside rows that count contracts.
      double largest = 0;
      for (std::size_t j = 0; j < cols_; ++j) largest = std::max(largest, lp.a[i * cols_ + j]);
      const double scale = largest > 0 ? 1 / largest : 1;
      row_scale_[i] = scale;
      for (std::size_t j = 0; j < cols_; ++j) at(i, j) = lp.a[i * cols_ + j] * scale;
      at(i, cols_ + i) = 1;
      rhs(i) = lp.b[i] * scale;
      basis_[i] = cols_ + i;
    }
    double largest_cost = 0;
    for (std::size_t j = 0; j < cols_; ++j) {
      at(rows_, j) = lp.c[j];
      largest_cost = std::max(largest_cost, std::abs(lp.c[j]));
    }
    cost_tolerance_ = 1e-11 * std::max(largest_cost, 1.0);
  }

  void optimise() {
    bool degenerate = false;
    for (;;) {
      const std::size_t entering = choose_entering(degenerate);
      if (entering == none) return;
      const std::size_t leaving = choose_leaving(entering);
      PMRISK_EXPECTS(leaving != none, "a packing LP is bounded: every column uses some row");
      degenerate = rhs(leaving) <= pivot_tolerance;
      pivot(leaving, entering);
    }
  }

  lp_solution solution() const {
    lp_solution s;
    s.value = -rhs(rows_);
    s.x.assign(cols_, 0.0);
    for (std::size_t i = 0; i < rows_; ++i)
      if (basis_[i] < cols_) s.x[basis_[i]] = std::max(rhs(i), 0.0);
    s.reduced_cost.resize(cols_);
    for (std::size_t j = 0; j < cols_; ++j) s.reduced_cost[j] = std::min(at(rows_, j), 0.0);
    // A slack's reduced cost is minus its (scaled) row's dual.
    s.dual.resize(rows_);
    for (std::size_t i = 0; i < rows_; ++i)
      s.dual[i] = std::max(-at(rows_, cols_ + i), 0.0) * row_scale_[i];
    return s;
  }

 private:
  static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  static constexpr double pivot_tolerance = 1e-11;

  double& at(std::size_t i, std::size_t j) { return cells_[i * width_ + j]; }
  double at(std::size_t i, std::size_t j) const { return cells_[i * width_ + j]; }
  double& rhs(std::size_t i) { return cells_[i * width_ + width_ - 1]; }
  double rhs(std::size_t i) const { return cells_[i * width_ + width_ - 1]; }

  std::size_t choose_entering(bool bland) const {
    std::size_t best = none;
    double best_cost = cost_tolerance_;
    for (std::size_t j = 0; j + 1 < width_; ++j) {
      const double cost = at(rows_, j);
      if (cost <= cost_tolerance_) continue;
      if (bland) return j;
      if (cost > best_cost) {
        best = j;
        best_cost = cost;
      }
    }
    return best;
  }

  // Minimum ratio; ties go to the smallest basic variable (Bland).
  std::size_t choose_leaving(std::size_t entering) const {
    std::size_t best = none;
    double best_ratio = 0;
    for (std::size_t i = 0; i < rows_; ++i) {
      const double coefficient = at(i, entering);
      if (coefficient <= pivot_tolerance) continue;
      const double ratio = std::max(rhs(i), 0.0) / coefficient;
      if (best == none || ratio < best_ratio - pivot_tolerance ||
          (ratio <= best_ratio + pivot_tolerance && basis_[i] < basis_[best])) {
        best = i;
        best_ratio = ratio;
      }
    }
    return best;
  }

  void pivot(std::size_t row, std::size_t col) {
    const double inverse = 1 / at(row, col);
    for (std::size_t j = 0; j < width_; ++j) at(row, j) *= inverse;
    at(row, col) = 1;
    for (std::size_t i = 0; i <= rows_; ++i) {
      if (i == row) continue;
      const double factor = at(i, col);
      if (factor == 0) continue;
      for (std::size_t j = 0; j < width_; ++j) at(i, j) -= factor * at(row, j);
      at(i, col) = 0;
    }
    basis_[row] = col;
  }

  std::size_t rows_;
  std::size_t cols_;
  std::size_t width_;
  std::vector<double> cells_;
  std::vector<std::size_t> basis_;
  std::vector<double> row_scale_;
  double cost_tolerance_ = 0;
};

}  // namespace

lp_solution solve_packing_lp(const packing_lp& lp) {
  PMRISK_EXPECTS(
      lp.a.size() == lp.rows * lp.cols && lp.b.size() == lp.rows && lp.c.size() == lp.cols,
      "packing LP dimensions disagree");
  tableau t(lp);
  t.optimise();
  return t.solution();
}

}  // namespace pmrisk::regt
