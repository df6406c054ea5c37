// Ju-Zhong (1999): the critical price against Barone-Adesi and Whaley's equation, the inputs
// the formula needs care at (no early exercise, r = 0, tiny T, deep in and out of the money,
// high vol, negative rates), its safeguards, and never a NaN on valid inputs. The comparisons
// with QuantLib's engines are in test_quantlib_comparison.cpp.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "pmrisk/pricing/binomial_tree.hpp"
#include "pmrisk/pricing/ju_zhong.hpp"
#include "pricing/option_cases.hpp"

namespace pmrisk {
namespace {

using testing::option_case;
using testing::random_option_cases;

double price(const option_case& c) {
  return ju_zhong_price(c.kind, c.spot, c.strike, c.years(), c.rate, c.div_yield, c.vol);
}

double european(const option_case& c) {
  return black_scholes_price(c.kind, c.spot, c.strike, c.years(), c.rate, c.div_yield, c.vol);
}

ju_zhong_boundary boundary_of(const option_case& c) {
  return make_ju_zhong_boundary(make_ju_zhong_terms(c.kind, c.years(), c.rate, c.div_yield),
                                make_black_scholes_terms(c.strike, c.years(), c.rate, c.div_yield),
                                c.strike, c.vol);
}

/// The Leisen-Reimer tree, 801 (+401) steps: within 4e-3 of QdFp per 100 of strike on the
/// random domain (test_quantlib_comparison.cpp).
double tree(const option_case& c) {
  return leisen_reimer_value(c.kind, exercise_style::american, c.spot, c.strike, c.years(), c.rate,
                             c.div_yield, c.vol, 801);
}

option_case make_case(instrument_kind kind, double spot, double days, double rate, double div_yield,
                      double vol) {
  option_case c;
  c.kind = kind;
  c.spot = spot;
  c.strike = 100;
  c.days = static_cast<int>(days);
  c.rate = rate;
  c.div_yield = div_yield;
  c.vol = vol;
  return c;
}

TEST(JuZhong, CriticalPriceSolvesBaroneAdesiWhaleysEquation) {
  // Barone-Adesi and Whaley (1987): at S*, phi (S* - K) = V_E(S*) + phi (1 - e^{-qT}
  // N(phi d1(S*))) S* / lambda, lambda = (-(beta - 1) + phi sqrt((beta - 1)^2 + 4 alpha / h)) / 2,
  // alpha = 2 r / vol^2, beta = 2 (r - q) / vol^2, h = 1 - e^{-rT}, recomputed here from the
  // definitions. The residual is within 1e-12 of max(K, S*): rounding, the iteration having
  // converged past its 1e-9 tolerance.
  int solved = 0;
  for (const option_case& c : random_option_cases(2000, 51)) {
    const ju_zhong_boundary b = boundary_of(c);
    ASSERT_TRUE(b.found) << "S=" << c.spot << " days=" << c.days << " vol=" << c.vol;
    const double t = c.years();
    const double phi = c.kind == instrument_kind::call ? 1.0 : -1.0;
    const double alpha = 2 * c.rate / (c.vol * c.vol);
    const double beta = 2 * (c.rate - c.div_yield) / (c.vol * c.vol);
    const double h = -std::expm1(-c.rate * t);
    const double lambda =
        (-(beta - 1) + phi * std::sqrt((beta - 1) * (beta - 1) + 4 * alpha / h)) / 2;
    EXPECT_NEAR(b.power, lambda, 1e-9 * std::fabs(lambda));
    const double s = b.critical_spot;
    const double d1 = (std::log(s / c.strike) + (c.rate - c.div_yield + c.vol * c.vol / 2) * t) /
                      (c.vol * std::sqrt(t));
    const double rhs = black_scholes_price(c.kind, s, c.strike, t, c.rate, c.div_yield, c.vol) +
                       phi * (1 - std::exp(-c.div_yield * t) * norm_cdf(phi * d1)) * s / lambda;
    EXPECT_NEAR(phi * (s - c.strike), rhs, 1e-12 * std::fmax(s, c.strike))
        << "S*=" << s << " days=" << c.days << " vol=" << c.vol;
    EXPECT_GT(phi * (s - c.strike), 0);  // exercise pays only in the money
    ++solved;
  }
  EXPECT_EQ(solved, 2000);
}

TEST(JuZhong, CallsWithoutDividendsAndPutsWithoutRatesAreEuropean) {
  // Merton (1973): with q = 0 and r >= 0 a call is never exercised early; with r <= 0 (and
  // q >= 0) nor is a put.
  for (const double vol : {0.1, 0.4, 1.2}) {
    for (const double spot : {70.0, 100.0, 130.0}) {
      for (const double rate : {0.0, 0.03, 0.1}) {
        const option_case call = make_case(instrument_kind::call, spot, 255, rate, 0, vol);
        EXPECT_DOUBLE_EQ(price(call), european(call));
        EXPECT_FALSE(boundary_of(call).found);
      }
      for (const double rate : {0.0, -0.01}) {
        const option_case put = make_case(instrument_kind::put, spot, 255, rate, 0.03, vol);
        EXPECT_DOUBLE_EQ(price(put), european(put));
      }
    }
  }
}

TEST(JuZhong, ZeroRateIsTheLimitOfSmallRates) {
  // At r = 0 Ju and Zhong's alpha and h are both 0; the formula takes the limit of alpha / h,
  // 2 / (vol^2 T) (QuantLib's engine gives NaN there). A call with dividends is still
  // exercised early, and its value is continuous in r: within 1e-9 of strike of r = 1e-12.
  for (const double spot : {80.0, 100.0, 120.0}) {
    for (const double vol : {0.15, 0.6}) {
      option_case c = make_case(instrument_kind::call, spot, 400, 0, 0.05, vol);
      const double at_zero = price(c);
      ASSERT_TRUE(std::isfinite(at_zero));
      EXPECT_GT(at_zero, european(c));
      c.rate = 1e-12;
      EXPECT_NEAR(at_zero, price(c), 1e-9 * c.strike) << "S=" << spot << " vol=" << vol;
      // And no worse than at a typical rate against the tree: 0.5% + 1e-3 of strike.
      c.rate = 0;
      EXPECT_NEAR(at_zero, tree(c), 5e-3 * at_zero + 1e-3 * c.strike);
    }
  }
}

TEST(JuZhong, ShortExpiriesApproachIntrinsicValue) {
  // One minute to expiry at 30% vol: 1% in or out of the money is 25 standard deviations
  // away, and the time value at the money is S vol sqrt(T / (2 pi)) ~ 0.0166 to O(vol^2 T).
  const double minute = 1.0 / (365 * 24 * 60);
  for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
    const double in = kind == instrument_kind::call ? 101 : 99;
    const double out = kind == instrument_kind::call ? 99 : 101;
    for (const double years : {minute, minute / 60}) {
      EXPECT_NEAR(ju_zhong_price(kind, in, 100, years, 0.05, 0.04, 0.3), 1.0, 1e-5);
      EXPECT_NEAR(ju_zhong_price(kind, out, 100, years, 0.05, 0.04, 0.3), 0.0, 1e-12);
      EXPECT_NEAR(ju_zhong_price(kind, 100, 100, years, 0.05, 0.04, 0.3),
                  100 * 0.3 * std::sqrt(years / (2 * std::numbers::pi)), 2e-4);
    }
  }
}

TEST(JuZhong, BeyondTheCriticalPriceIsIntrinsic) {
  // Exercised at once: exactly the exercise value.
  EXPECT_EQ(ju_zhong_price(instrument_kind::put, 40, 100, 0.5, 0.08, 0, 0.2), 60.0);
  EXPECT_EQ(ju_zhong_price(instrument_kind::call, 250, 100, 0.5, 0.0, 0.08, 0.2), 150.0);
  // And the value pastes onto it at S*: V(S*-) = V_E(S*) + h_A = phi (S* - K), so just inside
  // the boundary the value is within 1e-6 of strike of intrinsic.
  for (const option_case& c : random_option_cases(300, 52)) {
    const ju_zhong_boundary b = boundary_of(c);
    ASSERT_TRUE(b.found);
    const double phi = c.kind == instrument_kind::call ? 1.0 : -1.0;
    option_case at = c;
    at.spot = b.critical_spot;
    EXPECT_EQ(price(at), intrinsic_value(c.kind, at.spot, c.strike));
    at.spot = b.critical_spot * (1 - phi * 1e-9);
    EXPECT_NEAR(price(at), intrinsic_value(c.kind, at.spot, c.strike), 1e-6 * c.strike)
        << "S*=" << b.critical_spot << " days=" << c.days << " vol=" << c.vol;
  }
}

TEST(JuZhong, DeepOutOfTheMoneyIsNearlyEuropean) {
  // Far from the boundary the early-exercise premium h_A (S / S*)^lambda / (1 - chi) fades:
  // at S / K = 0.5 (call) or 1.5 (put), 3 months, it adds at most 2e-5 of strike to the
  // European value (measured 1.4e-5, a put at 50% vol), and the value is within 1e-5 of strike
  // of the tree (measured 5e-6). In relative terms the premium of a value of 2e-12 can be
  // large (2e-9 at 20% vol).
  for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
    for (const double vol : {0.2, 0.5}) {
      const option_case c =
          make_case(kind, kind == instrument_kind::call ? 50 : 150, 91, 0.05, 0.04, vol);
      const double value = price(c);
      EXPECT_GE(value, european(c));
      EXPECT_LE(value, european(c) + 2e-5 * c.strike);
      EXPECT_NEAR(value, tree(c), 1e-5 * c.strike) << "kind=" << static_cast<int>(kind);
    }
  }
}

