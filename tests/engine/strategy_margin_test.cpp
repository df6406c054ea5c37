// compute_margin on the strategies a margin desk sees, each requirement recomputed here from the
// closed-form BSM of closed_form_bsm.hpp (European style, so a closed form exists), with the
// TIMS rules of methodology.md section 1: worst loss over ten points with full offset, but no
// less than $0.375 x multiplier per contract.

#include <gtest/gtest.h>

#include "closed_form_bsm.hpp"
#include "engine_fixtures.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk {
namespace {

using test::leg;

constexpr double kSpot = 100.0;
constexpr double kDivYield = 0.01;

leg shares(double quantity) {
  return {true, false, 0, 0, quantity, 0, 1};
}
leg call(double strike, double contracts, double vol = 0.28, double years = 0.25) {
  return {false, true, strike, years, contracts, vol};
}
leg put(double strike, double contracts, double vol = 0.30, double years = 0.25) {
  return {false, false, strike, years, contracts, vol};
}

std::vector<position> positions_of(const std::string& account, std::int32_t underlying,
                                   const std::vector<leg>& legs) {
  std::vector<position> out;
  for (const leg& l : legs)
    out.push_back(l.is_stock ? test::stock(account, underlying, l.quantity)
                             : test::option(account, underlying,
                                            l.call ? instrument_kind::call : instrument_kind::put,
                                            l.strike, l.years, l.quantity, l.vol));
  return out;
}

margin_options cpu_options() {
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = 2;
  options.keep_risk_arrays = true;
  return options;
}

struct strategy_case {
  std::string name;
  std::vector<leg> legs;
  double max_requirement = 0;  ///< a bound the strategy's structure implies; 0: none
};

class StrategyMargin : public ::testing::TestWithParam<strategy_case> {};

TEST_P(StrategyMargin, RequirementMatchesClosedFormTims) {
  const strategy_case& c = GetParam();
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", kSpot, 0.3, kDivYield);
  const engine_config config = test::tims_config(0.03);
  const margin_report report =
      compute_margin(market, positions_of("ACC", xyz, c.legs), config, cpu_options());

  const std::vector<double> moves = tims_spot_moves(config.asset_classes.at("equity"));
  const std::vector<double> pnl =
      test::reference_risk_array(c.legs, kSpot, config.rate, kDivYield, moves);
  const double expected = test::reference_requirement(c.legs, kSpot, config.rate, kDivYield, moves);
  const double tolerance = test::notional_tolerance(c.legs, kSpot);

  ASSERT_EQ(report.accounts.size(), 1u);
  ASSERT_EQ(report.class_groups.size(), 1u);
  const class_group_margin& group = report.class_groups[0];
  for (std::size_t j = 0; j < moves.size(); ++j)
    EXPECT_NEAR(report.risk_arrays[j], pnl[j], tolerance) << "point " << j;
  const auto worst = std::min_element(pnl.begin(), pnl.end());
  EXPECT_EQ(group.worst_point, worst - pnl.begin());
  EXPECT_NEAR(group.worst_loss, std::max(0.0, -*worst), tolerance);
  EXPECT_NEAR(group.requirement, expected, tolerance);
  EXPECT_EQ(group.requirement, std::max(group.worst_loss, group.min_charge));
  EXPECT_EQ(report.accounts[0].requirement, group.requirement);
  EXPECT_EQ(report.accounts[0].tims_loss, group.worst_loss);
  EXPECT_EQ(report.accounts[0].worst_class_group, 0);
  if (c.max_requirement > 0) EXPECT_LE(group.requirement, c.max_requirement);
}

// Bounds: a debit vertical loses at most its debit, so less than its width x units; an iron
// condor loses at most a wing's width x units; a covered call less than the stock alone at -15%.
INSTANTIATE_TEST_SUITE_P(
    Strategies, StrategyMargin,
    ::testing::Values(
        strategy_case{"covered_call", {shares(500), call(110, -5)}, 500 * kSpot * 0.15},
        strategy_case{"protective_put", {shares(300), put(95, 3)}, 300 * kSpot * 0.15},
        strategy_case{"collar", {shares(1000), call(110, -10), put(90, 10)}, 1000 * 15.0},
        strategy_case{"bull_call_vertical", {call(100, 20), call(110, -20)}, 20 * 100 * 10.0},
        strategy_case{"bear_put_vertical", {put(100, 15), put(90, -15)}, 15 * 100 * 10.0},
        strategy_case{"short_strangle", {call(115, -10), put(85, -10)}, 0},
        strategy_case{"long_straddle", {call(100, 100), put(100, 100)}, 0},
        strategy_case{"iron_condor",
                      {put(85, 10), put(90, -10), call(110, -10), call(115, 10)},
                      10 * 100 * 5.0},
        strategy_case{"short_call", {call(105, -1)}, 0},
        strategy_case{"long_put", {put(95, 1)}, 0}),
    [](const ::testing::TestParamInfo<strategy_case>& info) { return info.param.name; });

TEST(MinimumCharge, BindsForDeepOutOfTheMoneyLongCalls) {
  // Ten long calls struck at twice spot are worth almost nothing: the requirement is the
  // minimum, 10 x $0.375 x 100 = $375 (methodology.md section 1).
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", kSpot, 0.3, kDivYield);
  const margin_report report =
      compute_margin(market, positions_of("ACC", xyz, {call(200, 10, 0.3, 0.1)}),
                     test::tims_config(), cpu_options());
  EXPECT_LT(report.class_groups[0].worst_loss, 1.0);
  EXPECT_DOUBLE_EQ(report.class_groups[0].min_charge, 375.0);
  EXPECT_DOUBLE_EQ(report.accounts[0].requirement, 375.0);
}

TEST(MinimumCharge, LongStraddleOfTwoHundredContractsNeedsAtLeast7500) {
  // methodology.md section 1: "a long straddle of 100+100 contracts needs at least $7,500".
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", kSpot, 0.3, kDivYield);
  const margin_report report =
      compute_margin(market, positions_of("ACC", xyz, {call(100, 100), put(100, 100)}),
                     test::tims_config(), cpu_options());
  EXPECT_DOUBLE_EQ(report.class_groups[0].min_charge, 7500.0);
  EXPECT_GE(report.accounts[0].requirement, 7500.0);
}

TEST(HighCapBroadIndex, ShortPutIsScannedOnSixUpEightDown) {
  // methodology.md section 1: high-cap broad-based index options move +6% / -8%.
  market_data market;
  const std::int32_t spx =
      test::add_underlying(market, "SPX", 5000, 0.16, 0.013, "broad_index_high_cap");
  const engine_config config = test::tims_config(0.04);
  const std::vector<leg> legs = {{false, false, 4800, 0.1, -2, 0.18}};
  const margin_report report =
      compute_margin(market, positions_of("ACC", spx, legs), config, cpu_options());

  const std::vector<double> moves = {-0.08, -0.064, -0.048, -0.032, -0.016,
                                     0.012, 0.024,  0.036,  0.048,  0.06};
  for (std::size_t j = 0; j < moves.size(); ++j)
    EXPECT_NEAR(report.grid.spot_move[j], moves[j], 1e-15) << "point " << j;
  const std::vector<double> pnl = test::reference_risk_array(legs, 5000, 0.04, 0.013, moves);
  const double tolerance = test::notional_tolerance(legs, 5000);
  for (std::size_t j = 0; j < moves.size(); ++j)
    EXPECT_NEAR(report.risk_arrays[j], pnl[j], tolerance) << "point " << j;
  EXPECT_EQ(report.class_groups[0].worst_point, 0);  // -8%
  EXPECT_NEAR(report.accounts[0].requirement,
              test::reference_requirement(legs, 5000, 0.04, 0.013, moves), tolerance);
}

TEST(MultiUnderlyingAccount, SumsItsClassGroups) {
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", kSpot, 0.3, kDivYield);
  const std::int32_t abc = test::add_underlying(market, "ABC", 50, 0.4, 0.0);
  const engine_config config = test::tims_config(0.03);
  const std::vector<leg> xyz_legs = {shares(200), call(105, -2)};
  const std::vector<leg> abc_legs = {put(45, -8, 0.45), put(40, 8, 0.5)};
  std::vector<position> positions = positions_of("ACC", xyz, xyz_legs);
  for (const position& p : positions_of("ACC", abc, abc_legs)) positions.push_back(p);
  const margin_report report = compute_margin(market, positions, config, cpu_options());

  const std::vector<double> moves = tims_spot_moves(config.asset_classes.at("equity"));
  const double abc_requirement = test::reference_requirement(abc_legs, 50, 0.03, 0.0, moves);
  const double xyz_requirement =
      test::reference_requirement(xyz_legs, kSpot, 0.03, kDivYield, moves);
  ASSERT_EQ(report.class_groups.size(), 2u);
  EXPECT_EQ(report.class_groups[0].underlying, abc);  // by symbol
  EXPECT_EQ(report.class_groups[1].underlying, xyz);
  EXPECT_NEAR(report.class_groups[0].requirement, abc_requirement,
              test::notional_tolerance(abc_legs, 50));
  EXPECT_NEAR(report.class_groups[1].requirement, xyz_requirement,
              test::notional_tolerance(xyz_legs, kSpot));
  const account_margin& account = report.accounts[0];
  EXPECT_EQ(account.tims_requirement,
            report.class_groups[0].requirement + report.class_groups[1].requirement);
  EXPECT_EQ(account.tims_loss,
            report.class_groups[0].worst_loss + report.class_groups[1].worst_loss);
  EXPECT_EQ(account.requirement, account.tims_requirement);
  EXPECT_EQ(account.worst_class_group, abc_requirement > xyz_requirement ? 0 : 1);
}

TEST(Deduplication, TwoAccountsHoldingOneSeriesValueItOnce) {
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", kSpot, 0.3, kDivYield);
  std::vector<position> positions = positions_of("A", xyz, {call(105, 4)});
  for (const position& p : positions_of("B", xyz, {call(105, -4)})) positions.push_back(p);
  const margin_report report =
      compute_margin(market, positions, test::tims_config(), cpu_options());
  EXPECT_EQ(report.series_count, 1u);
  EXPECT_EQ(report.position_count, 2u);
  // Opposite holdings of one series: mirror-image risk arrays.
  for (int j = 0; j < 10; ++j)
    EXPECT_EQ(report.risk_arrays[static_cast<std::size_t>(j)],
              -report.risk_arrays[static_cast<std::size_t>(10 + j)]);
}

}  // namespace
}  // namespace pmrisk
