// The requirement fold on hand-built accounts: class group, product group (offsets 0, 0.5, 0.9,
// 1), portfolio group, minimum charges, concentration, liquidity and the rule behind each
// requirement. Every expected value is worked by hand in the comment beside it (the algorithm
// of docs/offsets.md). Tolerance: 1e-9 absolute where an offset x gain is rounded, exact
// elsewhere.

#include "engine/requirement_fold.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/error.hpp"

namespace pmrisk::engine {
namespace {

constexpr double offset_rounding = 1e-9;

/// Accounts of class groups with hand-written risk arrays, every underlying on one layout.
class RequirementFold : public ::testing::Test {
 protected:
  /// Every underlying's points; the first `scanned` enter the worst-point search.
  void set_layout(std::vector<point_category> categories, int scanned) {
    categories_ = std::move(categories);
    scanned_ = scanned;
    spot_moves_.assign(categories_.size(), 0.0);
  }

  /// Every underlying on the 16 SPAN scenarios of `cls`, all scanned.
  void set_span_layout(const span_class_config& cls) {
    categories_.clear();
    spot_moves_.clear();
    weights_.clear();
    for (const valuation_point& point : span_scenario_points(cls)) {
      categories_.push_back(point.category);
      spot_moves_.push_back(point.spot_move);
      weights_.push_back(point.weight);
    }
    scanned_ = static_cast<int>(categories_.size());
  }

  std::int32_t add_underlying(const std::string& symbol, const std::string& product_group,
                              double adv = 0, const std::string& asset_class = "equity") {
    underlying u;
    u.symbol = symbol;
    u.price = 100;
    u.vol = 0.2;
    u.asset_class = asset_class;
    u.product_group = product_group;
    u.adv = adv;
    u.where = {"market.csv", static_cast<int>(market_.underlyings.size()) + 2};
    const auto index = static_cast<std::int32_t>(market_.underlyings.size());
    market_.underlyings.push_back(u);
    market_.index_by_symbol[symbol] = index;
    return index;
  }

  void begin_account(const std::string& id) {
    book_.account_ids.push_back(id);
    if (book_.account_class_group_begin.empty()) book_.account_class_group_begin.push_back(0);
    book_.account_class_group_begin.push_back(book_.account_class_group_begin.back());
  }

  /// A class group of the last account (add them in symbol order, as the book sorts them).
  void add_class_group(std::int32_t u, const std::vector<double>& pnl, double min_charge = 0,
                       const std::vector<double>& units = {100}) {
    ASSERT_EQ(pnl.size(), categories_.size());
    book_.class_group_underlying.push_back(u);
    book_.class_group_min_charge.push_back(min_charge);
    book_.class_group_short_option_contracts.push_back(0);
    if (book_.class_group_position_begin.empty()) book_.class_group_position_begin.push_back(0);
    for (double unit : units) {
      book_.position_units.push_back(unit);
      book_.position_series.push_back(0);
    }
    book_.class_group_position_begin.push_back(
        static_cast<std::int64_t>(book_.position_units.size()));
    risk_arrays_.insert(risk_arrays_.end(), pnl.begin(), pnl.end());
    ++book_.account_class_group_begin.back();
  }

