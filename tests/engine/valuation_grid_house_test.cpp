// The valuation grid's house points (docs/house.md) and SPAN scenarios (methodology.md
// section 4): layout order, counts, categories, weights, labels and scanned counts.
// House defaults: methodology.md section 3 (IB: IV +/-15%, extreme 2x at 35%, concentration
// +/-30% and +/-5%).

#include <gtest/gtest.h>

#include "engine_fixtures.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk {
namespace {

// Moves are computed in binary floating point; 1e-15 absolute is a few ulps of 0.3.
constexpr double kMoveTolerance = 1e-15;

const std::vector<double> kEquityPercents = {-15, -12, -9, -6, -3, 3, 6, 9, 12, 15};

/// The points of underlying u as (spot move %, vol shift, weight, category, label) checks.
struct expected_point {
  double move_percent;
  double vol_shift;
  double weight;
  point_category category;
  std::string label;
};

void expect_points(const valuation_grid& grid, std::size_t u, std::size_t first,
                   const std::vector<expected_point>& points) {
  for (std::size_t k = 0; k < points.size(); ++k) {
    const std::size_t slot = u * static_cast<std::size_t>(grid.stride) + first + k;
    const expected_point& e = points[k];
    SCOPED_TRACE("point " + std::to_string(first + k) + " " + e.label);
    EXPECT_NEAR(grid.spot_move[slot], e.move_percent / 100.0, kMoveTolerance);
    EXPECT_EQ(grid.vol_shift[slot], e.vol_shift);
    EXPECT_EQ(grid.weight[slot], e.weight);
    EXPECT_EQ(grid.category[slot], e.category);
    EXPECT_EQ(grid.labels[slot], e.label);
  }
}

/// The equity class's ten grid prices at one vol shift and category.
std::vector<expected_point> equity_prices(double vol_shift, point_category category,
                                          const std::string& label_suffix) {
  std::vector<expected_point> points;
  for (double percent : kEquityPercents) {
    const std::string sign = percent > 0 ? "+" : "";
    points.push_back({percent, vol_shift, 1.0, category,
                      sign + std::to_string(static_cast<int>(percent)) + "%" + label_suffix});
  }
  return points;
}

engine_config house_config() {
  engine_config config = test::tims_config();
  house_rules& house = config.house;
  house.vol_shifts.enabled = true;
  house.vol_shifts.by_asset_class = {{"equity", 0.15}};
  house.extreme.enabled = true;        // 2x at 35%
  house.concentration.enabled = true;  // 10 points at +/-30%, 10 at +/-5%
  return config;
}

market_data equity_and_index() {
  market_data market;
  test::add_underlying(market, "AAPL", 200, 0.25, 0.0);
  test::add_underlying(market, "SPX", 5000, 0.16, 0.013, "broad_index_high_cap");
  return market;
}

TEST(GridHousePoints, WithoutHouseRulesEveryPointIsAScannedGridPointOfWeightOne) {
  const valuation_grid grid = build_tims_grid(equity_and_index(), test::tims_config());
  ASSERT_EQ(grid.stride, 10);
  EXPECT_EQ(grid.point_count, (std::vector<int>{10, 10}));
  EXPECT_EQ(grid.scan_point_count, (std::vector<int>{10, 10}));
  ASSERT_EQ(grid.weight.size(), 20u);
  for (std::size_t slot = 0; slot < 20; ++slot) {
    EXPECT_EQ(grid.weight[slot], 1.0);
    EXPECT_EQ(grid.category[slot], point_category::grid);
  }
  expect_points(grid, 0, 0, equity_prices(0.0, point_category::grid, ""));
}

TEST(GridHousePoints, AllRulesOnFollowTheLayoutOrder) {
  const valuation_grid grid = build_tims_grid(equity_and_index(), house_config());
  // Equity: 10 grid + 20 vol + 2 extreme scanned, then 10 + 10 concentration.
  EXPECT_EQ(grid.point_count, (std::vector<int>{52, 32}));
  EXPECT_EQ(grid.scan_point_count, (std::vector<int>{32, 12}));
  ASSERT_EQ(grid.stride, 52);

  expect_points(grid, 0, 0, equity_prices(0.0, point_category::grid, ""));
  // Shift-major: every price at +15%, then every price at -15%.
  expect_points(grid, 0, 10, equity_prices(0.15, point_category::vol, " vol+15%"));
  expect_points(grid, 0, 20, equity_prices(-0.15, point_category::vol, " vol-15%"));
  // 2 x the +/-15% range, weight 0.35.
  expect_points(grid, 0, 30,
                {{-30, 0.0, 0.35, point_category::extreme, "-30% extreme x0.35"},
                 {30, 0.0, 0.35, point_category::extreme, "+30% extreme x0.35"}});
  // Ten equidistant points over +/-30% (6% apart), then over +/-5% (1% apart).
  std::vector<expected_point> large, small;
  for (int k : {-5, -4, -3, -2, -1, 1, 2, 3, 4, 5}) {
    const std::string sign = k > 0 ? "+" : "";
    large.push_back({6.0 * k, 0.0, 1.0, point_category::concentration_large,
                     "conc " + sign + std::to_string(6 * k) + "%"});
    small.push_back({1.0 * k, 0.0, 1.0, point_category::concentration_small,
                     "conc " + sign + std::to_string(k) + "%"});
  }
  expect_points(grid, 0, 32, large);
  expect_points(grid, 0, 42, small);
}

TEST(GridHousePoints, UnlistedAssetClassGetsNoVolShiftPoints) {
  const valuation_grid grid = build_tims_grid(equity_and_index(), house_config());
  // SPX (+6%/-8%, not listed under vol_shifts): grid, extreme, concentration.
  const std::vector<std::string> grid_labels = {"-8%",   "-6.4%", "-4.8%", "-3.2%", "-1.6%",
                                                "+1.2%", "+2.4%", "+3.6%", "+4.8%", "+6%"};
  for (int j = 0; j < 10; ++j) {
    EXPECT_EQ(grid.label(1, j), grid_labels[static_cast<std::size_t>(j)]);
    EXPECT_EQ(grid.category[52 + static_cast<std::size_t>(j)], point_category::grid);
  }
  expect_points(grid, 1, 10,
                {{-16, 0.0, 0.35, point_category::extreme, "-16% extreme x0.35"},
                 {12, 0.0, 0.35, point_category::extreme, "+12% extreme x0.35"}});
  EXPECT_EQ(grid.label(1, 12), "conc -30%");
  EXPECT_EQ(grid.label(1, 31), "conc +5%");
  // Past its 32 points the slots are unused: weight 0, empty label.
  for (int j = 32; j < 52; ++j) {
    EXPECT_EQ(grid.weight[52 + static_cast<std::size_t>(j)], 0.0);
    EXPECT_EQ(grid.label(1, j), "");
  }
}

TEST(GridHousePoints, EachRuleAloneAddsOnlyItsPoints) {
  market_data market;
  test::add_underlying(market, "AAPL", 200, 0.25, 0.0);
  struct rule_case {
    const char* name;
    void (*enable)(house_rules&);
    int points, scanned;
    point_category last_category;
  };
  for (const rule_case& c : {
           rule_case{"vol",
                     [](house_rules& h) {
                       h.vol_shifts.enabled = true;
                       h.vol_shifts.by_asset_class = {{"equity", 0.15}};
                     },
                     30, 30, point_category::vol},
           rule_case{"extreme", [](house_rules& h) { h.extreme.enabled = true; }, 12, 12,
                     point_category::extreme},
           rule_case{"concentration", [](house_rules& h) { h.concentration.enabled = true; }, 30,
                     10, point_category::concentration_small},
           // Liquidity and eligibility add no valuation points.
           rule_case{"liquidity", [](house_rules& h) { h.liquidity.enabled = true; }, 10, 10,
                     point_category::grid},
       }) {
    SCOPED_TRACE(c.name);
    engine_config config = test::tims_config();
    c.enable(config.house);
    const valuation_grid grid = build_tims_grid(market, config);
    EXPECT_EQ(grid.point_count[0], c.points);
    EXPECT_EQ(grid.scan_point_count[0], c.scanned);
    EXPECT_EQ(grid.stride, c.points);
    EXPECT_EQ(grid.category[static_cast<std::size_t>(c.points - 1)], c.last_category);
    expect_points(grid, 0, 0, equity_prices(0.0, point_category::grid, ""));
  }
}

TEST(GridHousePoints, DisabledRulesAddNothingWhateverTheirParameters) {
  market_data market;
  test::add_underlying(market, "AAPL", 200, 0.25, 0.0);
  engine_config config = test::tims_config();
  config.house.vol_shifts.by_asset_class = {{"equity", 0.5}};
  config.house.extreme.multiple = 3;
  config.house.concentration.points = 40;
  const valuation_grid grid = build_tims_grid(market, config);
  EXPECT_EQ(grid.point_count[0], 10);
  EXPECT_EQ(grid.scan_point_count[0], 10);
}

TEST(GridHousePoints, ConfiguredVolShiftsStayPriceMajorBeforeTheHousePoints) {
  market_data market;
  test::add_underlying(market, "SPY", 590, 0.15, 0.013, "etf");
  engine_config config = test::tims_config();
  asset_class_config etf;
  etf.vol_shifts = {-0.1, 0.1};
  config.asset_classes["etf"] = etf;
  config.house.vol_shifts.enabled = true;
  config.house.vol_shifts.by_asset_class = {{"etf", 0.2}};
  const valuation_grid grid = build_tims_grid(market, config);
  EXPECT_EQ(grid.point_count[0], 40);  // 10 x 2 configured shifts, then 10 x {+20%, -20%}
  EXPECT_EQ(grid.label(0, 0), "-15% vol-10%");
  EXPECT_EQ(grid.label(0, 1), "-15% vol+10%");
  EXPECT_EQ(grid.category[19], point_category::grid);
  EXPECT_EQ(grid.label(0, 20), "-15% vol+20%");
  EXPECT_EQ(grid.label(0, 30), "-15% vol-20%");
  EXPECT_EQ(grid.label(0, 39), "+15% vol-20%");
  EXPECT_EQ(grid.category[20], point_category::vol);
}

TEST(GridHousePoints, VolShiftOfAnUndefinedAssetClassIsAnInputError) {
  engine_config config = house_config();
  config.house.vol_shifts.by_asset_class["equities"] = 0.15;  // a typo of "equity"
  try {
    build_tims_grid(equity_and_index(), config);
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    EXPECT_NE(std::string(e.what()).find("'equities'"), std::string::npos) << e.what();
  }
}

TEST(GridHousePoints, ExtremeMoveThatWouldZeroThePriceIsAnInputError) {
  market_data market;
  test::add_underlying(market, "MEME", 10, 0.9, 0.0, "volatile");
  engine_config config = test::tims_config();
  asset_class_config wide;
  wide.up = 0.5;
  wide.down = 0.5;
  config.asset_classes["volatile"] = wide;
  config.house.extreme.enabled = true;  // 2 x -50% = -100%
  EXPECT_THROW(build_tims_grid(market, config), input_error);
}

// CME SPAN's standard 16 scenarios (methodology.md section 4; CME SPAN methodology): scan range
// 6% of price, vol scan 25% relative, extreme 2x at 35%.
TEST(SpanScenarioPoints, SixteenScenariosInCmeOrder) {
  span_class_config cls;
  cls.price_scan = 0.06;
  cls.vol_scan = 0.25;
  const std::vector<valuation_point> points = span_scenario_points(cls);
  ASSERT_EQ(points.size(), 16u);
  struct expected {
    double thirds;  // price move in thirds of the scan range
    double vol_sign;
    const char* label;
  };
  const std::vector<expected> table = {
      {0, 1, "scan 1: 0 vol+1"},     {0, -1, "scan 2: 0 vol-1"},
      {1, 1, "scan 3: +1/3 vol+1"},  {1, -1, "scan 4: +1/3 vol-1"},
      {-1, 1, "scan 5: -1/3 vol+1"}, {-1, -1, "scan 6: -1/3 vol-1"},
      {2, 1, "scan 7: +2/3 vol+1"},  {2, -1, "scan 8: +2/3 vol-1"},
      {-2, 1, "scan 9: -2/3 vol+1"}, {-2, -1, "scan 10: -2/3 vol-1"},
      {3, 1, "scan 11: +1 vol+1"},   {3, -1, "scan 12: +1 vol-1"},
      {-3, 1, "scan 13: -1 vol+1"},  {-3, -1, "scan 14: -1 vol-1"},
  };
  for (std::size_t k = 0; k < table.size(); ++k) {
    SCOPED_TRACE(table[k].label);
    EXPECT_NEAR(points[k].spot_move, 0.06 * table[k].thirds / 3.0, kMoveTolerance);
    EXPECT_EQ(points[k].vol_shift, 0.25 * table[k].vol_sign);
    EXPECT_EQ(points[k].weight, 1.0);
    EXPECT_EQ(points[k].category, point_category::grid);
    EXPECT_EQ(points[k].label, table[k].label);
  }
  EXPECT_EQ(points[10].spot_move, 0.06);  // the full range exactly
  EXPECT_EQ(points[12].spot_move, -0.06);
  EXPECT_EQ(points[14].spot_move, 0.12);
  EXPECT_EQ(points[15].spot_move, -0.12);
  for (std::size_t k : {14u, 15u}) {
    EXPECT_EQ(points[k].vol_shift, 0.0);
    EXPECT_EQ(points[k].weight, 0.35);
    EXPECT_EQ(points[k].category, point_category::extreme);
  }
  EXPECT_EQ(points[14].label, "scan 15: +2 extreme x0.35");
  EXPECT_EQ(points[15].label, "scan 16: -2 extreme x0.35");
}

TEST(SpanScenarioPoints, SpanClassesTakeTheScenariosAndNoHousePoints) {
  market_data market;
  test::add_underlying(market, "AAPL", 200, 0.25, 0.0);
  test::add_underlying(market, "ES", 5000, 0.16, 0.0, "equity_index_future");
  engine_config config = house_config();
  config.asset_classes["equity_index_future"] = asset_class_config{};
  span_class_config es;
  es.price_scan = 0.07;
  es.vol_scan = 0.3;
  es.extreme_multiple = 3;
  es.extreme_weight = 0.3;
  config.span.classes["equity_index_future"] = es;

  EXPECT_FALSE(is_span_class(market.underlyings[0], config));
  EXPECT_TRUE(is_span_class(market.underlyings[1], config));
  const valuation_grid grid = build_tims_grid(market, config);
  EXPECT_EQ(grid.point_count, (std::vector<int>{52, 16}));
  EXPECT_EQ(grid.scan_point_count, (std::vector<int>{32, 16}));
  const std::vector<valuation_point> points = span_scenario_points(es);
  for (int j = 0; j < 16; ++j) {
    const std::size_t slot = 52 + static_cast<std::size_t>(j);
    EXPECT_EQ(grid.spot_move[slot], points[static_cast<std::size_t>(j)].spot_move);
    EXPECT_EQ(grid.vol_shift[slot], points[static_cast<std::size_t>(j)].vol_shift);
    EXPECT_EQ(grid.weight[slot], points[static_cast<std::size_t>(j)].weight);
    EXPECT_EQ(grid.label(1, j), points[static_cast<std::size_t>(j)].label);
  }
  EXPECT_NEAR(grid.spot_move[52 + 14], 0.21, kMoveTolerance);  // 3 x 7%
  EXPECT_EQ(grid.label(1, 15), "scan 16: -3 extreme x0.3");
}

}  // namespace
}  // namespace pmrisk
