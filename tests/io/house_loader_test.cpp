// load_house_rules: the shipped configs/house.toml, defaults, and each way a house file can be
// wrong (every error at file:line:column).

#include <gtest/gtest.h>

#include "io_test_support.hpp"
#include "pmrisk/house.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

class HouseLoader : public ::testing::Test {
 protected:
  ::testing::AssertionResult fails_at(std::string_view text, int line, int column,
                                      std::string_view phrase) {
    const std::string path = dir_.write("house.toml", text);
    return throws_input_error_at([&] { load_house_rules(path); }, path, line, column, phrase);
  }

  house_rules load(std::string_view text) { return load_house_rules(dir_.write("h.toml", text)); }

  scratch_dir dir_;
};

TEST_F(HouseLoader, ShippedFileHoldsThePublishedHouseDefaults) {
  const house_rules house = load_house_rules(PMRISK_CONFIG_DIR "/house.toml");
  // Interactive Brokers (methodology.md section 3): IV +/-15% single stocks, 75% broad indices.
  EXPECT_TRUE(house.vol_shifts.enabled);
  EXPECT_EQ(house.vol_shifts.by_asset_class.at("equity"), 0.15);
  EXPECT_EQ(house.vol_shifts.by_asset_class.at("etf"), 0.15);
  EXPECT_EQ(house.vol_shifts.by_asset_class.at("narrow_index"), 0.15);
  EXPECT_EQ(house.vol_shifts.by_asset_class.at("broad_index"), 0.75);
  EXPECT_EQ(house.vol_shifts.by_asset_class.at("broad_index_high_cap"), 0.75);
  EXPECT_EQ(house.vol_shifts.by_asset_class.size(), 5u);
  // Extreme move 2x the range at 35% (as CME SPAN scenarios 15-16, methodology.md section 4).
  EXPECT_TRUE(house.extreme.enabled);
  EXPECT_EQ(house.extreme.multiple, 2.0);
  EXPECT_EQ(house.extreme.weight, 0.35);
  // IB concentration: the two riskiest at +/-30%, all others at +/-5%.
  EXPECT_TRUE(house.concentration.enabled);
  EXPECT_EQ(house.concentration.riskiest, 2);
  EXPECT_EQ(house.concentration.large_move, 0.30);
  EXPECT_EQ(house.concentration.small_move, 0.05);
  EXPECT_EQ(house.concentration.points, 10);
  EXPECT_EQ(house.concentration.asset_classes,
            (std::vector<std::string>{"equity", "narrow_index"}));  // single names only
  EXPECT_TRUE(house.liquidity.enabled);
  EXPECT_EQ(house.liquidity.participation, 0.10);
  // tastytrade: $175,000 to open, $150,000 to keep (methodology.md section 1).
  EXPECT_EQ(house.eligibility.keep_equity, 150000.0);
  EXPECT_EQ(house.eligibility.open_equity, 175000.0);
}

TEST_F(HouseLoader, EmptyFileTurnsEverythingOff) {
  const house_rules house = load("# no house rules\n");
  EXPECT_FALSE(house.vol_shifts.enabled);
  EXPECT_FALSE(house.extreme.enabled);
  EXPECT_FALSE(house.concentration.enabled);
  EXPECT_FALSE(house.liquidity.enabled);
  EXPECT_EQ(house.eligibility.keep_equity, 150000.0);
}

TEST_F(HouseLoader, OmittedKeysTakeTheDefaultsAndDisabledSectionsStillParse) {
  const house_rules house = load(
      "[extreme]\nenabled = true\n"
      "[concentration]\nenabled = false\nlarge_move = 0.4\nriskiest = 3\n"
      "[liquidity]\nenabled = true\nparticipation = 1\n"
      "[eligibility]\nkeep_equity = 100000\nopen_equity = 125000\n");
  EXPECT_TRUE(house.extreme.enabled);
  EXPECT_EQ(house.extreme.multiple, 2.0);
  EXPECT_EQ(house.extreme.weight, 0.35);
  EXPECT_FALSE(house.concentration.enabled);
  EXPECT_EQ(house.concentration.large_move, 0.4);
  EXPECT_EQ(house.concentration.riskiest, 3);
  EXPECT_EQ(house.concentration.small_move, 0.05);
  EXPECT_EQ(house.liquidity.participation, 1.0);       // an integer reads as a number
  EXPECT_EQ(house.eligibility.keep_equity, 100000.0);  // thinkorswim's thresholds
  EXPECT_EQ(house.eligibility.open_equity, 125000.0);
}

