// `pmrisk whatif` run as a user would: its before and after against `pmrisk margin` over the
// positions and over positions + trades (the printed cents must agree exactly), the excess with
// --accounts, and its input errors (exit 2, file:line:column or the flag).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "cli/json_reader.hpp"

namespace pmrisk::testing {
namespace {

const std::string examples = PMRISK_SOURCE_DIR "/examples/";
const std::string house = PMRISK_SOURCE_DIR "/configs/house.toml";

// The positions file's columns, so the rows can also be appended to it.
constexpr const char* trades_csv =
    "account,symbol,type,strike,expiry,quantity,style,vol,price,occ_symbol\n"
    "ACC-1011,AAPL,put,220,2026-12-18,5,,0.27,,\n"
    "ACC-1011,NVDA,stock,,,-200,,,,\n"
    "ACC-1011,ESZ6,future,,2026-12-18,1,,,,\n";

std::vector<std::string> whatif_args(const std::string& account, const std::string& trades,
                                     const std::string& positions) {
  return {"whatif",
          "--account",
          account,
          "--trade",
          trades,
          "--market",
          examples + "market.csv",
          "--positions",
          positions,
          "--asof",
          "2026-11-20",
          "--house",
          house,
          "--backend",
          "cpu"};
}

/// The account's requirement as `pmrisk margin --json -` prints it.
std::string margin_requirement(const std::string& positions, const std::string& account) {
  const cli_result run =
      run_pmrisk({"margin", "--market", examples + "market.csv", "--positions", positions, "--asof",
                  "2026-11-20", "--house", house, "--backend", "cpu", "--no-regt", "--json", "-"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const json_value doc = parse_json(run.out);
  for (const json_value& row : doc.at("accounts").items)
    if (row.at("account").text == account) return row.at("requirement").text;
  ADD_FAILURE() << "no row for " << account;
  return {};
}

TEST(whatif_command, BeforeAndAfterMatchFullMarginRuns) {
  const temp_dir dir;
  write_file(dir.file("trades.csv"), trades_csv);
  // positions + trades, as one positions file: the trades' rows after the firm's.
  std::string combined = read_file(examples + "positions.csv");
  combined += std::string(trades_csv).substr(std::string(trades_csv).find('\n') + 1);
  write_file(dir.file("combined.csv"), combined);

  std::vector<std::string> args =
      whatif_args("ACC-1011", dir.file("trades.csv"), examples + "positions.csv");
  args.insert(args.end(), {"--json", "-"});
  const cli_result run = run_pmrisk(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json_value result = parse_json(run.out);
  EXPECT_EQ(result.at("trades").text, "3");
  EXPECT_EQ(result.at("before").at("requirement").text,
            margin_requirement(examples + "positions.csv", "ACC-1011"));
  EXPECT_EQ(result.at("after").at("requirement").text,
            margin_requirement(dir.file("combined.csv"), "ACC-1011"));
  EXPECT_EQ(result.at("after").at("positions").text, "9");  // 6 held + 3 trades
}

TEST(whatif_command, TablePrintsIncrementalExcessAndTimings) {
  const temp_dir dir;
  write_file(dir.file("trades.csv"), trades_csv);
  std::vector<std::string> args =
      whatif_args("ACC-1011", dir.file("trades.csv"), examples + "positions.csv");
  args.insert(args.end(), {"--accounts", examples + "accounts.csv"});
  const cli_result run = run_pmrisk(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"before", "after", "incremental", "excess", "equity", "session set up in", "evaluated in"})
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
}

TEST(whatif_command, UnknownAccountIsAnInputError) {
  const temp_dir dir;
  write_file(dir.file("trades.csv"), "account,symbol,type,quantity\nACC-0000,AAPL,stock,1\n");
  const cli_result run =
      run_pmrisk(whatif_args("ACC-0000", dir.file("trades.csv"), examples + "positions.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--account: unknown account 'ACC-0000'"), std::string::npos) << run.err;
}

TEST(whatif_command, TradeFileErrorsAreLocated) {
  const temp_dir dir;
  const std::string trades = dir.file("trades.csv");
  write_file(trades, "account,symbol,type,quantity\nACC-1011,AAPL,stock,1\nACC-1011,ZZZ,stock,1\n");
  cli_result run = run_pmrisk(whatif_args("ACC-1011", trades, examples + "positions.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(trades + ":3:10: unknown symbol 'ZZZ'"), std::string::npos) << run.err;

  write_file(trades,
             "account,symbol,type,quantity\nACC-1011,AAPL,stock,1\nACC-1001,AAPL,stock,1\n");
  run = run_pmrisk(whatif_args("ACC-1011", trades, examples + "positions.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(trades + ":3: the position is for account 'ACC-1001'"), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace pmrisk::testing
