// compute_margin's orchestration: batch planning, byte-identical results for any batch size and
// thread count, progress reporting, budget errors and backend choice.

#include <gtest/gtest.h>

#include <cstring>

#include "engine/batch_plan.hpp"
#include "engine/synthetic_book.hpp"
#include "engine_fixtures.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk {
namespace {

/// Every double of a report, in order, for byte comparison.
std::vector<double> doubles_of(const margin_report& report) {
  std::vector<double> out = report.risk_arrays;
  for (const std::vector<double>* level :
       {&report.product_group_risk_arrays, &report.portfolio_group_risk_arrays})
    out.insert(out.end(), level->begin(), level->end());
  for (const account_margin& a : report.accounts) {
    out.push_back(a.tims_loss);
    out.push_back(a.tims_requirement);
    out.push_back(a.concentration_charge);
    out.push_back(a.liquidity_addon);
    out.push_back(a.requirement);
  }
  for (const class_group_margin& g : report.class_groups) {
    out.push_back(g.worst_loss);
    out.push_back(g.min_charge);
    out.push_back(g.requirement);
    out.push_back(g.concentration_large_loss);
    out.push_back(g.concentration_small_loss);
    out.push_back(g.liquidity_addon);
  }
  for (const std::vector<group_margin>* level : {&report.product_groups, &report.portfolio_groups})
    for (const group_margin& g : *level) {
      out.push_back(g.worst_loss);
      out.push_back(g.requirement);
    }
  return out;
}

std::vector<std::int32_t> indices_of(const margin_report& report) {
  std::vector<std::int32_t> out;
  for (const account_margin& a : report.accounts) out.push_back(a.worst_class_group);
  for (const class_group_margin& g : report.class_groups) {
    out.push_back(g.account);
    out.push_back(g.underlying);
    out.push_back(g.worst_point);
  }
  return out;
}

void expect_byte_identical(const margin_report& a, const margin_report& b,
                           const std::string& what) {
  const std::vector<double> da = doubles_of(a);
  const std::vector<double> db = doubles_of(b);
  ASSERT_EQ(da.size(), db.size()) << what;
  EXPECT_EQ(std::memcmp(da.data(), db.data(), da.size() * sizeof(double)), 0) << what;
  EXPECT_EQ(indices_of(a), indices_of(b)) << what;
  ASSERT_EQ(a.accounts.size(), b.accounts.size());
  for (std::size_t i = 0; i < a.accounts.size(); ++i)
    EXPECT_EQ(a.accounts[i].account, b.accounts[i].account);
}

margin_options cpu_options(int threads, std::size_t budget = 0) {
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = threads;
  options.max_memory_bytes = budget;
  options.keep_risk_arrays = true;
  return options;
}

std::size_t largest_account_bytes(const engine::synthetic_firm& firm) {
  const portfolio_book book = build_book(firm.market, firm.positions, firm.config);
  const valuation_grid grid = build_tims_grid(firm.market, firm.config);
  const engine::working_set_model model{firm.market.underlyings.size(), grid.stride};
  std::size_t largest = 0;
  for (std::size_t a = 0; a < book.account_count(); ++a)
    largest = std::max(largest, engine::account_working_set_bytes(book, model, a));
  return largest;
}

class RandomFirm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine::synthetic_book_spec spec;
    spec.accounts = 400;
    spec.style = exercise_style::american;
    firm_ = new engine::synthetic_firm(engine::make_synthetic_firm(spec));
    one_batch_ = new margin_report(
        compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(1)));
  }
  static void TearDownTestSuite() {
    delete one_batch_;
    delete firm_;
  }
  static engine::synthetic_firm* firm_;
  static margin_report* one_batch_;
};
engine::synthetic_firm* RandomFirm::firm_ = nullptr;
margin_report* RandomFirm::one_batch_ = nullptr;

TEST_F(RandomFirm, ReferenceRunIsOneBatchWithEveryAccount) {
  EXPECT_EQ(one_batch_->batch_count, 1u);
  EXPECT_EQ(one_batch_->accounts.size(), 400u);
  EXPECT_EQ(one_batch_->position_count, firm_->positions.size());
  EXPECT_LT(one_batch_->series_count, firm_->positions.size());  // series shared across accounts
  EXPECT_EQ(one_batch_->backend, "cpu (1 thread)");
  EXPECT_TRUE(std::is_sorted(
      one_batch_->accounts.begin(), one_batch_->accounts.end(),
      [](const account_margin& a, const account_margin& b) { return a.account < b.account; }));
}