TEST_F(HouseLoader, UnknownKeysAndSections) {
  EXPECT_TRUE(fails_at("[extreme]\nenabled = true\nmultipel = 2\n", 3, 1,
                       "unknown key 'multipel' in [extreme] (expected enabled, multiple, weight)"));
  EXPECT_TRUE(fails_at("[margin]\nrate = 1\n", 1, 2, "unknown key 'margin'"));  // the name in []
  EXPECT_TRUE(fails_at("[eligibility]\nenabled = true\n", 2, 1, "unknown key 'enabled'"));
}

TEST_F(HouseLoader, EveryAddOnSectionNeedsEnabled) {
  EXPECT_TRUE(fails_at("[liquidity]\nparticipation = 0.2\n", 1, 1,
                       "missing required key 'liquidity.enabled'"));
}

TEST_F(HouseLoader, WrongTypes) {
  EXPECT_TRUE(fails_at("[extreme]\nenabled = \"yes\"\n", 2, 11,
                       "extreme.enabled must be true or false, got a string"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\npoints = 10.0\n", 3, 10,
                       "concentration.points must be an integer, got a floating-point number"));
  EXPECT_TRUE(fails_at("[extreme]\nenabled = true\nweight = \"35%\"\n", 3, 10,
                       "extreme.weight must be a number, got a string"));
  EXPECT_TRUE(fails_at("extreme = 2\n", 1, 11, "extreme must be a table, got an integer"));
  EXPECT_TRUE(fails_at("[vol_shifts]\nenabled = true\nby_asset_class = 0.15\n", 3, 18,
                       "vol_shifts.by_asset_class must be a table"));
  EXPECT_TRUE(fails_at("[extreme]\nenabled = true\nmultiple = nan\n", 3, 12, "must be finite"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\nasset_classes = \"equity\"\n", 3, 17,
                       "concentration.asset_classes must be an array of strings, got a string"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\nasset_classes = [\"equity\", 3]\n", 3, 28,
                       "every element of concentration.asset_classes must be a string"));
}

TEST_F(HouseLoader, OutOfRangeValues) {
  EXPECT_TRUE(fails_at("[vol_shifts]\nenabled = true\n[vol_shifts.by_asset_class]\nequity = 1.5\n",
                       4, 10, "vol_shifts.by_asset_class.equity must be > 0 and < 1"));
  EXPECT_TRUE(fails_at("[vol_shifts]\nenabled = true\n[vol_shifts.by_asset_class]\netf = 0\n", 4, 7,
                       "must be > 0 and < 1"));
  EXPECT_TRUE(fails_at("[extreme]\nenabled = true\nmultiple = 0.5\n", 3, 12,
                       "extreme.multiple must be >= 1"));
  EXPECT_TRUE(fails_at("[extreme]\nenabled = true\nweight = 1.2\n", 3, 10,
                       "extreme.weight must be > 0 and <= 1, got 1.2"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\nriskiest = -1\n", 3, 12,
                       "concentration.riskiest must be a count >= 0, got -1"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\nlarge_move = 1\n", 3, 14,
                       "concentration.large_move must be > 0 and < 1"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\nsmall_move = 0.4\n", 3, 14,
                       "concentration.small_move (0.4) must not exceed concentration.large_move "
                       "(0.3)"));
  EXPECT_TRUE(fails_at("[concentration]\nenabled = true\npoints = 7\n", 3, 10,
                       "concentration.points must be an even integer from 2 to 1000"));
  EXPECT_TRUE(fails_at("[liquidity]\nenabled = true\nparticipation = 0\n", 3, 17,
                       "liquidity.participation must be > 0 and <= 1"));
  EXPECT_TRUE(fails_at("[eligibility]\nkeep_equity = -1\n", 2, 15,
                       "eligibility.keep_equity must be >= 0, got -1"));
  EXPECT_TRUE(
      fails_at("[eligibility]\nkeep_equity = 150000\nopen_equity = 100000\n", 3, 15,
               "eligibility.open_equity (100000) must be at least eligibility.keep_equity"));
}

TEST_F(HouseLoader, EnabledVolShiftsMustListAnAssetClass) {
  EXPECT_TRUE(fails_at("[vol_shifts]\nenabled = true\n", 1, 1,
                       "vol_shifts is enabled but [vol_shifts.by_asset_class] lists no asset"));
  EXPECT_FALSE(load("[vol_shifts]\nenabled = false\n").vol_shifts.enabled);
}

TEST_F(HouseLoader, SyntaxErrorsAndMissingFiles) {
  EXPECT_TRUE(fails_at("[extreme\nenabled = true\n", 1, 9, "TOML syntax error"));
  const std::string missing = dir_.path("absent.toml");
  EXPECT_THROW(load_house_rules(missing), input_error);
}

}  // namespace
}  // namespace pmrisk
