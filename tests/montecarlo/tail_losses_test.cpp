// The streaming top-k reduction: k itself, agreement with a full sort for any split into tiles
// and any thread count, ties, gains, and P&L that is not a number.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "montecarlo/tail_losses.hpp"
#include "pmrisk/montecarlo.hpp"

namespace pmrisk::montecarlo {
namespace {

TEST(TailCount, IsTheCeilingOfTheTailShare) {
  EXPECT_EQ(tail_count(10000, 0.99), 100u);  // not 101: (1 - 0.99) x 10000 = 100.00000000000009
  EXPECT_EQ(tail_count(100000, 0.99), 1000u);
  EXPECT_EQ(tail_count(1000000, 0.99), 10000u);
  EXPECT_EQ(tail_count(1000, 0.975), 25u);
  EXPECT_EQ(tail_count(7, 0.5), 4u);       // 3.5 -> 4
  EXPECT_EQ(tail_count(1001, 0.99), 11u);  // 10.01 -> 11
  EXPECT_EQ(tail_count(1, 0.99), 1u);      // never below one loss
  EXPECT_EQ(tail_count(10, 0.999999), 1u);
  EXPECT_EQ(tail_count(3, 0.000001), 3u);  // never above S
}

/// The reference: every loss sorted by the tail's order, then the same definitions.
account_tail_risk by_full_sort(const std::vector<double>& pnl, std::uint64_t k) {
  std::vector<scenario_loss> losses;
  for (std::size_t s = 0; s < pnl.size(); ++s) losses.push_back({-pnl[s], s});
  std::sort(losses.begin(), losses.end(), ranks_before);
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i) sum += losses[i].loss;
  account_tail_risk risk;
  risk.worst_loss = std::max(0.0, losses[0].loss);
  risk.worst_scenario = losses[0].scenario;
  risk.var = std::max(0.0, losses[k - 1].loss);
  risk.es = std::max(0.0, sum / static_cast<double>(k));
  return risk;
}

/// accounts x scenarios P&L with many exact ties (values on a coarse lattice).
std::vector<std::vector<double>> random_pnl(std::size_t accounts, std::size_t scenarios,
                                            std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> lattice(-200, 150);
  std::vector<std::vector<double>> pnl(accounts, std::vector<double>(scenarios));
  for (auto& row : pnl)
    for (double& v : row) v = 12.5 * lattice(rng);
  return pnl;
}

std::vector<account_tail_risk> streamed(const std::vector<std::vector<double>>& pnl,
                                        std::uint64_t k, std::size_t tile, int threads) {
  const std::size_t scenarios = pnl[0].size();
  std::vector<std::string> ids;
  for (std::size_t a = 0; a < pnl.size(); ++a) ids.push_back("A" + std::to_string(a));
  tail_losses tail(ids, k, threads);
  std::vector<double> block;
  for (std::size_t first = 0; first < scenarios; first += tile) {
    const std::size_t count = std::min(tile, scenarios - first);
    block.clear();
    for (const auto& row : pnl)
      block.insert(block.end(), row.begin() + static_cast<std::ptrdiff_t>(first),
                   row.begin() + static_cast<std::ptrdiff_t>(first + count));
    tail.add(block.data(), count, first);
  }
  return tail.finish();
}

void expect_same_bytes(const std::vector<account_tail_risk>& a,
                       const std::vector<account_tail_risk>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(std::memcmp(&a[i].worst_loss, &b[i].worst_loss, sizeof(double)), 0) << what << i;
    EXPECT_EQ(a[i].worst_scenario, b[i].worst_scenario) << what << i;
    EXPECT_EQ(std::memcmp(&a[i].var, &b[i].var, sizeof(double)), 0) << what << i;
    EXPECT_EQ(std::memcmp(&a[i].es, &b[i].es, sizeof(double)), 0) << what << i;
  }
}

TEST(TailLosses, EqualsAFullSortForAnyTilingAndThreadCount) {
  const auto pnl = random_pnl(23, 1000, 7);
  for (std::uint64_t k : {1u, 10u, 137u, 1000u}) {
    std::vector<account_tail_risk> reference;
    for (const auto& row : pnl) reference.push_back(by_full_sort(row, k));
    // Tiles of one scenario, a size dividing nothing, an exact divisor, and all at once.
    for (std::size_t tile : {1u, 7u, 250u, 1000u}) {
      for (int threads : {1, 3}) {
        expect_same_bytes(streamed(pnl, k, tile, threads), reference,
                          "k " + std::to_string(k) + " tile " + std::to_string(tile) + " threads " +
                              std::to_string(threads) + " account ");
      }
    }
  }
}

TEST(TailLosses, BreaksTiesByTheLowerScenarioIndex) {
  // Every scenario loses 40: the worst is scenario 0, and VaR and ES are 40 exactly.
  const std::vector<std::vector<double>> pnl(2, std::vector<double>(50, -40.0));
  const auto risk = streamed(pnl, 5, 8, 2);
  EXPECT_EQ(risk[0].worst_scenario, 0u);
  EXPECT_EQ(risk[0].worst_loss, 40.0);
  EXPECT_EQ(risk[0].var, 40.0);
  EXPECT_EQ(risk[0].es, 40.0);
}

TEST(TailLosses, ReportsAnAccountThatOnlyGainsAsNoLoss) {
  // P&L from +1 to +100: the "worst" scenario is the smallest gain, and no loss is charged.
  std::vector<std::vector<double>> pnl(1, std::vector<double>(100));
  for (std::size_t s = 0; s < 100; ++s) pnl[0][s] = 100.0 - static_cast<double>(s);
  const auto risk = streamed(pnl, 10, 30, 1);
  EXPECT_EQ(risk[0].worst_scenario, 99u);
  EXPECT_EQ(risk[0].worst_loss, 0.0);
  EXPECT_EQ(risk[0].var, 0.0);
  EXPECT_EQ(risk[0].es, 0.0);
}

TEST(TailLosses, VarAndEsFollowTheirDefinitions) {
  // Losses 1 ... 100 in scenario order: k = 5 keeps 100, 99, 98, 97, 96.
  std::vector<std::vector<double>> pnl(1, std::vector<double>(100));
  for (std::size_t s = 0; s < 100; ++s) pnl[0][s] = -static_cast<double>(s + 1);
  const auto risk = streamed(pnl, 5, 16, 1);
  EXPECT_EQ(risk[0].worst_loss, 100.0);
  EXPECT_EQ(risk[0].worst_scenario, 99u);
  EXPECT_EQ(risk[0].var, 96.0);  // the k-th largest loss
  EXPECT_EQ(risk[0].es, 98.0);   // (100 + 99 + 98 + 97 + 96) / 5
}

TEST(TailLosses, RefusesPnlThatIsNotANumber) {
  std::vector<double> pnl = {1, 2, 3, -4, 5, 6};  // 2 accounts x 3 scenarios
  pnl[4] = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::string> ids = {"ACC-1", "ACC-2"};
  tail_losses tail(ids, 2, 2);
  try {
    tail.add(pnl.data(), 3, 0);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "account 'ACC-2': the P&L in Monte Carlo scenario 1 is not a finite number");
  }
}

}  // namespace
}  // namespace pmrisk::montecarlo
