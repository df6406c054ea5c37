// `pmrisk margin` with the Reg-T comparison and --accounts, end to end on a book small enough
// to check by hand: stock alone, so the TIMS requirement is the +/-15% equity grid move
// (methodology.md section 1) and the Reg-T requirement 50% of market value (Regulation T,
// 12 CFR 220.12). Values are compared as the CSV writes them, in cents or hundredths.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "cli/json_reader.hpp"

namespace pmrisk::testing {
namespace {

// XYZ at $100: 1,000 shares need 15% x $100,000 = $15,000 under TIMS, $50,000 under Reg T.
constexpr const char* market = "symbol,price,vol,asset_class\nXYZ,100,0.30,equity\n";

constexpr const char* positions =
    "account,symbol,type,strike,expiry,quantity\n"
    "ACC-A,XYZ,stock,,,1000\n"
    "ACC-B,XYZ,stock,,,-500\n"
    "ACC-C,XYZ,stock,,,100\n";

// A: on PM, equity below its requirement and below keep. B: on PM, well funded. C: applying
// with exactly the open threshold. D: applying, no positions.
constexpr const char* accounts =
    "account,equity,type\n"
    "ACC-D,200000,regt\n"
    "ACC-A,14000,portfolio\n"
    "ACC-B,160000,\n"
    "ACC-C,175000,regt\n";

class AccountViewCommand : public ::testing::Test {
 protected:
  temp_dir dir;
  std::string market_path = dir.file("market.csv");
  std::string positions_path = dir.file("positions.csv");
  std::string accounts_path = dir.file("accounts.csv");
  std::string csv_path = dir.file("margin.csv");

  void SetUp() override {
    write_file(market_path, market);
    write_file(positions_path, positions);
    write_file(accounts_path, accounts);
  }

  cli_result run(const std::vector<std::string>& more) const {
    std::vector<std::string> args{
        "margin",     "--market", market_path,           "--positions", positions_path, "--asof",
        example_asof, "--config", default_config_path(), "--backend",   "cpu"};
    args.insert(args.end(), more.begin(), more.end());
    return run_pmrisk(args);
  }

  // Account -> column -> cell of the --out file.
  std::map<std::string, std::map<std::string, std::string>> table() const {
    const auto rows = parse_csv(read_file(csv_path));
    std::map<std::string, std::map<std::string, std::string>> cells;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      EXPECT_EQ(rows[r].size(), rows[0].size());
      for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c)
        cells[rows[r][0]][rows[0][c]] = rows[r][c];
    }
    return cells;
  }
};

