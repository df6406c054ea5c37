// The Monte Carlo and stress writers on small hand-built reports, checked field by field: the
// margin file's added columns, the stress CSV and JSON, set totals and the ranking.

#include <gtest/gtest.h>

#include <sstream>

#include "cli/json_reader.hpp"
#include "report/margin_csv.hpp"
#include "report/margin_json.hpp"
#include "report/margin_rows.hpp"
#include "report/scenario_dump_csv.hpp"
#include "report/stress_csv.hpp"
#include "report/stress_json.hpp"
#include "report/stress_rows.hpp"

namespace pmrisk {
namespace {

TEST(MontecarloMarginCsv, AppendsTheTailColumns) {
  margin_row row{
      "A1", 100.0, 137.5, 250.125, "AAA", "-15%", account_tail_risk{400, 17, 200, 250.125}};
  std::ostringstream out;
  write_margin_csv(out, {row}, true);
  EXPECT_EQ(out.str(),
            "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point,"
            "span_requirement,concentration_charge,liquidity_addon,source,"
            "mc_worst_loss,mc_var,mc_es,mc_worst_scenario\n"
            "A1,100.00,137.50,250.13,AAA,-15%,0.00,0.00,0.00,,400.00,200.00,250.13,17\n");
}

TEST(MontecarloMarginJson, CarriesTheRunAndEachAccountsTail) {
  margin_row row{"A1", 100.0, 137.5, 250.0, "AAA", "-15%", account_tail_risk{400, 17, 200, 250}};
  margin_totals totals{1, 100.0, 137.5, 250.0, 250.0};
  montecarlo_summary mc{
      10000, 4210, 0.99, 100, scenarios::requirement_rule::max_tims_es, "cpu (2 threads)", 1};
  std::ostringstream out;
  write_margin_json(out, "cpu (2 threads)", "2026-11-20", {row}, totals, mc);
  const testing::json_value doc = testing::parse_json(out.str());
  EXPECT_EQ(doc.at("montecarlo").at("scenarios").text, "10000");
  EXPECT_EQ(doc.at("montecarlo").at("seed").text, "4210");
  EXPECT_EQ(doc.at("montecarlo").at("confidence").text, "0.99");
  EXPECT_EQ(doc.at("montecarlo").at("tail_count").text, "100");
  EXPECT_EQ(doc.at("montecarlo").at("requirement_rule").text, "max_tims_es");
  const auto& account = doc.at("accounts").items.at(0);
  EXPECT_EQ(account.at("mc_worst_loss").text, "400.00");
  EXPECT_EQ(account.at("mc_var").text, "200.00");
  EXPECT_EQ(account.at("mc_es").text, "250.00");
  EXPECT_EQ(account.at("mc_worst_scenario").text, "17");
  EXPECT_EQ(doc.at("totals").at("mc_es").text, "250.00");
}

/// Two accounts under the base and two sets: B is hurt most by "gap", A only a little by
/// "crisis", which helps B.
stress::stress_report small_stress() {
  stress::stress_report report;
  report.accounts = {"A", "B"};
  report.sets = {"base", "crisis", "gap"};
  report.descriptions = {"the base scenario model (default_correlation)", "rho 0.9", "-20%"};
  report.risk = {{100, 5, 50, 80},   {110, 5, 55, 90},   {100, 5, 50, 80},
                 {300, 9, 150, 200}, {250, 9, 120, 170}, {900, 2, 700, 800}};
  report.backend = "cpu (1 thread)";
  report.scenarios = 1000;
  report.seed = 7;
  report.confidence = 0.975;
  report.tail_count = 25;
  return report;
}

TEST(StressRows, TotalsAndRankingFollowTheChangesAgainstBase) {
  const stress::stress_report report = small_stress();
  const std::vector<stress_set_total> totals = stress_set_totals(report);
  ASSERT_EQ(totals.size(), 3u);
  EXPECT_EQ(totals[0].es, 280.0);
  EXPECT_EQ(totals[1].es, 260.0);
  EXPECT_EQ(totals[1].es_change, -20.0);
  EXPECT_EQ(totals[1].accounts_hurt, 1u);  // A up 10, B down 30
  EXPECT_EQ(totals[2].es_change, 600.0);
  EXPECT_EQ(totals[2].accounts_hurt, 1u);  // A unchanged is not hurt

  const std::vector<stress_rank> ranks = rank_accounts(report);
  ASSERT_EQ(ranks.size(), 2u);
  EXPECT_EQ(ranks[0].account, 1u);
  EXPECT_EQ(ranks[0].worst_set, 2u);
  EXPECT_EQ(ranks[0].es_change, 600.0);
  EXPECT_EQ(ranks[1].account, 0u);
  EXPECT_EQ(ranks[1].worst_set, 1u);
  EXPECT_EQ(ranks[1].base_es, 80.0);
  EXPECT_EQ(ranks[1].stressed_es, 90.0);
}

TEST(StressCsv, OneRowPerAccountAndSetWithChangesAgainstBase) {
  std::ostringstream out;
  write_stress_csv(out, small_stress());
  EXPECT_EQ(out.str(),
            "account,set,mc_es,mc_var,mc_worst_loss,mc_worst_scenario,es_change,"
            "worst_loss_change\n"
            "A,base,80.00,50.00,100.00,5,0.00,0.00\n"
            "A,crisis,90.00,55.00,110.00,5,10.00,10.00\n"
            "A,gap,80.00,50.00,100.00,5,0.00,0.00\n"
            "B,base,200.00,150.00,300.00,9,0.00,0.00\n"
            "B,crisis,170.00,120.00,250.00,9,-30.00,-50.00\n"
            "B,gap,800.00,700.00,900.00,2,600.00,600.00\n");
}

TEST(StressJson, IsValidAndCarriesSetsAccountsAndRanking) {
  std::ostringstream out;
  write_stress_json(out, small_stress(), "2026-11-20");
  const testing::json_value doc = testing::parse_json(out.str());
  EXPECT_EQ(doc.at("seed").text, "7");
  EXPECT_EQ(doc.at("confidence").text, "0.975");
  EXPECT_EQ(doc.at("tail_count").text, "25");
  ASSERT_EQ(doc.at("sets").items.size(), 3u);
  EXPECT_EQ(doc.at("sets").items[2].at("name").text, "gap");
  EXPECT_EQ(doc.at("sets").items[2].at("total_es_change").text, "600.00");
  const auto& b = doc.at("accounts").items.at(1);
  EXPECT_EQ(b.at("account").text, "B");
  EXPECT_EQ(b.at("sets").items.at(1).at("es_change").text, "-30.00");
  EXPECT_EQ(doc.at("ranking").items.at(0).at("account").text, "B");
  EXPECT_EQ(doc.at("ranking").items.at(0).at("worst_set").text, "gap");
}

TEST(ScenarioDump, WritesOneRowPerScenarioAndUnderlyingWithEveryDigit) {
  market_data market;
  market.underlyings.resize(2);
  market.underlyings[0].symbol = "AAA";
  market.underlyings[1].symbol = "B,B";
  scenarios::scenario_tile tile;
  tile.first = 40;
  tile.count = 2;
  tile.underlyings = 2;
  tile.log_return = {0.1, -0.2, 0.0, 1.0 / 3};
  tile.spot_move = {0.105, -0.18, 0.0, 0.4};
  tile.vol_shift = {0.5, -0.25, 0.0, 0.125};
  std::ostringstream out;
  scenario_dump_writer writer(out, market);
  writer.write(tile);
  EXPECT_EQ(out.str(),
            "scenario,symbol,log_return,spot_move,vol_shift\n"
            "40,AAA,0.10000000000000001,0.105,0.5\n"
            "40,\"B,B\",0,0,0\n"
            "41,AAA,-0.20000000000000001,-0.17999999999999999,-0.25\n"
            "41,\"B,B\",0.33333333333333331,0.40000000000000002,0.125\n");
}

}  // namespace
}  // namespace pmrisk