TEST_F(RandomFirm, ResultsAreByteIdenticalForAnyThreadCount) {
  for (int threads : {2, 3, 7}) {
    const margin_report report =
        compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(threads));
    expect_byte_identical(report, *one_batch_, std::to_string(threads) + " threads");
  }
}

TEST_F(RandomFirm, ResultsAreByteIdenticalForAnyBatchSize) {
  const std::size_t largest = largest_account_bytes(*firm_);
  std::size_t previous_batches = 1;
  for (std::size_t budget : {4 * largest, 2 * largest, largest}) {
    const margin_report report =
        compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(3, budget));
    EXPECT_GT(report.batch_count, previous_batches) << budget << " bytes";
    previous_batches = report.batch_count;
    expect_byte_identical(report, *one_batch_, std::to_string(budget) + " bytes");
  }
  EXPECT_GT(previous_batches, 100u);  // the tightest budget holds one or two accounts a batch
}

/// The same firm with every house rule on: shifted vols, weighted extreme points and unscanned
/// concentration points must keep the results independent of threads and batches too.
class RandomFirmUnderHouseRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine::synthetic_book_spec spec;
    spec.accounts = 200;
    spec.style = exercise_style::american;
    firm_ = new engine::synthetic_firm(engine::make_synthetic_firm(spec));
    house_rules& house = firm_->config.house;
    house.vol_shifts.enabled = true;
    for (const auto& [name, cls] : firm_->config.asset_classes)
      house.vol_shifts.by_asset_class[name] = 0.15;
    house.extreme.enabled = true;
    house.concentration.enabled = true;
    house.liquidity.enabled = true;
    for (std::size_t u = 0; u < firm_->market.underlyings.size(); u += 2)
      firm_->market.underlyings[u].adv = 500.0;  // small enough that some holdings need days
    one_batch_ = new margin_report(
        compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(1)));
  }
  static void TearDownTestSuite() {
    delete one_batch_;
    delete firm_;
  }
  static engine::synthetic_firm* firm_;
  static margin_report* one_batch_;
};
engine::synthetic_firm* RandomFirmUnderHouseRules::firm_ = nullptr;
margin_report* RandomFirmUnderHouseRules::one_batch_ = nullptr;

TEST_F(RandomFirmUnderHouseRules, EveryRuleTakesPart) {
  std::size_t concentration = 0, liquidity = 0;
  for (const account_margin& a : one_batch_->accounts) {
    concentration += a.concentration_charge > 0;
    liquidity += a.liquidity_addon > 0;
  }
  EXPECT_GT(concentration, 0u);
  EXPECT_GT(liquidity, 0u);
  EXPECT_GT(one_batch_->grid.stride, 10);
}

TEST_F(RandomFirmUnderHouseRules, ResultsAreByteIdenticalForAnyThreadCountAndBatchSize) {
  for (int threads : {2, 3}) {
    const margin_report report =
        compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(threads));
    expect_byte_identical(report, *one_batch_, std::to_string(threads) + " threads");
  }
  const std::size_t largest = largest_account_bytes(*firm_);
  for (std::size_t budget : {3 * largest, largest}) {
    const margin_report report =
        compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(2, budget));
    EXPECT_GT(report.batch_count, 1u);
    expect_byte_identical(report, *one_batch_, std::to_string(budget) + " bytes");
  }
}

TEST_F(RandomFirm, ProgressCountsAccountsAfterEachBatch) {
  margin_options options = cpu_options(2, 2 * largest_account_bytes(*firm_));
  std::vector<std::size_t> done;
  options.progress = [&](std::size_t accounts_done, std::size_t total) {
    EXPECT_EQ(total, 400u);
    done.push_back(accounts_done);
  };
  const margin_report report =
      compute_margin(firm_->market, firm_->positions, firm_->config, options);
  ASSERT_EQ(done.size(), report.batch_count);
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
  EXPECT_EQ(done.back(), 400u);
}

TEST_F(RandomFirm, RiskArraysAreKeptOnlyOnRequest) {
  margin_options options = cpu_options(2);
  options.keep_risk_arrays = false;
  const margin_report report =
      compute_margin(firm_->market, firm_->positions, firm_->config, options);
  EXPECT_TRUE(report.risk_arrays.empty());
  EXPECT_EQ(report.accounts[0].requirement, one_batch_->accounts[0].requirement);
}

