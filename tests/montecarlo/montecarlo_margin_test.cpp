// compute_margin with Monte Carlo scenarios: the tail of a single stock against its analytic
// lognormal answer, seeds, the requirement rules, and byte-identical results for any tile size,
// batch size and thread count.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/batch_plan.hpp"
#include "engine/engine_fixtures.hpp"
#include "engine/synthetic_book.hpp"
#include "montecarlo/montecarlo_test_support.hpp"
#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk {
namespace {

/// Books of one or two stocks value in microseconds a tile: one thread spares them the
/// scheduling of others.
margin_options cpu_montecarlo(const montecarlo_options& mc, int threads = 2,
                              std::size_t budget = 0) {
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = threads;
  options.max_memory_bytes = budget;
  options.montecarlo = mc;
  return options;
}

/// One stock position of `shares` at $100 with a 30% vol, two trading days, the normal law,
/// 100,000 scenarios (k = 1,000).
account_tail_risk single_stock_tail(double shares, std::uint64_t seed) {
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100.0, 0.30, 0.0);
  const montecarlo_options mc = test::montecarlo_for(market, test::normal_config(100000, seed));
  const margin_report report = compute_margin(market, {test::stock("A", xyz, shares)},
                                              test::tims_config(), cpu_montecarlo(mc, 1));
  EXPECT_EQ(report.montecarlo->tail_count, 1000u);
  EXPECT_EQ(report.montecarlo->scenarios, 100000u);
  EXPECT_EQ(report.montecarlo->seed, seed);
  return report.accounts[0].mc;
}

const double two_day_sigma = 0.30 * std::sqrt(2.0 / 252.0);

TEST(MontecarloMargin, LongStockTailMatchesTheLognormalAnswer) {
  // Long 1,000 shares, N = $100,000: VaR_99 = $6,061.6 and ES_99 = $6,905.4 analytically, with
  // Monte Carlo standard errors of about $31 and $38 at S = 100,000. The bound is 4 of them.
  const account_tail_risk risk = single_stock_tail(1000, 20261120);
  const test::lognormal_tail exact =
      test::lognormal_stock_tail(100000.0, two_day_sigma, 0.99, 100000.0, true);
  EXPECT_NEAR(exact.var, 6061.6, 0.1);
  EXPECT_NEAR(exact.es, 6905.4, 0.1);
  EXPECT_LT(exact.var_error, 35.0);
  EXPECT_LT(exact.es_error, 45.0);
  EXPECT_NEAR(risk.var, exact.var, 4 * exact.var_error) << "exact " << exact.var;
  EXPECT_NEAR(risk.es, exact.es, 4 * exact.es_error) << "exact " << exact.es;
  EXPECT_GE(risk.worst_loss, risk.es);
  EXPECT_GE(risk.es, risk.var);
}

TEST(MontecarloMargin, ShortStockTailMatchesTheLognormalAnswer) {
  // Short 1,000 shares: the right tail of the lognormal, heavier than the long position's
  // (VaR_99 $6,381, ES_99 $7,319). Bound: 4 standard errors, as above.
  const account_tail_risk risk = single_stock_tail(-1000, 77);
  const test::lognormal_tail exact =
      test::lognormal_stock_tail(100000.0, two_day_sigma, 0.99, 100000.0, false);
  EXPECT_GT(exact.es, test::lognormal_stock_tail(100000.0, two_day_sigma, 0.99, 1e5, true).es);
  EXPECT_NEAR(risk.var, exact.var, 4 * exact.var_error) << "exact " << exact.var;
  EXPECT_NEAR(risk.es, exact.es, 4 * exact.es_error) << "exact " << exact.es;
}

TEST(MontecarloMargin, AMillionScenariosRunInTiles) {
  // The long position again at S = 1,000,000 (k = 10,000): a thousand tiles of 1,000, each
  // dropped once folded into the tail; the estimators' standard errors shrink by sqrt(10).
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100.0, 0.30, 0.0);
  montecarlo_options mc = test::montecarlo_for(market, test::normal_config(1000000, 5));
  std::size_t tiles = 0;
  std::size_t largest_tile = 0;
  mc.on_tile = [&](const scenarios::scenario_tile& tile) {
    ++tiles;
    largest_tile = std::max(largest_tile, tile.count);
  };
  const margin_report report = compute_margin(market, {test::stock("A", xyz, 1000)},
                                              test::tims_config(), cpu_montecarlo(mc, 1));
  EXPECT_EQ(tiles, 1000u);
  EXPECT_EQ(largest_tile, 1000u);
  EXPECT_EQ(report.montecarlo->tail_count, 10000u);
  const test::lognormal_tail exact =
      test::lognormal_stock_tail(100000.0, two_day_sigma, 0.99, 1e6, true);
  EXPECT_NEAR(report.accounts[0].mc.var, exact.var, 4 * exact.var_error);
  EXPECT_NEAR(report.accounts[0].mc.es, exact.es, 4 * exact.es_error);
}

