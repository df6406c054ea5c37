// series_premiums: the shared pricer at the market spot and each position's vol.

#include <gtest/gtest.h>

#include "pmrisk/pricing/series_pricer.hpp"
#include "pmrisk/regt.hpp"
#include "regt_fixtures.hpp"

namespace pmrisk::regt {
namespace {

TEST(RegtPremiums, EuropeanOptionsMatchHull) {
  // Hull, Options, Futures and Other Derivatives: S = 42, K = 40, r = 10%, vol = 20%,
  // T = 0.5 gives a call of 4.76 and a put of 0.81 (methodology.md section 5); held to the
  // book's two decimals.
  test::account_book book;
  const auto u = book.add_underlying("HULL", 42);
  book.option(u, instrument_kind::call, 40, 1, 0, 0.5);
  book.option(u, instrument_kind::put, 40, -1, 0, 0.5);
  book.stock(u, 10);
  for (position& p : book.positions) {
    p.style = exercise_style::european;
    p.vol = 0.20;
  }
  engine_config engine;
  engine.rate = 0.10;
  const std::vector<double> premiums = series_premiums(book.positions, book.market, engine);
  ASSERT_EQ(premiums.size(), 3u);
  EXPECT_NEAR(premiums[0], 4.76, 0.005);
  EXPECT_NEAR(premiums[1], 0.81, 0.005);
  EXPECT_EQ(premiums[2], 42);  // stock: its spot
}

TEST(RegtPremiums, AmericanOptionsUseTheConfiguredModel) {
  test::account_book book;
  const auto u = book.add_underlying("XYZ", 100);
  book.market.underlyings[0].div_yield = 0.02;
  book.option(u, instrument_kind::put, 110, -1, 0, 0.75);
  book.positions[0].vol = 0.35;
  for (const american_model model :
       {american_model::ju_zhong_1999, american_model::bjerksund_stensland_2002,
        american_model::binomial_tree}) {
    engine_config engine;
    engine.rate = 0.05;
    engine.model.american = model;
    const double expected =
        price_series(make_series_terms(instrument_kind::put, exercise_style::american, 110, 0.75,
                                       0.05, 0.02, engine.model),
                     100, 0.35);
    EXPECT_EQ(series_premiums(book.positions, book.market, engine)[0], expected);
    // An American put is worth at least its exercise value, 10.
    EXPECT_GE(expected, 10);
  }
}

}  // namespace
}  // namespace pmrisk::regt