TEST(JuZhong, HighVolAgreesWithTheTree) {
  // vol 150%, the top of the tested domain, 1 month to 3 years: within 1% + 1e-3 of strike
  // of the tree (measured: at most 0.13 on a strike of 100).
  for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
    for (const double days : {30.0, 365.0, 1000.0}) {
      for (const double spot : {70.0, 100.0, 130.0}) {
        const option_case c = make_case(kind, spot, days, 0.05, 0.03, 1.5);
        const double value = price(c);
        EXPECT_NEAR(value, tree(c), 1e-2 * value + 1e-3 * c.strike)
            << "kind=" << static_cast<int>(kind) << " days=" << days << " S=" << spot;
      }
    }
  }
}

TEST(JuZhong, NegativeRatesAgreeWithTheTree) {
  // QuantLib's engine refuses r < 0; the formulas hold with h = 1 - e^{-rT} < 0, and a call is
  // then worth exercising early even without dividends. Against the tree on r -3% to -0.1%,
  // q 0 to 4%, vol 10% to 80%, 1 week to 2 years: within 3% + 1e-3 of strike (measured: at
  // most 0.28 on 16.1, a 5-week call at 80% vol without dividends).
  for (const double rate : {-0.03, -0.001}) {
    for (const double div_yield : {0.0, 0.04}) {
      for (const double days : {7.0, 36.0, 730.0}) {
        for (const double vol : {0.1, 0.8}) {
          for (const double spot : {80.0, 100.0, 110.0}) {
            const option_case c =
                make_case(instrument_kind::call, spot, days, rate, div_yield, vol);
            const double value = price(c);
            EXPECT_NEAR(value, tree(c), 3e-2 * value + 1e-3 * c.strike)
                << "r=" << rate << " q=" << div_yield << " days=" << days << " vol=" << vol
                << " S=" << spot;
          }
        }
      }
    }
  }
}

