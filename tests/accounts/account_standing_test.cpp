// apply_account_standing: equity against the requirement and the portfolio-margin thresholds
// (docs/inputs.md, "Accounts"), at exactly the thresholds, and the accounts the file adds.
// Every amount is an exact binary fraction, so equalities are exact.

#include <gtest/gtest.h>

#include "pmrisk/account_view.hpp"

namespace pmrisk {
namespace {

// The default thresholds of house.hpp: keep 150,000, open 175,000.
const house_rules::eligibility_thresholds thresholds{};

account_margin account_with(const std::string& id, double requirement) {
  account_margin a;
  a.account = id;
  a.requirement = requirement;
  a.tims_requirement = requirement;
  return a;
}

account_equity row(const std::string& id, double equity, bool on_pm = true, int line = 2) {
  return {id, equity, on_pm, {"accounts.csv", line, 0}};
}

position held_by(const std::string& id, int line) {
  position p;
  p.account = id;
  p.underlying = 0;
  p.quantity = 100;
  p.where = {"positions.csv", line, 0};
  return p;
}

// One account with the given requirement and equity, standing applied.
account_standing standing_of(double requirement, double equity, bool on_pm) {
  margin_report report;
  report.accounts = {account_with("A", requirement)};
  apply_account_standing(report, {row("A", equity, on_pm)}, {held_by("A", 2)}, thresholds);
  EXPECT_TRUE(report.accounts[0].standing.has_value());
  return report.accounts[0].standing.value_or(account_standing{});
}

TEST(AccountStanding, ExcessIsEquityLessRequirementAndNegativeIsACall) {
  const account_standing call = standing_of(200000, 199999.5, true);
  EXPECT_EQ(call.equity, 199999.5);
  EXPECT_EQ(call.excess, -0.5);
  EXPECT_TRUE(call.margin_call);

  const account_standing exact = standing_of(200000, 200000, true);
  EXPECT_EQ(exact.excess, 0.0);
  EXPECT_FALSE(exact.margin_call) << "excess exactly 0 meets the requirement";

  const account_standing deficit = standing_of(1000, -250, true);
  EXPECT_EQ(deficit.excess, -1250.0);
  EXPECT_TRUE(deficit.margin_call);
}

TEST(AccountStanding, OnPortfolioMarginKeepThresholdIsInclusive) {
  const account_standing at_keep = standing_of(1000, 150000, true);
  EXPECT_TRUE(at_keep.on_portfolio_margin);
  EXPECT_TRUE(at_keep.pm_eligible) << "equity == keep stays on portfolio margin";
  EXPECT_FALSE(at_keep.downgrade);

  const account_standing below = standing_of(1000, 149999.75, true);
  EXPECT_FALSE(below.pm_eligible);
  EXPECT_TRUE(below.downgrade);
  EXPECT_FALSE(below.margin_call) << "a downgrade is not a margin call";

  const account_standing between = standing_of(1000, 160000, true);
  EXPECT_TRUE(between.pm_eligible) << "an account already on PM needs keep, not open";
  EXPECT_FALSE(between.downgrade);
}

TEST(AccountStanding, ApplyingNeedsTheOpenThresholdAndIsNeverDowngraded) {
  const account_standing at_open = standing_of(1000, 175000, false);
  EXPECT_FALSE(at_open.on_portfolio_margin);
  EXPECT_TRUE(at_open.pm_eligible) << "equity == open is eligible";
  EXPECT_FALSE(at_open.downgrade);

  const account_standing between = standing_of(1000, 174999.75, false);
  EXPECT_FALSE(between.pm_eligible) << "above keep is not enough to open";
  EXPECT_FALSE(between.downgrade) << "an account not on PM cannot be downgraded";

  const account_standing poor = standing_of(1000, 1000, false);
  EXPECT_FALSE(poor.pm_eligible);
  EXPECT_FALSE(poor.downgrade);
}

TEST(AccountStanding, ThresholdsComeFromTheHouseRules) {
  house_rules::eligibility_thresholds house;
  house.keep_equity = 100000;
  house.open_equity = 125000;
  margin_report report;
  report.accounts = {account_with("A", 10), account_with("B", 10)};
  apply_account_standing(report, {row("A", 100000), row("B", 124999, false, 3)},
                         {held_by("A", 2), held_by("B", 3)}, house);
  EXPECT_TRUE(report.accounts[0].standing->pm_eligible);
  EXPECT_FALSE(report.accounts[0].standing->downgrade);
  EXPECT_FALSE(report.accounts[1].standing->pm_eligible);
}

TEST(AccountStanding, AccountsWithoutPositionsJoinInOrderWithNoRequirement) {
  margin_report report;
  report.accounts = {account_with("B", 500), account_with("D", 700)};
  report.accounts[0].worst_class_group = 0;
  report.accounts[1].worst_class_group = 1;
  report.class_groups.resize(2);
  report.class_groups[0].account = 0;
  report.class_groups[1].account = 1;
  report.product_groups.resize(2);
  report.product_groups[0].account = 0;
  report.product_groups[1].account = 1;
  report.portfolio_groups.resize(1);
  report.portfolio_groups[0].account = 1;

  apply_account_standing(report, {row("E", 9), row("D", 8), row("A", 7), row("B", 6), row("C", 5)},
                         {held_by("B", 2), held_by("D", 3)}, thresholds);
  ASSERT_EQ(report.accounts.size(), 5u);
  const char* order[] = {"A", "B", "C", "D", "E"};
  const double equity[] = {7, 6, 5, 8, 9};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(order[i]);
    EXPECT_EQ(report.accounts[i].account, order[i]);
    ASSERT_TRUE(report.accounts[i].standing.has_value());
    EXPECT_EQ(report.accounts[i].standing->equity, equity[i]);
  }
  EXPECT_EQ(report.accounts[0].requirement, 0.0);
  EXPECT_EQ(report.accounts[0].worst_class_group, -1);
  EXPECT_EQ(report.accounts[0].standing->excess, 7.0);
  EXPECT_FALSE(report.accounts[0].regt.has_value()) << "no comparison was made yet";
  EXPECT_EQ(report.accounts[3].standing->excess, -692.0);  // D: 8 - 700
  EXPECT_TRUE(report.accounts[3].standing->margin_call);

