// `pmrisk margin` end to end on the bundled example firm (examples/, as of 2026-11-20): exit
// status, the CSV, JSON and risk-array files and how they agree, and stdout.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli/cli_runner.hpp"
#include "cli/json_reader.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk::testing {
namespace {

// Money in the outputs is rounded to cents, so sums of rounded values may differ from the
// rounded sum by half a cent per term.
constexpr double half_cent = 0.005;

const std::vector<std::string> margin_header{
    "account",           "tims_loss",   "tims_requirement", "requirement",
    "worst_class_group", "worst_point", "span_requirement", "concentration_charge",
    "liquidity_addon",   "source",      "regt_requirement", "pm_leverage",
    "pm_savings_pct"};

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

// The SPAN parameters `pmrisk margin` reads when --span is not given.
const std::string span_config_path = PMRISK_SOURCE_DIR "/configs/span.toml";

// The example firm as the loaders read it for the CLI, SPAN parameters included.
struct example_book {
  engine_config config;
  market_data market;
  std::vector<position> positions;

  const underlying& underlying_of(const position& p) const {
    return market.underlyings[static_cast<std::size_t>(p.underlying)];
  }
  // Futures classes are margined by SPAN, not the TIMS grid (docs/span.md).
  bool margined_by_span(const underlying& u) const {
    return config.span.classes.contains(u.asset_class);
  }
};

example_book load_example_book() {
  example_book book;
  book.config = load_engine_config(default_config_path());
  book.config.span = load_span_config(span_config_path);
  book.market = load_market(example_market_path(), book.config);
  book.positions = load_positions(example_positions_path(), book.market, book.config,
                                  parse_date(example_asof, {}));
  return book;
}

// Account -> sum of the TIMS per-contract minimum charges of its options (methodology.md §1:
// $0.375 x multiplier per contract, long or short). Options on futures carry none
// (docs/span.md), so an account holding only futures classes maps to 0.
std::map<std::string, double> tims_minimum_charges(const example_book& book) {
  std::map<std::string, double> charges;
  for (const position& p : book.positions) {
    const bool charged = is_option(p.kind) && !book.margined_by_span(book.underlying_of(p));
    charges[p.account] +=
        charged ? book.config.min_charge_per_contract * p.multiplier * std::fabs(p.quantity) : 0.0;
  }
  return charges;
}

// Account -> SPAN's short option minimum (docs/span.md): per series and multiplier the net short
// contracts, max(0, -net), times the class's short_option_minimum.
std::map<std::string, double> span_short_option_minimums(const example_book& book) {
  using series_key =
      std::tuple<std::string, std::int32_t, instrument_kind, double, std::int32_t, double>;
  std::map<series_key, double> net_contracts;
  for (const position& p : book.positions) {
    if (!is_option(p.kind) || !book.margined_by_span(book.underlying_of(p))) continue;
    net_contracts[{p.account, p.underlying, p.kind, p.strike, p.expiry_day, p.multiplier}] +=
        p.quantity;
  }
  std::map<std::string, double> minimums;
  for (const auto& [key, net] : net_contracts) {
    const underlying& u = book.market.underlyings[static_cast<std::size_t>(std::get<1>(key))];
    minimums[std::get<0>(key)] +=
        std::max(0.0, -net) * book.config.span.classes.at(u.asset_class).short_option_minimum;
  }
  return minimums;
}

// Account -> the distinct underlyings (class groups) it holds, and those of them margined by SPAN.
struct class_groups_held {
  std::map<std::string, std::set<std::string>> all;
  std::map<std::string, std::set<std::string>> span;
  std::map<std::string, std::string> product_group;  ///< class group symbol -> product_group

  explicit class_groups_held(const example_book& book) {
    for (const position& p : book.positions) {
      const underlying& u = book.underlying_of(p);
      all[p.account].insert(u.symbol);
      if (book.margined_by_span(u)) span[p.account].insert(u.symbol);
      product_group[u.symbol] = u.product_group;
    }
  }
  // An account all of whose class groups are futures classes: SPAN sets its whole requirement.
  bool futures_only(const std::string& account) const {
    return span.contains(account) && span.at(account).size() == all.at(account).size();
  }
  bool is_span(const std::string& account, const std::string& symbol) const {
    return span.contains(account) && span.at(account).contains(symbol);
  }
};

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