TEST_F(RandomFirm, AccountTooLargeForTheBudgetIsNamed) {
  try {
    compute_margin(firm_->market, firm_->positions, firm_->config, cpu_options(1, 512));
    FAIL() << "expected pmrisk::input_error";
  } catch (const input_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("account '" + one_batch_->accounts[0].account + "'"), std::string::npos)
        << message;
    EXPECT_NE(message.find("budget of 512 bytes"), std::string::npos) << message;
  }
}

class BatchPlan : public ::testing::Test {
 protected:
  /// Accounts A0..A{n-1}, each holding one position: distinct stock series, or one shared call.
  portfolio_book make_book(std::size_t accounts, bool shared_series) {
    std::vector<position> positions;
    for (std::size_t a = 0; a < accounts; ++a) {
      const std::string symbol = "S" + std::to_string(a);
      const std::int32_t u = test::add_underlying(market_, symbol, 10, 0.2, 0);
      const std::string account = "A" + std::to_string(a);
      positions.push_back(shared_series
                              ? test::option(account, 0, instrument_kind::call, 10, 1, 1, 0.2)
                              : test::stock(account, u, 1));
    }
    return build_book(market_, positions, test::tims_config());
  }
  market_data market_;
};

TEST_F(BatchPlan, FillsEachBatchUpToTheBudget) {
  const portfolio_book book = make_book(10, false);
  const engine::working_set_model model{market_.underlyings.size(), 10};
  EXPECT_EQ(engine::plan_batches(book, model, model.bytes(1, 1, 1)).size(), 10u);
  const auto pairs = engine::plan_batches(book, model, model.bytes(2, 2, 2));
  ASSERT_EQ(pairs.size(), 5u);
  for (std::size_t b = 0; b < 5; ++b) {
    EXPECT_EQ(pairs[b].account_begin, 2 * b);
    EXPECT_EQ(pairs[b].account_end, 2 * b + 2);
  }
  EXPECT_EQ(engine::plan_batches(book, model, model.bytes(3, 3, 3) - 1).size(), 5u);
  EXPECT_EQ(engine::plan_batches(book, model, SIZE_MAX).size(), 1u);
}

TEST_F(BatchPlan, CountsASeriesSharedByAccountsOnce) {
  const portfolio_book book = make_book(9, true);
  ASSERT_EQ(book.series.size(), 1u);
  const engine::working_set_model model{market_.underlyings.size(), 10};
  EXPECT_EQ(engine::plan_batches(book, model, model.bytes(1, 3, 3)).size(), 3u);
  EXPECT_EQ(engine::account_working_set_bytes(book, model, 4), model.bytes(1, 1, 1));
}

TEST_F(BatchPlan, RefusesAnAccountLargerThanTheBudget) {
  const portfolio_book book = make_book(3, false);
  const engine::working_set_model model{market_.underlyings.size(), 10};
  EXPECT_THROW(engine::plan_batches(book, model, model.bytes(1, 1, 1) - 1), input_error);
}

TEST(BackendChoice, AutomaticFallsBackToTheCpuWithANotice) {
  const cuda_device_status device = probe_cuda_device();
  if (device.usable) GTEST_SKIP() << "a CUDA device is present: " << device.description;
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100, 0.3, 0);
  margin_options options;
  options.threads = 1;
  const margin_report report =
      compute_margin(market, {test::stock("A", xyz, 100)}, test::tims_config(), options);
  EXPECT_EQ(report.backend, "cpu (1 thread)");
  EXPECT_EQ(report.backend_notice.rfind("CUDA unavailable: ", 0), 0u) << report.backend_notice;
  EXPECT_NE(report.backend_notice.find("; using the CPU backend"), std::string::npos);
}

TEST(BackendChoice, ExplicitCudaWithoutADeviceThrows) {
  const cuda_device_status device = probe_cuda_device();
  if (device.usable) GTEST_SKIP() << "a CUDA device is present: " << device.description;
  market_data market;
  const std::int32_t xyz = test::add_underlying(market, "XYZ", 100, 0.3, 0);
  margin_options options;
  options.backend = backend_choice::cuda;
  EXPECT_THROW(compute_margin(market, {test::stock("A", xyz, 100)}, test::tims_config(), options),
               std::runtime_error);
}

}  // namespace
}  // namespace pmrisk
