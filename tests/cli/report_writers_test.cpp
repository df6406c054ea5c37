// The margin CSV and JSON writers on a small hand-built report, checked field by field (the
// risk-array writer: risk_array_csv_test.cpp).

#include <gtest/gtest.h>

#include <sstream>

#include "cli/json_reader.hpp"
#include "pmrisk/error.hpp"
#include "report/margin_csv.hpp"
#include "report/margin_json.hpp"
#include "report/margin_rows.hpp"

namespace pmrisk {
namespace {

market_data two_underlyings() {
  market_data market;
  market.underlyings.resize(2);
  market.underlyings[0].symbol = "AAA";
  market.underlyings[1].symbol = "BBB";
  market.index_by_symbol = {{"AAA", 0}, {"BBB", 1}};
  return market;
}

// Account "A1" holds AAA (a gain everywhere, so only its minimum charge) and BBB (worst at
// "+5%"); account "Z, Corp" holds nothing priced, so it has no worst class group.
margin_report small_report() {
  margin_report report;
  report.grid.stride = 2;
  report.grid.point_count = {2, 2};
  report.grid.labels = {"-10%", "+10%", "-5%", "+5%"};
  report.class_groups.resize(2);
  report.class_groups[0].underlying = 0;
  report.class_groups[0].min_charge = 37.5;
  report.class_groups[0].requirement = 37.5;
  report.class_groups[1].underlying = 1;
  report.class_groups[1].worst_loss = 1234.565;
  report.class_groups[1].worst_point = 1;
  report.class_groups[1].min_charge = 75.0;
  report.class_groups[1].requirement = 1234.565;
  report.accounts.resize(2);
  report.accounts[0].account = "A1";
  report.accounts[0].tims_loss = 1234.565;
  report.accounts[0].tims_requirement = 1272.065;
  report.accounts[0].requirement = 1272.065;
  report.accounts[0].worst_class_group = 1;
  report.accounts[1].account = "Z, Corp";
  report.backend = "cpu (2 threads)";
  return report;
}

TEST(MarginRows, ResolvesWorstClassGroupToSymbolAndLabel) {
  const auto rows = margin_rows(small_report(), two_underlyings());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].account, "A1");
  EXPECT_EQ(rows[0].worst_class_group, "BBB");
  EXPECT_EQ(rows[0].worst_point, "+5%");
  EXPECT_DOUBLE_EQ(rows[0].requirement, 1272.065);
  EXPECT_EQ(rows[1].worst_class_group, "");
  EXPECT_EQ(rows[1].worst_point, "");
}

TEST(MarginRows, TotalsSumEveryAccount) {
  const margin_totals totals = sum_margin(small_report());
  EXPECT_EQ(totals.accounts, 2u);
  EXPECT_DOUBLE_EQ(totals.tims_loss, 1234.565);
  EXPECT_DOUBLE_EQ(totals.requirement, 1272.065);
}

TEST(MarginCsv, WritesHeaderAndOneQuotedRowPerAccount) {
  std::ostringstream out;
  write_margin_csv(out, margin_rows(small_report(), two_underlyings()));
  // 1234.565 is stored as 1234.5650000000000546, so it rounds up.
  EXPECT_EQ(out.str(),
            "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point,"
            "span_requirement,concentration_charge,liquidity_addon,source\n"
            "A1,1234.57,1272.07,1272.07,BBB,+5%,0.00,0.00,0.00,grid\n"
            "\"Z, Corp\",0.00,0.00,0.00,,,0.00,0.00,0.00,\n");
}

TEST(MarginJson, IsValidAndCarriesEveryField) {
  const margin_report report = small_report();
  std::ostringstream out;
  write_margin_json(out, report.backend, "2026-11-20", margin_rows(report, two_underlyings()),
                    sum_margin(report));
  const testing::json_value doc = testing::parse_json(out.str());
  EXPECT_EQ(doc.at("backend").text, "cpu (2 threads)");
  EXPECT_EQ(doc.at("asof").text, "2026-11-20");
  const auto& accounts = doc.at("accounts").items;
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[0].at("account").text, "A1");
  EXPECT_EQ(accounts[0].at("tims_loss").text, "1234.57");
  EXPECT_EQ(accounts[0].at("tims_requirement").text, "1272.07");
  EXPECT_EQ(accounts[0].at("requirement").text, "1272.07");
  EXPECT_EQ(accounts[0].at("worst_class_group").text, "BBB");
  EXPECT_EQ(accounts[0].at("worst_point").text, "+5%");
  EXPECT_EQ(accounts[1].at("account").text, "Z, Corp");
  EXPECT_EQ(accounts[1].at("worst_class_group").type, testing::json_value::kind::null);
  EXPECT_EQ(accounts[1].at("worst_point").type, testing::json_value::kind::null);
  const auto& totals = doc.at("totals");
  EXPECT_EQ(totals.at("accounts").text, "2");
  EXPECT_EQ(totals.at("tims_loss").text, "1234.57");
  EXPECT_EQ(totals.at("requirement").text, "1272.07");
}