TEST(JuZhong, SafeguardsHoldAcrossAPoleOfTheFormula) {
  // A one-day put at 117% vol: 1 - chi crosses 0 twice between S* and the strike, where the
  // formula itself runs to +-infinity (QuantLib's engine gives 7.9326 at S = 92.3046, below
  // the European 7.9498). Across it the value stays within its bounds: at least
  // max(European, intrinsic), at most European + K (1 - e^{-rT}).
  option_case c = make_case(instrument_kind::put, 92.3046, 1, 0.0583137, 0.0227786, 1.17027);
  EXPECT_DOUBLE_EQ(price(c), european(c));
  const ju_zhong_boundary b = boundary_of(c);
  ASSERT_TRUE(b.found);
  const double cap = c.strike * -std::expm1(-c.rate * c.years());
  for (c.spot = b.critical_spot; c.spot < 1.5 * c.strike; c.spot += 1e-3) {
    const double value = price(c);
    ASSERT_TRUE(std::isfinite(value)) << "S=" << c.spot;
    ASSERT_GE(value, std::fmax(european(c), intrinsic_value(c.kind, c.spot, c.strike)));
    ASSERT_LE(value, european(c) + cap) << "S=" << c.spot;
  }
}

TEST(JuZhong, WithinItsBoundsOnRandomInputs) {
  // At least max(European, intrinsic); at most European + the premium bound of
  // ju_zhong_value, and at most S (call) or K (put).
  for (const option_case& c : random_option_cases(3000, 53)) {
    const double value = price(c);
    const double t = c.years();
    ASSERT_TRUE(std::isfinite(value));
    EXPECT_GE(value, std::fmax(european(c), intrinsic_value(c.kind, c.spot, c.strike)));
    const double premium_bound = c.kind == instrument_kind::put
                                     ? -c.strike * std::expm1(-c.rate * t)
                                     : -c.spot * std::expm1(-c.div_yield * t);
    EXPECT_LE(value, european(c) + premium_bound + 1e-12 * c.strike);
    EXPECT_LE(value, c.kind == instrument_kind::call ? c.spot : c.strike);
  }
}