  /// Folds every account as compute_margin does, with the backend's worst point emulated as
  /// value_batch defines it: the first lowest P&L over the scanned points.
  margin_report fold(bool keep_risk_arrays = false) {
    const int stride = static_cast<int>(categories_.size());
    valuation_grid& grid = report_.grid;
    grid = valuation_grid{};
    grid.stride = stride;
    for (std::size_t u = 0; u < market_.underlyings.size(); ++u) {
      grid.point_count.push_back(stride);
      grid.scan_point_count.push_back(scanned_);
      grid.horizon_years.push_back(0);
      for (int j = 0; j < stride; ++j) {
        grid.spot_move.push_back(spot_moves_.empty() ? 0.0 : spot_moves_[j]);
        grid.vol_shift.push_back(0);
        grid.weight.push_back(weights_.empty() ? 1.0 : weights_[j]);
        grid.category.push_back(categories_[static_cast<std::size_t>(j)]);
        grid.labels.push_back("p" + std::to_string(j + 1));
      }
    }
    const std::size_t groups = book_.class_group_underlying.size();
    std::vector<double> worst_pnl(groups);
    std::vector<std::int32_t> worst_point(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      const double* pnl = risk_arrays_.data() + g * static_cast<std::size_t>(stride);
      worst_pnl[g] = pnl[0];
      for (int j = 1; j < scanned_; ++j)
        if (pnl[j] < worst_pnl[g]) {
          worst_pnl[g] = pnl[j];
          worst_point[g] = j;
        }
    }

    const offset_hierarchy hierarchy = build_offset_hierarchy(market_, grid, config_);
    report_.accounts.assign(book_.account_count(), account_margin{});
    for (std::size_t a = 0; a < book_.account_count(); ++a)
      report_.accounts[a].account = book_.account_ids[a];
    report_.class_groups.assign(groups, class_group_margin{});
    const fold_context context{book_, market_, grid, config_, hierarchy, keep_risk_arrays};
    for (std::size_t a = 0; a < book_.account_count(); ++a) {
      const auto first = static_cast<std::size_t>(book_.account_class_group_begin[a]);
      fold_account(context, a,
                   {risk_arrays_.data() + first * static_cast<std::size_t>(stride),
                    worst_pnl.data() + first, worst_point.data() + first},
                   report_);
    }
    return report_;
  }

  void configure_product_group(const std::string& name, double offset,
                               const std::string& portfolio_group = "") {
    config_.product_groups[name] = product_group_config{offset, portfolio_group};
  }

