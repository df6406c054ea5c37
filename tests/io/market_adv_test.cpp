// load_market's optional adv column (average daily volume, docs/inputs.md).

#include <gtest/gtest.h>

#include "io_test_support.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

class MarketAdv : public ::testing::Test {
 protected:
  ::testing::AssertionResult fails_at(std::string_view text, int line, int column,
                                      std::string_view phrase) {
    const std::string path = dir_.write("market.csv", text);
    return throws_input_error_at([&] { load_market(path, config_); }, path, line, column, phrase);
  }

  scratch_dir dir_;
  engine_config config_ = io_test::two_class_config();
};

TEST_F(MarketAdv, ReadsVolumeAndTreatsBlankAsUnknown) {
  const market_data market = load_market(dir_.write("m.csv",
                                                    "symbol,price,adv\n"
                                                    "IBM,100,4500000\n"
                                                    "XYZ,20,\n"
                                                    "ABC,35,0\n"
                                                    "DEF,12,2.5e3\n"),
                                         config_);
  ASSERT_EQ(market.underlyings.size(), 4u);
  EXPECT_EQ(market.underlyings[0].adv, 4500000.0);
  EXPECT_EQ(market.underlyings[1].adv, 0.0);  // blank: unknown
  EXPECT_EQ(market.underlyings[2].adv, 0.0);
  EXPECT_EQ(market.underlyings[3].adv, 2500.0);
}

TEST_F(MarketAdv, ColumnIsOptional) {
  const market_data market = load_market(dir_.write("m.csv", "symbol,price\nIBM,100\n"), config_);
  EXPECT_EQ(market.underlyings[0].adv, 0.0);
}

TEST_F(MarketAdv, NegativeOrNonNumericVolumeIsAnError) {
  // Columns are where the adv cell starts: 8 on "XYZ,20,", 9 on "IBM,100,".
  EXPECT_TRUE(
      fails_at("symbol,price,adv\nIBM,100,1e6\nXYZ,20,-5\n", 3, 8, "adv must be >= 0, got -5"));
  EXPECT_TRUE(fails_at("symbol,price,adv\nIBM,100,lots\n", 2, 9, "expected a number, got 'lots'"));
  EXPECT_TRUE(fails_at("symbol,price,adv\nIBM,100,inf\n", 2, 9, "must be a finite number"));
}

}  // namespace
}  // namespace pmrisk
