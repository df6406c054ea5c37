// `pmrisk margin --montecarlo` and `pmrisk stress` end to end on the bundled example firm: the
// added columns and the requirement rule, seeds and thread counts at the margin level, the
// scenario dump, the stress outputs, and located errors from bad stress files and flags.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "cli/json_reader.hpp"

namespace pmrisk::testing {
namespace {

const std::string source_dir = PMRISK_SOURCE_DIR;

std::vector<std::string> example(const std::string& command) {
  return {command,
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

/// Column name -> index, from a CSV's header.
std::map<std::string, std::size_t> columns(const std::vector<std::string>& header) {
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < header.size(); ++c) index[header[c]] = c;
  return index;
}

class MontecarloCommand : public ::testing::Test {
 protected:
  temp_dir dir;

  /// Runs margin --montecarlo with 2,000 scenarios and returns the --out CSV's text.
  std::string margin_csv(const std::vector<std::string>& more, const std::string& name) {
    const std::string out = dir.file(name);
    const cli_result result = run_pmrisk(
        with(with(example("margin"), {"--montecarlo", "--scenarios", "2000", "--out", out}), more));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return read_file(out);
  }
};

TEST_F(MontecarloCommand, AddsTheTailColumnsAndChargesTheLargerOfTimsAndEs) {
  const auto rows = parse_csv(margin_csv({}, "margin.csv"));
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"account", "tims_loss", "tims_requirement", "requirement",
                                      "worst_class_group", "worst_point", "span_requirement",
                                      "concentration_charge", "liquidity_addon", "source",
                                      "regt_requirement", "pm_leverage", "pm_savings_pct",
                                      "mc_worst_loss", "mc_var", "mc_es", "mc_worst_scenario"}));
  auto col = columns(rows[0]);
  bool es_charged = false;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    // The requirement before the simulation (docs/offsets.md, "The account"): max(TIMS,
    // concentration) + liquidity + SPAN. Each term is rounded to the cent in the file.
    const double grid_requirement = std::max(std::stod(row[col["tims_requirement"]]),
                                             std::stod(row[col["concentration_charge"]])) +
                                    std::stod(row[col["liquidity_addon"]]) +
                                    std::stod(row[col["span_requirement"]]);
    const double es = std::stod(row[col["mc_es"]]);
    const double var = std::stod(row[col["mc_var"]]);
    const double worst = std::stod(row[col["mc_worst_loss"]]);
    if (es > grid_requirement) {
      EXPECT_EQ(row[col["requirement"]], row[col["mc_es"]]) << row[0];
      EXPECT_EQ(row[col["source"]], "montecarlo") << row[0];
    } else {
      // Half a cent per rounded term and for the rounded requirement.
      EXPECT_NEAR(std::stod(row[col["requirement"]]), grid_requirement, 5 * 0.005) << row[0];
      EXPECT_NE(row[col["source"]], "montecarlo") << row[0];
    }
    EXPECT_LE(var, es) << row[0];
    EXPECT_LE(es, worst) << row[0];
    EXPECT_LT(std::stoull(row[col["mc_worst_scenario"]]), 2000u) << row[0];
    if (es > grid_requirement) es_charged = true;
  }
  EXPECT_TRUE(es_charged) << "the short strangle's simulated tail exceeds its TIMS charge";
}

TEST_F(MontecarloCommand, RequirementRuleMcChargesTheExpectedShortfall) {
  const auto rows = parse_csv(margin_csv({"--requirement-rule", "mc"}, "mc.csv"));
  auto col = columns(rows[0]);
  for (std::size_t r = 1; r < rows.size(); ++r)
    EXPECT_EQ(rows[r][col["requirement"]], rows[r][col["mc_es"]]) << rows[r][0];
}

