// Positions margined alone: stock (Reg T 12 CFR 220.12), long options (paid in full) and
// uncovered short options (Cboe Rule 10.3(c)(5)(A)). Every expected value is worked by hand in
// the comments: S spot, K strike, P premium per share, m = 100 shares per contract,
// U = S x m the underlying value. Tolerance: 1e-9 relative (expect_money).

#include <gtest/gtest.h>

#include "regt_fixtures.hpp"

namespace pmrisk::regt {
namespace {

using test::account_book;
using test::expect_requirement;
using test::units_of;

TEST(RegtSingle, LongStockIsHalfItsValue) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, 300);
  // 50% x 300 x $100 = $15,000.
  const account_requirement a = book.run();
  expect_requirement(a, 15000, 0, 15000);
  EXPECT_EQ(units_of(a, strategy_kind::long_stock), 300);
}

TEST(RegtSingle, ShortStockIsHalfItsValueBeyondTheProceeds) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.stock(xyz, -200);
  // 150% - 100% proceeds = 50% x 200 x $100 = $10,000.
  expect_requirement(book.run(), 10000, 0, 10000);
}

TEST(RegtSingle, LongOptionsArePaidInFull) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 105, 3, 2.50);
  book.put(xyz, 95, 2, 1.75);
  // 3 x 2.50 x 100 + 2 x 1.75 x 100 = 750 + 350.
  const account_requirement a = book.run();
  expect_requirement(a, 1100, 0, 1100);
  EXPECT_EQ(units_of(a, strategy_kind::long_call), 3);
  EXPECT_EQ(units_of(a, strategy_kind::long_put), 2);
}

TEST(RegtSingle, NakedCallTwentyPercentLessOutOfTheMoney) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 105, -2, 2.00);
  // Per contract: U = 10,000; OTM = (105 - 100) x 100 = 500; 20% U - OTM = 1,500 > 10% U =
  // 1,000; + premium 200 = 1,700. Two: 3,400 gross, 400 received, 3,000 net.
  const account_requirement a = book.run();
  expect_requirement(a, 3400, 400, 3000);
  EXPECT_EQ(units_of(a, strategy_kind::naked_call), 2);
}

TEST(RegtSingle, NakedCallFloorIsTenPercentOfTheUnderlying) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 130, -1, 0.10);
  // OTM = 3,000; 20% U - OTM = -1,000 < floor 10% x 10,000 = 1,000; + premium 10 = 1,010.
  expect_requirement(book.run(), 1010, 10, 1000);
}

TEST(RegtSingle, NakedCallInTheMoneyHasNoOutOfTheMoneyCredit) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 90, -1, 11.00);
  // OTM = 0: 20% U = 2,000; + premium 1,100 = 3,100.
  expect_requirement(book.run(), 3100, 1100, 2000);
}

TEST(RegtSingle, NakedPutTwentyPercentLessOutOfTheMoney) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 95, -1, 1.50);
  // OTM = (100 - 95) x 100 = 500; 2,000 - 500 = 1,500 > floor 10% x 95 x 100 = 950;
  // + premium 150 = 1,650.
  expect_requirement(book.run(), 1650, 150, 1500);
}

TEST(RegtSingle, NakedPutFloorIsTenPercentOfTheStrikeNotTheUnderlying) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 70, -1, 0.05);
  // OTM = 3,000; 2,000 - 3,000 < 0; floor 10% x 70 x 100 = 700 (10% of U would be 1,000);
  // + premium 5 = 705.
  expect_requirement(book.run(), 705, 5, 700);
}

TEST(RegtSingle, BroadIndexCallUsesFifteenPercent) {
  for (const char* asset_class : {"broad_index", "broad_index_high_cap"}) {
    account_book book;
    const auto spx = book.add_underlying("SPX", 5000, asset_class);
    book.call(spx, 5100, -1, 40.00);
    // U = 500,000; OTM = 100 x 100 = 10,000; 15% U - OTM = 65,000 > floor 50,000;
    // + premium 4,000 = 69,000.
    SCOPED_TRACE(asset_class);
    expect_requirement(book.run(), 69000, 4000, 65000);
  }
}

TEST(RegtSingle, NarrowIndexCallUsesTwentyPercent) {
  account_book book;
  const auto idx = book.add_underlying("NDX", 5000, "narrow_index");
  book.call(idx, 5100, -1, 40.00);
  // 20% x 500,000 - 10,000 = 90,000; + premium 4,000 = 94,000.
  expect_requirement(book.run(), 94000, 4000, 90000);
}

TEST(RegtSingle, BroadIndexPutFloorIsTenPercentOfTheStrike) {
  account_book book;
  const auto spx = book.add_underlying("SPX", 5000, "broad_index");
  book.put(spx, 4000, -3, 2.00);
  // OTM = 1,000 x 100 = 100,000 > 15% U = 75,000; floor 10% x 4,000 x 100 = 40,000;
  // + premium 200 = 40,200 per contract; three: 120,600 gross, 600 received.
  expect_requirement(book.run(), 120600, 600, 120000);
}

TEST(RegtSingle, BroadIndexPutUsesFifteenPercent) {
  account_book book;
  const auto spx = book.add_underlying("SPX", 5000, "broad_index");
  book.put(spx, 4900, -1, 30.00);
  // U = 500,000; OTM = (5,000 - 4,900) x 100 = 10,000; 15% U - OTM = 65,000 > floor
  // 10% x 4,900 x 100 = 49,000; + premium 3,000 = 68,000.
  expect_requirement(book.run(), 68000, 3000, 65000);
}

TEST(RegtSingle, BroadIndexCallFloorIsTenPercentOfTheUnderlying) {
  account_book book;
  const auto spx = book.add_underlying("SPX", 5000, "broad_index_high_cap");
  book.call(spx, 6000, -1, 0.50);
  // OTM = 1,000 x 100 = 100,000 > 15% U = 75,000; floor 10% x 500,000 = 50,000;
  // + premium 50 = 50,050.
  expect_requirement(book.run(), 50050, 50, 50000);
}

TEST(RegtSingle, RatesComeFromTheConfig) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 105, -1, 2.00);
  book.stock(xyz, -100);
  config house = test::cboe_rates();
  house.asset_classes["equity"] = {0.30, 0.15};
  house.short_stock_rate = 0.60;
  // Call: 30% x 10,000 - 500 = 2,500 > 15% x 10,000 = 1,500; + 200 = 2,700. Short stock:
  // 60% x 10,000 = 6,000. A short call beside short stock pairs with nothing.
  expect_requirement(book.run(house), 8700, 200, 8500);
}

TEST(RegtSingle, AssetClassWithoutRatesIsAnInputError) {
  account_book book;
  const auto fx = book.add_underlying("EURUSD", 1.1, "currency");
  book.put(fx, 1.0, -1, 0.01);
  try {
    book.run();
    ADD_FAILURE() << "expected input_error";
  } catch (const input_error& error) {
    EXPECT_STREQ(error.what(),
                 "market.csv:2:1: asset class 'currency' of EURUSD has no Reg-T rates: define "
                 "[asset_class.currency] in the Reg-T config");
  }
  // Long options need no short-option rates.
  account_book longs;
  const auto fx2 = longs.add_underlying("EURUSD", 1.1, "currency");
  longs.put(fx2, 1.0, 1, 0.01);
  expect_requirement(longs.run(), 1, 0, 1);
}

}  // namespace
}  // namespace pmrisk::regt
