// Option-only strategies (Cboe Rule 10.3(c)(5)(C); Cboe Margin Manual, "Put Spread or Call
// Spread", "Short Put and Short Call", "Long Butterfly Spread"; short iron condors and
// butterflies per the rule's "greater of the two spreads"). Worked by hand: S = $100,
// m = 100, naked short = premium + max(20% x 10,000 - OTM, floor). Tolerance: 1e-9 relative.

#include <gtest/gtest.h>

#include "regt_fixtures.hpp"

namespace pmrisk::regt {
namespace {

using test::account_book;
using test::expect_requirement;
using test::units_of;

TEST(RegtSpread, DebitCallSpreadPaysTheNetDebit) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 100, 5, 4.00);
  book.call(xyz, 105, -5, 2.00);
  // Long paid 5 x 400 = 2,000; short call needs min(naked, (100 - 105)+ x 100 = 0) = 0;
  // proceeds 1,000 applied: the net debit 5 x (4 - 2) x 100 = 1,000.
  const account_requirement a = book.run();
  expect_requirement(a, 2000, 1000, 1000);
  EXPECT_EQ(units_of(a, strategy_kind::debit_call_spread), 5);
}

TEST(RegtSpread, CreditCallSpreadNeedsTheStrikeDifference) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 100, -5, 4.00);
  book.call(xyz, 105, 5, 2.00);
  // Short: min(naked 400 + 2,000 = 2,400, (105 - 100) x 100 = 500) = 500; long 200.
  // 5 x 700 = 3,500 gross; 2,000 received; net 1,500 = 5 x (500 - 200 net credit).
  const account_requirement a = book.run();
  expect_requirement(a, 3500, 2000, 1500);
  EXPECT_EQ(units_of(a, strategy_kind::credit_call_spread), 5);
}

TEST(RegtSpread, DebitPutSpreadPaysTheNetDebit) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 100, 1, 4.50);
  book.put(xyz, 95, -1, 2.20);
  // Long 450; short min(naked, (95 - 100)+ = 0) = 0; net debit 230.
  const account_requirement a = book.run();
  expect_requirement(a, 450, 220, 230);
  EXPECT_EQ(units_of(a, strategy_kind::debit_put_spread), 1);
}

TEST(RegtSpread, CreditPutSpreadNeedsTheStrikeDifference) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 100, -1, 4.50);
  book.put(xyz, 95, 1, 2.20);
  // Short: min(naked 450 + 2,000, (100 - 95) x 100 = 500) = 500; long 220. Net 270 = the
  // maximum loss 500 - (450 - 220).
  const account_requirement a = book.run();
  expect_requirement(a, 720, 450, 270);
  EXPECT_EQ(units_of(a, strategy_kind::credit_put_spread), 1);
}

TEST(RegtSpread, WideCreditSpreadCostsNoMoreThanTheNakedShort) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 100, -1, 4.50);
  book.put(xyz, 60, 1, 0.02);
  // The short's requirement is the lesser of naked (450 + 2,000 = 2,450) and the strike
  // difference (4,000): the pairing saves nothing, so the legs stand alone: 2,450 + 2.
  const account_requirement a = book.run();
  expect_requirement(a, 2452, 450, 2002);
  EXPECT_EQ(units_of(a, strategy_kind::naked_put), 1);
  EXPECT_EQ(units_of(a, strategy_kind::long_put), 1);
}

TEST(RegtSpread, LongLegMustNotExpireBeforeTheShort) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 100, -1, 4.00, 0.25);
  book.call(xyz, 105, 1, 1.50, 0.10);
  // No spread: naked 400 + 2,000 = 2,400 plus the long paid 150.
  expect_requirement(book.run(), 2550, 400, 2150);

  account_book diagonal;
  const auto abc = diagonal.add_underlying("ABC", 100);
  diagonal.call(abc, 100, -1, 4.00, 0.25);
  diagonal.call(abc, 105, 1, 3.00, 0.50);
  // Long expiring later: a spread, min(2,400, 500) = 500 plus the long 300.
  const account_requirement a = diagonal.run();
  expect_requirement(a, 800, 400, 400);
  EXPECT_EQ(units_of(a, strategy_kind::credit_call_spread), 1);
}

TEST(RegtStraddle, ShortStraddleIsTheGreaterSidePlusTheOtherPremium) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 100, -2, 4.00);
  book.put(xyz, 100, -2, 3.50);
  // Call 400 + 2,000 = 2,400; put 350 + 2,000 = 2,350; 2,400 + 350 = 2,750 a pair; two.
  const account_requirement a = book.run();
  expect_requirement(a, 5500, 1500, 4000);
  EXPECT_EQ(units_of(a, strategy_kind::short_straddle), 2);
}

