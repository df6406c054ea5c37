#pragma once
// The --correlation file: pairwise correlations (long form) or factor loadings
// (docs/scenarios.md, "Correlation input").

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "pmrisk/error.hpp"
#include "pmrisk/market.hpp"

namespace pmrisk::scenarios {

/// One row of a long-form file: corr(a, b) = rho, with a < b as market indices.
struct correlation_pair {
  std::int32_t a = 0;
  std::int32_t b = 0;
  double rho = 0;
};

/// `symbol_a,symbol_b,rho`: the pairs given, each once (a < b), in file order. Pairs not
/// given take the configured default correlation.
struct pairwise_correlations {
  std::string file;
  std::vector<correlation_pair> pairs;
};

/// `symbol,<factor...>,idio`: z_u = sum_k beta_uk f_k + idio_u eps_u with independent standard
/// normal factors f and idiosyncratic eps. Every underlying of the market has a row; each row is
/// normalised so that sum_k beta_uk^2 + idio_u^2 = 1 exactly (see factor_variance_tolerance).
struct factor_loadings {
  std::string file;
  std::vector<std::string> factors;  ///< factor names, in header order
  std::vector<double> beta;          ///< underlyings x factors, market order
  std::vector<double> idio;          ///< per underlying, >= 0
};

using correlation_input = std::variant<pairwise_correlations, factor_loadings>;

/// A factor-file row is accepted when sum beta^2 <= 1 + tolerance and
/// |sum beta^2 + idio^2 - 1| <= tolerance; it is then scaled to unit variance.
inline constexpr double factor_variance_tolerance = 1e-3;

/// Reads either form, telling them apart by the header. Unknown symbols, malformed numbers,
/// rho outside [-1, 1], a pair repeated with a different rho, rows whose loadings exceed unit
/// variance and missing underlyings throw pmrisk::input_error at file:line:column.
correlation_input load_correlation_file(const std::string& path, const market_data& market);

}  // namespace pmrisk::scenarios