TEST_F(AccountViewCommand, WritesRegtAndStandingColumnsWithHandCheckedValues) {
  const cli_result result = run({"--accounts", accounts_path, "--out", csv_path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = parse_csv(read_file(csv_path));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"account", "tims_loss", "tims_requirement", "requirement",
                                      "worst_class_group", "worst_point", "span_requirement",
                                      "concentration_charge", "liquidity_addon", "source",
                                      "regt_requirement", "pm_leverage", "pm_savings_pct", "equity",
                                      "excess", "margin_call", "pm_eligible", "downgrade"}));
  const auto t = table();
  ASSERT_EQ(t.size(), 4u) << "ACC-D has no positions but is listed";

  // ACC-A: TIMS 15% x 1,000 x $100 = 15,000 at -15%; Reg T 50,000; 50,000 / 15,000 = 3.33x;
  // 100 x 35,000 / 50,000 = 70%; excess 14,000 - 15,000 = -1,000: a call; below keep 150,000.
  const auto& a = t.at("ACC-A");
  EXPECT_EQ(a.at("requirement"), "15000.00");
  EXPECT_EQ(a.at("worst_point"), "-15%");
  EXPECT_EQ(a.at("source"), "grid");
  EXPECT_EQ(a.at("span_requirement"), "0.00");
  EXPECT_EQ(a.at("concentration_charge"), "0.00");
  EXPECT_EQ(a.at("liquidity_addon"), "0.00");
  EXPECT_EQ(a.at("regt_requirement"), "50000.00");
  EXPECT_EQ(a.at("pm_leverage"), "3.33");
  EXPECT_EQ(a.at("pm_savings_pct"), "70.00");
  EXPECT_EQ(a.at("equity"), "14000.00");
  EXPECT_EQ(a.at("excess"), "-1000.00");
  EXPECT_EQ(a.at("margin_call"), "true");
  EXPECT_EQ(a.at("pm_eligible"), "false");
  EXPECT_EQ(a.at("downgrade"), "true");

  // ACC-B, short 500: TIMS 7,500 at +15%; Reg T 150% less the proceeds = 25,000; on PM with
  // 160,000 >= keep.
  const auto& b = t.at("ACC-B");
  EXPECT_EQ(b.at("requirement"), "7500.00");
  EXPECT_EQ(b.at("worst_point"), "+15%");
  EXPECT_EQ(b.at("regt_requirement"), "25000.00");
  EXPECT_EQ(b.at("pm_leverage"), "3.33");
  EXPECT_EQ(b.at("excess"), "152500.00");
  EXPECT_EQ(b.at("margin_call"), "false");
  EXPECT_EQ(b.at("pm_eligible"), "true");
  EXPECT_EQ(b.at("downgrade"), "false");

  // ACC-C: TIMS 1,500, Reg T 5,000; applying with equity == open 175,000: eligible.
  const auto& c = t.at("ACC-C");
  EXPECT_EQ(c.at("requirement"), "1500.00");
  EXPECT_EQ(c.at("regt_requirement"), "5000.00");
  EXPECT_EQ(c.at("pm_savings_pct"), "70.00");
  EXPECT_EQ(c.at("excess"), "173500.00");
  EXPECT_EQ(c.at("pm_eligible"), "true");
  EXPECT_EQ(c.at("downgrade"), "false");

  // ACC-D holds nothing: no requirement on either side, so no ratios and no source.
  const auto& d = t.at("ACC-D");
  EXPECT_EQ(d.at("requirement"), "0.00");
  EXPECT_EQ(d.at("source"), "");
  EXPECT_EQ(d.at("worst_class_group"), "");
  EXPECT_EQ(d.at("regt_requirement"), "0.00");
  EXPECT_EQ(d.at("pm_leverage"), "");
  EXPECT_EQ(d.at("pm_savings_pct"), "");
  EXPECT_EQ(d.at("excess"), "200000.00");
  EXPECT_EQ(d.at("pm_eligible"), "true");

  // The table: PM beside Reg-T, the flags, and the counts.
  EXPECT_NE(result.out.find("Reg-T requirement"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("3.33x"), std::string::npos);
  EXPECT_NE(result.out.find("MARGIN CALL, DOWNGRADE"), std::string::npos);
  EXPECT_NE(result.out.find("applying: eligible"), std::string::npos);
  EXPECT_NE(result.out.find("Accounts: 1 margin call, 1 downgrade (keep 150,000.00), 2 of 2 "
                            "applying eligible (open 175,000.00)"),
            std::string::npos)
      << result.out;
}

