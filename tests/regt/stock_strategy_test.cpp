// Options paired with the underlying's stock (Cboe Rule 10.3(c)(5)(C); Cboe Margin Manual,
// "Short Call and Long Underlying", "Short Put and Short Underlying", "Long Put and Long
// Underlying", "Collar"). Worked by hand: S = $100, m = 100 shares per contract. Tolerance:
// 1e-9 relative (expect_money).

#include <gtest/gtest.h>

#include "regt_fixtures.hpp"

namespace pmrisk::regt {
namespace {

using test::account_book;
using test::expect_requirement;
using test::units_of;

TEST(RegtStock, CoveredCallIsTheStocksRequirementWithTheCallProceedsApplied) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 100);
  book.call(xyz, 105, -1, 2.00);
  // Stock 50% x 100 x 100 = 5,000; none on the out-of-the-money call; proceeds 200 applied.
  // (Alone: 5,000 + naked 1,700 = 6,700.)
  const account_requirement a = book.run();
  expect_requirement(a, 5000, 200, 4800);
  ASSERT_EQ(a.strategies.size(), 1u);
  EXPECT_EQ(a.strategies[0].kind, strategy_kind::covered_call);
  EXPECT_EQ(a.strategies[0].units, 1);
  ASSERT_EQ(a.strategies[0].legs.size(), 2u);
  EXPECT_EQ(a.strategies[0].legs[0].position, 0);
  EXPECT_EQ(a.strategies[0].legs[0].quantity, 100);
  EXPECT_EQ(a.strategies[0].legs[1].position, 1);
  EXPECT_EQ(a.strategies[0].legs[1].quantity, -1);
}

TEST(RegtStock, InTheMoneyCoveredCallLendsOnTheStrikeOnly) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 100);
  book.call(xyz, 90, -1, 11.00);
  // Loan value 50% of min(S, K) = 4,500, so the stock needs 10,000 - 4,500 = 5,500
  // = 50% x 10,000 + 50% x (100 - 90) x 100. Proceeds 1,100 applied: 4,400.
  expect_requirement(book.run(), 5500, 1100, 4400);
}

TEST(RegtStock, StockCoversWholeContractsOnly) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 250);
  book.call(xyz, 105, -3, 2.00);
  // Two covered calls (200 shares): 2 x 5,000; one naked call 1,700; 50 shares alone 2,500.
  const account_requirement a = book.run();
  expect_requirement(a, 14200, 600, 13600);
  EXPECT_EQ(units_of(a, strategy_kind::covered_call), 2);
  EXPECT_EQ(units_of(a, strategy_kind::naked_call), 1);
  EXPECT_EQ(units_of(a, strategy_kind::long_stock), 50);
}

TEST(RegtStock, CoveredPutIsTheShortStocksRequirement) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, -100);
  book.put(xyz, 95, -1, 1.50);
  // Short stock 50% x 10,000 = 5,000; none on the put; proceeds 150 applied.
  const account_requirement a = book.run();
  expect_requirement(a, 5000, 150, 4850);
  EXPECT_EQ(units_of(a, strategy_kind::covered_put), 1);
}

TEST(RegtStock, ProtectivePutPaysThePutAndHalfTheStock) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 200);
  book.put(xyz, 95, 2, 1.50);
  // Initial: put in full 2 x 150 + stock 50% x 20,000 = 10,300, the same as held apart; the
  // pairing is named for the explanation.
  const account_requirement a = book.run();
  expect_requirement(a, 10300, 0, 10300);
  ASSERT_EQ(a.strategies.size(), 1u);
  EXPECT_EQ(a.strategies[0].kind, strategy_kind::protective_put);
  EXPECT_EQ(a.strategies[0].units, 2);
}

TEST(RegtStock, CollarIsTheCoveredCallPlusThePutPaidInFull) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 100);
  book.put(xyz, 95, 1, 1.50);
  book.call(xyz, 105, -1, 2.00);
  // Stock 5,000 + put 150; none on the call; call proceeds 200 applied: 4,950.
  const account_requirement a = book.run();
  expect_requirement(a, 5150, 200, 4950);
  ASSERT_EQ(a.strategies.size(), 1u);
  EXPECT_EQ(a.strategies[0].kind, strategy_kind::collar);
  EXPECT_EQ(a.strategies[0].legs.size(), 3u);
  test::expect_money(a.strategies[0].requirement, 5150);
  test::expect_money(a.strategies[0].premium_received, 200);
}

TEST(RegtStock, CollarNeedsOneExpiryAndThePutAtOrBelowTheCall) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 200);
  book.put(xyz, 110, 1, 10.20);     // strike above the call's
  book.put(xyz, 95, 1, 2.10, 0.5);  // another expiry
  book.call(xyz, 105, -2, 2.00);
  // Two covered calls 2 x 5,000 + puts in full 1,020 + 210; no collar, no stock left to
  // protect.
  const account_requirement a = book.run();
  expect_requirement(a, 11230, 400, 10830);
  EXPECT_EQ(units_of(a, strategy_kind::collar), 0);
  EXPECT_EQ(units_of(a, strategy_kind::covered_call), 2);
  EXPECT_EQ(units_of(a, strategy_kind::long_put), 2);
}

}  // namespace
}  // namespace pmrisk::regt