TEST(MontecarloMargin, TileSizeOutsideItsRangeIsTheUsersError) {
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100.0, 0.30, 0.0);
  for (std::size_t tile : {std::size_t{0}, max_tile_scenarios + 1}) {
    montecarlo_options mc = test::montecarlo_for(market, test::normal_config(100, 5));
    mc.tile_scenarios = tile;
    EXPECT_THROW(
        compute_margin(market, {test::stock("A", xyz, 1)}, test::tims_config(), cpu_montecarlo(mc)),
        input_error)
        << tile;
  }
}

TEST(MontecarloMargin, SameSeedSameBytesAndAnotherSeedAnotherMargin) {
  engine::synthetic_book_spec spec;
  spec.accounts = 40;
  spec.underlyings = 6;
  const engine::synthetic_firm firm = engine::make_synthetic_firm(spec);
  const auto run = [&](std::uint64_t seed) {
    return compute_margin(
        firm.market, firm.positions, firm.config,
        cpu_montecarlo(test::montecarlo_for(firm.market, test::normal_config(2000, seed))));
  };
  const margin_report first = run(11);
  test::expect_same_tail_bytes(first, run(11), "seed 11 twice");
  const margin_report other = run(12);
  std::size_t differing = 0;
  for (std::size_t a = 0; a < first.accounts.size(); ++a)
    if (first.accounts[a].mc.es != other.accounts[a].mc.es) ++differing;
  EXPECT_EQ(differing, first.accounts.size()) << "every account's ES moves with the seed";
}

TEST(MontecarloMargin, RequirementRuleCombinesTimsAndExpectedShortfall) {
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100.0, 0.30, 0.0);
  // A short put: TIMS charges the -15% point, the 2-day simulation far less.
  const std::vector<position> positions = {
      test::option("A", xyz, instrument_kind::put, 95, 0.25, -10, 0.3)};
  scenarios::montecarlo_config config = test::normal_config(5000, 3);
  for (const auto rule : {scenarios::requirement_rule::max_tims_es,
                          scenarios::requirement_rule::tims, scenarios::requirement_rule::mc}) {
    config.rule = rule;
    const margin_report report =
        compute_margin(market, positions, test::tims_config(),
                       cpu_montecarlo(test::montecarlo_for(market, config)));
    const account_margin& a = report.accounts[0];
    ASSERT_GT(a.tims_requirement, a.mc.es);
    ASSERT_GT(a.mc.es, 0.0);
    const double expected = rule == scenarios::requirement_rule::mc ? a.mc.es : a.tims_requirement;
    EXPECT_EQ(a.requirement, expected) << requirement_rule_name(rule);
    EXPECT_EQ(report.montecarlo->rule, rule);
  }
}

TEST(MontecarloMargin, WithoutMontecarloTheReportHasNoTail) {
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100.0, 0.30, 0.0);
  margin_options options;
  options.backend = backend_choice::cpu;
  const margin_report report =
      compute_margin(market, {test::stock("A", xyz, 100)}, test::tims_config(), options);
  EXPECT_FALSE(report.montecarlo.has_value());
  EXPECT_EQ(report.accounts[0].requirement, report.accounts[0].tims_requirement);
}

/// 120 accounts holding European options on 9 underlyings, 1,500 Student-t scenarios.
class MontecarloFirm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine::synthetic_book_spec spec;
    spec.accounts = 120;
    spec.underlyings = 9;
    firm_ = new engine::synthetic_firm(engine::make_synthetic_firm(spec));
    scenarios::montecarlo_config config;
    config.scenarios = 1500;
    config.seed = 99;
    config.tile_scenarios = 1500;
    mc_ = new montecarlo_options(test::montecarlo_for(firm_->market, config));
    reference_ = new margin_report(run(*mc_, 1, 0));
  }
  static void TearDownTestSuite() {
    delete reference_;
    delete mc_;
    delete firm_;
  }
  static margin_report run(const montecarlo_options& mc, int threads, std::size_t budget) {
    return compute_margin(firm_->market, firm_->positions, firm_->config,
                          cpu_montecarlo(mc, threads, budget));
  }
  /// A budget for about `accounts` accounts per batch over tiles of `tile` scenarios: the fixed
  /// part (grid, generator) plus that many times the largest account's own working set.
  static std::size_t budget_for(std::size_t tile, std::size_t accounts) {
    const portfolio_book book = build_book(firm_->market, firm_->positions, firm_->config);
    const engine::working_set_model model = montecarlo::scenario_working_set(
        firm_->market.underlyings.size(), mc_->model.layout().per_scenario, tile,
        tail_count(mc_->scenarios, mc_->confidence));
    std::size_t largest = 0;
    for (std::size_t a = 0; a < book.account_count(); ++a)
      largest = std::max(largest, engine::account_working_set_bytes(book, model, a));
    return model.fixed_bytes() + accounts * (largest - model.fixed_bytes());
  }
  static engine::synthetic_firm* firm_;
  static montecarlo_options* mc_;
  static margin_report* reference_;
};
engine::synthetic_firm* MontecarloFirm::firm_ = nullptr;
montecarlo_options* MontecarloFirm::mc_ = nullptr;
margin_report* MontecarloFirm::reference_ = nullptr;

