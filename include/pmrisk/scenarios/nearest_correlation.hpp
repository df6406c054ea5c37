#pragma once
// The nearest correlation matrix in the Frobenius norm, by Higham's alternating projections
// with Dykstra's correction (N. J. Higham, "Computing the nearest correlation matrix - a problem
// from finance", IMA J. Numer. Anal. 22 (2002) 329-343, Algorithm 3.3 with W = I).

#include <cstddef>
#include <vector>

namespace pmrisk::scenarios {

struct nearest_correlation_result {
  std::vector<double> matrix;     ///< n x n row-major: symmetric, unit diagonal, PSD
  double frobenius_distance = 0;  ///< ||input - matrix||_F
  double min_eigenvalue = 0;      ///< of the input
  int iterations = 0;
  bool converged = false;  ///< false: max_iterations passed first; `matrix` is the last iterate
};

/// Symmetric eigenvalues and vectors of an n x n row-major matrix, ascending.
struct symmetric_eigen {
  std::vector<double> values;   ///< n, ascending
  std::vector<double> vectors;  ///< n x n row-major; column j belongs to values[j]
};
symmetric_eigen eigen_decompose(const std::vector<double>& matrix, std::size_t n);

/// Projects `matrix` (symmetric, n x n row-major) onto the correlation matrices. Stops when
/// successive iterates move by less than `tolerance` (relative, Frobenius) or after
/// `max_iterations`. The result is finished by one more PSD projection and a rescaling to unit
/// diagonal, so it is PSD to rounding whether or not it converged.
nearest_correlation_result nearest_correlation(const std::vector<double>& matrix, std::size_t n,
                                               double tolerance = 1e-10,
                                               int max_iterations = 10000);

}  // namespace pmrisk::scenarios
