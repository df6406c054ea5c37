// margin_session against compute_margin on the bundled example firm (examples/, configs/): an
// account's what-if "after" must be the full run's row over positions + trades, and "before"
// the full run's row over the positions, bit for bit (memcmp of every double; no tolerance),
// with the TIMS grid alone, with the house rules, and with Monte Carlo.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "pmrisk/error.hpp"
#include "pmrisk/house.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/margin_session.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_model.hpp"
#include "pmrisk/span_config.hpp"

namespace pmrisk {
namespace {

const std::string examples = PMRISK_SOURCE_DIR "/examples/";
const std::string configs = PMRISK_SOURCE_DIR "/configs/";

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

void expect_same_account(const account_margin& a, const account_margin& b,
                         const std::string& what) {
  EXPECT_EQ(a.account, b.account) << what;
  EXPECT_TRUE(same_bits(a.requirement, b.requirement))
      << what << ": " << a.requirement << " vs " << b.requirement;
  EXPECT_TRUE(same_bits(a.tims_loss, b.tims_loss)) << what;
  EXPECT_TRUE(same_bits(a.tims_requirement, b.tims_requirement)) << what;
  EXPECT_TRUE(same_bits(a.span_requirement, b.span_requirement)) << what;
  EXPECT_TRUE(same_bits(a.concentration_charge, b.concentration_charge)) << what;
  EXPECT_TRUE(same_bits(a.liquidity_addon, b.liquidity_addon)) << what;
  EXPECT_EQ(a.source, b.source) << what;
  EXPECT_TRUE(same_bits(a.mc.es, b.mc.es)) << what;
  EXPECT_TRUE(same_bits(a.mc.var, b.mc.var)) << what;
  EXPECT_TRUE(same_bits(a.mc.worst_loss, b.mc.worst_loss)) << what;
  EXPECT_EQ(a.mc.worst_scenario, b.mc.worst_scenario) << what;
}

/// The full run's class groups and product groups of one account, against the evaluation's.
void expect_same_groups(const margin_report& full, std::size_t account,
                        const account_evaluation& one, const std::string& what) {
  std::vector<const class_group_margin*> groups;
  for (const class_group_margin& g : full.class_groups)
    if (static_cast<std::size_t>(g.account) == account) groups.push_back(&g);
  ASSERT_EQ(groups.size(), one.class_groups.size()) << what;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    EXPECT_EQ(groups[i]->underlying, one.class_groups[i].underlying) << what;
    EXPECT_TRUE(same_bits(groups[i]->requirement, one.class_groups[i].requirement)) << what;
    EXPECT_EQ(groups[i]->worst_point, one.class_groups[i].worst_point) << what;
  }
  std::vector<const group_margin*> products;
  for (const group_margin& g : full.product_groups)
    if (static_cast<std::size_t>(g.account) == account) products.push_back(&g);
  ASSERT_EQ(products.size(), one.product_groups.size()) << what;
  for (std::size_t i = 0; i < products.size(); ++i) {
    EXPECT_EQ(products[i]->name, one.product_groups[i].name) << what;
    EXPECT_TRUE(same_bits(products[i]->requirement, one.product_groups[i].requirement)) << what;
  }
}

std::optional<std::size_t> row_of(const margin_report& report, const std::string& account) {
  for (std::size_t a = 0; a < report.accounts.size(); ++a)
    if (report.accounts[a].account == account) return a;
  return std::nullopt;
}

class margin_session_test : public ::testing::Test {
 protected:
  static constexpr std::int32_t asof = 20777;  // 2026-11-20

  void SetUp() override {
    config_ = load_engine_config(configs + "tims.toml");
    config_.span = load_span_config(configs + "span.toml");
    market_ = load_market(examples + "market.csv", config_);
    positions_ = load_positions(examples + "positions.csv", market_, config_, asof);
    trade_file_ = std::filesystem::temp_directory_path() /
                  ("pmrisk-session-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv");
    options_.backend = backend_choice::cpu;
    options_.threads = 2;
  }
  void TearDown() override { std::filesystem::remove(trade_file_); }

  /// Trades for `account` that open new series and class groups, add to held series, and touch
  /// a SPAN commodity and a product group: the rows of `trades_csv` with ACCOUNT replaced.
  std::vector<position> trades_for(const std::string& account) {
    std::string text =
        "account,symbol,type,strike,expiry,quantity,vol\n"
        "ACCOUNT,AAPL,stock,,,300,\n"
        "ACCOUNT,AAPL,put,220,2026-12-18,-4,0.27\n"
        "ACCOUNT,NVDA,call,150,2026-12-18,5,0.47\n"
        "ACCOUNT,SPY,put,570,2026-12-18,6,0.175\n"
        "ACCOUNT,SPX,call,6000,2026-12-18,-1,0.15\n"
        "ACCOUNT,ESZ6,future,,2026-12-18,-1,\n"
        "ACCOUNT,XOM,stock,,,-800,\n";
    for (std::size_t at = text.find("ACCOUNT"); at != std::string::npos;
         at = text.find("ACCOUNT", at))
      text.replace(at, 7, account);
    std::ofstream(trade_file_) << text;
    return load_positions(trade_file_.string(), market_, config_, asof);
  }