  std::vector<point_category> categories_ = {point_category::grid, point_category::grid,
                                             point_category::grid};
  int scanned_ = 3;
  std::vector<double> spot_moves_;  ///< per point; empty: 0
  std::vector<double> weights_;     ///< per point; empty: 1
  market_data market_;
  engine_config config_;
  portfolio_book book_;
  std::vector<double> risk_arrays_;
  margin_report report_;
};

TEST_F(RequirementFold, ClassGroupAlonePassesItsWorstPointUpUnchanged) {
  begin_account("A1");
  add_class_group(add_underlying("AAPL", "AAPL"), {-100, 50, 20}, 37.5);
  const margin_report report = fold(true);

  const class_group_margin& group = report.class_groups[0];
  EXPECT_EQ(group.worst_loss, 100.0);  // max(0, -min(-100, 50, 20))
  EXPECT_EQ(group.worst_point, 0);
  EXPECT_EQ(group.worst_category, point_category::grid);
  EXPECT_EQ(group.requirement, 100.0);  // max(100, 37.5)
  EXPECT_EQ(group.product_group, 0);

  // Alone in its product group and portfolio group (offset 1): the same array at each level.
  ASSERT_EQ(report.product_groups.size(), 1u);
  ASSERT_EQ(report.portfolio_groups.size(), 1u);
  for (const group_margin& level : {report.product_groups[0], report.portfolio_groups[0]}) {
    EXPECT_EQ(level.name, "AAPL");
    EXPECT_EQ(level.offset, 1.0);
    EXPECT_EQ(level.worst_loss, 100.0);
    EXPECT_EQ(level.min_charge, 37.5);
    EXPECT_EQ(level.requirement, 100.0);
  }
  EXPECT_EQ(report.product_groups[0].parent, 0);
  const std::vector<double> unchanged = {-100, 50, 20};
  EXPECT_EQ(report.product_group_risk_arrays, unchanged);
  EXPECT_EQ(report.portfolio_group_risk_arrays, unchanged);

  const account_margin& account = report.accounts[0];
  EXPECT_EQ(account.tims_loss, 100.0);
  EXPECT_EQ(account.tims_requirement, 100.0);
  EXPECT_EQ(account.requirement, 100.0);
  EXPECT_EQ(account.source, requirement_source::grid);
  EXPECT_EQ(account.worst_class_group, 0);
}

TEST_F(RequirementFold, ProductGroupWorkedExampleOfTheDocs) {
  // docs/offsets.md: A = (-1000, -200, +600), B = (+400, -100, -500), offset 0.9.
  configure_product_group("IDX", 0.9);
  begin_account("A1");
  add_class_group(add_underlying("A", "IDX"), {-1000, -200, 600}, 75);
  add_class_group(add_underlying("B", "IDX"), {400, -100, -500}, 37.5);
  const margin_report report = fold(true);

  // Class groups: A loses 1000 at point 1, B 500 at point 3; without offsets 1500.
  EXPECT_EQ(report.class_groups[0].requirement, 1000.0);
  EXPECT_EQ(report.class_groups[1].requirement, 500.0);
  EXPECT_EQ(report.class_groups[1].worst_point, 2);

  // net_1 = -1000 + 0.9 x 400 = -640; net_2 = -200 - 100 = -300; net_3 = -500 + 0.9 x 600 = 40.
  ASSERT_EQ(report.product_groups.size(), 1u);
  const group_margin& idx = report.product_groups[0];
  ASSERT_EQ(report.product_group_risk_arrays.size(), 3u);
  EXPECT_NEAR(report.product_group_risk_arrays[0], -640.0, offset_rounding);
  EXPECT_EQ(report.product_group_risk_arrays[1], -300.0);
  EXPECT_NEAR(report.product_group_risk_arrays[2], 40.0, offset_rounding);
  EXPECT_EQ(idx.offset, 0.9);
  EXPECT_NEAR(idx.worst_loss, 640.0, offset_rounding);
  EXPECT_EQ(idx.worst_point, 0);
  EXPECT_EQ(idx.min_charge, 112.5);  // 75 + 37.5
  EXPECT_NEAR(idx.requirement, 640.0, offset_rounding);
  EXPECT_EQ(report.class_groups[0].product_group, 0);
  EXPECT_EQ(report.class_groups[1].product_group, 0);

  // IDX is in no portfolio group: alone in its own, offset 1, so the account owes 640.
  ASSERT_EQ(report.portfolio_groups.size(), 1u);
  EXPECT_EQ(report.portfolio_groups[0].name, "IDX");
  EXPECT_NEAR(report.accounts[0].tims_requirement, 640.0, offset_rounding);
  EXPECT_NEAR(report.accounts[0].requirement, 640.0, offset_rounding);
  EXPECT_EQ(report.accounts[0].source, requirement_source::grid);
}

struct offset_case {
  double offset;
  double worst_loss;
  std::int32_t worst_point;
};

class ProductGroupOffset : public RequirementFold,
                           public ::testing::WithParamInterface<offset_case> {};

// A = (-1000, -700, +600), B = (+800, -100, -500): losses (-1000, -800, -500), gains (800, 0, 600).
//   offset 0:   (-1000, -800, -500)          -> 1000 at point 1 (each loss alone, no credit)
//   offset 0.5: (-600, -800, -200)           ->  800 at point 2
//   offset 0.9: (-280, -800, +40)            ->  800 at point 2
//   offset 1:   (-200, -800, +100)           ->  800 at point 2 (full netting, as in a class group)
TEST_P(ProductGroupOffset, OffsetsAGainAgainstAnotherMembersLossAtEachPoint) {
  const offset_case expected = GetParam();
  configure_product_group("IDX", expected.offset);
  begin_account("A1");
  add_class_group(add_underlying("A", "IDX"), {-1000, -700, 600});
  add_class_group(add_underlying("B", "IDX"), {800, -100, -500});
  const margin_report report = fold();
  const group_margin& idx = report.product_groups.at(0);
  EXPECT_NEAR(idx.worst_loss, expected.worst_loss, offset_rounding);
  EXPECT_EQ(idx.worst_point, expected.worst_point);
  EXPECT_NEAR(report.accounts[0].tims_requirement, expected.worst_loss, offset_rounding);
}

INSTANTIATE_TEST_SUITE_P(Offsets, ProductGroupOffset,
                         ::testing::Values(offset_case{0.0, 1000, 0}, offset_case{0.5, 800, 1},
                                           offset_case{0.9, 800, 1}, offset_case{1.0, 800, 1}));

TEST_F(RequirementFold, MinimumChargesWinWhenOffsetsCancelTheLosses) {
  // A = (-10, +5, +20), B = (+10, -5, -20), offset 1: net (0, 0, 0), worst loss 0;
  // minimum charges 37.5 + 37.5 = 75 set the requirement.
  configure_product_group("PAIR", 1.0);
  begin_account("A1");
  add_class_group(add_underlying("A", "PAIR"), {-10, 5, 20}, 37.5);
  add_class_group(add_underlying("B", "PAIR"), {10, -5, -20}, 37.5);
  const margin_report report = fold();
  EXPECT_EQ(report.product_groups[0].worst_loss, 0.0);
  EXPECT_EQ(report.product_groups[0].requirement, 75.0);
  EXPECT_EQ(report.portfolio_groups[0].requirement, 75.0);
  EXPECT_EQ(report.accounts[0].tims_loss, 0.0);
  EXPECT_EQ(report.accounts[0].requirement, 75.0);
  EXPECT_EQ(report.accounts[0].source, requirement_source::minimum);
}

TEST_F(RequirementFold, PortfolioGroupOffsetsProductGroupsAfterTheirOwnOffsets) {
  config_.portfolio_groups["broad"] = portfolio_group_config{0.5};
  configure_product_group("IDX", 0.9, "broad");
  configure_product_group("OTHER", 0.9, "broad");
  begin_account("A1");
  add_class_group(add_underlying("A", "IDX"), {-1000, -200, 600}, 75);
  add_class_group(add_underlying("B", "IDX"), {400, -100, -500}, 37.5);
  add_class_group(add_underlying("C", "OTHER"), {300, 100, -200}, 37.5);
  add_class_group(add_underlying("XOM", "XOM"), {-50, 10, 20});
  const margin_report report = fold(true);

  // Product groups, by name: IDX (-640, -300, +40) as in the worked example; OTHER, C alone:
  // (0.9 x 300, 0.9 x 100, -200) = (270, 90, -200); XOM alone, offset 1: (-50, 10, 20).
  ASSERT_EQ(report.product_groups.size(), 3u);
  EXPECT_EQ(report.product_groups[0].name, "IDX");
  EXPECT_EQ(report.product_groups[1].name, "OTHER");
  EXPECT_EQ(report.product_groups[2].name, "XOM");
  EXPECT_NEAR(report.product_groups[1].worst_loss, 200.0, offset_rounding);
  EXPECT_NEAR(report.product_group_risk_arrays[3], 270.0, offset_rounding);
  EXPECT_NEAR(report.product_group_risk_arrays[4], 90.0, offset_rounding);

  // Portfolio groups, by name ("XOM" sorts before "broad"):
  //   broad: point 1: -640 + 0.5 x 270 = -505; point 2: -300 + 0.5 x 90 = -255;
  //          point 3: -200 + 0.5 x 40 = -180 -> 505 at point 1; minimums 75 + 37.5 + 37.5 = 150.
  //   XOM: 50 at point 1.
  ASSERT_EQ(report.portfolio_groups.size(), 2u);
  const group_margin& xom = report.portfolio_groups[0];
  const group_margin& broad = report.portfolio_groups[1];
  EXPECT_EQ(xom.name, "XOM");
  EXPECT_EQ(broad.name, "broad");
  EXPECT_EQ(broad.offset, 0.5);
  EXPECT_NEAR(broad.worst_loss, 505.0, offset_rounding);
  EXPECT_EQ(broad.worst_point, 0);
  EXPECT_EQ(broad.min_charge, 150.0);
  EXPECT_NEAR(report.portfolio_group_risk_arrays[3], -505.0, offset_rounding);
  EXPECT_NEAR(report.portfolio_group_risk_arrays[4], -255.0, offset_rounding);
  EXPECT_NEAR(report.portfolio_group_risk_arrays[5], -180.0, offset_rounding);
  EXPECT_EQ(xom.requirement, 50.0);
  EXPECT_EQ(report.product_groups[0].parent, 1);
  EXPECT_EQ(report.product_groups[1].parent, 1);
  EXPECT_EQ(report.product_groups[2].parent, 0);

  // Account: 505 + 50; the worst class group is still A (1000).
  EXPECT_NEAR(report.accounts[0].tims_loss, 555.0, offset_rounding);
  EXPECT_NEAR(report.accounts[0].requirement, 555.0, offset_rounding);
  EXPECT_EQ(report.accounts[0].worst_class_group, 0);
}

TEST_F(RequirementFold, LaterAccountsPointAtTheirOwnGroupEntries) {
  begin_account("A1");
  add_class_group(add_underlying("AAPL", "AAPL"), {-100, 50, 20});
  add_class_group(add_underlying("MSFT", "MSFT"), {-30, 10, 20});
  begin_account("A2");
  add_class_group(0, {-7, 1, 2});
  const margin_report report = fold();
  ASSERT_EQ(report.product_groups.size(), 3u);
  EXPECT_EQ(report.product_groups[2].account, 1);
  EXPECT_EQ(report.product_groups[2].parent, 2);
  EXPECT_EQ(report.class_groups[2].product_group, 2);
  EXPECT_EQ(report.accounts[0].requirement, 130.0);  // 100 + 30
  EXPECT_EQ(report.accounts[1].requirement, 7.0);
}

class HouseAddOns : public RequirementFold {
 protected:
  // Two scanned grid points, then two points of each concentration range.
  void SetUp() override {
    set_layout({point_category::grid, point_category::grid, point_category::concentration_large,
                point_category::concentration_large, point_category::concentration_small,
                point_category::concentration_small},
               2);
  }

