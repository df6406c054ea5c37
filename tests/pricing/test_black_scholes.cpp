// Black-Scholes-Merton: textbook values (Hull; Haug 2007), Haug's Greeks, put-call parity and
// the tails against a long-double evaluation of the same formula.

#include <gtest/gtest.h>

#include <cmath>

#include "pmrisk/pricing/black_scholes.hpp"
#include "pricing/option_cases.hpp"

namespace pmrisk {
namespace {

using testing::option_case;
using testing::random_option_cases;

double price(const option_case& c) {
  return black_scholes_price(c.kind, c.spot, c.strike, c.years(), c.rate, c.div_yield, c.vol);
}

TEST(BlackScholes, HullExample) {
  // Hull, Options, Futures and Other Derivatives: S=42, K=40, r=10%, vol=20%, T=0.5 gives
  // call 4.76 and put 0.81, quoted to 2dp.
  EXPECT_NEAR(black_scholes_price(instrument_kind::call, 42, 40, 0.5, 0.1, 0, 0.2), 4.76, 0.005);
  EXPECT_NEAR(black_scholes_price(instrument_kind::put, 42, 40, 0.5, 0.1, 0, 0.2), 0.81, 0.005);
}

TEST(BlackScholes, HaugEuropeanValues) {
  // Haug (2007), generalised Black-Scholes examples, quoted to 4dp (q = r - b).
  EXPECT_NEAR(black_scholes_price(instrument_kind::call, 60, 65, 0.25, 0.08, 0.0, 0.30), 2.1334,
              5e-5);
  EXPECT_NEAR(black_scholes_price(instrument_kind::put, 100, 95, 0.5, 0.10, 0.05, 0.20), 2.4648,
              5e-5);
  EXPECT_NEAR(black_scholes_price(instrument_kind::call, 42, 40, 0.75, 0.04, 0.08, 0.35), 5.0975,
              5e-5);
}

TEST(BlackScholes, HaugGreeks) {
  // Haug (2007): S=98, X=100, T=0.25, r=10%, b=5% (q=5%), vol=30%, call; quoted to 6dp with
  // vega per vol point, theta per calendar day and rho per percentage point.
  const black_scholes_greeks g =
      black_scholes_sensitivities(instrument_kind::call, 98, 100, 0.25, 0.1, 0.05, 0.3);
  EXPECT_NEAR(g.delta, 0.503105, 5e-7);
  EXPECT_NEAR(g.gamma, 0.026794, 5e-7);
  EXPECT_NEAR(g.vega / 100, 0.192999, 5e-7);
  EXPECT_NEAR(g.theta / 365, -0.036989, 5e-7);
  EXPECT_NEAR(g.rho / 100, 0.109656, 5e-7);
  EXPECT_DOUBLE_EQ(g.value,
                   black_scholes_price(instrument_kind::call, 98, 100, 0.25, 0.1, 0.05, 0.3));
}

TEST(BlackScholes, GreeksMatchCentralDifferences) {
  // Central differences of the value with small steps (truncation O(h^2) well below the
  // tolerance): 1e-6 relative to each Greek's scale (delta 1, gamma 1 / S, vega, theta and
  // rho S).
  for (const option_case& c : random_option_cases(200, 11)) {
    const black_scholes_greeks g = black_scholes_sensitivities(c.kind, c.spot, c.strike, c.years(),
                                                               c.rate, c.div_yield, c.vol);
    const double t = c.years();
    const auto at = [&](double s, double years, double r, double v) {
      return black_scholes_price(c.kind, s, c.strike, years, r, c.div_yield, v);
    };
    const double ds = 1e-4 * c.spot;
    const double up = at(c.spot + ds, t, c.rate, c.vol);
    const double mid = at(c.spot, t, c.rate, c.vol);
    const double down = at(c.spot - ds, t, c.rate, c.vol);
    const double h = 1e-6;
    const double tolerance = 1e-6 * std::fmax(1.0, std::fabs(g.gamma) * c.spot);
    EXPECT_NEAR(g.delta, (up - down) / (2 * ds), tolerance);
    EXPECT_NEAR(g.gamma * c.spot, (up - 2 * mid + down) / (ds * ds) * c.spot, tolerance);
    EXPECT_NEAR(
        g.vega / c.spot,
        (at(c.spot, t, c.rate, c.vol + h) - at(c.spot, t, c.rate, c.vol - h)) / (2 * h) / c.spot,
        1e-6);
    EXPECT_NEAR(
        g.theta / c.spot,
        -(at(c.spot, t + h, c.rate, c.vol) - at(c.spot, t - h, c.rate, c.vol)) / (2 * h) / c.spot,
        1e-6 * std::fmax(1.0, std::fabs(g.theta) / c.spot));
    EXPECT_NEAR(
        g.rho / c.spot,
        (at(c.spot, t, c.rate + h, c.vol) - at(c.spot, t, c.rate - h, c.vol)) / (2 * h) / c.spot,
        1e-6);
  }
}

TEST(BlackScholes, PutCallParityOnRandomInputs) {
  // C - P = S e^{-qT} - K e^{-rT}, to rounding: 1e-13 of the larger of S and K.
  for (option_case c : random_option_cases(5000, 7)) {
    c.kind = instrument_kind::call;
    const double call = price(c);
    c.kind = instrument_kind::put;
    const double put = price(c);
    const double t = c.years();
    const double forward_gap =
        c.spot * std::exp(-c.div_yield * t) - c.strike * std::exp(-c.rate * t);
    ASSERT_NEAR(call - put, forward_gap, 1e-13 * std::fmax(c.spot, c.strike))
        << "S=" << c.spot << " days=" << c.days << " vol=" << c.vol;
  }
}

TEST(BlackScholes, AccurateInTheTails) {
  // Against the same formula in long double: relative error 1e-9 even for values of 1e-200.
  // (The formula's own cancellation for deep out-of-the-money options limits it to ~1e-10.)
  const auto cdf = [](long double x) { return 0.5L * std::erfc(-x / std::sqrt(2.0L)); };
  for (option_case c : random_option_cases(5000, 8)) {
    c.vol = 0.02 + 0.2 * c.vol;  // low vols push many values deep into the tails
    const long double t = c.years();
    const long double total_vol = c.vol * std::sqrt(t);
    const long double d1 =
        (std::log(static_cast<long double>(c.spot) / c.strike) + (c.rate - c.div_yield) * t) /
            total_vol +
        total_vol / 2;
    const long double d2 = d1 - total_vol;
    const long double sign = c.kind == instrument_kind::call ? 1 : -1;
    const long double ref = sign * (c.spot * std::exp(-c.div_yield * t) * cdf(sign * d1) -
                                    c.strike * std::exp(-c.rate * t) * cdf(sign * d2));
    if (ref < 1e-300L) continue;
    ASSERT_NEAR(price(c) / static_cast<double>(ref), 1.0, 1e-9)
        << "S=" << c.spot << " days=" << c.days << " vol=" << c.vol;
  }
}

TEST(BlackScholes, ExpiryAndZeroVolLimits) {
  // T <= 0: intrinsic. Zero vol: the discounted forward payoff. A stock is its spot.
  EXPECT_EQ(black_scholes_price(instrument_kind::call, 110, 100, 0, 0.05, 0, 0.3), 10);
  EXPECT_EQ(black_scholes_price(instrument_kind::put, 110, 100, -0.1, 0.05, 0, 0.3), 0);
  EXPECT_EQ(black_scholes_price(instrument_kind::stock, 110, 0, 1, 0.05, 0, 0.3), 110);
  EXPECT_DOUBLE_EQ(black_scholes_price(instrument_kind::call, 110, 100, 1, 0.05, 0.02, 0),
                   110 * std::exp(-0.02) - 100 * std::exp(-0.05));
  EXPECT_EQ(black_scholes_price(instrument_kind::put, 110, 100, 1, 0.05, 0.02, 0), 0);
}

}  // namespace
}  // namespace pmrisk