  /// For every example account: before against the full run, after against the full run over
  /// positions + its trades.
  void expect_matches_full_runs() {
    margin_session session(market_, positions_, config_, options_);
    const margin_report before = compute_margin(market_, positions_, config_, options_);
    ASSERT_GT(before.accounts.size(), 10u);
    for (std::size_t a = 0; a < before.accounts.size(); ++a) {
      const std::string& id = before.accounts[a].account;
      const account_evaluation now = session.evaluate(id, {});
      expect_same_account(now.account, before.accounts[a], "before " + id);
      expect_same_groups(before, a, now, "before " + id);

      const std::vector<position> trades = trades_for(id);
      std::vector<position> all = positions_;
      all.insert(all.end(), trades.begin(), trades.end());
      const margin_report after = compute_margin(market_, all, config_, options_);
      const account_evaluation then = session.evaluate(id, trades);
      const std::size_t row = *row_of(after, id);
      expect_same_account(then.account, after.accounts[row], "after " + id);
      expect_same_groups(after, row, then, "after " + id);
      EXPECT_EQ(then.position_count, now.position_count + trades.size());
    }
  }

  engine_config config_;
  market_data market_;
  std::vector<position> positions_;
  margin_options options_;
  std::filesystem::path trade_file_;
};

TEST_F(margin_session_test, TimsGridMatchesFullRunBitForBit) {
  expect_matches_full_runs();
}

TEST_F(margin_session_test, HouseRulesMatchFullRunBitForBit) {
  config_.house = load_house_rules(configs + "house.toml");
  ASSERT_TRUE(config_.house.concentration.enabled || config_.house.extreme.enabled);
  expect_matches_full_runs();
}

TEST_F(margin_session_test, MonteCarloMatchesFullRunBitForBit) {
  config_.house = load_house_rules(configs + "house.toml");
  scenarios::montecarlo_config mc;
  mc.scenarios = 1300;
  mc.tile_scenarios = 400;  // three full tiles and a short one
  const scenarios::correlation_model correlation =
      scenarios::build_correlation_model(market_, std::nullopt, mc.default_correlation, mc.repair);
  montecarlo_options montecarlo;
  montecarlo.model = scenarios::make_scenario_model(market_, mc, correlation.factor);
  montecarlo.scenarios = mc.scenarios;
  montecarlo.tile_scenarios = mc.tile_scenarios;
  montecarlo.confidence = mc.confidence;
  montecarlo.rule = mc.rule;
  options_.montecarlo = montecarlo;
  expect_matches_full_runs();

  const margin_session session(market_, positions_, config_, options_);
  ASSERT_TRUE(session.montecarlo().has_value());
  EXPECT_EQ(session.montecarlo()->tail_count, 13u);  // ceil(0.01 x 1300)
  // 1,300 scenarios x every underlying x 3 doubles.
  EXPECT_EQ(session.resident_scenario_bytes(), 1300u * market_.underlyings.size() * 24u);
}

TEST_F(margin_session_test, UnknownAccountIsAnInputError) {
  margin_session session(market_, positions_, config_, options_);
  EXPECT_FALSE(session.has_account("ACC-9999"));
  EXPECT_THROW(session.evaluate("ACC-9999", {}), input_error);
}

TEST_F(margin_session_test, TradeForAnotherAccountIsAnInputErrorAtItsRow) {
  margin_session session(market_, positions_, config_, options_);
  const std::vector<position> trades = trades_for("ACC-1002");
  try {
    session.evaluate("ACC-1001", trades);
    FAIL() << "expected an input_error";
  } catch (const input_error& e) {
    EXPECT_EQ(e.where().file, trade_file_.string());
    EXPECT_EQ(e.where().line, 2);  // the first data row
  }
}

TEST_F(margin_session_test, AddedAccountStartsEmptyAndMatchesFullRun) {
  margin_session session(market_, positions_, config_, options_);
  session.add_account("ACC-2000");
  const account_evaluation empty = session.evaluate("ACC-2000", {});
  EXPECT_EQ(empty.account.requirement, 0.0);
  EXPECT_EQ(empty.position_count, 0u);

  const std::vector<position> trades = trades_for("ACC-2000");
  std::vector<position> all = positions_;
  all.insert(all.end(), trades.begin(), trades.end());
  const margin_report full = compute_margin(market_, all, config_, options_);
  const account_evaluation opened = session.evaluate("ACC-2000", trades);
  expect_same_account(opened.account, full.accounts[*row_of(full, "ACC-2000")], "ACC-2000");
  EXPECT_GT(opened.account.requirement, 0.0);
}

}  // namespace
}  // namespace pmrisk
