// From correlation input to the factor: Cholesky, eigen-factors, and Higham's repair.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/nearest_correlation.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::scenarios {
namespace {

using testing::expect_input_error;
using testing::make_market;

// The correlation matrix a factor implies: rows of the loading times each other, plus idio^2 on
// the diagonal.
std::vector<double> implied_matrix(const correlation_factor& f) {
  const std::size_t n = f.underlyings;
  const auto loading = [&](std::size_t u, std::size_t k) {
    if (f.triangular) return k <= u ? f.loading[u * (u + 1) / 2 + k] : 0.0;
    return f.loading[u * f.factors + k];
  };
  std::vector<double> c(n * n, 0.0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      for (std::size_t k = 0; k < f.factors; ++k) c[a * n + b] += loading(a, k) * loading(b, k);
    }
    if (!f.idio.empty()) c[a * n + a] += f.idio[a] * f.idio[a];
  }
  return c;
}

void expect_matrix_near(const std::vector<double>& got, const std::vector<double>& want,
                        double tolerance) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tolerance) << i;
}

// The closest correlation matrix to A = [1 1 0; 1 1 1; 0 1 1], Higham (2002) section 4, where it
// is printed to four places as [1 .7607 .1573; .7607 1 .7607; .1573 .7607 1]. Derivation of the
// exact values: A is unchanged by reversing the order of the variables and the problem is
// strictly convex, so the solution has that symmetry, X = [1 a b; a 1 a; b a 1]. Its eigenvalues
// are 1 - b and those of [1 + b, sqrt2 a; sqrt2 a, 1], so X is PSD iff 2a^2 <= 1 + b. The
// distance^2 4(1 - a)^2 + 2b^2 is least on the boundary b = 2a^2 - 1, where its derivative
// vanishes at 4a^3 - a - 1 = 0.
struct higham_example {
  double a = 0;
  double b = 0;
  double distance = 0;
};

higham_example exact_higham_example() {
  double a = 0.75;
  for (int i = 0; i < 50; ++i) a -= (4 * a * a * a - a - 1) / (12 * a * a - 1);  // Newton
  higham_example x;
  x.a = a;
  x.b = 2 * a * a - 1;
  x.distance = std::sqrt(4 * (1 - a) * (1 - a) + 2 * x.b * x.b);
  return x;
}

const std::vector<double> higham_input = {1, 1, 0, 1, 1, 1, 0, 1, 1};

TEST(NearestCorrelation, ReproducesHighamsThreeByThreeExample) {
  const higham_example exact = exact_higham_example();
  EXPECT_NEAR(exact.a, 0.7607, 5e-5);  // Higham's printed digits
  EXPECT_NEAR(exact.b, 0.1573, 5e-5);

  const nearest_correlation_result nearest = nearest_correlation(higham_input, 3);
  ASSERT_TRUE(nearest.converged);
  const std::vector<double> want = {1, exact.a, exact.b, exact.a, 1, exact.a, exact.b, exact.a, 1};
  // Alternating projections converge linearly; 1e-7 is what the 1e-10 stopping rule buys here.
  expect_matrix_near(nearest.matrix, want, 1e-7);
  EXPECT_NEAR(nearest.frobenius_distance, exact.distance, 1e-7);
  EXPECT_NEAR(nearest.min_eigenvalue, 1 - std::sqrt(2.0), 1e-12);  // of A: 1 - sqrt2, 1, 1 + sqrt2

  // A valid correlation matrix: symmetric, unit diagonal, PSD to rounding.
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(nearest.matrix[i * 3 + i], 1.0);
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_EQ(nearest.matrix[i * 3 + j], nearest.matrix[j * 3 + i]);
    }
  }
  EXPECT_GE(eigen_decompose(nearest.matrix, 3).values.front(), -1e-12);
}

TEST(CorrelationFactor, PositiveDefiniteMatrixIsCholeskyFactored) {
  const std::vector<double> r = {1, 0.6, 0.3, 0.6, 1, -0.2, 0.3, -0.2, 1};
  const correlation_model model = factor_correlation_matrix(r, 3, psd_repair::reject, {"r.csv"});
  EXPECT_TRUE(model.factor.triangular);
  EXPECT_EQ(model.factor.factors, 3u);
  EXPECT_EQ(model.factor.loading.size(), 6u);
  EXPECT_TRUE(model.factor.idio.empty());
  EXPECT_FALSE(model.repaired);
  EXPECT_TRUE(model.warning.empty());
  expect_matrix_near(implied_matrix(model.factor), r, 1e-15);
}