TEST(JuZhong, WithoutABoundaryTheValueIsEuropeanOrIntrinsic) {
  // What the critical-price iteration returns when it does not converge: found = false.
  const ju_zhong_terms t = make_ju_zhong_terms(instrument_kind::put, 1, 0.05, 0);
  const black_scholes_terms e = make_black_scholes_terms(100, 1, 0.05, 0);
  const ju_zhong_boundary none;
  EXPECT_EQ(ju_zhong_value(t, none, e, instrument_kind::put, 100, 110, 0.3),
            black_scholes_value(e, instrument_kind::put, 110, 0.3));
  EXPECT_EQ(ju_zhong_value(t, none, e, instrument_kind::put, 100, 50, 0.3), 50.0);
}

TEST(JuZhong, NaNInputsGiveNaN) {
  EXPECT_TRUE(std::isnan(ju_zhong_price(instrument_kind::put, NAN, 100, 1, 0.05, 0, 0.3)));
  EXPECT_TRUE(std::isnan(ju_zhong_price(instrument_kind::put, 90, 100, 1, 0.05, 0, NAN)));
  EXPECT_TRUE(std::isnan(ju_zhong_price(instrument_kind::call, NAN, 100, 1, 0.05, 0.03, 0.3)));
}

TEST(JuZhong, ZeroVolIsTheCertainPathsBestExercise) {
  EXPECT_DOUBLE_EQ(ju_zhong_price(instrument_kind::put, 90, 100, 1, 0.05, 0, 0), 10);
  EXPECT_DOUBLE_EQ(
      ju_zhong_price(instrument_kind::call, 120, 100, 1, 0.05, 0.02, 0),
      zero_vol_value(instrument_kind::call, exercise_style::american, 120, 100, 1, 0.05, 0.02));
}

TEST(JuZhong, EdgeInputsNeverGiveNaN) {
  // Extreme but valid inputs: vol 0.01% to 1000%, 1 second to 50 years, r -5% to 20%, q 0 to
  // 20% (tiny values included), S / K from 1e-5 to 1000. Finite, at least
  // max(European, intrinsic), at most S for a call and K max(1, e^{-rT}) for a put.
  const double vols[] = {1e-4, 1e-3, 0.05, 0.3, 1.5, 5, 10};
  const double years[] = {1.0 / (365 * 86400), 1.0 / (365 * 24 * 60), 1.0 / 365, 0.1, 1, 5, 50};
  const double rates[] = {-0.05, 0, 1e-9, 0.05, 0.2};
  const double div_yields[] = {0, 1e-9, 0.05, 0.2};
  const double spots[] = {1e-3, 1, 50, 99.9999, 100, 100.0001, 200, 1e5};
  for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
    for (const double t : years) {
      for (const double r : rates) {
        for (const double q : div_yields) {
          for (const double vol : vols) {
            for (const double s : spots) {
              const double value = ju_zhong_price(kind, s, 100, t, r, q, vol);
              const double floor = std::fmax(black_scholes_price(kind, s, 100, t, r, q, vol),
                                             intrinsic_value(kind, s, 100));
              const double cap =
                  kind == instrument_kind::call ? s : 100 * std::fmax(1, std::exp(-r * t));
              ASSERT_TRUE(std::isfinite(value))
                  << "kind=" << static_cast<int>(kind) << " S=" << s << " T=" << t << " r=" << r
                  << " q=" << q << " vol=" << vol;
              ASSERT_GE(value, floor);
              ASSERT_LE(value, cap * (1 + 1e-12));
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace pmrisk