TEST(RegtStraddle, ShortStrangleIsTheGreaterSidePlusTheOtherPremium) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 110, -1, 1.00);
  book.put(xyz, 92, -1, 1.10);
  // Call: 100 + max(2,000 - 1,000, 1,000) = 1,100. Put: 110 + max(2,000 - 800, 920) = 1,310.
  // 1,310 + 100 = 1,410.
  const account_requirement a = book.run();
  expect_requirement(a, 1410, 210, 1200);
  EXPECT_EQ(units_of(a, strategy_kind::short_strangle), 1);
}

TEST(RegtButterfly, LongCallButterflyPaysTheNetDebit) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 95, 1, 6.50);
  book.call(xyz, 100, -2, 4.00);
  book.call(xyz, 105, 1, 2.20);
  // Longs paid 650 + 220; none on the shorts; proceeds 800: net debit 70. As two verticals
  // it would be 650 + (220 + 500) = 1,370 gross.
  const account_requirement a = book.run();
  expect_requirement(a, 870, 800, 70);
  EXPECT_EQ(units_of(a, strategy_kind::long_call_butterfly), 1);
}

TEST(RegtButterfly, LongPutButterflyPaysTheNetDebit) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 95, 3, 2.00);
  book.put(xyz, 100, -6, 4.00);
  book.put(xyz, 105, 3, 7.00);
  // Three units of 200 + 700 paid, 800 received: net debit 3 x 100.
  const account_requirement a = book.run();
  expect_requirement(a, 2700, 2400, 300);
  EXPECT_EQ(units_of(a, strategy_kind::long_put_butterfly), 3);
}

TEST(RegtButterfly, UnequalWingsAreTwoSpreads) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.call(xyz, 95, 1, 6.50);
  book.call(xyz, 100, -2, 4.00);
  book.call(xyz, 110, 1, 1.00);
  // Not equidistant: debit 95/100 (650) + credit 100/110 (100 + min(2,400, 1,000)).
  const account_requirement a = book.run();
  expect_requirement(a, 1750, 800, 950);
  EXPECT_EQ(units_of(a, strategy_kind::debit_call_spread), 1);
  EXPECT_EQ(units_of(a, strategy_kind::credit_call_spread), 1);
}

TEST(RegtIronCondor, OnlyOneSideCanLose) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 90, 1, 0.80);
  book.put(xyz, 95, -1, 1.80);
  book.call(xyz, 105, -1, 2.00);
  book.call(xyz, 110, 1, 0.90);
  // Put side min(180 + 1,500, 500) = 500; call side min(200 + 1,500, 500) = 500. Longs 80 + 90
  // + max(500, 500) = 670; received 380; net 290 = 500 - net credit 210.
  const account_requirement a = book.run();
  expect_requirement(a, 670, 380, 290);
  EXPECT_EQ(units_of(a, strategy_kind::iron_condor), 1);
}

TEST(RegtIronCondor, TheWiderSideSetsTheRequirement) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 90, 2, 0.80);
  book.put(xyz, 95, -2, 1.80);
  book.call(xyz, 105, -2, 2.00);
  book.call(xyz, 115, 2, 0.40);
  // Call side min(1,700, (115 - 105) x 100 = 1,000) = 1,000 > put side 500.
  // Per unit 80 + 40 + 1,000 = 1,120; two: 2,240 gross, 760 received.
  const account_requirement a = book.run();
  expect_requirement(a, 2240, 760, 1480);
  EXPECT_EQ(units_of(a, strategy_kind::iron_condor), 2);
}

TEST(RegtIronCondor, IronButterflySharesTheShortStrike) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 90, 1, 0.80);
  book.put(xyz, 100, -1, 3.50);
  book.call(xyz, 100, -1, 4.00);
  book.call(xyz, 110, 1, 0.90);
  // Both sides min(naked, 1,000) = 1,000: 80 + 90 + 1,000 = 1,170. (Two verticals: 2,170;
  // straddle plus wings: 2,750 + 170.)
  const account_requirement a = book.run();
  expect_requirement(a, 1170, 750, 420);
  EXPECT_EQ(units_of(a, strategy_kind::iron_butterfly), 1);
}

TEST(RegtIronCondor, NeedsOneExpiry) {
  account_book book;
  const auto xyz = book.add_underlying("XYZ", 100);
  book.put(xyz, 90, 1, 0.80);
  book.put(xyz, 95, -1, 1.80);
  book.call(xyz, 105, -1, 2.00);
  book.call(xyz, 110, 1, 1.40, 0.5);
  // The call wing expires later: two credit spreads, 80 + 500 + 140 + 500.
  const account_requirement a = book.run();
  expect_requirement(a, 1220, 380, 840);
  EXPECT_EQ(units_of(a, strategy_kind::credit_put_spread), 1);
  EXPECT_EQ(units_of(a, strategy_kind::credit_call_spread), 1);
}

}  // namespace
}  // namespace pmrisk::regt
