// The CPU backend's point weights and scanned-point counts (grid_view::point_weight,
// scan_point_count): risk_array[j] = weight[j] x the class group's P&L, and the worst point is
// searched over the scanned points only.

#include <gtest/gtest.h>

#include <cstring>

#include "engine/batch_slice.hpp"
#include "engine_fixtures.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk {
namespace {

/// One class group of stock on a hand-built grid. Moves and the spot are dyadic, so every P&L
/// below is exact in binary floating point: shares x spot x move.
struct stock_batch {
  // Underlying 0: spot $100, 4 points of 5 slots, 3 scanned.
  std::vector<double> spot = {100.0};
  std::vector<int> point_count = {4};
  std::vector<int> scan_point_count = {3};
  std::vector<double> spot_move = {-0.125, 0.125, -0.25, 0.5, 0.0};
  std::vector<double> vol_shift = std::vector<double>(5, 0.0);
  std::vector<double> weight = {1.0, 1.0, 0.35, 1.0, 0.0};
  std::vector<double> horizon = {0.0};

  instrument_kind kind = instrument_kind::stock;
  exercise_style style = exercise_style::american;
  double zero = 0.0;
  std::int32_t underlying = 0;
  std::int64_t position_begin[2] = {0, 1};
  std::int32_t position_series = 0;
  double units = 0;

  std::vector<double> risk_array = std::vector<double>(5, -1.0);
  double worst_pnl = 0;
  std::int32_t worst_point = -1;

  void value(double shares, bool weighted, bool scan_limited) {
    units = shares;
    valuation_inputs inputs;
    inputs.grid = {
        1, 5, spot.data(), point_count.data(), spot_move.data(), vol_shift.data(), horizon.data()};
    if (weighted) inputs.grid.point_weight = weight.data();
    if (scan_limited) inputs.grid.scan_point_count = scan_point_count.data();
    const series_view series{1, &kind, &style, &zero, &zero, &zero, &zero, &underlying};
    const class_group_view groups{1, &underlying, position_begin, &position_series, &units};
    make_cpu_backend(1)->value_batch(inputs, series, groups,
                                     {risk_array.data(), &worst_pnl, &worst_point});
  }
};

TEST(CpuBackendWeights, WeightScalesThePointsPnl) {
  // 100 shares at $100: -1250, +1250, -2500 x 0.35 = -875, +5000; the unused slot is 0.
  stock_batch b;
  b.value(100, true, true);
  EXPECT_EQ(b.risk_array, (std::vector<double>{-1250, 1250, -2500 * 0.35, 5000, 0}));
  // Weighted, the -25% extreme (-875) no longer beats the -12.5% grid point (-1250).
  EXPECT_EQ(b.worst_pnl, -1250);
  EXPECT_EQ(b.worst_point, 0);
}

TEST(CpuBackendWeights, NullWeightsCountEveryPointInFull) {
  stock_batch b;
  b.value(100, false, true);
  EXPECT_EQ(b.risk_array, (std::vector<double>{-1250, 1250, -2500, 5000, 0}));
  EXPECT_EQ(b.worst_pnl, -2500);
  EXPECT_EQ(b.worst_point, 2);
}

TEST(CpuBackendWeights, UnscannedPointsAreValuedButNotSearched) {
  // Short 100 shares: +1250, -1250, +875, -5000. The -5000 at +50% is past the 3 scanned points.
  stock_batch b;
  b.value(-100, true, true);
  EXPECT_EQ(b.risk_array, (std::vector<double>{1250, -1250, 2500 * 0.35, -5000, 0}));
  EXPECT_EQ(b.worst_pnl, -1250);
  EXPECT_EQ(b.worst_point, 1);

  // Without a scan count every point is searched.
  stock_batch all;
  all.value(-100, true, false);
  EXPECT_EQ(all.worst_pnl, -5000);
  EXPECT_EQ(all.worst_point, 3);
}

TEST(CpuBackendWeights, ScanCountOutsideOneToPointsIsRejected) {
  for (int scanned : {0, 5}) {
    stock_batch b;
    b.scan_point_count = {scanned};
    EXPECT_THROW(b.value(100, true, true), logic_error) << scanned;
  }
}

/// A real option book on the house grid (all rules on), valued twice.
class CpuBackendHouseGrid : public ::testing::Test {
 protected:
  CpuBackendHouseGrid() {
    const std::int32_t xyz = test::add_underlying(market_, "XYZ", 100.0, 0.30, 0.01);
    positions_ = {
        test::option("A", xyz, instrument_kind::put, 95, 0.25, -3, 0.32),
        test::option("A", xyz, instrument_kind::call, 110, 0.5, 2, 0.27, exercise_style::american),
        test::stock("A", xyz, 50)};
    config_.house.vol_shifts.enabled = true;
    config_.house.vol_shifts.by_asset_class = {{"equity", 0.15}};
    config_.house.extreme.enabled = true;
    config_.house.concentration.enabled = true;
    book_ = build_book(market_, positions_, config_);
    grid_ = build_tims_grid(market_, config_);
  }