  const example_book book = load_example_book();
  const std::map<std::string, double> tims_minimums = tims_minimum_charges(book);
  const std::map<std::string, double> span_minimums = span_short_option_minimums(book);
  const class_groups_held held(book);
  ASSERT_EQ(rows.size(), tims_minimums.size() + 1) << "one row per account with positions";
  const std::regex cents(R"(-?\d+\.\d\d)");
  const std::regex grid_label(R"([+-]\d+(\.\d+)?%)");
  // SPAN's 16 scenarios (docs/span.md): "scan 14: -1 vol-1", "scan 15: +2 extreme x0.35".
  const std::regex span_label(R"(scan ([1-9]|1[0-6]): (0|[+-]\d(/3)?) (vol[+-]1|extreme x[\d.]+))");
  std::string previous_account;
  std::size_t futures_accounts = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_EQ(row.size(), margin_header.size());
    SCOPED_TRACE(row[0]);
    EXPECT_LT(previous_account, row[0]) << "accounts sorted by id";
    previous_account = row[0];
    for (int c : {1, 2, 3, 6, 7, 8}) EXPECT_TRUE(std::regex_match(row[c], cents)) << row[c];
    const double tims_loss = std::stod(row[1]);
    const double tims_requirement = std::stod(row[2]);
    const double requirement = std::stod(row[3]);
    const double span_requirement = std::stod(row[6]);
    EXPECT_GE(tims_loss, 0.0);
    EXPECT_GE(tims_requirement, tims_loss);
    EXPECT_GE(requirement, tims_requirement);
    EXPECT_GE(requirement, tims_minimums.at(row[0]) - half_cent);
    // docs/offsets.md, "The account": max(TIMS, concentration) + liquidity + SPAN, each term
    // rounded to the cent in the file.
    EXPECT_NEAR(
        requirement,
        std::max(tims_requirement, std::stod(row[7])) + std::stod(row[8]) + span_requirement,
        4 * half_cent);
    EXPECT_TRUE(held.all.at(row[0]).contains(row[4])) << row[4];

    if (held.futures_only(row[0])) {
      // Margined by SPAN alone: no TIMS loss or minimum, the requirement is SPAN's, at least
      // its short option minimum, and the worst point is one of SPAN's scenarios.
      ++futures_accounts;
      EXPECT_EQ(row[1], "0.00");
      EXPECT_EQ(row[2], "0.00");
      EXPECT_EQ(row[6], row[3]);
      EXPECT_EQ(row[9], "span");
      EXPECT_GT(span_minimums.at(row[0]), 0.0) << "the example's futures account is short a call";
      EXPECT_GE(span_requirement, span_minimums.at(row[0]) - half_cent);
      EXPECT_TRUE(std::regex_match(row[5], span_label)) << row[5];
    } else {
      EXPECT_FALSE(held.span.contains(row[0])) << "the example mixes no futures into securities";
      EXPECT_EQ(row[6], "0.00");
      EXPECT_NE(row[9], "span");
      EXPECT_TRUE(std::regex_match(row[5], grid_label)) << row[5];
    }
  }
  EXPECT_EQ(futures_accounts, 1u) << "ACC-1012 holds futures and options on futures only";
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
      result.out, std::regex(R"(12 accounts, \d+ positions, \d+ unique series, \d+ batch)")));
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
  EXPECT_EQ(doc.at("accounts").items.size(), 12u);
  EXPECT_EQ(result.out.find("TIMS requirement"), std::string::npos);
}

