// load_market: defaults, and each way a market file can be wrong.

#include <gtest/gtest.h>

#include <cmath>

#include "io_test_support.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

class MarketLoader : public ::testing::Test {
 protected:
  /// The error loading `text` throws, checked against file:line:column and a phrase.
  ::testing::AssertionResult fails_at(std::string_view text, int line, int column,
                                      std::string_view phrase) {
    const std::string path = dir_.write("market.csv", text);
    return throws_input_error_at([&] { load_market(path, config_); }, path, line, column, phrase);
  }

  scratch_dir dir_;
  engine_config config_ = io_test::two_class_config();
};

TEST_F(MarketLoader, ReadsRowsAndAppliesDefaults) {
  const std::string path = dir_.write("market.csv",
                                      "# spot and vol as of the close\n"
                                      "product_group,vol,price,symbol,div_yield,asset_class\n"
                                      ",0.25,101.5,IBM,0.02,\n"
                                      "INDEX,,5000,SPX,,broad_index_high_cap\n");
  const market_data market = load_market(path, config_);
  ASSERT_EQ(market.underlyings.size(), 2u);

  const underlying& ibm = market.underlyings[0];
  EXPECT_EQ(ibm.symbol, "IBM");
  EXPECT_EQ(ibm.price, 101.5);
  EXPECT_EQ(ibm.vol, 0.25);
  EXPECT_EQ(ibm.div_yield, 0.02);
  EXPECT_EQ(ibm.asset_class, "equity");
  EXPECT_EQ(ibm.product_group, "IBM");
  EXPECT_EQ(ibm.where.file, path);
  EXPECT_EQ(ibm.where.line, 3);

  const underlying& spx = market.underlyings[1];
  EXPECT_TRUE(std::isnan(spx.vol));  // every SPX series must then carry its own vol or price
  EXPECT_EQ(spx.div_yield, 0.0);
  EXPECT_EQ(spx.asset_class, "broad_index_high_cap");
  EXPECT_EQ(spx.product_group, "INDEX");

  EXPECT_EQ(market.find("SPX"), 1);
  EXPECT_FALSE(market.find("MSFT"));
}

TEST_F(MarketLoader, VolColumnIsOptional) {
  const market_data market = load_market(dir_.write("m.csv", "symbol,price\nIBM,100\n"), config_);
  EXPECT_TRUE(std::isnan(market.underlyings[0].vol));
}

TEST_F(MarketLoader, MissingRequiredColumn) {
  EXPECT_TRUE(fails_at("symbol,vol\nIBM,0.2\n", 1, 1, "missing required column 'price'"));
  EXPECT_TRUE(fails_at("# c\nprice\n100\n", 2, 1, "missing required column 'symbol'"));
}

TEST_F(MarketLoader, EmptyFileAndHeaderOnly) {
  EXPECT_TRUE(fails_at("", 1, 1, "file is empty"));
  EXPECT_TRUE(fails_at("symbol,price\n# nothing yet\n", 0, 0, "no underlyings"));
}

TEST_F(MarketLoader, BadNumbers) {
  EXPECT_TRUE(fails_at("symbol,price\nIBM,12O.5\n", 2, 5, "price: expected a number, got '12O.5'"));
  EXPECT_TRUE(
      fails_at("symbol,price\nIBM,nan\n", 2, 5, "price must be a finite number, got 'nan'"));
  EXPECT_TRUE(fails_at("symbol,price\nIBM,inf\n", 2, 5, "must be a finite number"));
  EXPECT_TRUE(fails_at("symbol,price\nIBM,1e400\n", 2, 5,
                       "price is beyond the range of a double, got '1e400'"));
  EXPECT_TRUE(fails_at("symbol,price\nIBM,0\n", 2, 5, "price must be > 0, got 0"));
  EXPECT_TRUE(fails_at("symbol,price\nIBM,\n", 2, 5, "price is required"));
  EXPECT_TRUE(fails_at("symbol,price,vol\nIBM,100,-0.2\n", 2, 9, "vol must be > 0, got -0.2"));
  EXPECT_TRUE(fails_at("symbol,price,vol\nIBM,100,0\n", 2, 9, "vol must be > 0, got 0"));
  EXPECT_TRUE(fails_at("symbol,price,div_yield\nIBM,100,-0.01\n", 2, 9,
                       "div_yield must be >= 0, got -0.01"));
  EXPECT_TRUE(fails_at("symbol,price,div_yield\nIBM,100,0x1\n", 2, 9, "expected a number"));
}

TEST_F(MarketLoader, EmptySymbol) {
  EXPECT_TRUE(fails_at("price,symbol\n100,  \n", 2, 5, "symbol is required"));
}

TEST_F(MarketLoader, UnknownAssetClass) {
  EXPECT_TRUE(fails_at("symbol,price,asset_class\nIBM,100,equities\n", 2, 9,
                       "unknown asset class 'equities' (the config has broad_index_high_cap, "
                       "equity)"));
  config_.asset_classes.erase("equity");
  EXPECT_TRUE(
      fails_at("symbol,price\nIBM,100\n", 2, 0, "unknown asset class 'equity', the default"));
}

TEST_F(MarketLoader, DuplicateSymbol) {
  EXPECT_TRUE(fails_at("symbol,price\nIBM,100\nMSFT,300\nIBM,101\n", 4, 1,
                       "duplicate symbol 'IBM' (first on line 2)"));
}

TEST_F(MarketLoader, WrongFieldCount) {
  EXPECT_TRUE(fails_at("symbol,price\nIBM,100,0.2\n", 2, 9, "row has 3 fields"));
}

TEST_F(MarketLoader, UnreadableFile) {
  const std::string missing = dir_.path("none.csv");
  EXPECT_TRUE(throws_input_error_at([&] { load_market(missing, config_); }, missing, 0, 0,
                                    "cannot read file"));
}

}  // namespace
}  // namespace pmrisk
