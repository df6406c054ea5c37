// `pmrisk synth` as a user runs it: the files, the summary, a margin run over what it wrote,
// and bad arguments ending in exit code 2 with a message naming the flag.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"

namespace pmrisk::testing {
namespace {

std::vector<std::string> synth_args(const std::string& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"synth", "--accounts", "300", "--underlyings", "40", "--seed",
                                   "17",    "--out",      out};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(SynthCommand, WritesTheFirmAndMarginValuesIt) {
  const temp_dir dir;
  const std::string out = dir.file("firm");
  const cli_result synth = run_pmrisk(synth_args(out));
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  EXPECT_EQ(synth.err, "");  // stderr is not a terminal: no progress line
  EXPECT_NE(synth.out.find("wrote " + out + ": 300 accounts"), std::string::npos) << synth.out;
  EXPECT_NE(synth.out.find("strategies: stock_only "), std::string::npos) << synth.out;
  EXPECT_NE(synth.out.find("seed 17, as-of 2026-11-20"), std::string::npos) << synth.out;
  EXPECT_EQ(directory_entries(out), (std::vector<std::string>{"accounts.csv", "correlation.csv",
                                                              "market.csv", "positions.csv"}));

  const cli_result margin =
      run_pmrisk({"margin", "--market", out + "/market.csv", "--positions", out + "/positions.csv",
                  "--asof", "2026-11-20", "--backend", "cpu", "--out", dir.file("margin.csv")});
  ASSERT_EQ(margin.exit_code, 0) << margin.err;
  EXPECT_NE(margin.out.find("300 accounts"), std::string::npos) << margin.out;
  EXPECT_EQ(parse_csv(read_file(dir.file("margin.csv"))).size(), 301u);  // header + accounts
}

TEST(SynthCommand, QuietPrintsNothingAndTheAsofMovesTheExpiries) {
  const temp_dir dir;
  const cli_result synth =
      run_pmrisk(synth_args(dir.file("firm"), {"--asof", "2031-03-03", "--quiet"}));
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  EXPECT_EQ(synth.out, "");
  const cli_result margin =
      run_pmrisk({"margin", "--market", dir.file("firm/market.csv"), "--positions",
                  dir.file("firm/positions.csv"), "--asof", "2031-03-03", "--quiet"});
  EXPECT_EQ(margin.exit_code, 0) << margin.err;
  const std::string positions = read_file(dir.file("firm/positions.csv"));
  EXPECT_EQ(positions.find(",2026-"), std::string::npos);
  EXPECT_NE(positions.find(",2031-03-21,"), std::string::npos);  // March 2031's third Friday
}

struct bad_synth_case {
  const char* name;
  std::vector<std::string> args;  ///< replacing or added to the valid ones
  const char* message;            ///< expected on stderr
};

void PrintTo(const bad_synth_case& bad, std::ostream* out) {
  *out << bad.name;
}

class BadSynthArguments : public ::testing::TestWithParam<bad_synth_case> {};

TEST_P(BadSynthArguments, ExitTwoNamingTheProblemAndWriteNothing) {
  const temp_dir dir;
  const bad_synth_case& bad = GetParam();
  std::vector<std::string> args = {"synth",  "--accounts", "5",     "--underlyings", "10",
                                   "--seed", "1",          "--out", dir.file("firm")};
  for (std::size_t i = 0; i + 1 < bad.args.size(); i += 2) {
    const auto flag = std::find(args.begin(), args.end(), bad.args[i]);
    if (flag != args.end()) {
      *(flag + 1) = bad.args[i + 1];
    } else {
      args.push_back(bad.args[i]);
      args.push_back(bad.args[i + 1]);
    }
  }
  if (bad.args.size() % 2 == 1) {  // a lone flag name: drop that flag and its value
    const auto flag = std::find(args.begin(), args.end(), bad.args.back());
    args.erase(flag, flag + 2);
  }
  const cli_result result = run_pmrisk(args);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(bad.message), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("firm/positions.csv")));
}

const std::string blocked = "/dev/null/firm";  // a directory cannot be made under a device

INSTANTIATE_TEST_SUITE_P(
    Flags, BadSynthArguments,
    ::testing::Values(
        bad_synth_case{"zero_accounts",
                       {"--accounts", "0"},
                       "--accounts: expected a whole number from 1 to 1000000000, got '0'"},
        bad_synth_case{"negative_accounts",
                       {"--accounts", "-5"},
                       "--accounts: expected a whole number from 1 to 1000000000, got '-5'"},
        bad_synth_case{"fractional_accounts", {"--accounts", "2.5"}, "got '2.5'"},
        bad_synth_case{"one_underlying",
                       {"--underlyings", "1"},
                       "--underlyings: expected a whole number from 2 to 200000, got '1'"},
        bad_synth_case{"too_many_underlyings", {"--underlyings", "200001"}, "got '200001'"},
        bad_synth_case{"negative_seed",
                       {"--seed", "-1"},
                       "--seed: expected a whole number from 0 to 18446744073709551615"},
        bad_synth_case{"impossible_asof",
                       {"--asof", "2026-02-30"},
                       "pmrisk: error: --asof: impossible date '2026-02-30'"},
        bad_synth_case{"unwritable_out",
                       {"--out", blocked},
                       "pmrisk: error: /dev/null/firm: cannot create the output directory"},
        bad_synth_case{"out_is_a_file",
                       {"--out", "/dev/null"},
                       "pmrisk: error: /dev/null: cannot write the firm here: not a directory"},
        bad_synth_case{"missing_out", {"--out"}, "--out is required"},
        bad_synth_case{"missing_accounts", {"--accounts"}, "--accounts is required"}),
    [](const ::testing::TestParamInfo<bad_synth_case>& info) { return info.param.name; });

}  // namespace
}  // namespace pmrisk::testing