  // The groups follow their accounts to the merged positions; class groups keep their order.
  EXPECT_EQ(report.class_groups[0].account, 1);
  EXPECT_EQ(report.class_groups[1].account, 3);
  EXPECT_EQ(report.product_groups[0].account, 1);
  EXPECT_EQ(report.product_groups[1].account, 3);
  EXPECT_EQ(report.portfolio_groups[0].account, 3);
  EXPECT_EQ(report.accounts[1].worst_class_group, 0);
  EXPECT_EQ(report.accounts[3].worst_class_group, 1);
}

TEST(AccountStanding, AddedAccountsCarryAZeroRegtComparisonWhenTheReportHasOne) {
  margin_report report;
  report.accounts = {account_with("B", 500)};
  report.accounts[0].regt = regt_comparison{2000, 4, 75, true};
  apply_account_standing(report, {row("A", 1), row("B", 2)}, {held_by("B", 2)}, thresholds);
  ASSERT_EQ(report.accounts.size(), 2u);
  ASSERT_TRUE(report.accounts[0].regt.has_value());
  EXPECT_EQ(report.accounts[0].regt->requirement, 0.0);
  EXPECT_EQ(report.accounts[0].regt->pm_leverage, 0.0);
  EXPECT_EQ(report.accounts[0].regt->pm_savings_pct, 0.0);
  EXPECT_EQ(report.accounts[1].regt->requirement, 2000.0);
}

TEST(AccountStanding, AnAccountWithPositionsButNoRowIsAnErrorAtItsFirstPosition) {
  margin_report report;
  report.accounts = {account_with("A", 10), account_with("B", 20)};
  const std::vector<position> positions = {held_by("A", 2), held_by("B", 5), held_by("B", 6)};
  try {
    apply_account_standing(report, {row("A", 1)}, positions, thresholds);
    ADD_FAILURE() << "expected input_error";
  } catch (const input_error& error) {
    EXPECT_EQ(error.where().file, "positions.csv");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_STREQ(error.what(),
                 "positions.csv:5: account 'B' holds positions but has no row in the accounts "
                 "file accounts.csv");
  }
  EXPECT_FALSE(report.accounts[0].standing.has_value()) << "a failed call changes nothing";
}

}  // namespace
}  // namespace pmrisk