  std::vector<double> risk_array(bool with_weights, std::vector<double>& worst_pnl,
                                 std::vector<std::int32_t>& worst_point) {
    const std::vector<double> spot = {market_.underlyings[0].price};
    valuation_inputs inputs;
    inputs.rate = config_.rate;
    inputs.model = config_.model;
    inputs.grid = {1,
                   grid_.stride,
                   spot.data(),
                   grid_.point_count.data(),
                   grid_.spot_move.data(),
                   grid_.vol_shift.data(),
                   grid_.horizon_years.data()};
    if (with_weights) {
      inputs.grid.point_weight = grid_.weight.data();
      inputs.grid.scan_point_count = grid_.scan_point_count.data();
    }
    engine::batch_slicer slicer(book_);
    const engine::batch_slice slice = slicer.slice({0, book_.account_count()});
    std::vector<double> risk(static_cast<std::size_t>(grid_.stride), -1.0);
    worst_pnl.assign(1, 0.0);
    worst_point.assign(1, -1);
    make_cpu_backend(2)->value_batch(inputs, slice.view_series(), slice.view_class_groups(),
                                     {risk.data(), worst_pnl.data(), worst_point.data()});
    return risk;
  }

  market_data market_;
  std::vector<position> positions_;
  engine_config config_ = test::tims_config(0.03);
  portfolio_book book_;
  valuation_grid grid_;
};

TEST_F(CpuBackendHouseGrid, WeightedArrayIsWeightTimesTheUnweightedOneBitForBit) {
  std::vector<double> worst_plain, worst_weighted;
  std::vector<std::int32_t> point_plain, point_weighted;
  const std::vector<double> plain = risk_array(false, worst_plain, point_plain);
  const std::vector<double> weighted = risk_array(true, worst_weighted, point_weighted);
  ASSERT_EQ(grid_.point_count[0], 52);
  for (int j = 0; j < 52; ++j) {
    const auto slot = static_cast<std::size_t>(j);
    EXPECT_EQ(weighted[slot], grid_.weight[slot] * plain[slot]) << grid_.label(0, j);
    if (grid_.weight[slot] == 1.0)  // weight 1 keeps the unweighted bits
      EXPECT_EQ(std::memcmp(&weighted[slot], &plain[slot], sizeof(double)), 0);
  }
  EXPECT_EQ(grid_.weight[30], 0.35);  // the extreme points are the ones that differ
  EXPECT_EQ(grid_.weight[31], 0.35);

  // The worst point is searched over the 32 scanned points.
  double lowest = weighted[0];
  std::int32_t at = 0;
  for (int j = 1; j < 32; ++j)
    if (weighted[static_cast<std::size_t>(j)] < lowest) {
      lowest = weighted[static_cast<std::size_t>(j)];
      at = j;
    }
  EXPECT_EQ(worst_weighted[0], lowest);
  EXPECT_EQ(point_weighted[0], at);
}

}  // namespace
}  // namespace pmrisk