TEST(CorrelationFactor, NonPsdMatrixIsRepairedWithAWarning) {
  const higham_example exact = exact_higham_example();
  const correlation_model model =
      factor_correlation_matrix(higham_input, 3, psd_repair::higham, {"corr.csv"});
  EXPECT_TRUE(model.repaired);
  EXPECT_NEAR(model.repair_distance, exact.distance, 1e-7);
  EXPECT_NEAR(model.min_eigenvalue, 1 - std::sqrt(2.0), 1e-12);
  EXPECT_EQ(model.warning.rfind("corr.csv: ", 0), 0u) << model.warning;
  EXPECT_NE(model.warning.find("Frobenius distance 0.5"), std::string::npos) << model.warning;
  EXPECT_FALSE(model.factor.triangular);
  expect_matrix_near(implied_matrix(model.factor),
                     {1, exact.a, exact.b, exact.a, 1, exact.a, exact.b, exact.a, 1}, 1e-7);
}

TEST(CorrelationFactor, RejectModeRefusesANonPsdMatrix) {
  expect_input_error(
      [] { factor_correlation_matrix(higham_input, 3, psd_repair::reject, {"corr.csv"}); },
      "corr.csv: ", "not positive semi-definite (smallest eigenvalue -0.414214)");
}

TEST(CorrelationFactor, SingularPsdMatrixIsFactoredWithoutRepair) {
  // Two listings of one risk (rho = 1): PSD with a zero eigenvalue.
  const std::vector<double> r = {1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1};
  const correlation_model model = factor_correlation_matrix(r, 3, psd_repair::reject, {"r.csv"});
  EXPECT_FALSE(model.repaired);
  expect_matrix_near(implied_matrix(model.factor), r, 1e-14);
}

TEST(CorrelationModel, NoFileWithNonNegativeDefaultIsOneFactor) {
  const market_data market = make_market({"A", "B", "C"}, {0.2, 0.2, 0.2});
  const correlation_model model =
      build_correlation_model(market, std::nullopt, 0.3, psd_repair::reject);
  EXPECT_EQ(model.factor.factors, 1u);
  EXPECT_FALSE(model.factor.triangular);
  ASSERT_EQ(model.factor.idio.size(), 3u);
  EXPECT_EQ(model.factor.loading[0], std::sqrt(0.3));
  EXPECT_EQ(model.factor.idio[0], std::sqrt(0.7));
  expect_matrix_near(implied_matrix(model.factor), {1, 0.3, 0.3, 0.3, 1, 0.3, 0.3, 0.3, 1}, 1e-15);
}

TEST(CorrelationModel, NegativeDefaultBeyondPsdIsRepairedToTheBoundary) {
  // Equicorrelation rho is PSD only for rho >= -1/(n-1); the nearest PSD one is that bound (the
  // problem is invariant under permutations of the underlyings).
  const market_data market = make_market({"A", "B", "C", "D"}, {0.2, 0.2, 0.2, 0.2});
  const correlation_model repaired =
      build_correlation_model(market, std::nullopt, -0.5, psd_repair::higham);
  EXPECT_TRUE(repaired.repaired);
  const std::vector<double> c = implied_matrix(repaired.factor);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) EXPECT_NEAR(c[i * 4 + j], i == j ? 1 : -1.0 / 3, 1e-7);
  }
  expect_input_error(
      [&] { build_correlation_model(market, std::nullopt, -0.5, psd_repair::reject); },
      "default_correlation: ", "not positive semi-definite");
}

TEST(CorrelationModel, PairsFillTheMatrixAndTheDefaultTheRest) {
  const market_data market = make_market({"A", "B", "C"}, {0.2, 0.2, 0.2});
  const correlation_input input = pairwise_correlations{"pairs.csv", {{0, 2, -0.4}, {1, 2, 0.5}}};
  const correlation_model model = build_correlation_model(market, input, 0.1, psd_repair::reject);
  EXPECT_TRUE(model.factor.triangular);
  expect_matrix_near(implied_matrix(model.factor), {1, 0.1, -0.4, 0.1, 1, 0.5, -0.4, 0.5, 1},
                     1e-15);
}

TEST(CorrelationModel, FactorLoadingsAreUsedAsGiven) {
  const market_data market = make_market({"A", "B"}, {0.2, 0.2});
  const correlation_input input = factor_loadings{"f.csv", {"mkt"}, {0.8, 0.6}, {0.6, 0.8}};
  const correlation_model model = build_correlation_model(market, input, 0.3, psd_repair::reject);
  EXPECT_EQ(model.factor.factors, 1u);
  EXPECT_EQ(model.factor.loading, (std::vector<double>{0.8, 0.6}));
  EXPECT_EQ(model.factor.idio, (std::vector<double>{0.6, 0.8}));
}

}  // namespace
}  // namespace pmrisk::scenarios
