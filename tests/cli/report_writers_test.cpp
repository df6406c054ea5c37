// The CSV and JSON writers on a small hand-built report, checked field by field.

#include <gtest/gtest.h>

#include <sstream>

#include "cli/json_reader.hpp"
#include "pmrisk/error.hpp"
#include "report/margin_csv.hpp"
#include "report/margin_json.hpp"
#include "report/margin_rows.hpp"
#include "report/risk_array_csv.hpp"

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
  report.class_groups = {
      {0, 0, 0.0, 0, 37.5, 37.5},
      {0, 1, 1234.565, 1, 75.0, 1234.565},
  };
  report.accounts = {
      {"A1", 1234.565, 1272.065, 1272.065, 1},
      {"Z, Corp", 0.0, 0.0, 0.0, -1},
  };
  report.risk_arrays = {12.5, 3.0, -0.004, -1234.565};
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
            "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point\n"
            "A1,1234.57,1272.07,1272.07,BBB,+5%\n"
            "\"Z, Corp\",0.00,0.00,0.00,,\n");
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

TEST(RiskArrayCsv, WritesEveryPointOfEveryClassGroup) {
  std::ostringstream out;
  write_risk_arrays_csv(out, small_report(), two_underlyings());
  EXPECT_EQ(out.str(),
            "account,class_group,point,pnl\n"
            "A1,AAA,-10%,12.50\n"
            "A1,AAA,+10%,3.00\n"
            "A1,BBB,-5%,0.00\n"
            "A1,BBB,+5%,-1234.57\n");
}

TEST(RiskArrayCsv, RefusesAReportWithoutRiskArrays) {
  margin_report report = small_report();
  report.risk_arrays.clear();
  std::ostringstream out;
  EXPECT_THROW(write_risk_arrays_csv(out, report, two_underlyings()), logic_error);
}

}  // namespace
}  // namespace pmrisk
