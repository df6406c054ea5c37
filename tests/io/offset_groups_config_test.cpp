// load_engine_config: [product_groups.NAME] and [portfolio_groups.NAME] (docs/offsets.md), the
// shipped example, and each way they can be wrong, located at file:line:column.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "io_test_support.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

// Lines 1-6; the tests' sections start on line 7.
constexpr std::string_view minimal_config =
    "rate = 0.04\n"
    "[asset_class.equity]\n"
    "up = 0.15\n"
    "down = 0.15\n"
    "points = 10\n"
    "default_style = \"american\"\n";

class OffsetGroupsConfig : public ::testing::Test {
 protected:
  engine_config load(std::string_view groups) {
    return load_engine_config(
        dir_.write("tims.toml", std::string(minimal_config) + std::string(groups)));
  }

  ::testing::AssertionResult fails_at(std::string_view groups, int line, int column,
                                      std::string_view phrase) {
    const std::string path =
        dir_.write("tims.toml", std::string(minimal_config) + std::string(groups));
    return throws_input_error_at([&] { load_engine_config(path); }, path, line, column, phrase);
  }

  scratch_dir dir_;
};

TEST_F(OffsetGroupsConfig, ReadsProductAndPortfolioGroups) {
  const engine_config config = load(
      "[product_groups.SPX]\n"
      "offset = 0.9\n"
      "portfolio_group = \"broad\"\n"
      "[product_groups.XLE]\n"
      "offset = 0\n"
      "[portfolio_groups.broad]\n"
      "offset = 1\n");
  ASSERT_EQ(config.product_groups.size(), 2u);
  EXPECT_EQ(config.product_groups.at("SPX").offset, 0.9);
  EXPECT_EQ(config.product_groups.at("SPX").portfolio_group, "broad");
  EXPECT_EQ(config.product_groups.at("XLE").offset, 0.0);
  EXPECT_EQ(config.product_groups.at("XLE").portfolio_group, "");
  ASSERT_EQ(config.portfolio_groups.size(), 1u);
  EXPECT_EQ(config.portfolio_groups.at("broad").offset, 1.0);
}

TEST_F(OffsetGroupsConfig, NoneByDefault) {
  const engine_config config = load("");
  EXPECT_TRUE(config.product_groups.empty());
  EXPECT_TRUE(config.portfolio_groups.empty());
}

TEST_F(OffsetGroupsConfig, UnknownKeys) {
  EXPECT_TRUE(fails_at("[product_groups.SPX]\noffset = 0.9\noffsett = 1\n", 9, 1,
                       "unknown key 'offsett' in [product_groups.SPX] (expected offset, "
                       "portfolio_group)"));
  EXPECT_TRUE(fails_at("[portfolio_groups.broad]\noffset = 0.5\nportfolio_group = \"x\"\n", 9, 1,
                       "unknown key 'portfolio_group' in [portfolio_groups.broad] (expected "
                       "offset)"));
}

TEST_F(OffsetGroupsConfig, OffsetIsAFractionFromZeroToOne) {
  EXPECT_TRUE(fails_at("[product_groups.SPX]\noffset = 1.2\n", 8, 10,
                       "product_groups.SPX.offset must be between 0 and 1 (a fraction of a "
                       "gain), got 1.2"));
  EXPECT_TRUE(fails_at("[portfolio_groups.broad]\noffset = -0.1\n", 8, 10,
                       "portfolio_groups.broad.offset must be between 0 and 1"));
  EXPECT_TRUE(fails_at("[product_groups.SPX]\noffset = \"90%\"\n", 8, 10,
                       "product_groups.SPX.offset must be a number, got a string"));
  EXPECT_TRUE(fails_at("[product_groups.SPX]\nportfolio_group = \"broad\"\n", 7, 1,
                       "missing required key 'product_groups.SPX.offset'"));
}

TEST_F(OffsetGroupsConfig, APortfolioGroupMustBeDefined) {
  EXPECT_TRUE(
      fails_at("[product_groups.SPX]\noffset = 0.9\nportfolio_group = \"brod\"\n"
               "[portfolio_groups.broad]\noffset = 0.5\n",
               9, 19,
               "product_groups.SPX.portfolio_group names \"brod\", which is not a "
               "[portfolio_groups.NAME]"));
}

TEST_F(OffsetGroupsConfig, AProductGroupOutsideEveryPortfolioGroupKeepsItsNameToItself) {
  EXPECT_TRUE(fails_at("[product_groups.SPX]\noffset = 0.9\n[portfolio_groups.SPX]\noffset = 0.5\n",
                       9, 1,
                       "portfolio group 'SPX' has the name of product group 'SPX', which is not "
                       "in it"));
}

TEST_F(OffsetGroupsConfig, GroupsMustBeTables) {
  const std::string path =
      dir_.write("top.toml", "product_groups = 3\n" + std::string(minimal_config));
  EXPECT_TRUE(throws_input_error_at([&] { load_engine_config(path); }, path, 1, 18,
                                    "product_groups must be a table, got an integer"));
  EXPECT_TRUE(fails_at("[product_groups]\nSPX = 0.9\n", 8, 7,
                       "product_groups.SPX must be a table, got a floating-point number"));
}

// The shipped example firm (examples/) with configs/tims.toml and span.toml: every market row
// resolves to a product group, and the broad US indices offset.
TEST(ShippedOffsetGroups, TheExampleFirmLoadsAndItsIndicesOffset) {
  engine_config config = load_engine_config(PMRISK_CONFIG_DIR "/tims.toml");
  config.span = load_span_config(PMRISK_CONFIG_DIR "/span.toml");  // ACC-1012 holds futures
  for (const char* name : {"SPX", "NDX", "RUT", "DJX"}) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(config.product_groups.contains(name));
    EXPECT_EQ(config.product_groups.at(name).offset, 0.9);
    EXPECT_EQ(config.product_groups.at(name).portfolio_group, "us_broad_index");
  }
  EXPECT_EQ(config.portfolio_groups.at("us_broad_index").offset, 0.5);

  const market_data market = load_market(PMRISK_SOURCE_DIR "/examples/market.csv", config);
  const auto positions = load_positions(PMRISK_SOURCE_DIR "/examples/positions.csv", market, config,
                                        parse_date("2026-11-20", {}));
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = 1;
  const margin_report report = compute_margin(market, positions, config, options);
  // ACC-1011 holds NVDA, RUT, SPX and TSLA: RUT and SPX share the us_broad_index portfolio group.
  const auto account =
      std::find_if(report.accounts.begin(), report.accounts.end(),
                   [](const account_margin& a) { return a.account == "ACC-1011"; });
  ASSERT_NE(account, report.accounts.end());
  int broad = 0;
  for (const group_margin& group : report.portfolio_groups)
    if (group.account == account - report.accounts.begin() && group.name == "us_broad_index")
      ++broad;
  EXPECT_EQ(broad, 1);
}

}  // namespace
}  // namespace pmrisk