  // Large-move losses A 3000, B 2000, C 2000; small-move losses 400, 300, 200; grid 100, 50, 10.
  void add_three_class_groups() {
    begin_account("A1");
    add_class_group(add_underlying("A", "A"), {-100, 10, -3000, 500, -400, 50});
    add_class_group(add_underlying("B", "B"), {-50, 5, -1000, -2000, -300, -100});
    add_class_group(add_underlying("C", "C"), {-10, 1, -2000, 100, -200, 0});
  }
};

TEST_F(HouseAddOns, ConcentrationChargesTheRiskiestClassGroupsAtTheLargeMove) {
  config_.house.concentration.enabled = true;
  config_.house.concentration.riskiest = 2;
  add_three_class_groups();
  const margin_report report = fold();
  EXPECT_EQ(report.class_groups[0].concentration_large_loss, 3000.0);
  EXPECT_EQ(report.class_groups[1].concentration_large_loss, 2000.0);
  EXPECT_EQ(report.class_groups[1].concentration_small_loss, 300.0);
  // Ranking by large loss: A 3000, then B and C tie at 2000 and B comes first:
  // A 3000 + B 2000 + C's small 200 = 5200 against TIMS 100 + 50 + 10 = 160.
  const account_margin& account = report.accounts[0];
  EXPECT_EQ(account.tims_requirement, 160.0);
  EXPECT_EQ(account.concentration_charge, 5200.0);
  EXPECT_EQ(account.requirement, 5200.0);
  EXPECT_EQ(account.source, requirement_source::concentration);
}

TEST_F(HouseAddOns, ConcentrationOfOneRiskiestClassGroup) {
  config_.house.concentration.enabled = true;
  config_.house.concentration.riskiest = 1;
  add_three_class_groups();
  // A 3000 + B's small 300 + C's small 200 = 3500.
  EXPECT_EQ(fold().accounts[0].concentration_charge, 3500.0);
}

TEST_F(HouseAddOns, ConcentrationOffLeavesTheGridRequirement) {
  add_three_class_groups();
  const account_margin account = fold().accounts[0];
  EXPECT_EQ(account.concentration_charge, 0.0);
  EXPECT_EQ(account.requirement, 160.0);
  EXPECT_EQ(account.source, requirement_source::grid);
}

class Liquidity : public RequirementFold {
 protected:
  // AAPL loses 1000; gross units |-3000| + |1000| = 4000.
  account_margin fold_with(bool enabled, double adv, std::vector<double> units = {-3000, 1000}) {
    config_.house.liquidity.enabled = enabled;
    config_.house.liquidity.participation = 0.10;
    begin_account("A1");
    add_class_group(add_underlying("AAPL", "AAPL", adv), {-1000, 200, 100}, 0, units);
    return fold().accounts[0];
  }
};

TEST_F(Liquidity, ScalesByTheSquareRootOfTheDaysToTradeOut) {
  // days = 4000 / (0.10 x 10000) = 4; add-on = 1000 x (sqrt(4) - 1) = 1000.
  const account_margin account = fold_with(true, 10000);
  EXPECT_EQ(report_.class_groups[0].liquidation_days, 4.0);
  EXPECT_EQ(report_.class_groups[0].liquidity_addon, 1000.0);
  EXPECT_EQ(account.liquidity_addon, 1000.0);
  EXPECT_EQ(account.requirement, 2000.0);  // max(1000, 0) + 1000
  EXPECT_EQ(account.source, requirement_source::grid);
}

TEST_F(Liquidity, NothingWithinADay) {
  // days = 500 / (0.10 x 10000) = 0.5: tradeable within the day, no add-on.
  const account_margin account = fold_with(true, 10000, {500});
  EXPECT_EQ(report_.class_groups[0].liquidation_days, 0.5);
  EXPECT_EQ(account.liquidity_addon, 0.0);
  EXPECT_EQ(account.requirement, 1000.0);
}

TEST_F(Liquidity, NothingWithoutAnAverageDailyVolume) {
  const account_margin account = fold_with(true, 0);
  EXPECT_EQ(report_.class_groups[0].liquidation_days, 0.0);
  EXPECT_EQ(account.liquidity_addon, 0.0);
  EXPECT_EQ(account.requirement, 1000.0);
}

TEST_F(Liquidity, NothingWhenSwitchedOff) {
  const account_margin account = fold_with(false, 10000);
  EXPECT_EQ(report_.class_groups[0].liquidation_days, 0.0);
  EXPECT_EQ(account.requirement, 1000.0);
}

class RequirementSource : public RequirementFold {
 protected:
  // Two grid points, a house vol point, two extreme points.
  void SetUp() override {
    set_layout({point_category::grid, point_category::grid, point_category::vol,
                point_category::extreme, point_category::extreme},
               5);
  }
};

TEST_F(RequirementSource, VolShiftPoint) {
  begin_account("A1");
  add_class_group(add_underlying("AAPL", "AAPL"), {-10, -20, -300, -40, 5});
  const margin_report report = fold();
  EXPECT_EQ(report.class_groups[0].worst_category, point_category::vol);
  EXPECT_EQ(report.accounts[0].requirement, 300.0);
  EXPECT_EQ(report.accounts[0].source, requirement_source::vol);
}

TEST_F(RequirementSource, ExtremeMovePoint) {
  begin_account("A1");
  add_class_group(add_underlying("AAPL", "AAPL"), {-10, -20, -30, -40, -400});
  EXPECT_EQ(fold().accounts[0].source, requirement_source::extreme);
}

TEST_F(RequirementSource, ThePortfolioGroupWithTheLargestRequirementNamesIt) {
  // AAPL: 100 at a grid point; MSFT: loses 10 at the vol point but its minimum is 500.
  begin_account("A1");
  add_class_group(add_underlying("AAPL", "AAPL"), {-100, 0, 0, 0, 0});
  add_class_group(add_underlying("MSFT", "MSFT"), {0, 0, -10, 0, 0}, 500);
  const margin_report report = fold();
  EXPECT_EQ(report.accounts[0].requirement, 600.0);
  EXPECT_EQ(report.accounts[0].source, requirement_source::minimum);
  EXPECT_EQ(report.accounts[0].worst_class_group, 1);
}

TEST_F(RequirementSource, NamesEveryRule) {
  EXPECT_EQ(requirement_source_name(requirement_source::grid), "grid");
  EXPECT_EQ(requirement_source_name(requirement_source::minimum), "minimum");
  EXPECT_EQ(requirement_source_name(requirement_source::vol), "vol");
  EXPECT_EQ(requirement_source_name(requirement_source::extreme), "extreme");
  EXPECT_EQ(requirement_source_name(requirement_source::concentration), "concentration");
  EXPECT_EQ(requirement_source_name(requirement_source::span), "span");
  EXPECT_EQ(requirement_source_name(requirement_source::montecarlo), "montecarlo");
}

TEST_F(RequirementFold, RefusesANonFiniteProfitAndLoss) {
  begin_account("A1");
  add_class_group(add_underlying("AAPL", "AAPL"),
                  {-100, std::numeric_limits<double>::quiet_NaN(), 20});
  try {
    fold();
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(
        std::string(error.what()).find("account 'A1', class group 'AAPL': the P&L at point p2"),
        std::string::npos)
        << error.what();
  }
}

TEST_F(RequirementFold, FuturesClassGroupsAreMarginedBySpanBesideTheSecurities) {
  const span_class_config futures{0.06, 0.2};
  config_.span.classes["equity_index_futures"] = futures;
  config_.asset_classes["equity_index_futures"] = asset_class_config{};
  config_.house.liquidity.enabled = true;
  set_span_layout(futures);
  begin_account("A1");
  // AAPL, a security: loses 50 at scenario 1. ES, a futures class: its lowest P&L, -300, comes
  // first at scenario 13 (index 12), so SPAN's scan risk is 300; no spreads, no short options.
  add_class_group(add_underlying("AAPL", "AAPL"),
                  {-50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  add_class_group(
      add_underlying("ES", "ES", 1, "equity_index_futures"),
      {0, 0, 100, 100, -100, -100, 200, 200, -200, -200, 300, 300, -300, -300, 105, -105}, 0,
      {5000});
  const margin_report report = fold(true);

  ASSERT_EQ(report.product_groups.size(), 2u);
  const group_margin& es = report.product_groups[1];
  EXPECT_EQ(es.name, "ES");
  EXPECT_TRUE(es.span);
  EXPECT_EQ(es.parent, -1);
  EXPECT_EQ(es.worst_loss, 300.0);
  EXPECT_EQ(es.worst_point, 12);
  EXPECT_EQ(es.requirement, 300.0);
  EXPECT_EQ(es.span_credit, 0.0);
  EXPECT_EQ(report.class_groups[1].product_group, 1);
  EXPECT_EQ(report.product_group_risk_arrays[16 + 12], -300.0);
  // Outside the TIMS hierarchy and the house add-ons (5000 contracts on an ADV of 1).
  ASSERT_EQ(report.portfolio_groups.size(), 1u);
  EXPECT_EQ(report.portfolio_groups[0].name, "AAPL");
  EXPECT_EQ(report.class_groups[1].liquidity_addon, 0.0);

  // 50 (TIMS) + 300 (SPAN); SPAN is the larger part.
  const account_margin& account = report.accounts[0];
  EXPECT_EQ(account.tims_requirement, 50.0);
  EXPECT_EQ(account.span_requirement, 300.0);
  EXPECT_EQ(account.requirement, 350.0);
  EXPECT_EQ(account.source, requirement_source::span);
}

/// Whether building the hierarchy fails at market.csv line `line` with `phrase`.
::testing::AssertionResult fails_at_row(const std::function<void()>& build, int line,
                                        std::string_view phrase) {
  try {
    build();
  } catch (const input_error& error) {
    if (error.where().file != "market.csv" || error.where().line != line)
      return ::testing::AssertionFailure()
             << "error at line " << error.where().line << ": " << error.what();
    if (std::string_view(error.what()).find(phrase) == std::string_view::npos)
      return ::testing::AssertionFailure()
             << "message lacks \"" << phrase << "\": " << error.what();
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "threw nothing";
}

TEST_F(RequirementFold, AProductGroupMustBeTheSymbolOrConfigured) {
  add_underlying("SPX", "SPX");
  add_underlying("SPY", "SPX");  // line 3
  begin_account("A1");
  EXPECT_TRUE(fails_at_row([&] { fold(); }, 3,
                           "product_group 'SPX' of SPY is neither its own symbol nor a "
                           "[product_groups.SPX]"));
}

TEST_F(RequirementFold, ProductGroupMembersMustShareOneLayout) {
  configure_product_group("SPX", 0.9);
  add_underlying("SPX", "SPX");
  add_underlying("SPY", "SPX");
  begin_account("A1");
  fold();  // same layout: fine
  report_.grid.scan_point_count[1] = 2;
  EXPECT_TRUE(fails_at_row(
      [&] { build_offset_hierarchy(market_, report_.grid, config_); }, 3,
      "product group 'SPX': SPY has 3 valuation points (2 scanned) and SPX has 3 (3 scanned)"));
  report_.grid.scan_point_count[1] = 3;
  report_.grid.category[4] = point_category::vol;
  EXPECT_TRUE(fails_at_row([&] { build_offset_hierarchy(market_, report_.grid, config_); }, 3,
                           "point 2 of SPY (p2) and of SPX (p2) test different rules"));
}

TEST_F(RequirementFold, PortfolioGroupMembersMustShareOneLayout) {
  config_.portfolio_groups["broad"] = portfolio_group_config{0.5};
  configure_product_group("SPX", 0.9, "broad");
  configure_product_group("RUT", 0.9, "broad");
  add_underlying("SPX", "SPX");
  add_underlying("RUT", "RUT");
  begin_account("A1");
  fold();
  report_.grid.category[2] = point_category::extreme;  // SPX's third point
  // Groups go by name, so RUT (line 3) sets the layout and SPX (line 2) breaks it.
  EXPECT_TRUE(fails_at_row([&] { build_offset_hierarchy(market_, report_.grid, config_); }, 2,
                           "portfolio group 'broad': point 3 of SPX (p3) and of RUT (p3)"));
}

TEST_F(RequirementFold, AClassGroupAloneMayNotTakeAPortfolioGroupsName) {
  config_.portfolio_groups["AAPL"] = portfolio_group_config{0.5};
  add_underlying("AAPL", "AAPL");
  begin_account("A1");
  EXPECT_TRUE(fails_at_row([&] { fold(); }, 2, "[portfolio_groups.AAPL] names another one"));
}

TEST_F(RequirementFold, FuturesClassesAreSpanCommoditiesOutsideTheOffsets) {
  config_.span.classes["equity_index_futures"] = span_class_config{0.06, 0.2};
  add_underlying("SPX", "SPX");
  add_underlying("ES", "SPX", 0, "equity_index_futures");  // line 3: futures among securities
  begin_account("A1");
  EXPECT_TRUE(fails_at_row([&] { fold(); }, 3,
                           "product group 'SPX' mixes futures classes (SPAN) and securities; ES "
                           "is a futures class"));

  market_ = {};
  add_underlying("ES", "ES", 0, "equity_index_futures");
  configure_product_group("ES", 0.9);
  EXPECT_TRUE(fails_at_row([&] { fold(); }, 2, "applies to securities only"));

  market_ = {};
  config_.product_groups.clear();
  add_underlying("ESZ6", "ES", 0, "equity_index_futures");  // any commodity name
  const offset_hierarchy hierarchy = build_offset_hierarchy(market_, report_.grid, config_);
  ASSERT_EQ(hierarchy.product_groups.size(), 1u);
  EXPECT_TRUE(hierarchy.product_groups[0].span);
  EXPECT_EQ(hierarchy.product_groups[0].portfolio_group, -1);
  EXPECT_TRUE(hierarchy.portfolio_groups.empty());
}

}  // namespace
}  // namespace pmrisk::engine
