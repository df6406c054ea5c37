// Higham's alternating projections (2002, Algorithm 3.3 with W = I): project onto the PSD cone
// with Dykstra's correction, then onto the unit-diagonal matrices, until both agree.

#include "pmrisk/scenarios/nearest_correlation.hpp"

#include <algorithm>
#include <cmath>

#include "pmrisk/error.hpp"
#include "scenarios/eigen_dense.hpp"

namespace pmrisk::scenarios {
namespace {

struct psd_projection {
  dense_matrix matrix;
  double min_eigenvalue = 0;
};

// V max(L, 0) V^T, the nearest PSD matrix in the Frobenius norm.
psd_projection project_psd(const dense_matrix& a) {
  const Eigen::SelfAdjointEigenSolver<dense_matrix> solver(a);
  PMRISK_EXPECTS(solver.info() == Eigen::Success, "symmetric eigensolver did not converge");
  const Eigen::VectorXd root = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  const dense_matrix scaled = solver.eigenvectors() * root.asDiagonal();
  dense_matrix projected = scaled * scaled.transpose();
  projected = (0.5 * (projected + projected.transpose())).eval();
  return {std::move(projected), solver.eigenvalues()(0)};
}

double relative_change(const dense_matrix& now, const dense_matrix& before) {
  return (now - before).norm() / std::max(now.norm(), 1e-300);
}

}  // namespace

symmetric_eigen eigen_decompose(const std::vector<double>& matrix, std::size_t n) {
  PMRISK_EXPECTS(matrix.size() == n * n, "matrix is n x n");
  pin_eigen_blocking();
  const auto size = static_cast<Eigen::Index>(n);
  const Eigen::Map<const dense_matrix> a(matrix.data(), size, size);
  const Eigen::SelfAdjointEigenSolver<dense_matrix> solver(a);
  PMRISK_EXPECTS(solver.info() == Eigen::Success, "symmetric eigensolver did not converge");
  symmetric_eigen result;
  result.values.assign(solver.eigenvalues().data(), solver.eigenvalues().data() + n);
  result.vectors.resize(n * n);
  Eigen::Map<dense_matrix>(result.vectors.data(), size, size) = solver.eigenvectors();
  return result;
}

nearest_correlation_result nearest_correlation(const std::vector<double>& matrix, std::size_t n,
                                               double tolerance, int max_iterations) {
  PMRISK_EXPECTS(matrix.size() == n * n && n > 0, "matrix is n x n");
  pin_eigen_blocking();
  const auto size = static_cast<Eigen::Index>(n);
  const dense_matrix given = Eigen::Map<const dense_matrix>(matrix.data(), size, size);

  nearest_correlation_result result;
  dense_matrix y = given;
  dense_matrix x = given;
  dense_matrix correction = dense_matrix::Zero(size, size);
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    const dense_matrix r = y - correction;
    psd_projection projected = project_psd(r);
    if (iteration == 1) result.min_eigenvalue = projected.min_eigenvalue;
    correction = projected.matrix - r;
    const double x_change = relative_change(projected.matrix, x);
    x = std::move(projected.matrix);
    dense_matrix next = x;
    next.diagonal().setOnes();
    const double y_change = relative_change(next, y);
    y = std::move(next);
    result.iterations = iteration;
    if (std::max({x_change, y_change, relative_change(y, x)}) <= tolerance) {
      result.converged = true;
      break;
    }
  }

  // One more PSD projection, then D^-1/2 X D^-1/2: PSD by congruence, unit diagonal exactly.
  dense_matrix finished = project_psd(y).matrix;
  const Eigen::VectorXd inv_sqrt_diagonal = finished.diagonal().cwiseSqrt().cwiseInverse();
  PMRISK_EXPECTS(inv_sqrt_diagonal.allFinite(), "repaired matrix has a zero diagonal entry");
  finished = (inv_sqrt_diagonal.asDiagonal() * finished * inv_sqrt_diagonal.asDiagonal()).eval();
  finished = (0.5 * (finished + finished.transpose())).eval();
  finished.diagonal().setOnes();

  result.frobenius_distance = (given - finished).norm();
  result.matrix.resize(n * n);
  Eigen::Map<dense_matrix>(result.matrix.data(), size, size) = finished;
  return result;
}

}  // namespace pmrisk::scenarios
