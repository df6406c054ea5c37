// The --correlation file in both forms: what is read, and located errors for what is wrong.

#include <gtest/gtest.h>

#include <cmath>
#include <variant>

#include "pmrisk/scenarios/correlation_file.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::scenarios {
namespace {

using testing::expect_input_error;
using testing::make_market;
using testing::write_file;

const market_data& market() {
  static const market_data held =
      make_market({"AAPL", "MSFT", "SPY", "XOM"}, {0.30, 0.25, 0.18, 0.35});
  return held;
}

TEST(CorrelationFile, PairsAreReadOncePerPairInMarketOrder) {
  const std::string path = write_file("pairs.csv",
                                      "# sector correlations\n"
                                      "symbol_a,symbol_b,rho\n"
                                      "MSFT,AAPL,0.6\n"
                                      "SPY,AAPL,0.7\n"
                                      "AAPL,MSFT,0.6\n"  // the same pair again, same rho
                                      "XOM,XOM,1\n"      // the diagonal may be stated
                                      "XOM,SPY,-0.25\n");
  const auto input = load_correlation_file(path, market());
  const auto& pairs = std::get<pairwise_correlations>(input);
  EXPECT_EQ(pairs.file, path);
  ASSERT_EQ(pairs.pairs.size(), 3u);
  EXPECT_EQ(pairs.pairs[0].a, 0);
  EXPECT_EQ(pairs.pairs[0].b, 1);
  EXPECT_EQ(pairs.pairs[0].rho, 0.6);
  EXPECT_EQ(pairs.pairs[1].a, 0);
  EXPECT_EQ(pairs.pairs[1].b, 2);
  EXPECT_EQ(pairs.pairs[1].rho, 0.7);
  EXPECT_EQ(pairs.pairs[2].a, 2);
  EXPECT_EQ(pairs.pairs[2].b, 3);
  EXPECT_EQ(pairs.pairs[2].rho, -0.25);
}

TEST(CorrelationFile, FactorRowsAreScaledToUnitVariance) {
  // AAPL: 0.6^2 + 0.5^2 + 0.624^2 = 0.999376, within the 1e-3 tolerance, then scaled to 1.
  const std::string path = write_file("factors.csv",
                                      "symbol,market,tech,idio\n"
                                      "AAPL,0.6,0.5,0.624\n"
                                      "MSFT,0.6,0.4,0.6928203230275509\n"
                                      "SPY,0.95,0,0.31224989991991997\n"
                                      "XOM,0.5,-0.2,0.8426149773176359\n");
  const auto input = load_correlation_file(path, market());
  const auto& factors = std::get<factor_loadings>(input);
  EXPECT_EQ(factors.factors, (std::vector<std::string>{"market", "tech"}));
  ASSERT_EQ(factors.beta.size(), 8u);
  ASSERT_EQ(factors.idio.size(), 4u);
  for (std::size_t u = 0; u < 4; ++u) {
    const double variance = factors.beta[2 * u] * factors.beta[2 * u] +
                            factors.beta[2 * u + 1] * factors.beta[2 * u + 1] +
                            factors.idio[u] * factors.idio[u];
    EXPECT_NEAR(variance, 1.0, 1e-15) << "underlying " << u;
  }
  const double aapl_scale = 1 / std::sqrt(0.999376);
  EXPECT_DOUBLE_EQ(factors.beta[0], 0.6 * aapl_scale);
  EXPECT_DOUBLE_EQ(factors.idio[0], 0.624 * aapl_scale);
  EXPECT_DOUBLE_EQ(factors.beta[4], 0.95);  // SPY: already unit variance
}

struct bad_file {
  const char* name;
  const char* text;
  const char* where;  ///< ":line:column" after the path, or "" for a whole-file error
  const char* fragment;
};

void PrintTo(const bad_file& bad, std::ostream* out) {
  *out << bad.name;
}

class CorrelationFileErrors : public ::testing::TestWithParam<bad_file> {};

TEST_P(CorrelationFileErrors, NameFileLineAndColumn) {
  const bad_file& bad = GetParam();
  const std::string path = write_file(bad.name, bad.text);
  expect_input_error([&] { load_correlation_file(path, market()); }, path + bad.where + ": ",
                     bad.fragment);
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, CorrelationFileErrors,
    ::testing::Values(
        bad_file{"unknown.csv", "symbol_a,symbol_b,rho\nAAPL,MSFT,0.5\nAAPL,TSLA,0.4\n", ":3:6",
                 "unknown symbol 'TSLA'"},
        bad_file{"number.csv", "symbol_a,symbol_b,rho\nAAPL,MSFT,0.5x\n", ":2:11",
                 "expected a number"},
        bad_file{"nan.csv", "symbol_a,symbol_b,rho\nAAPL,MSFT,nan\n", ":2:11",
                 "must be a finite number"},
        bad_file{"range.csv", "symbol_a,symbol_b,rho\nAAPL,MSFT,1.5\n", ":2:11",
                 "rho must be in [-1, 1]"},
        bad_file{"duplicate.csv",
                 "symbol_a,symbol_b,rho\nAAPL,MSFT,0.5\nSPY,XOM,0.1\nMSFT,AAPL,0.4\n", ":4:11",
                 "has rho 0.4 here but 0.5 on line 2"},
        bad_file{"diagonal.csv", "symbol_a,symbol_b,rho\nSPY,SPY,0.9\n", ":2:9",
                 "correlation of 'SPY' with itself is 1"},
        bad_file{"short.csv", "symbol_a,symbol_b,rho\nAAPL,MSFT\n", ":2:10", "row has 2 fields"},
        bad_file{"missing_column.csv", "symbol_a,rho\nAAPL,0.5\n", ":1:1",
                 "missing required column"},
        bad_file{"header.csv", "a,b,c\n", ":1:1", "unrecognised correlation file header"},
        bad_file{"empty.csv", "\n# nothing\n", "", "file is empty"}));

INSTANTIATE_TEST_SUITE_P(
    Factors, CorrelationFileErrors,
    ::testing::Values(
        bad_file{"excess.csv",
                 "symbol,market,tech,idio\nAAPL,0.8,0.7,0\nMSFT,0.6,0.4,0.69282\n"
                 "SPY,0.95,0,0.31225\nXOM,0.5,-0.2,0.84261\n",
                 ":2:6", "loadings of 'AAPL' exceed unit variance"},
        bad_file{"variance.csv",
                 "symbol,market,tech,idio\nAAPL,0.6,0.5,0.5\nMSFT,0.6,0.4,0.69282\n"
                 "SPY,0.95,0,0.31225\nXOM,0.5,-0.2,0.84261\n",
                 ":2:14", "expected 1"},
        bad_file{"negative_idio.csv", "symbol,market,idio\nAAPL,0.6,-0.8\n", ":2:10",
                 "idio must be >= 0"},
        bad_file{"repeated.csv", "symbol,market,idio\nAAPL,0.6,0.8\nMSFT,0.6,0.8\nAAPL,0.6,0.8\n",
                 ":4:1", "'AAPL' has a row already, on line 2"},
        bad_file{"unknown_symbol.csv", "symbol,market,idio\nIBM,0.6,0.8\n", ":2:1",
                 "unknown symbol 'IBM'"},
        bad_file{"missing_rows.csv", "symbol,market,idio\nAAPL,0.6,0.8\nMSFT,0.6,0.8\n", "",
                 "no row for 2 of the market's underlyings: SPY, XOM"},
        bad_file{"no_idio.csv", "symbol,market,tech\nAAPL,0.6,0.8\n", ":1:1", "no 'idio' column"},
        bad_file{"no_factor.csv", "symbol,idio\nAAPL,1\n", ":1:1", "names no factor column"},
        bad_file{"bad_loading.csv", "symbol,market,idio\nAAPL,0.6e,0.8\n", ":2:6",
                 "expected a number"}));

}  // namespace
}  // namespace pmrisk::scenarios
