// The TIMS valuation grid: point placement, labels, vol shifts and horizon.
// Reference points: methodology.md section 1 (FINRA 4210(g), Cboe Rule 10.4).

#include "pmrisk/valuation_grid.hpp"

#include <gtest/gtest.h>

#include "engine_fixtures.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk {
namespace {

// Points are computed in binary floating point; 1e-15 absolute is a few ulps of 0.15.
constexpr double kMoveTolerance = 1e-15;

void expect_moves(const std::vector<double>& actual, const std::vector<double>& percents) {
  ASSERT_EQ(actual.size(), percents.size());
  for (std::size_t j = 0; j < percents.size(); ++j)
    EXPECT_NEAR(actual[j], percents[j] / 100.0, kMoveTolerance) << "point " << j;
}

TEST(TimsSpotMoves, EquityIsTenPointsOfThreePercentWithoutZero) {
  const std::vector<double> moves = tims_spot_moves(asset_class_config{});
  expect_moves(moves, {-15, -12, -9, -6, -3, 3, 6, 9, 12, 15});
  EXPECT_EQ(moves.front(), -0.15);  // the end points are exact
  EXPECT_EQ(moves.back(), 0.15);
}

TEST(TimsSpotMoves, HighCapBroadIndexIsSixUpEightDown) {
  asset_class_config high_cap;
  high_cap.up = 0.06;
  high_cap.down = 0.08;
  expect_moves(tims_spot_moves(high_cap), {-8, -6.4, -4.8, -3.2, -1.6, 1.2, 2.4, 3.6, 4.8, 6.0});
}

TEST(TimsSpotMoves, PointCountIsConfigurable) {
  asset_class_config wide;
  wide.up = 0.25;
  wide.down = 0.25;
  wide.points = 4;
  expect_moves(tims_spot_moves(wide), {-25, -12.5, 12.5, 25});
}

TEST(TimsSpotMoves, OddPointCountIsRejected) {
  asset_class_config odd;
  odd.points = 9;
  EXPECT_THROW(tims_spot_moves(odd), logic_error);
}

TEST(BuildTimsGrid, LaysOutEachUnderlyingsPointsWithLabels) {
  market_data market;
  test::add_underlying(market, "AAPL", 200, 0.25, 0.0);
  test::add_underlying(market, "SPX", 5000, 0.16, 0.013, "broad_index_high_cap");
  const valuation_grid grid = build_tims_grid(market, test::tims_config());

  ASSERT_EQ(grid.stride, 10);
  EXPECT_EQ(grid.point_count, (std::vector<int>{10, 10}));
  EXPECT_EQ(grid.horizon_years, (std::vector<double>{0.0, 0.0}));
  for (double shift : grid.vol_shift) EXPECT_EQ(shift, 0.0);
  EXPECT_EQ(grid.label(0, 0), "-15%");
  EXPECT_EQ(grid.label(0, 5), "+3%");
  EXPECT_EQ(grid.label(0, 9), "+15%");
  const std::vector<std::string> high_cap_labels = {"-8%",   "-6.4%", "-4.8%", "-3.2%", "-1.6%",
                                                    "+1.2%", "+2.4%", "+3.6%", "+4.8%", "+6%"};
  for (int j = 0; j < 10; ++j) EXPECT_EQ(grid.label(1, j), high_cap_labels[j]);
  EXPECT_NEAR(grid.spot_move[10 + 1], -0.064, kMoveTolerance);
}

TEST(BuildTimsGrid, VolShiftsRepeatEachPricePointAndWidenTheStride) {
  market_data market;
  test::add_underlying(market, "AAPL", 200, 0.25, 0.0);
  test::add_underlying(market, "SPY", 590, 0.15, 0.013, "etf");
  engine_config config = test::tims_config();
  asset_class_config etf;
  etf.vol_shifts = {-0.15, 0.15};
  etf.horizon_days = 2;
  config.asset_classes["etf"] = etf;
  const valuation_grid grid = build_tims_grid(market, config);

  ASSERT_EQ(grid.stride, 20);
  EXPECT_EQ(grid.point_count, (std::vector<int>{10, 20}));
  EXPECT_EQ(grid.horizon_years[1], 2.0 / 365.0);
  // Price-major: each price point once per shift.
  for (int j = 0; j < 20; ++j) {
    EXPECT_EQ(grid.spot_move[20 + j], tims_spot_moves(etf)[static_cast<std::size_t>(j / 2)]);
    EXPECT_EQ(grid.vol_shift[20 + j], j % 2 == 0 ? -0.15 : 0.15);
  }
  EXPECT_EQ(grid.label(1, 0), "-15% vol-15%");
  EXPECT_EQ(grid.label(1, 1), "-15% vol+15%");
  EXPECT_EQ(grid.label(1, 19), "+15% vol+15%");
  // The equity underlying leaves its ten trailing slots unused and zero.
  for (int j = 10; j < 20; ++j) {
    EXPECT_EQ(grid.spot_move[static_cast<std::size_t>(j)], 0.0);
    EXPECT_EQ(grid.label(0, j), "");
  }
}

TEST(BuildTimsGrid, UnknownAssetClassNamesTheUnderlying) {
  market_data market;
  test::add_underlying(market, "GLD", 180, 0.15, 0.0, "commodity");
  market.underlyings[0].where = {"market.csv", 3, 0};
  try {
    build_tims_grid(market, test::tims_config());
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_NE(std::string(e.what()).find("commodity"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pmrisk