TEST_F(MontecarloFirm, ReferenceIsOneBatchOneTile) {
  ASSERT_TRUE(reference_->montecarlo.has_value());
  EXPECT_EQ(reference_->montecarlo->batch_count, 1u);
  EXPECT_EQ(reference_->montecarlo->tail_count, 15u);
  for (const account_margin& a : reference_->accounts) {
    EXPECT_GE(a.mc.worst_loss, a.mc.es) << a.account;
    EXPECT_GE(a.mc.es, a.mc.var) << a.account;
    EXPECT_LT(a.mc.worst_scenario, 1500u);
    EXPECT_EQ(a.requirement, std::max(a.tims_requirement, a.mc.es));
  }
}

TEST_F(MontecarloFirm, ByteIdenticalForAnyTileSize) {
  for (std::size_t tile : {13u, 256u, 1499u}) {
    montecarlo_options mc = *mc_;
    mc.tile_scenarios = tile;
    test::expect_same_tail_bytes(run(mc, 2, 0), *reference_, "tile " + std::to_string(tile));
  }
}

TEST_F(MontecarloFirm, ByteIdenticalForAnyThreadCount) {
  for (int threads : {2, 3}) {
    test::expect_same_tail_bytes(run(*mc_, threads, 0), *reference_,
                                 std::to_string(threads) + " threads");
  }
}

TEST_F(MontecarloFirm, ByteIdenticalForAnyBatchSize) {
  montecarlo_options mc = *mc_;
  mc.tile_scenarios = 500;
  std::size_t previous = 1;
  for (std::size_t accounts : {40u, 8u, 2u}) {
    const margin_report report = run(mc, 2, budget_for(500, accounts));
    EXPECT_GT(report.montecarlo->batch_count, previous) << accounts;
    previous = report.montecarlo->batch_count;
    test::expect_same_tail_bytes(report, *reference_,
                                 "about " + std::to_string(accounts) + " accounts a batch");
  }
  EXPECT_GE(previous, 40u);  // the tightest budget holds a few accounts a batch
}

TEST_F(MontecarloFirm, LongerTailsMakeSmallerBatches) {
  // k grows with S: 1,500,000 scenarios keep 15,000 losses (16 bytes each) per account, 1,500
  // scenarios 15. The same budget then holds fewer accounts per batch.
  const portfolio_book book = build_book(firm_->market, firm_->positions, firm_->config);
  const std::size_t underlyings = firm_->market.underlyings.size();
  const std::int64_t draws = mc_->model.layout().per_scenario;
  const auto short_tail = montecarlo::scenario_working_set(underlyings, draws, 100, 15);
  const auto long_tail = montecarlo::scenario_working_set(underlyings, draws, 100, 15000);
  EXPECT_EQ(long_tail.per_account_bytes() - short_tail.per_account_bytes(), (15000u - 15u) * 16u);
  const std::size_t budget = budget_for(100, 40);
  const std::size_t short_batches = engine::plan_batches(book, short_tail, budget).size();
  const std::size_t long_batches = engine::plan_batches(book, long_tail, budget).size();
  EXPECT_LE(short_batches, 4u);
  EXPECT_GT(long_batches, 2 * short_batches);
}

TEST_F(MontecarloFirm, ScenariosReachTheObserverOnceInOrderWhateverTheBatches) {
  montecarlo_options mc = *mc_;
  mc.tile_scenarios = 400;
  std::vector<std::uint64_t> firsts;
  std::size_t scenarios = 0;
  mc.on_tile = [&](const scenarios::scenario_tile& tile) {
    firsts.push_back(tile.first);
    scenarios += tile.count;
    EXPECT_EQ(tile.underlyings, firm_->market.underlyings.size());
  };
  const margin_report report = run(mc, 2, budget_for(400, 20));
  EXPECT_GT(report.montecarlo->batch_count, 1u);
  EXPECT_EQ(firsts, (std::vector<std::uint64_t>{0, 400, 800, 1200}));
  EXPECT_EQ(scenarios, 1500u);
}

TEST_F(MontecarloFirm, ProgressCountsAccountScenarios) {
  margin_options options = cpu_montecarlo(*mc_, 2, 0);
  options.montecarlo->tile_scenarios = 600;
  std::vector<std::uint64_t> done;
  options.montecarlo_progress = [&](std::uint64_t valued, std::uint64_t total) {
    EXPECT_EQ(total, 120u * 1500u);
    done.push_back(valued);
  };
  compute_margin(firm_->market, firm_->positions, firm_->config, options);
  EXPECT_EQ(done, (std::vector<std::uint64_t>{120u * 600u, 120u * 1200u, 120u * 1500u}));
}

}  // namespace
}  // namespace pmrisk
