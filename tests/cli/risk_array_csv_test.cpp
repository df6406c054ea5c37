// The --risk-arrays writer on a small hand-built report: every level of the fold, each point's
// label and category, money in cents.

#include <gtest/gtest.h>

#include <sstream>

#include "pmrisk/error.hpp"
#include "report/risk_array_csv.hpp"

namespace pmrisk {
namespace {

market_data three_underlyings() {
  market_data market;
  market.underlyings.resize(3);
  market.underlyings[0].symbol = "AAA";
  market.underlyings[1].symbol = "BBB";
  market.underlyings[2].symbol = "FUT";
  market.index_by_symbol = {{"AAA", 0}, {"BBB", 1}, {"FUT", 2}};
  return market;
}

// Account "A1" holds AAA and BBB, one product group IDX inside one portfolio group IDX; AAA and
// BBB have two scanned points and a concentration point. Account "Z, Corp" holds FUT, a SPAN
// commodity ES of two scanned points.
margin_report three_level_report() {
  margin_report report;
  valuation_grid& grid = report.grid;
  grid.stride = 3;
  grid.point_count = {3, 3, 2};
  grid.scan_point_count = {2, 2, 2};
  grid.labels = {"-10%",      "-20% extreme", "conc -30%", "-10%", "-20% extreme",
                 "conc -30%", "scan 1",       "scan 15",   ""};
  grid.category = {
      point_category::grid, point_category::extreme, point_category::concentration_large,
      point_category::grid, point_category::extreme, point_category::concentration_large,
      point_category::grid, point_category::extreme, point_category::grid};
  report.accounts.resize(2);
  report.accounts[0].account = "A1";
  report.accounts[1].account = "Z, Corp";

  report.class_groups.resize(3);
  for (std::int32_t g = 0; g < 3; ++g) {
    report.class_groups[static_cast<std::size_t>(g)].account = g < 2 ? 0 : 1;
    report.class_groups[static_cast<std::size_t>(g)].underlying = g;
    report.class_groups[static_cast<std::size_t>(g)].product_group = g < 2 ? 0 : 1;
  }
  report.risk_arrays = {12.5, 3.0, -1.0, -0.004, -1234.565, 7.0, 100.0, -50.0, 0.0};

  report.product_groups.resize(2);
  report.product_groups[0].account = 0;
  report.product_groups[0].name = "IDX";
  report.product_groups[0].parent = 0;
  report.product_groups[1].account = 1;
  report.product_groups[1].name = "ES";
  report.product_groups[1].span = true;
  report.product_group_risk_arrays = {12.49, -1231.57, 0.0, 100.0, -50.0, 0.0};

  report.portfolio_groups.resize(1);
  report.portfolio_groups[0].account = 0;
  report.portfolio_groups[0].name = "IDX";
  report.portfolio_group_risk_arrays = {12.49, -1231.57, 0.0};
  return report;
}

TEST(RiskArrayCsv, WritesEveryLevelOfEveryAccount) {
  std::ostringstream out;
  write_risk_arrays_csv(out, three_level_report(), three_underlyings());
  EXPECT_EQ(out.str(),
            "account,level,group,point,category,pnl\n"
            "A1,class_group,AAA,-10%,grid,12.50\n"
            "A1,class_group,AAA,-20% extreme,extreme,3.00\n"
            "A1,class_group,AAA,conc -30%,concentration_large,-1.00\n"
            "A1,class_group,BBB,-10%,grid,0.00\n"
            "A1,class_group,BBB,-20% extreme,extreme,-1234.57\n"
            "A1,class_group,BBB,conc -30%,concentration_large,7.00\n"
            "A1,product_group,IDX,-10%,grid,12.49\n"
            "A1,product_group,IDX,-20% extreme,extreme,-1231.57\n"
            "A1,portfolio_group,IDX,-10%,grid,12.49\n"
            "A1,portfolio_group,IDX,-20% extreme,extreme,-1231.57\n"
            "\"Z, Corp\",class_group,FUT,scan 1,grid,100.00\n"
            "\"Z, Corp\",class_group,FUT,scan 15,extreme,-50.00\n"
            "\"Z, Corp\",span_commodity,ES,scan 1,grid,100.00\n"
            "\"Z, Corp\",span_commodity,ES,scan 15,extreme,-50.00\n");
}

TEST(RiskArrayCsv, RefusesAReportWithoutEveryLevelsRiskArrays) {
  for (auto drop : {&margin_report::risk_arrays, &margin_report::product_group_risk_arrays,
                    &margin_report::portfolio_group_risk_arrays}) {
    margin_report report = three_level_report();
    (report.*drop).clear();
    std::ostringstream out;
    EXPECT_THROW(write_risk_arrays_csv(out, report, three_underlyings()), logic_error);
  }
}

}  // namespace
}  // namespace pmrisk
