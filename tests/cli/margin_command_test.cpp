// `pmrisk margin` end to end on the bundled example firm (examples/, as of 2026-11-20): exit
// status, the CSV, JSON and risk-array files and how they agree, and stdout.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "cli/json_reader.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk::testing {
namespace {

// Money in the outputs is rounded to cents, so sums of rounded values may differ from the
// rounded sum by half a cent per term.
constexpr double half_cent = 0.005;

const std::vector<std::string> margin_header{"account",     "tims_loss",         "tims_requirement",
                                             "requirement", "worst_class_group", "worst_point"};

std::vector<std::string> example_args() {
  return {"margin",
          "--market",
          example_market_path(),
          "--positions",
          example_positions_path(),
          "--asof",
          example_asof,
          "--config",
          default_config_path(),
          "--backend",
          "cpu"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Account -> sum of the per-contract minimum charges of its options (methodology.md §1:
// $0.375 x multiplier per contract, long or short), from the loaders' own reading of the files.
std::map<std::string, double> minimum_charges() {
  const engine_config config = load_engine_config(default_config_path());
  const market_data market = load_market(example_market_path(), config);
  const auto positions =
      load_positions(example_positions_path(), market, config, parse_date(example_asof, {}));
  std::map<std::string, double> charges;
  for (const position& p : positions) {
    charges[p.account] +=
        is_option(p.kind) ? config.min_charge_per_contract * p.multiplier * std::fabs(p.quantity)
                          : 0.0;
  }
  return charges;
}

// Account -> the distinct underlyings (class groups) it holds.
std::map<std::string, std::set<std::string>> class_groups_held() {
  const engine_config config = load_engine_config(default_config_path());
  const market_data market = load_market(example_market_path(), config);
  const auto positions =
      load_positions(example_positions_path(), market, config, parse_date(example_asof, {}));
  std::map<std::string, std::set<std::string>> held;
  for (const position& p : positions)
    held[p.account].insert(market.underlyings[static_cast<std::size_t>(p.underlying)].symbol);
  return held;
}

class MarginCommand : public ::testing::Test {
 protected:
  temp_dir dir;
  std::string csv_path = dir.file("margin.csv");
  std::string json_path = dir.file("margin.json");
  std::string arrays_path = dir.file("risk_arrays.csv");

  std::vector<std::vector<std::string>> run_to_csv(const std::vector<std::string>& more = {}) {
    const cli_result result = run_pmrisk(with(with(example_args(), {"--out", csv_path}), more));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return parse_csv(read_file(csv_path));
  }
};

TEST_F(MarginCommand, WritesOneRowPerAccountMeetingTheMinimumCharges) {
  const cli_result result = run_pmrisk(with(example_args(), {"--out", csv_path}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = parse_csv(read_file(csv_path));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front(), margin_header);

  const std::map<std::string, double> minimums = minimum_charges();
  ASSERT_EQ(rows.size(), minimums.size() + 1) << "one row per account with positions";
  const std::regex cents(R"(-?\d+\.\d\d)");
  const std::regex grid_label(R"([+-]\d+(\.\d+)?%)");
  std::string previous_account;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_EQ(row.size(), margin_header.size());
    SCOPED_TRACE(row[0]);
    EXPECT_LT(previous_account, row[0]) << "accounts sorted by id";
    previous_account = row[0];
    for (int c = 1; c <= 3; ++c) EXPECT_TRUE(std::regex_match(row[c], cents)) << row[c];
    const double tims_loss = std::stod(row[1]);
    const double tims_requirement = std::stod(row[2]);
    const double requirement = std::stod(row[3]);
    EXPECT_GE(tims_loss, 0.0);
    EXPECT_GE(tims_requirement, tims_loss);
    EXPECT_GE(requirement, tims_requirement);
    EXPECT_GE(requirement, minimums.at(row[0]) - half_cent);
    EXPECT_TRUE(class_groups_held().at(row[0]).contains(row[4])) << row[4];
    EXPECT_TRUE(std::regex_match(row[5], grid_label)) << row[5];
  }
}

TEST_F(MarginCommand, PrintsATableWithTotalsAndRunFacts) {
  const cli_result result = run_pmrisk(with(example_args(), {"--out", csv_path}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("TIMS requirement"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("worst class group"), std::string::npos);
  EXPECT_NE(result.out.find("\ntotal "), std::string::npos);
  EXPECT_NE(result.out.find("backend cpu"), std::string::npos);
  const auto rows = parse_csv(read_file(csv_path));
  for (std::size_t i = 1; i < rows.size(); ++i)
    EXPECT_NE(result.out.find(rows[i][0] + ' '), std::string::npos) << rows[i][0];
  EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(\d{1,3}(,\d{3})+\.\d\d)")))
      << "money with thousands separators";
  EXPECT_TRUE(std::regex_search(
      result.out, std::regex(R"(11 accounts, \d+ positions, \d+ unique series, \d+ batch)")));
}

TEST_F(MarginCommand, RepeatedRunsWriteIdenticalFiles) {
  const std::string first = dir.file("first.csv");
  ASSERT_EQ(run_pmrisk(with(example_args(), {"--out", first, "--quiet"})).exit_code, 0);
  ASSERT_EQ(run_pmrisk(with(example_args(), {"--out", csv_path, "--quiet"})).exit_code, 0);
  EXPECT_EQ(read_file(first), read_file(csv_path));
}

TEST_F(MarginCommand, QuietPrintsNothingOnStdoutButWritesFiles) {
  const cli_result result = run_pmrisk(with(example_args(), {"--out", csv_path, "--quiet"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_GT(parse_csv(read_file(csv_path)).size(), 1u);
}

TEST_F(MarginCommand, JsonIsValidAndAgreesWithTheCsv) {
  const cli_result result =
      run_pmrisk(with(example_args(), {"--out", csv_path, "--json", json_path}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = parse_csv(read_file(csv_path));
  const json_value doc = parse_json(read_file(json_path));

  EXPECT_EQ(doc.at("asof").text, example_asof);
  EXPECT_EQ(doc.at("backend").text.rfind("cpu", 0), 0u) << doc.at("backend").text;
  const auto& accounts = doc.at("accounts").items;
  ASSERT_EQ(accounts.size() + 1, rows.size());
  double requirement_sum = 0;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    for (std::size_t c = 0; c < margin_header.size(); ++c) {
      const json_value& field = accounts[i].at(margin_header[c]);
      const std::string text = field.type == json_value::kind::null ? "" : field.text;
      EXPECT_EQ(text, rows[i + 1][c]) << margin_header[c];
    }
    requirement_sum += std::stod(rows[i + 1][3]);
  }
  const json_value& totals = doc.at("totals");
  EXPECT_EQ(totals.at("accounts").text, std::to_string(accounts.size()));
  EXPECT_NEAR(std::stod(totals.at("requirement").text), requirement_sum,
              half_cent * static_cast<double>(accounts.size() + 1));
}

TEST_F(MarginCommand, JsonToStdoutReplacesTheTable) {
  const cli_result result = run_pmrisk(with(example_args(), {"--json", "-"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value doc = parse_json(result.out);
  EXPECT_EQ(doc.at("accounts").items.size(), 11u);
  EXPECT_EQ(result.out.find("TIMS requirement"), std::string::npos);
}

TEST_F(MarginCommand, RiskArraysHoldTenPointsPerClassGroupAndExplainTheLoss) {
  const cli_result result =
      run_pmrisk(with(example_args(), {"--out", csv_path, "--risk-arrays", arrays_path}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto arrays = parse_csv(read_file(arrays_path));
  ASSERT_FALSE(arrays.empty());
  EXPECT_EQ(arrays.front(), (std::vector<std::string>{"account", "class_group", "point", "pnl"}));

  // Every example underlying's asset class uses the regulatory 10-point grid (no vol shifts).
  const auto held = class_groups_held();
  std::size_t class_group_count = 0;
  for (const auto& [account, groups] : held) class_group_count += groups.size();
  EXPECT_EQ(arrays.size() - 1, class_group_count * 10);

  // (account, class group) -> P&L by point label.
  std::map<std::pair<std::string, std::string>, std::map<std::string, double>> pnl;
  for (std::size_t i = 1; i < arrays.size(); ++i) {
    ASSERT_EQ(arrays[i].size(), 4u);
    EXPECT_TRUE(held.at(arrays[i][0]).contains(arrays[i][1]));
    pnl[{arrays[i][0], arrays[i][1]}][arrays[i][2]] = std::stod(arrays[i][3]);
  }
  EXPECT_EQ(pnl.size(), class_group_count);
  for (const auto& [key, points] : pnl) EXPECT_EQ(points.size(), 10u) << key.first << key.second;

  // The TIMS loss is the sum over class groups of the worst loss, and the worst class group's
  // worst point is where its lowest P&L sits.
  const auto rows = parse_csv(read_file(csv_path));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string& account = rows[i][0];
    double loss = 0;
    for (const std::string& group : held.at(account)) {
      double lowest = 0;
      for (const auto& [label, value] : pnl.at({account, group})) lowest = std::min(lowest, value);
      loss += -lowest;
    }
    const double tolerance = half_cent * static_cast<double>(held.at(account).size() + 1);
    EXPECT_NEAR(std::stod(rows[i][1]), loss, tolerance) << account;
    const auto& worst_group = pnl.at({account, rows[i][4]});
    double lowest = worst_group.begin()->second;
    for (const auto& [label, value] : worst_group) lowest = std::min(lowest, value);
    EXPECT_NEAR(worst_group.at(rows[i][5]), lowest, 2 * half_cent) << account;
  }
}

TEST_F(MarginCommand, ThreadCountDoesNotChangeAByte) {
  const std::string one = dir.file("one.csv"), one_arrays = dir.file("one_arrays.csv");
  const std::string two = dir.file("two.csv"), two_arrays = dir.file("two_arrays.csv");
  ASSERT_EQ(run_pmrisk(with(example_args(), {"--threads", "1", "--out", one, "--risk-arrays",
                                             one_arrays, "--json", dir.file("one.json")}))
                .exit_code,
            0);
  ASSERT_EQ(run_pmrisk(with(example_args(), {"--threads", "2", "--out", two, "--risk-arrays",
                                             two_arrays, "--json", dir.file("two.json")}))
                .exit_code,
            0);
  EXPECT_EQ(read_file(one), read_file(two));
  EXPECT_EQ(read_file(one_arrays), read_file(two_arrays));
}

TEST_F(MarginCommand, ManySmallBatchesMatchOneBatchByteForByte) {
  const std::string whole = dir.file("whole.csv"), whole_arrays = dir.file("whole_arrays.csv");
  const std::string split = dir.file("split.csv"), split_arrays = dir.file("split_arrays.csv");
  const cli_result one_batch =
      run_pmrisk(with(example_args(), {"--out", whole, "--risk-arrays", whole_arrays}));
  ASSERT_EQ(one_batch.exit_code, 0) << one_batch.err;
  EXPECT_NE(one_batch.out.find(", 1 batch;"), std::string::npos) << one_batch.out;

  // Enough for the largest example account alone, far too little for the whole firm.
  const cli_result many_batches = run_pmrisk(with(
      example_args(), {"--max-memory", "3KiB", "--out", split, "--risk-arrays", split_arrays}));
  ASSERT_EQ(many_batches.exit_code, 0) << many_batches.err;
  std::smatch batches;
  ASSERT_TRUE(std::regex_search(many_batches.out, batches, std::regex(R"((\d+) batches;)")))
      << many_batches.out;
  EXPECT_GE(std::stoi(batches[1]), 4);
  EXPECT_EQ(read_file(whole), read_file(split));
  EXPECT_EQ(read_file(whole_arrays), read_file(split_arrays));
}

TEST_F(MarginCommand, RateFlagOverridesTheConfig) {
  const auto base = run_to_csv();
  const auto higher = run_to_csv({"--rate", "0.25"});
  ASSERT_EQ(base.size(), higher.size());
  EXPECT_NE(base, higher) << "a 25% rate moves option values";
}

TEST_F(MarginCommand, LargeBookTableShowsTheLargestRequirements) {
  // 60 accounts long 10, 20, ..., 600 AAPL shares: the requirement grows with the account
  // number, so the table must list ACC-060 down to ACC-011 and leave out ACC-001 to ACC-010.
  std::string positions = "account,symbol,type,strike,expiry,quantity\n";
  for (int a = 1; a <= 60; ++a) {
    positions += "ACC-" + std::string(a < 10 ? "00" : "0") + std::to_string(a) + ",AAPL,stock,,," +
                 std::to_string(10 * a) + "\n";
  }
  const std::string positions_path = dir.file("positions.csv");
  write_file(positions_path, positions);
  auto args = example_args();
  args[4] = positions_path;
  const cli_result result = run_pmrisk(with(args, {"--out", csv_path}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("The 50 largest requirements of 60 accounts"), std::string::npos)
      << result.out;
  EXPECT_LT(result.out.find("ACC-060 "), result.out.find("ACC-059 "));
  EXPECT_NE(result.out.find("ACC-011 "), std::string::npos);
  EXPECT_EQ(result.out.find("ACC-010 "), std::string::npos);
  EXPECT_EQ(parse_csv(read_file(csv_path)).size(), 61u) << "the file has every account";
}

TEST(VersionCommand, PrintsTheVersion) {
  const cli_result flag = run_pmrisk({"--version"});
  EXPECT_EQ(flag.exit_code, 0);
  EXPECT_TRUE(std::regex_search(flag.out, std::regex(R"(^pmrisk \d+\.\d+\.\d+)"))) << flag.out;
  const cli_result command = run_pmrisk({"version"});
  EXPECT_EQ(command.exit_code, 0);
  EXPECT_EQ(command.out.rfind(flag.out.substr(0, flag.out.find('\n')), 0), 0u) << command.out;
  EXPECT_NE(command.out.find("cuda backend: "), std::string::npos);
}

}  // namespace
}  // namespace pmrisk::testing