TEST_F(AccountViewCommand, JsonCarriesTheSameValuesWithNullRatios) {
  const std::string json_path = dir.file("margin.json");
  const cli_result result = run({"--accounts", accounts_path, "--json", json_path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value doc = parse_json(read_file(json_path));
  const auto& accounts_json = doc.at("accounts").items;
  ASSERT_EQ(accounts_json.size(), 4u);
  const json_value& a = accounts_json[0];
  EXPECT_EQ(a.at("account").text, "ACC-A");
  EXPECT_EQ(a.at("regt_requirement").text, "50000.00");
  EXPECT_EQ(a.at("pm_leverage").text, "3.33");
  EXPECT_EQ(a.at("regt_proven_optimal").type, json_value::kind::boolean);
  EXPECT_EQ(a.at("margin_call").type, json_value::kind::boolean);
  EXPECT_TRUE(a.at("margin_call").boolean);
  const json_value& d = accounts_json[3];
  EXPECT_EQ(d.at("account").text, "ACC-D");
  EXPECT_EQ(d.at("pm_leverage").type, json_value::kind::null);
  EXPECT_EQ(d.at("pm_savings_pct").type, json_value::kind::null);
  EXPECT_EQ(d.at("source").type, json_value::kind::null);
  const json_value& totals = doc.at("totals");
  EXPECT_EQ(totals.at("accounts").text, "4");
  EXPECT_EQ(totals.at("regt_requirement").text, "80000.00");
  EXPECT_EQ(totals.at("equity").text, "549000.00");
  EXPECT_EQ(totals.at("margin_calls").text, "1");
  EXPECT_EQ(totals.at("downgrades").text, "1");
}

TEST_F(AccountViewCommand, HouseThresholdsJudgeEligibility) {
  const std::string house = dir.file("house.toml");
  write_file(house, "[eligibility]\nkeep_equity = 14000\nopen_equity = 180000\n");
  const cli_result result = run({"--accounts", accounts_path, "--house", house, "--out", csv_path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto t = table();
  EXPECT_EQ(t.at("ACC-A").at("downgrade"), "false") << "14,000 == keep";
  EXPECT_EQ(t.at("ACC-A").at("pm_eligible"), "true");
  EXPECT_EQ(t.at("ACC-A").at("margin_call"), "true") << "a call whatever the thresholds";
  EXPECT_EQ(t.at("ACC-C").at("pm_eligible"), "false") << "175,000 < open 180,000";
  EXPECT_EQ(t.at("ACC-D").at("pm_eligible"), "true");
}

TEST_F(AccountViewCommand, FuturesCountAtTheirSpanRequirementOnBothSides) {
  // The shipped configs' equity index future (configs/tims.toml, configs/span.toml).
  write_file(market_path,
             "symbol,price,vol,asset_class,product_group\n"
             "XYZ,100,0.30,equity,\n"
             "ESZ6,6000,0.18,equity_index_future,ES\n");
  write_file(positions_path,
             "account,symbol,type,strike,expiry,quantity\n"
             "ACC-A,XYZ,stock,,,100\n"
             "ACC-A,ESZ6,future,,2026-12-18,2\n"
             "ACC-F,ESZ6,future_put,5800,2026-12-18,-1\n");
  const cli_result result = run({"--out", csv_path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto t = table();
  // ACC-A: Reg T 50% x 100 x $100 = 5,000 on the stock, plus the SPAN requirement as is.
  const double span_a = std::stod(t.at("ACC-A").at("span_requirement"));
  EXPECT_GT(span_a, 0.0);
  EXPECT_NEAR(std::stod(t.at("ACC-A").at("regt_requirement")), span_a + 5000, 0.005);
  // ACC-F holds futures only: the same requirement under both regimes.
  EXPECT_EQ(t.at("ACC-F").at("regt_requirement"), t.at("ACC-F").at("span_requirement"));
  EXPECT_EQ(t.at("ACC-F").at("regt_requirement"), t.at("ACC-F").at("requirement"));
  EXPECT_EQ(t.at("ACC-F").at("pm_leverage"), "1.00");
  EXPECT_EQ(t.at("ACC-F").at("pm_savings_pct"), "0.00");
}

TEST_F(AccountViewCommand, NoRegtLeavesOutItsColumns) {
  const cli_result result = run({"--no-regt", "--out", csv_path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = parse_csv(read_file(csv_path));
  EXPECT_EQ(rows.at(0),
            (std::vector<std::string>{"account", "tims_loss", "tims_requirement", "requirement",
                                      "worst_class_group", "worst_point", "span_requirement",
                                      "concentration_charge", "liquidity_addon", "source"}));
  EXPECT_EQ(rows.size(), 4u) << "three accounts with positions, none added without --accounts";
  EXPECT_EQ(result.out.find("Reg-T"), std::string::npos) << result.out;
  EXPECT_EQ(run({"--no-regt", "--regt", default_config_path()}).exit_code, 2)
      << "--no-regt excludes --regt";
}

TEST_F(AccountViewCommand, AccountWithPositionsButNoRowIsAnError) {
  write_file(accounts_path, "account,equity\nACC-A,1\nACC-C,2\n");
  const cli_result result = run({"--accounts", accounts_path, "--out", csv_path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(positions_path +
                            ":3: account 'ACC-B' holds positions but has no "
                            "row in the accounts file " +
                            accounts_path),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(csv_path));
}

TEST_F(AccountViewCommand, AccountsFileErrorsNameFileLineAndColumn) {
  write_file(accounts_path, "account,equity,type\nACC-A,1,margin\n");
  const cli_result result = run({"--accounts", accounts_path, "--out", csv_path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(accounts_path + ":2:9: unknown type 'margin'"), std::string::npos)
      << result.err;
}

TEST_F(AccountViewCommand, RegtRatesMustCoverShortOptions) {
  write_file(positions_path,
             "account,symbol,type,strike,expiry,quantity\nACC-A,XYZ,call,110,2027-01-15,-1\n");
  const std::string rates = dir.file("regt.toml");
  write_file(rates,
             "long_stock_rate = 0.5\nshort_stock_rate = 0.5\n"
             "[asset_class.broad_index]\nunderlying_rate = 0.15\nfloor_rate = 0.10\n");
  const cli_result result = run({"--regt", rates, "--out", csv_path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("asset class 'equity' of XYZ has no Reg-T rates"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace pmrisk::testing
