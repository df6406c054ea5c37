#pragma once
// The linear map from independent standard normals to the correlated shocks z of the
// underlyings (var z_u = 1), built from the correlation input (docs/scenarios.md).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pmrisk/error.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/scenarios/config.hpp"
#include "pmrisk/scenarios/correlation_file.hpp"

namespace pmrisk::scenarios {

/// z_u = sum_{k < length(u)} loading[begin(u) + k] * n_k  (+ idio_u * eps_u when idio is set).
/// Triangular: the packed lower-triangular Cholesky factor, row u holding u + 1 loadings at
/// u (u + 1) / 2. Otherwise: a dense underlyings x factors matrix.
struct correlation_factor {
  std::size_t underlyings = 0;
  std::size_t factors = 0;  ///< columns; equals underlyings when triangular
  bool triangular = false;
  std::vector<double> loading;
  std::vector<double> idio;  ///< per underlying, or empty when there are no idiosyncratic draws
};

struct correlation_model {
  correlation_factor factor;
  bool repaired = false;       ///< the matrix was not PSD and was replaced (psd_repair::higham)
  double repair_distance = 0;  ///< ||given - repaired||_F
  double min_eigenvalue = 0;   ///< of the given matrix, when it had to be examined
  std::string warning;         ///< one line for the user when repaired, else empty
};

/// Eigenvalues above -psd_tolerance count as non-negative: a PSD matrix with rounding noise
/// (or a repeated underlying, rho = 1) is factored as it is, not repaired.
inline constexpr double psd_tolerance = 1e-10;

/// Factors a dense correlation matrix (n x n row-major, symmetric, unit diagonal): Cholesky
/// when positive definite; otherwise eigenvectors scaled by the square roots of the
/// non-negative eigenvalues, after a Higham repair when one is below -psd_tolerance (or an
/// input_error at `source` when repair is psd_repair::reject).
correlation_model factor_correlation_matrix(const std::vector<double>& matrix, std::size_t n,
                                            psd_repair repair, const source_location& source);

/// The correlation model of all of the market's underlyings: from the file when there is one
/// (pairs it does not give take `default_correlation`), else every pair at
/// `default_correlation`; a non-negative default with no file is the exact one-factor model
/// z_u = sqrt(rho) f + sqrt(1 - rho) eps_u.
correlation_model build_correlation_model(const market_data& market,
                                          const std::optional<correlation_input>& input,
                                          double default_correlation, psd_repair repair);

}  // namespace pmrisk::scenarios