TEST_F(MontecarloCommand, SameSeedSameBytesAnyThreadCountAndAnotherSeedDiffers) {
  const std::string first = margin_csv({"--seed", "17", "--threads", "1"}, "a.csv");
  EXPECT_EQ(margin_csv({"--seed", "17", "--threads", "2"}, "b.csv"), first);
  const auto one = parse_csv(first);
  const auto other = parse_csv(margin_csv({"--seed", "18"}, "c.csv"));
  auto col = columns(one[0]);
  std::size_t differ = 0;
  for (std::size_t r = 1; r < one.size(); ++r)
    if (one[r][col["mc_es"]] != other[r][col["mc_es"]]) ++differ;
  EXPECT_EQ(differ, one.size() - 1);
}

TEST_F(MontecarloCommand, PrintsTheDefaultSeedAndWritesItToTheJson) {
  const std::string json = dir.file("margin.json");
  const cli_result result =
      run_pmrisk(with(example("margin"), {"--montecarlo", "--scenarios", "1000", "--json", json}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("1,000 scenarios, seed 4210 (default), 99% VaR and ES over the 10 "
                            "largest losses"),
            std::string::npos)
      << result.out;
  const json_value doc = parse_json(read_file(json));
  EXPECT_EQ(doc.at("montecarlo").at("seed").text, "4210");
  EXPECT_EQ(doc.at("montecarlo").at("scenarios").text, "1000");
  EXPECT_EQ(doc.at("montecarlo").at("tail_count").text, "10");
  EXPECT_EQ(doc.at("montecarlo").at("requirement_rule").text, "max_tims_es");
  EXPECT_TRUE(doc.at("accounts").items[0].has("mc_es"));
  EXPECT_TRUE(doc.at("totals").has("mc_es"));
}

TEST_F(MontecarloCommand, ScenarioDumpHoldsEveryScenarioOfEveryUnderlying) {
  const std::string dump = dir.file("scenarios.csv");
  const cli_result result = run_pmrisk(with(
      example("margin"), {"--montecarlo", "--scenarios", "250", "--scenario-dump", dump, "-q"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = parse_csv(read_file(dump));
  EXPECT_EQ(rows[0], (std::vector<std::string>{"scenario", "symbol", "log_return", "spot_move",
                                               "vol_shift"}));
  // Twelve underlyings in examples/market.csv: ten securities and the futures ESZ6 and RTYZ6.
  ASSERT_EQ(rows.size(), 1 + 250u * 12u);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(std::stoull(rows[r][0]), (r - 1) / 12) << r;
    // spot_move = exp(log_return) - 1 to the last digits written.
    EXPECT_NEAR(std::stod(rows[r][3]), std::expm1(std::stod(rows[r][2])), 1e-16) << r;
  }
}

TEST_F(MontecarloCommand, FlagsThatNeedMontecarloAreUsageErrorsWithoutIt) {
  for (const std::vector<std::string>& flag : {std::vector<std::string>{"--seed", "3"},
                                               {"--requirement-rule", "mc"},
                                               {"--scenario-dump", dir.file("d.csv")}}) {
    const cli_result result = run_pmrisk(with(example("margin"), flag));
    EXPECT_EQ(result.exit_code, 2) << flag[0];
    EXPECT_NE(result.err.find("--montecarlo"), std::string::npos) << result.err;
  }
}

TEST_F(MontecarloCommand, BadMontecarloFlagsAndFilesAreNamed) {
  cli_result result = run_pmrisk(with(example("margin"), {"--montecarlo", "--confidence", "99"}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("0.99 for 99%"), std::string::npos) << result.err;

  const std::string correlation = dir.file("corr.csv");
  write_file(correlation, "symbol_a,symbol_b,rho\nAAPL,MSFT,1.5\n");
  result = run_pmrisk(with(example("margin"), {"--montecarlo", "--correlation", correlation}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("pmrisk: error: " + correlation + ":2:11: rho must be in [-1, 1]"),
            std::string::npos)
      << result.err;
}

class StressCommand : public ::testing::Test {
 protected:
  temp_dir dir;
  std::string out = dir.file("stress.csv");
};

TEST_F(StressCommand, ReportsEveryAccountUnderEveryShippedSet) {
  const std::string json = dir.file("stress.json");
  const cli_result result =
      run_pmrisk(with(example("stress"), {"--scenarios", "2000", "--out", out, "--json", json}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = parse_csv(read_file(out));
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"account", "set", "mc_es", "mc_var", "mc_worst_loss",
                                      "mc_worst_scenario", "es_change", "worst_loss_change"}));
  const std::vector<std::string> sets = {"base",        "crisis",      "decoupling",
                                         "gap_down_20", "hedge_break", "vol_x2"};
  ASSERT_EQ((rows.size() - 1) % sets.size(), 0u);
  const std::size_t accounts = (rows.size() - 1) / sets.size();
  EXPECT_EQ(accounts, 12u);  // ACC-1001 to ACC-1012
  for (std::size_t a = 0; a < accounts; ++a) {
    const auto& base = rows[1 + a * sets.size()];
    for (std::size_t s = 0; s < sets.size(); ++s) {
      const auto& row = rows[1 + a * sets.size() + s];
      EXPECT_EQ(row[0], base[0]);
      EXPECT_EQ(row[1], sets[s]);
      // The change is the set's ES less the base's, to the cent.
      EXPECT_NEAR(std::stod(row[6]), std::stod(row[2]) - std::stod(base[2]), 0.011) << row[0];
    }
    EXPECT_EQ(base[6], "0.00");
    EXPECT_EQ(base[7], "0.00");
  }
  const json_value doc = parse_json(read_file(json));
  EXPECT_EQ(doc.at("sets").items.size(), sets.size());
  EXPECT_EQ(doc.at("ranking").items.size(), accounts);
  EXPECT_EQ(doc.at("seed").text, "4210");
  // The summary ranks the accounts hurt most, under the set that hurts each most.
  EXPECT_NE(result.out.find("accounts hurt most"), std::string::npos) << result.out;
  for (const std::string& set : sets) EXPECT_NE(result.out.find(set), std::string::npos) << set;
}

TEST_F(StressCommand, RunsOnlyTheStressFilesNamed) {
  const std::string crash = dir.file("crash.toml");
  write_file(crash, "description = \"all down 30%\"\n[gap]\nmove = -0.3\n");
  const cli_result result = run_pmrisk(
      with(example("stress"), {"--scenarios", "500", "--stress", crash, "--out", out, "-q"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  std::set<std::string> sets;
  for (const auto& row : parse_csv(read_file(out))) sets.insert(row[1]);
  EXPECT_EQ(sets, (std::set<std::string>{"set", "base", "crash"}));
}

TEST_F(StressCommand, ABadStressFileIsNamedWithItsLineAndColumn) {
  const std::string bad = dir.file("bad.toml");
  write_file(bad, "name = \"bad\"\n[correlation]\nset_all = 1.5\n");
  const cli_result result = run_pmrisk(with(example("stress"), {"--stress", bad, "--out", out}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "pmrisk: error: " + bad + ":3:11: correlation.set_all must be in [-1, 1], got 1.5\n");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(StressCommand, StressFilesAndADirectoryAreExclusive) {
  const cli_result result = run_pmrisk(with(
      example("stress"), {"--stress", dir.file("a.toml"), "--stress-dir", dir.path().string()}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("excludes"), std::string::npos) << result.err;
}

TEST_F(StressCommand, AnOutputOverAnInputIsRefused) {
  const std::string crash = dir.file("crash.toml");
  write_file(crash, "[gap]\nmove = -0.3\n");
  const cli_result result =
      run_pmrisk(with(example("stress"), {"--stress", crash, "--out", crash}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("pmrisk: error: --out: '" + crash + "' is also given to --stress"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace pmrisk::testing
