// Each house add-on (docs/house.md) on and off through compute_margin: the requirement and its
// source change exactly as computed here by hand or from the independent closed-form BSM of
// closed_form_bsm.hpp. House defaults: methodology.md section 3 (IB: IV +/-15%, concentration
// +/-30% for the two riskiest, +/-5% for the rest) and section 4 (extreme 2x at 35%).
// Rate and dividend yield are 0, no horizon, European options: the closed form applies.

#include <gtest/gtest.h>

#include <cmath>

#include "closed_form_bsm.hpp"
#include "engine_fixtures.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk {
namespace {

using test::bsm_price;

// Stock P&L is spot x move x shares: exact up to the rounding of a few products of money
// values, 1e-9 absolute. Options: 1e-9 of the notional (closed_form_bsm.hpp).
constexpr double kStockTolerance = 1e-9;

class HouseAddOnMargin : public ::testing::Test {
 protected:
  margin_report run(const std::vector<position>& positions) const {
    margin_options options;
    options.backend = backend_choice::cpu;
    options.threads = 2;
    return compute_margin(market_, positions, config_, options);
  }

  std::int32_t add(const std::string& symbol, double price, double adv = 0) {
    const std::int32_t u = test::add_underlying(market_, symbol, price, 0.30, 0.0);
    market_.underlyings[static_cast<std::size_t>(u)].adv = adv;
    return u;
  }

  market_data market_;
  engine_config config_ = test::tims_config(0.0);
};

// Long 1 call K=100, 3 months, vol 30%, spot $100. The grid's worst point is -15% at vol 30%;
// with the +/-15% vol shift it is -15% at vol 25.5% (a long option loses more at lower vol).
TEST_F(HouseAddOnMargin, VolShiftsValueTheGridAtShiftedVols) {
  const std::int32_t xyz = add("XYZ", 100);
  const std::vector<position> call = {
      test::option("A", xyz, instrument_kind::call, 100, 0.25, 1, 0.30)};
  const double today = bsm_price(true, 100, 100, 0.25, 0, 0, 0.30);
  const double grid_loss = 100 * (today - bsm_price(true, 85, 100, 0.25, 0, 0, 0.30));
  const double vol_loss = 100 * (today - bsm_price(true, 85, 100, 0.25, 0, 0, 0.30 * 0.85));
  const double tolerance = 1e-9 * 100 * 100;
  ASSERT_GT(vol_loss, grid_loss + 1);

  const margin_report off = run(call);
  EXPECT_NEAR(off.accounts[0].requirement, grid_loss, tolerance);
  EXPECT_EQ(off.accounts[0].source, requirement_source::grid);

  config_.house.vol_shifts.enabled = true;
  config_.house.vol_shifts.by_asset_class = {{"equity", 0.15}};
  const margin_report on = run(call);
  EXPECT_NEAR(on.accounts[0].requirement, vol_loss, tolerance);
  EXPECT_EQ(on.accounts[0].source, requirement_source::vol);
  const class_group_margin& group = on.class_groups[0];
  EXPECT_EQ(group.worst_category, point_category::vol);
  EXPECT_EQ(on.grid.label(0, group.worst_point), "-15% vol-15%");
}

// Short 1 put K=70, 3 months, vol 30%, spot $100: nearly worthless at the grid's -15% ($85),
// at the money at the extreme -30% ($70), where 35% of the loss still exceeds the grid's.
TEST_F(HouseAddOnMargin, ExtremeMoveCountsItsWeightedLoss) {
  const std::int32_t xyz = add("XYZ", 100);
  const std::vector<position> put = {
      test::option("A", xyz, instrument_kind::put, 70, 0.25, -1, 0.30)};
  const double today = bsm_price(false, 100, 70, 0.25, 0, 0, 0.30);
  const double grid_loss = 100 * (bsm_price(false, 85, 70, 0.25, 0, 0, 0.30) - today);
  const double extreme_loss = 0.35 * 100 * (bsm_price(false, 70, 70, 0.25, 0, 0, 0.30) - today);
  const double tolerance = 1e-9 * 100 * 100;
  ASSERT_GT(grid_loss, 37.5);  // both above the $37.50 minimum charge
  ASSERT_GT(extreme_loss, grid_loss + 1);

  const margin_report off = run(put);
  EXPECT_NEAR(off.accounts[0].requirement, grid_loss, tolerance);
  EXPECT_EQ(off.accounts[0].source, requirement_source::grid);

  config_.house.extreme.enabled = true;
  const margin_report on = run(put);
  EXPECT_NEAR(on.accounts[0].requirement, extreme_loss, tolerance);
  EXPECT_EQ(on.accounts[0].source, requirement_source::extreme);
  EXPECT_EQ(on.grid.label(0, on.class_groups[0].worst_point), "-30% extreme x0.35");
}

// 100 shares of stock at $100: the grid loses $1,500 at -15%; the extreme point 0.35 x $3,000
// = $1,050, which does not bind.
TEST_F(HouseAddOnMargin, ExtremeMoveBelowTheGridLeavesTheRequirement) {
  const std::vector<position> shares = {test::stock("A", add("XYZ", 100), 100)};
  config_.house.extreme.enabled = true;
  const margin_report on = run(shares);
  EXPECT_NEAR(on.accounts[0].requirement, 1500, kStockTolerance);
  EXPECT_EQ(on.accounts[0].source, requirement_source::grid);
}

// Three stocks at $100: 100, 200 and 50 shares. TIMS: 15% of each, 1,500 + 3,000 + 750 =
// 5,250. Concentration: the two riskiest by their -30% loss (B 6,000, A 3,000) at 30% and C at
// its -5% loss (250): 9,250, which exceeds TIMS and becomes the requirement.
TEST_F(HouseAddOnMargin, ConcentrationStressIsAFloorOnTheAccount) {
  const std::vector<position> stocks = {test::stock("A", add("AAA", 100), 100),
                                        test::stock("A", add("BBB", 100), 200),
                                        test::stock("A", add("CCC", 100), 50)};
  const margin_report off = run(stocks);
  EXPECT_NEAR(off.accounts[0].requirement, 5250, kStockTolerance);
  EXPECT_EQ(off.accounts[0].concentration_charge, 0.0);
  EXPECT_EQ(off.accounts[0].source, requirement_source::grid);

  config_.house.concentration.enabled = true;
  const margin_report on = run(stocks);
  EXPECT_NEAR(on.accounts[0].tims_requirement, 5250, kStockTolerance);
  EXPECT_NEAR(on.accounts[0].concentration_charge, 9250, kStockTolerance);
  EXPECT_NEAR(on.accounts[0].requirement, 9250, kStockTolerance);
  EXPECT_EQ(on.accounts[0].source, requirement_source::concentration);
  const std::vector<double> large = {3000, 6000, 1500}, small = {500, 1000, 250};
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_NEAR(on.class_groups[g].concentration_large_loss, large[g], kStockTolerance);
    EXPECT_NEAR(on.class_groups[g].concentration_small_loss, small[g], kStockTolerance);
    EXPECT_NEAR(on.class_groups[g].requirement,
                0.15 * 100 * 100 *
                    (g == 1   ? 2
                     : g == 2 ? 0.5
                              : 1),
                kStockTolerance);  // the concentration points are not scanned
  }

