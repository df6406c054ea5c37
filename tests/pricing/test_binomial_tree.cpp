// Leisen-Reimer trees: accurate American put values from the literature and QuantLib, the
// European tree against Black-Scholes-Merton, and the step-count rules.

#include <gtest/gtest.h>

#include <cmath>

#include "pmrisk/pricing/binomial_tree.hpp"
#include "pmrisk/pricing/bjerksund_stensland.hpp"
#include "pricing/option_cases.hpp"
#include "pricing/quantlib_reference.hpp"

namespace pmrisk {
namespace {

using testing::option_case;

TEST(BinomialTree, StepCountIsOddAndCapped) {
  EXPECT_EQ(tree_step_count(801), 801);
  EXPECT_EQ(tree_step_count(800), 801);
  EXPECT_EQ(tree_step_count(0), 1);
  EXPECT_EQ(tree_step_count(-5), 1);
  EXPECT_EQ(tree_step_count(2001), 2001);
  EXPECT_EQ(tree_step_count(2000), 2001);
  EXPECT_EQ(tree_step_count(5000), max_tree_steps);
}

TEST(BinomialTree, PeizerPrattInversionIsAProbabilitySymmetricInZ) {
  for (double z = -6; z <= 6; z += 0.25) {
    const double h = peizer_pratt_inversion(z, 101);
    EXPECT_GT(h, 0);
    EXPECT_LT(h, 1);
    EXPECT_NEAR(h + peizer_pratt_inversion(-z, 101), 1.0, 1e-15);
  }
  EXPECT_EQ(peizer_pratt_inversion(0, 101), 0.5);
}

TEST(BinomialTree, AmericanPutsOfGeskeJohnsonAndJu) {
  // S = K = 40, r = 4.88%, vol = 20%, q = 0; T = 0.0833, 0.3333, 0.5833: the American put
  // cases of Geske and Johnson (1984), used by Ju (1999). QuantLib's QdFp engine at high
  // precision gives 0.852171, 1.579817 and 1.990463: 0.852, 1.580, 1.990 to 3dp. The values
  // 0.851 / 1.576 / 1.984 quoted for these inputs in methodology.md section 5 lie 0.001-0.006
  // below that, beyond any lattice's error at 801 steps, so they are not used as accurate
  // values here. QuantLib runs with T = 1 year and r, vol scaled to r T, vol sqrt(T), which
  // leaves the value unchanged.
  const double years[] = {0.0833, 0.3333, 0.5833};
  const double accurate_3dp[] = {0.852, 1.580, 1.990};
  testing::quantlib_market market;
  for (int i = 0; i < 3; ++i) {
    const double t = years[i];
    const double tree = leisen_reimer_value(instrument_kind::put, exercise_style::american, 40, 40,
                                            t, 0.0488, 0, 0.2, 801);
    EXPECT_NEAR(tree, accurate_3dp[i], 5e-4) << "T=" << t;
    option_case scaled;
    scaled.kind = instrument_kind::put;
    scaled.spot = 40;
    scaled.strike = 40;
    scaled.days = 365;
    scaled.rate = 0.0488 * t;
    scaled.vol = 0.2 * std::sqrt(t);
    EXPECT_NEAR(tree, market.price(scaled, testing::quantlib_engine::qd_fp_high_precision), 2e-5)
        << "T=" << t;
  }
}

TEST(BinomialTree, CloseToBjerksundStenslandOnHaugsTable) {
  // Haug's table 3-2 inputs (X=100, r=10%, q=10%): BS2002 is a lower bound within about 0.5%
  // of the true value there; the tree is at least the approximation and within 0.06.
  for (const double t : {0.1, 0.5}) {
    for (const double vol : {0.15, 0.25, 0.35}) {
      for (const double s : {90.0, 100.0, 110.0}) {
        for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
          const double tree =
              leisen_reimer_value(kind, exercise_style::american, s, 100, t, 0.1, 0.1, vol, 801);
          const double approximation = bjerksund_stensland_price(kind, s, 100, t, 0.1, 0.1, vol);
          EXPECT_GE(tree, approximation - 1e-4);
          EXPECT_NEAR(tree, approximation, 0.06);
        }
      }
    }
  }
}

TEST(BinomialTree, EuropeanTreeConvergesToBlackScholes) {
  // Leisen-Reimer's European error falls as 1/n^2: 801 steps are within 2e-5 per 100 of
  // strike on the whole random domain.
  for (const option_case& c : testing::random_option_cases(100, 21)) {
    const double tree = leisen_reimer_value(c.kind, exercise_style::european, c.spot, c.strike,
                                            c.years(), c.rate, c.div_yield, c.vol, 801);
    const double exact =
        black_scholes_price(c.kind, c.spot, c.strike, c.years(), c.rate, c.div_yield, c.vol);
    EXPECT_NEAR(tree, exact, 2e-7 * c.strike)
        << "S=" << c.spot << " days=" << c.days << " vol=" << c.vol;
  }
}

TEST(BinomialTree, DegenerateTreesFallBackAndNeverGiveNaN) {
  // One minute to expiry with the strike 40% away: the tree's probabilities round to 0 or 1.
  const double minute = 1.0 / (365 * 24 * 60);
  EXPECT_DOUBLE_EQ(leisen_reimer_value(instrument_kind::put, exercise_style::american, 60, 100,
                                       minute, 0.05, 0, 0.05, 801),
                   40.0);
  EXPECT_EQ(leisen_reimer_value(instrument_kind::call, exercise_style::american, 60, 100, minute,
                                0.05, 0, 0.05, 801),
            0.0);
  for (const double vol : {1e-3, 0.05, 0.5, 5.0}) {
    for (const double t : {minute, 1.0 / 365, 1.0, 10.0}) {
      for (const double s : {1.0, 80.0, 100.0, 125.0, 10000.0}) {
        for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
          const double v =
              leisen_reimer_value(kind, exercise_style::american, s, 100, t, 0.05, 0.03, vol, 101);
          ASSERT_TRUE(std::isfinite(v)) << "S=" << s << " T=" << t << " vol=" << vol;
          ASSERT_GE(v, intrinsic_value(kind, s, 100));
        }
      }
    }
  }
}

TEST(BinomialTree, ExpiryAndZeroVol) {
  EXPECT_EQ(leisen_reimer_value(instrument_kind::put, exercise_style::american, 90, 100, 0, 0.05, 0,
                                0.3, 801),
            10.0);
  EXPECT_DOUBLE_EQ(leisen_reimer_value(instrument_kind::put, exercise_style::american, 90, 100, 1,
                                       0.05, 0, 0, 801),
                   10.0);
}

}  // namespace
}  // namespace pmrisk
