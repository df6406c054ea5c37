// From correlation input to the factor that turns independent normals into correlated shocks.

#include "pmrisk/scenarios/correlation_factor.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <type_traits>
#include <variant>

#include "pmrisk/scenarios/nearest_correlation.hpp"
#include "scenarios/eigen_dense.hpp"

namespace pmrisk::scenarios {
namespace {

// Columns V_j sqrt(lambda_j) for the eigenvalues above the numerical rank threshold, each row
// then scaled to unit length so var(z_u) = 1 to rounding.
correlation_factor factor_from_eigen(const symmetric_eigen& eigen, std::size_t n) {
  const double largest = eigen.values.back();
  const double threshold =
      largest * static_cast<double>(n) * std::numeric_limits<double>::epsilon();
  std::vector<std::size_t> kept;
  for (std::size_t j = 0; j < n; ++j) {
    if (eigen.values[j] > threshold) kept.push_back(j);
  }
  correlation_factor factor;
  factor.underlyings = n;
  factor.factors = kept.size();
  factor.loading.resize(n * kept.size());
  for (std::size_t u = 0; u < n; ++u) {
    double length = 0;
    for (std::size_t c = 0; c < kept.size(); ++c) {
      const std::size_t j = kept[c];
      const double value = eigen.vectors[u * n + j] * std::sqrt(eigen.values[j]);
      factor.loading[u * kept.size() + c] = value;
      length += value * value;
    }
    const double scale = 1 / std::sqrt(length);
    for (std::size_t c = 0; c < kept.size(); ++c) factor.loading[u * kept.size() + c] *= scale;
  }
  return factor;
}

correlation_factor one_factor(std::size_t n, double rho) {
  correlation_factor factor;
  factor.underlyings = n;
  factor.factors = 1;
  factor.loading.assign(n, std::sqrt(rho));
  factor.idio.assign(n, std::sqrt(1 - rho));
  return factor;
}

}  // namespace

correlation_model factor_correlation_matrix(const std::vector<double>& matrix, std::size_t n,
                                            psd_repair repair, const source_location& source) {
  PMRISK_EXPECTS(matrix.size() == n * n && n > 0, "matrix is n x n");
  pin_eigen_blocking();
  const auto size = static_cast<Eigen::Index>(n);
  const Eigen::Map<const dense_matrix> given(matrix.data(), size, size);

  correlation_model model;
  const Eigen::LLT<dense_matrix, Eigen::Lower> cholesky(given);
  if (cholesky.info() == Eigen::Success) {
    const dense_matrix lower = cholesky.matrixL();
    correlation_factor& factor = model.factor;
    factor.underlyings = n;
    factor.factors = n;
    factor.triangular = true;
    factor.loading.resize(n * (n + 1) / 2);
    for (std::size_t u = 0; u < n; ++u) {
      for (std::size_t k = 0; k <= u; ++k) {
        factor.loading[u * (u + 1) / 2 + k] =
            lower(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(k));
      }
    }
    return model;
  }

  symmetric_eigen eigen = eigen_decompose(matrix, n);
  model.min_eigenvalue = eigen.values.front();
  if (model.min_eigenvalue < -psd_tolerance) {
    if (repair == psd_repair::reject) {
      throw input_error(source,
                        fmt::format("the correlation matrix is not positive semi-definite "
                                    "(smallest eigenvalue {:.6g}) and psd_repair is \"reject\"",
                                    model.min_eigenvalue));
    }
    const nearest_correlation_result nearest = nearest_correlation(matrix, n);
    if (!nearest.converged) {
      throw input_error(source, fmt::format("the correlation matrix is not positive "
                                            "semi-definite and its repair did not converge in "
                                            "{} iterations",
                                            nearest.iterations));
    }
    model.repaired = true;
    model.repair_distance = nearest.frobenius_distance;
    model.warning = format_located(
        source, fmt::format("the correlation matrix is not positive semi-definite (smallest "
                            "eigenvalue {:.6g}); using the nearest correlation matrix (Higham "
                            "2002), Frobenius distance {:.6g}",
                            model.min_eigenvalue, model.repair_distance));
    eigen = eigen_decompose(nearest.matrix, n);
  }
  model.factor = factor_from_eigen(eigen, n);
  return model;
}

correlation_model build_correlation_model(const market_data& market,
                                          const std::optional<correlation_input>& input,
                                          double default_correlation, psd_repair repair) {
  const std::size_t n = market.underlyings.size();
  PMRISK_EXPECTS(n > 0, "the market has underlyings");
  PMRISK_EXPECTS(default_correlation >= -1 && default_correlation <= 1, "rho in [-1, 1]");

  const auto dense_with_default = [&] {
    std::vector<double> matrix(n * n, default_correlation);
    for (std::size_t u = 0; u < n; ++u) matrix[u * n + u] = 1;
    return matrix;
  };

  if (!input) {
    if (default_correlation >= 0) {
      correlation_model model;
      model.factor = one_factor(n, default_correlation);
      return model;
    }
    return factor_correlation_matrix(dense_with_default(), n, repair, {"default_correlation"});
  }
  return std::visit(
      [&](const auto& given) -> correlation_model {
        using input_type = std::decay_t<decltype(given)>;
        if constexpr (std::is_same_v<input_type, factor_loadings>) {
          correlation_model model;
          model.factor.underlyings = n;
          model.factor.factors = given.factors.size();
          model.factor.loading = given.beta;
          model.factor.idio = given.idio;
          return model;
        } else {
          std::vector<double> matrix = dense_with_default();
          for (const correlation_pair& pair : given.pairs) {
            const auto a = static_cast<std::size_t>(pair.a);
            const auto b = static_cast<std::size_t>(pair.b);
            matrix[a * n + b] = pair.rho;
            matrix[b * n + a] = pair.rho;
          }
          return factor_correlation_matrix(matrix, n, repair, {given.file});
        }
      },
      *input);
}

}  // namespace pmrisk::scenarios