  // With one riskiest class group: 6,000 + 500 + 250 = 6,750.
  config_.house.concentration.riskiest = 1;
  EXPECT_NEAR(run(stocks).accounts[0].requirement, 6750, kStockTolerance);
  // With every class group at the small move the floor (1,750) no longer binds.
  config_.house.concentration.riskiest = 0;
  const margin_report low = run(stocks);
  EXPECT_NEAR(low.accounts[0].concentration_charge, 1750, kStockTolerance);
  EXPECT_NEAR(low.accounts[0].requirement, 5250, kStockTolerance);
  EXPECT_EQ(low.accounts[0].source, requirement_source::grid);
}

// The same three stocks with BBB in an unstressed asset class: BBB counts its requirement
// (3,000); AAA and CCC are the two riskiest stressed class groups at -30% (3,000 + 1,500). The
// charge, 7,500, still exceeds TIMS (5,250). A stressed class the config lacks is an error.
TEST_F(HouseAddOnMargin, ConcentrationStressesOnlyItsAssetClasses) {
  config_.asset_classes["broad_index"] = config_.asset_classes.at("equity");
  const std::int32_t index = add("BBB", 100);
  market_.underlyings[static_cast<std::size_t>(index)].asset_class = "broad_index";
  const std::vector<position> stocks = {test::stock("A", add("AAA", 100), 100),
                                        test::stock("A", index, 200),
                                        test::stock("A", add("CCC", 100), 50)};
  config_.house.concentration.enabled = true;
  config_.house.concentration.asset_classes = {"equity"};
  const margin_report on = run(stocks);
  EXPECT_NEAR(on.accounts[0].tims_requirement, 5250, kStockTolerance);
  EXPECT_NEAR(on.accounts[0].concentration_charge, 7500, kStockTolerance);
  EXPECT_EQ(on.accounts[0].source, requirement_source::concentration);

  config_.house.concentration.asset_classes = {"equity", "no_such_class"};
  EXPECT_THROW(run(stocks), input_error);
}

// 100,000 shares at $100 (TIMS 15%: $1,500,000) with an ADV of 200,000 shares: at 10%
// participation the holding takes 100,000 / 20,000 = 5 days to trade out, so the add-on is
// 1,500,000 x (sqrt(5) - 1).
TEST_F(HouseAddOnMargin, LiquidityScalesTheRequirementBySquareRootOfDays) {
  const std::int32_t big = add("BIG", 100, 200000);
  const std::int32_t unknown = add("NOADV", 100, 0);
  const std::vector<position> holding = {test::stock("A", big, 100000),
                                         test::stock("A", unknown, 100000)};
  const margin_report off = run(holding);
  EXPECT_NEAR(off.accounts[0].requirement, 3000000, 1e-6);
  EXPECT_EQ(off.accounts[0].liquidity_addon, 0.0);

  config_.house.liquidity.enabled = true;
  const margin_report on = run(holding);
  const double addon = 1500000 * (std::sqrt(5.0) - 1);
  // 1e-9 relative of a $1.5M requirement.
  EXPECT_NEAR(on.class_groups[0].liquidation_days, 5.0, 1e-12);
  EXPECT_NEAR(on.class_groups[0].liquidity_addon, addon, 1.5e-3);
  EXPECT_EQ(on.class_groups[1].liquidation_days, 0.0);  // no ADV, no add-on
  EXPECT_EQ(on.class_groups[1].liquidity_addon, 0.0);
  EXPECT_NEAR(on.accounts[0].liquidity_addon, addon, 1.5e-3);
  EXPECT_NEAR(on.accounts[0].requirement, 3000000 + addon, 3e-3);
  EXPECT_EQ(on.accounts[0].source, requirement_source::grid);  // an add-on, not a source

  // Tradable within a day (ADV 2,000,000: half a day): no add-on.
  market_.underlyings[static_cast<std::size_t>(big)].adv = 2000000;
  const margin_report liquid = run(holding);
  EXPECT_NEAR(liquid.class_groups[0].liquidation_days, 0.5, 1e-12);
  EXPECT_EQ(liquid.accounts[0].liquidity_addon, 0.0);
}

}  // namespace
}  // namespace pmrisk
