// Implied vol: round trips through price_series for every model, the no-arbitrage bounds, and
// the prices no vol can reproduce.

#include <gtest/gtest.h>

#include <cmath>

#include "pmrisk/pricing/implied_vol.hpp"
#include "pricing/option_cases.hpp"

namespace pmrisk {
namespace {

using testing::option_case;
using testing::random_option_cases;

series_terms terms_of(const option_case& c, exercise_style style, american_model model,
                      int steps = 801) {
  pricing_model m;
  m.american = model;
  m.tree_steps = steps;
  return make_series_terms(c.kind, style, c.strike, c.years(), c.rate, c.div_yield, m);
}

/// Solves back the vol of price_series(terms, S, vol): the solved vol reprices to 1e-9
/// relative (+1e-12 of strike), and equals the original to 1e-6 wherever the value moves by at
/// least 1e-6 of strike over half a vol point on either side. Where the value barely depends
/// on vol (deep in or out of the money, or an American option at its exercise value) many
/// vols give the same price.
void expect_round_trip(const option_case& c, const series_terms& terms) {
  const double price = price_series(terms, c.spot, c.vol);
  const std::optional<double> solved = implied_vol(terms, c.spot, price);
  ASSERT_TRUE(solved.has_value()) << "S=" << c.spot << " days=" << c.days << " vol=" << c.vol
                                  << " price=" << price;
  EXPECT_NEAR(price_series(terms, c.spot, *solved), price, 1e-9 * price + 1e-12 * c.strike);
  const double up = price_series(terms, c.spot, c.vol + 0.005) - price;
  const double down = price - price_series(terms, c.spot, c.vol - 0.005);
  if (up > 1e-6 * c.strike && down > 1e-6 * c.strike) {
    EXPECT_NEAR(*solved, c.vol, 1e-6) << "S=" << c.spot << " days=" << c.days;
  }
}

TEST(ImpliedVol, RoundTripsEuropean) {
  for (const option_case& c : random_option_cases(2000, 31)) {
    expect_round_trip(
        c, terms_of(c, exercise_style::european, american_model::bjerksund_stensland_2002));
  }
}

TEST(ImpliedVol, RoundTripsAmericanDefaultModel) {
  // Ju-Zhong, the default: the solver sees the boundary of each vol it tries.
  ASSERT_EQ(pricing_model{}.american, american_model::ju_zhong_1999);
  for (const option_case& c : random_option_cases(500, 35)) {
    expect_round_trip(c, make_series_terms(c.kind, exercise_style::american, c.strike, c.years(),
                                           c.rate, c.div_yield, pricing_model{}));
  }
}

TEST(ImpliedVol, RoundTripsAmericanApproximation) {
  for (const option_case& c : random_option_cases(500, 32)) {
    expect_round_trip(
        c, terms_of(c, exercise_style::american, american_model::bjerksund_stensland_2002));
  }
}

TEST(ImpliedVol, RoundTripsAmericanTree) {
  // A coarse tree keeps the test quick; the solver sees the same model the scenarios use.
  for (const option_case& c : random_option_cases(40, 33)) {
    expect_round_trip(c, terms_of(c, exercise_style::american, american_model::binomial_tree, 101));
  }
}

TEST(ImpliedVol, NoArbitrageBounds) {
  option_case c;
  c.spot = 90;
  c.strike = 100;
  c.days = 365;
  c.rate = 0.05;
  c.div_yield = 0.02;
  const double dq = std::exp(-0.02);
  const double dr = std::exp(-0.05);
  c.kind = instrument_kind::call;
  price_bounds b = no_arbitrage_bounds(
      terms_of(c, exercise_style::european, american_model::bjerksund_stensland_2002), 90);
  EXPECT_EQ(b.lower, 0);
  EXPECT_DOUBLE_EQ(b.upper, 90 * dq);
  b = no_arbitrage_bounds(
      terms_of(c, exercise_style::american, american_model::bjerksund_stensland_2002), 90);
  EXPECT_DOUBLE_EQ(b.upper, 90);
  c.kind = instrument_kind::put;
  b = no_arbitrage_bounds(
      terms_of(c, exercise_style::european, american_model::bjerksund_stensland_2002), 90);
  EXPECT_DOUBLE_EQ(b.lower, 100 * dr - 90 * dq);
  EXPECT_DOUBLE_EQ(b.upper, 100 * dr);
  b = no_arbitrage_bounds(
      terms_of(c, exercise_style::american, american_model::bjerksund_stensland_2002), 90);
  EXPECT_DOUBLE_EQ(b.lower, 10);  // exercise now beats the forward's intrinsic value
  EXPECT_DOUBLE_EQ(b.upper, 100);
}

TEST(ImpliedVol, PricesOutsideTheBoundsHaveNoVol) {
  for (const option_case& c : random_option_cases(300, 34)) {
    for (const auto style : {exercise_style::european, exercise_style::american}) {
      const series_terms terms = terms_of(c, style, american_model::bjerksund_stensland_2002);
      const price_bounds b = no_arbitrage_bounds(terms, c.spot);
      EXPECT_FALSE(implied_vol(terms, c.spot, b.lower - 1e-6 * c.strike).has_value());
      EXPECT_FALSE(implied_vol(terms, c.spot, b.upper + 1e-6 * c.strike).has_value());
      EXPECT_FALSE(implied_vol(terms, c.spot, -1).has_value());
      EXPECT_FALSE(implied_vol(terms, c.spot, NAN).has_value());
      EXPECT_FALSE(implied_vol(terms, c.spot, INFINITY).has_value());
    }
  }
}

TEST(ImpliedVol, PricesBeyondTheVolRangeHaveNoVol) {
  // Inside the bounds but above the value at vol = 1000%: a 1-month at-the-money call is
  // worth about 0.85 S there, below its bound S e^{-qT}.
  option_case c;
  c.kind = instrument_kind::call;
  c.spot = 100;
  c.strike = 100;
  c.days = 30;
  const series_terms terms =
      terms_of(c, exercise_style::european, american_model::bjerksund_stensland_2002);
  const double at_max = price_series(terms, 100, max_implied_vol);
  ASSERT_LT(at_max, no_arbitrage_bounds(terms, 100).upper);
  EXPECT_FALSE(implied_vol(terms, 100, 0.5 * (at_max + 100)).has_value());
  EXPECT_NEAR(*implied_vol(terms, 100, at_max), max_implied_vol, 1e-9);
}

TEST(ImpliedVol, NothingToSolveForStockOrExpiredOptions) {
  const series_terms stock = make_series_terms(instrument_kind::stock, exercise_style::european, 0,
                                               0, 0.05, 0, pricing_model{});
  EXPECT_FALSE(implied_vol(stock, 100, 100).has_value());
  EXPECT_EQ(no_arbitrage_bounds(stock, 100).lower, 100);
  EXPECT_EQ(no_arbitrage_bounds(stock, 100).upper, 100);
  const series_terms expired = make_series_terms(instrument_kind::put, exercise_style::american,
                                                 110, 0, 0.05, 0, pricing_model{});
  EXPECT_FALSE(implied_vol(expired, 100, 10).has_value());
  EXPECT_EQ(no_arbitrage_bounds(expired, 100).lower, 10);
}

TEST(ImpliedVol, AmericanAtExerciseValueGivesTheSmallestVol) {
  // A put so deep in the money that it is exercised at once at any low vol: its price is its
  // intrinsic value, which the lowest vol of the range already reproduces.
  const series_terms terms = make_series_terms(instrument_kind::put, exercise_style::american, 100,
                                               0.5, 0.08, 0, pricing_model{});
  EXPECT_EQ(implied_vol(terms, 40, 60), min_implied_vol);
}

}  // namespace
}  // namespace pmrisk
