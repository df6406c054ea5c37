// Bjerksund-Stensland: Haug's table of the 2002 formula, the 1993 formula against QuantLib's
// engine, the lower-bound guarantees and the edge cases.

#include <gtest/gtest.h>

#include <cmath>

#include "pmrisk/pricing/bjerksund_stensland.hpp"
#include "pricing/option_cases.hpp"
#include "pricing/quantlib_reference.hpp"

namespace pmrisk {
namespace {

using testing::option_case;
using testing::random_option_cases;

double price(const option_case& c) {
  return bjerksund_stensland_price(c.kind, c.spot, c.strike, c.years(), c.rate, c.div_yield, c.vol);
}

/// Per-unit-strike values of both policies for the case's option (the put transformed), with
/// the log moneyness formed as the pricer forms it.
bjerksund_stensland_unit_values unit_values(const option_case& c) {
  const bjerksund_stensland_terms t =
      make_bjerksund_stensland_terms(c.kind, c.strike, c.years(), c.rate, c.div_yield);
  const bool put = c.kind == instrument_kind::put;
  return bjerksund_stensland_unit_calls(
      t, put ? std::log(c.strike) - std::log(c.spot) : std::log(c.spot) - std::log(c.strike),
      c.vol);
}

struct haug_row {
  double years;
  double vol;
  double calls[3];  // S = 90, 100, 110
  double puts[3];
};

TEST(BjerksundStensland, HaugTable3_2) {
  // Haug (2007) table 3-2, Bjerksund-Stensland 2002: X=100, r=10%, b=0 (q=10%), 4dp.
  const haug_row table[] = {
      {0.1, 0.15, {0.0205, 1.8757, 10.0000}, {10.0000, 1.8757, 0.0408}},
      {0.1, 0.25, {0.3151, 3.1256, 10.3725}, {10.2280, 3.1256, 0.4552}},
      {0.1, 0.35, {0.9479, 4.3746, 11.1578}, {10.8663, 4.3746, 1.2383}},
      {0.5, 0.15, {0.8099, 4.0628, 10.7898}, {10.5400, 4.0628, 1.0689}},
      {0.5, 0.25, {2.7180, 6.7661, 12.9814}, {12.4097, 6.7661, 3.2932}},
      {0.5, 0.35, {4.9665, 9.4608, 15.5137}, {14.6445, 9.4608, 5.8374}},
  };
  const double spots[3] = {90, 100, 110};
  for (const haug_row& row : table) {
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(bjerksund_stensland_price(instrument_kind::call, spots[i], 100, row.years, 0.1,
                                            0.1, row.vol),
                  row.calls[i], 5e-5)
          << "call T=" << row.years << " vol=" << row.vol << " S=" << spots[i];
      EXPECT_NEAR(bjerksund_stensland_price(instrument_kind::put, spots[i], 100, row.years, 0.1,
                                            0.1, row.vol),
                  row.puts[i], 5e-5)
          << "put T=" << row.years << " vol=" << row.vol << " S=" << spots[i];
    }
  }
}

TEST(BjerksundStensland, FlatBoundaryMatchesQuantLib1993Engine) {
  // The 1993 policy shares the phi terms, boundary and put transformation with the 2002 one;
  // QuantLib's BjerksundStenslandApproximationEngine implements the same formula. Both return
  // the formula as is (no floor), so they agree to rounding: 1e-11 relative.
  testing::quantlib_market market;
  int compared = 0;
  for (const option_case& c : random_option_cases(2000, 3)) {
    const bjerksund_stensland_terms t =
        make_bjerksund_stensland_terms(c.kind, c.strike, c.years(), c.rate, c.div_yield);
    if (!t.early_exercise) continue;  // QuantLib prices those as European too
    const double scale = c.kind == instrument_kind::put ? c.spot : c.strike;
    const double ours = scale * unit_values(c).flat;
    const double quantlib = market.price(c, testing::quantlib_engine::bjerksund_stensland_1993);
    ASSERT_NEAR(ours, quantlib, 1e-11 * std::fmax(quantlib, 1.0))
        << "S=" << c.spot << " days=" << c.days << " vol=" << c.vol << " r=" << c.rate
        << " q=" << c.div_yield;
    ++compared;
  }
  EXPECT_GT(compared, 1000);
}

TEST(BjerksundStensland, NeverBelowEuropeanOrIntrinsicNorAnyPolicy) {
  for (const option_case& c : random_option_cases(3000, 4)) {
    const double value = price(c);
    const double european =
        black_scholes_price(c.kind, c.spot, c.strike, c.years(), c.rate, c.div_yield, c.vol);
    ASSERT_TRUE(std::isfinite(value));
    EXPECT_GE(value, european);
    EXPECT_GE(value, intrinsic_value(c.kind, c.spot, c.strike));
    const bjerksund_stensland_terms t =
        make_bjerksund_stensland_terms(c.kind, c.strike, c.years(), c.rate, c.div_yield);
    if (!t.early_exercise) continue;
    const bjerksund_stensland_unit_values unit = unit_values(c);
    const double scale = c.kind == instrument_kind::put ? c.spot : c.strike;
    EXPECT_GE(value, scale * unit.two_step);
    EXPECT_GE(value, scale * unit.flat);
  }
}

TEST(BjerksundStensland, NoEarlyExerciseMeansEuropean) {
  // b >= r: a call on a non-dividend stock (q <= 0); a put when r <= 0.
  for (const double vol : {0.1, 0.4, 1.2}) {
    EXPECT_DOUBLE_EQ(bjerksund_stensland_price(instrument_kind::call, 95, 100, 0.7, 0.05, 0, vol),
                     black_scholes_price(instrument_kind::call, 95, 100, 0.7, 0.05, 0, vol));
    EXPECT_DOUBLE_EQ(bjerksund_stensland_price(instrument_kind::put, 95, 100, 0.7, 0, 0.03, vol),
                     black_scholes_price(instrument_kind::put, 95, 100, 0.7, 0, 0.03, vol));
    EXPECT_DOUBLE_EQ(
        bjerksund_stensland_price(instrument_kind::put, 95, 100, 0.7, -0.01, 0.03, vol),
        black_scholes_price(instrument_kind::put, 95, 100, 0.7, -0.01, 0.03, vol));
  }
}

TEST(BjerksundStensland, BeyondTheTriggerIsIntrinsic) {
  // A put far in the money with a high rate is exercised at once; the value is intrinsic to
  // rounding (it comes from S (e^{ln K - ln S} - 1)).
  EXPECT_NEAR(bjerksund_stensland_price(instrument_kind::put, 40, 100, 0.5, 0.08, 0, 0.2), 60.0,
              1e-13);
  EXPECT_NEAR(bjerksund_stensland_price(instrument_kind::call, 250, 100, 0.5, 0.0, 0.08, 0.2),
              150.0, 1e-13);
  const bjerksund_stensland_terms t =
      make_bjerksund_stensland_terms(instrument_kind::put, 100, 0.5, 0.08, 0);
  const bjerksund_stensland_unit_values unit =
      bjerksund_stensland_unit_calls(t, std::log(100.0 / 40.0), 0.2);
  EXPECT_NEAR(40 * unit.two_step, 60.0, 1e-13);
  EXPECT_NEAR(40 * unit.flat, 60.0, 1e-13);
}

TEST(BjerksundStensland, EdgeInputsNeverGiveNaN) {
  // Extreme but valid inputs: vol 0.1% to 1000%, 1 minute to 30 years, r and q 0 to 20%,
  // S / K from 1/100 to 100. The value stays finite, above its floor and below its cap
  // (S for a call, K for a put).
  const double vols[] = {1e-3, 0.01, 0.05, 0.3, 1.5, 5, 10};
  const double years[] = {1.0 / (365 * 24 * 60), 1.0 / 365, 0.1, 1, 5, 30};
  const double rates[] = {0, 1e-6, 0.05, 0.2};
  const double spots[] = {1, 50, 99.9999, 100, 100.0001, 200, 10000};
  for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
    for (const double vol : vols) {
      for (const double t : years) {
        for (const double r : rates) {
          for (const double q : rates) {
            for (const double s : spots) {
              const double value = bjerksund_stensland_price(kind, s, 100, t, r, q, vol);
              const double floor = intrinsic_value(kind, s, 100);
              const double cap = kind == instrument_kind::call ? s : 100.0;
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

TEST(BjerksundStensland, ZeroVolIsTheCertainPathsBestExercise) {
  // A put with r > 0 and q = 0 under zero vol is exercised at once.
  EXPECT_DOUBLE_EQ(bjerksund_stensland_price(instrument_kind::put, 90, 100, 1, 0.05, 0, 0), 10);
  EXPECT_DOUBLE_EQ(
      bjerksund_stensland_price(instrument_kind::call, 120, 100, 1, 0.05, 0.02, 0),
      zero_vol_value(instrument_kind::call, exercise_style::american, 120, 100, 1, 0.05, 0.02));
}

}  // namespace
}  // namespace pmrisk