TEST_F(MarginCommand, RiskArraysHoldEveryPointOfEachClassGroupAndExplainTheLoss) {
  const cli_result result =
      run_pmrisk(with(example_args(), {"--out", csv_path, "--risk-arrays", arrays_path}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto arrays = parse_csv(read_file(arrays_path));
  ASSERT_FALSE(arrays.empty());
  EXPECT_EQ(arrays.front(),
            (std::vector<std::string>{"account", "level", "group", "point", "category", "pnl"}));

  // Without house rules a securities class group has the regulatory 10-point grid (no vol
  // shifts); a futures class group SPAN's 16 scenarios, 15 and 16 the weighted extreme moves
  // (docs/span.md).
  const example_book book = load_example_book();
  const class_groups_held held(book);
  std::size_t expected_class_group_rows = 0, class_group_count = 0;
  for (const auto& [account, groups] : held.all) {
    for (const std::string& group : groups)
      expected_class_group_rows += held.is_span(account, group) ? 16 : 10;
    class_group_count += groups.size();
  }
  const std::regex span_extreme(R"(scan 1[56]: .*)");

  // (account, class group) -> P&L by point label; (account, portfolio group) -> its lowest P&L
  // after offsets (docs/offsets.md); (account, SPAN combined commodity) -> P&L by point label.
  using account_group = std::pair<std::string, std::string>;
  std::map<account_group, std::map<std::string, double>> pnl;
  std::map<account_group, double> portfolio_lowest;
  std::map<account_group, std::map<std::string, double>> commodity_pnl;
  std::size_t class_group_rows = 0;
  for (std::size_t i = 1; i < arrays.size(); ++i) {
    ASSERT_EQ(arrays[i].size(), 6u);
    const std::string& account = arrays[i][0];
    const std::string& level = arrays[i][1];
    const std::string& group = arrays[i][2];
    const std::string& point = arrays[i][3];
    const std::string& category = arrays[i][4];
    const double value = std::stod(arrays[i][5]);
    if (level == "portfolio_group") {
      double& lowest = portfolio_lowest[{account, group}];
      lowest = std::min(lowest, value);
    }
    if (level == "span_commodity") {
      commodity_pnl[{account, group}][point] = value;
      EXPECT_EQ(category, std::regex_match(point, span_extreme) ? "extreme" : "grid") << point;
    }
    if (level != "class_group") continue;
    ++class_group_rows;
    EXPECT_TRUE(held.all.at(account).contains(group));
    const bool span_extreme_point =
        held.is_span(account, group) && std::regex_match(point, span_extreme);
    EXPECT_EQ(category, span_extreme_point ? "extreme" : "grid") << account << ' ' << point;
    pnl[{account, group}][point] = value;
  }
  EXPECT_EQ(class_group_rows, expected_class_group_rows);
  EXPECT_EQ(pnl.size(), class_group_count);
  for (const auto& [key, points] : pnl)
    EXPECT_EQ(points.size(), held.is_span(key.first, key.second) ? 16u : 10u)
        << key.first << ' ' << key.second;

  // A combined commodity's array is its members' arrays added point by point (100% offset).
  std::map<std::string, double> scan_risk;  // account -> sum over its commodities
  for (const auto& [key, points] : commodity_pnl) {
    const auto& [account, commodity] = key;
    std::map<std::string, double> members_sum;
    std::size_t members = 0;
    for (const std::string& group : held.span.at(account)) {
      if (held.product_group.at(group) != commodity) continue;
      ++members;
      for (const auto& [label, value] : pnl.at({account, group})) members_sum[label] += value;
    }
    ASSERT_GT(members, 0u) << account << ' ' << commodity;
    ASSERT_EQ(points.size(), members_sum.size()) << account << ' ' << commodity;
    double lowest = 0;
    for (const auto& [label, value] : points) {
      EXPECT_NEAR(value, members_sum.at(label), half_cent * static_cast<double>(members + 1))
          << account << ' ' << commodity << ' ' << label;
      lowest = std::min(lowest, value);
    }
    scan_risk[account] += -lowest;
  }
  double largest_credit_rate = 0;
  for (const inter_commodity_spread& spread : book.config.span.spreads)
    largest_credit_rate = std::max(largest_credit_rate, spread.credit_rate);
  const std::map<std::string, double> span_minimums = span_short_option_minimums(book);

  // The TIMS loss is the sum over portfolio groups of the worst loss after offsets, and the
  // worst class group's worst point is where its lowest P&L sits. SPAN's requirement is the
  // commodities' scan risk less spread credits of at most credit_rate x each one's scan risk,
  // floored by the short option minimum (docs/span.md).
  const auto rows = parse_csv(read_file(csv_path));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string& account = rows[i][0];
    double loss = 0;
    for (const auto& [key, lowest] : portfolio_lowest)
      if (key.first == account) loss += -lowest;
    const double tolerance = half_cent * static_cast<double>(held.all.at(account).size() + 1);
    EXPECT_NEAR(std::stod(rows[i][1]), loss, tolerance) << account;
    const auto& worst_group = pnl.at({account, rows[i][4]});
    double lowest = worst_group.begin()->second;
    for (const auto& [label, value] : worst_group) lowest = std::min(lowest, value);
    EXPECT_NEAR(worst_group.at(rows[i][5]), lowest, 2 * half_cent) << account;

    const double span_requirement = std::stod(rows[i][6]);
    if (!held.span.contains(account)) {
      EXPECT_EQ(span_requirement, 0.0) << account;
      continue;
    }
    ASSERT_TRUE(scan_risk.contains(account)) << account;
    const double scan = scan_risk.at(account);
    EXPECT_GT(scan, 0.0) << account;
    EXPECT_GE(span_requirement, (1 - largest_credit_rate) * scan - tolerance) << account;
    EXPECT_LE(span_requirement, scan + span_minimums.at(account) + tolerance) << account;
  }
  EXPECT_FALSE(scan_risk.empty()) << "ACC-1012's futures have SPAN commodity arrays";
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

  // Enough for the largest example account alone (ACC-1011, just under 5,000 bytes: every
  // underlying's row of the grid is as wide as SPAN's 16 scenarios), far too little for the whole
  // firm.
  const cli_result many_batches = run_pmrisk(with(
      example_args(), {"--max-memory", "5KiB", "--out", split, "--risk-arrays", split_arrays}));
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