TEST(MarginJson, EmptyBookIsStillValid) {
  std::ostringstream out;
  write_margin_json(out, "cpu (1 threads)", "2026-11-20", {}, margin_totals{});
  const testing::json_value doc = testing::parse_json(out.str());
  EXPECT_TRUE(doc.at("accounts").items.empty());
  EXPECT_EQ(doc.at("totals").at("requirement").text, "0.00");
}

// A1 from small_report with a Reg-T comparison and a standing; "Z, Corp" holds nothing, so
// neither ratio has a denominator.
std::vector<margin_row> rows_with_account_view() {
  margin_report report = small_report();
  report.accounts[0].source = requirement_source::minimum;
  report.accounts[0].span_requirement = 10;
  report.accounts[0].concentration_charge = 20.125;
  report.accounts[0].liquidity_addon = 30;
  report.accounts[0].regt = regt_comparison{5088.26, 5088.26 / 1272.065, 75.0, true};
  report.accounts[0].standing = account_standing{1000, 1000 - 1272.065, true, true, false, true};
  report.accounts[1].regt = regt_comparison{};
  report.accounts[1].standing = account_standing{175000, 175000, false, false, true, false};
  return margin_rows(report, two_underlyings());
}

TEST(MarginCsv, WritesRegtAndStandingColumnsWhenTheRowsCarryThem) {
  std::ostringstream out;
  write_margin_csv(out, rows_with_account_view());
  // 5,088.26 / 1,272.065 = 4.0000...; the excess -272.065 rounds away from zero.
  EXPECT_EQ(out.str(),
            "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point,"
            "span_requirement,concentration_charge,liquidity_addon,source,regt_requirement,"
            "pm_leverage,pm_savings_pct,equity,excess,margin_call,pm_eligible,downgrade\n"
            "A1,1234.57,1272.07,1272.07,BBB,+5%,10.00,20.13,30.00,minimum,5088.26,4.00,75.00,"
            "1000.00,-272.07,true,false,true\n"
            "\"Z, Corp\",0.00,0.00,0.00,,,0.00,0.00,0.00,,0.00,,,175000.00,175000.00,false,true,"
            "false\n");
}

TEST(MarginCsv, RowsMustAgreeOnTheirColumns) {
  std::vector<margin_row> rows = rows_with_account_view();
  rows[1].regt.reset();
  std::ostringstream out;
  EXPECT_THROW(write_margin_csv(out, rows), logic_error);
}

TEST(MarginJson, CarriesRegtAndStandingWithNullRatios) {
  const std::vector<margin_row> rows = rows_with_account_view();
  margin_totals totals;
  totals.accounts = 2;
  totals.regt_requirement = 5088.26;
  totals.equity = 176000;
  totals.margin_calls = 1;
  totals.downgrades = 1;
  std::ostringstream out;
  write_margin_json(out, "cpu (2 threads)", "2026-11-20", rows, totals);
  const testing::json_value doc = testing::parse_json(out.str());
  const auto& a1 = doc.at("accounts").items.at(0);
  EXPECT_EQ(a1.at("source").text, "minimum");
  EXPECT_EQ(a1.at("concentration_charge").text, "20.13");
  EXPECT_EQ(a1.at("regt_requirement").text, "5088.26");
  EXPECT_EQ(a1.at("pm_leverage").text, "4.00");
  EXPECT_EQ(a1.at("pm_savings_pct").text, "75.00");
  EXPECT_TRUE(a1.at("regt_proven_optimal").boolean);
  EXPECT_EQ(a1.at("excess").text, "-272.07");
  EXPECT_TRUE(a1.at("margin_call").boolean);
  EXPECT_FALSE(a1.at("pm_eligible").boolean);
  EXPECT_TRUE(a1.at("downgrade").boolean);
  const auto& z = doc.at("accounts").items.at(1);
  EXPECT_EQ(z.at("source").type, testing::json_value::kind::null);
  EXPECT_EQ(z.at("pm_leverage").type, testing::json_value::kind::null);
  EXPECT_EQ(z.at("pm_savings_pct").type, testing::json_value::kind::null);
  EXPECT_TRUE(z.at("pm_eligible").boolean);
  const auto& t = doc.at("totals");
  EXPECT_EQ(t.at("regt_requirement").text, "5088.26");
  EXPECT_EQ(t.at("equity").text, "176000.00");
  EXPECT_EQ(t.at("margin_calls").text, "1");
  EXPECT_EQ(t.at("downgrades").text, "1");
}

}  // namespace
}  // namespace pmrisk
