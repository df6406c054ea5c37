// price_series, the backends' entry point: dispatch by kind, style and model, the expiry and
// stock cases, the prepared path against the one-call path, and edge inputs that must never
// give NaN. Also the payoff helpers it relies on.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numbers>

#include "pmrisk/pricing/series_pricer.hpp"
#include "pricing/option_cases.hpp"

namespace pmrisk {
namespace {

using testing::option_case;

constexpr american_model all_models[] = {american_model::ju_zhong_1999,
                                         american_model::bjerksund_stensland_2002,
                                         american_model::binomial_tree};

pricing_model model_of(american_model american, int steps = 801) {
  pricing_model m;
  m.american = american;
  m.tree_steps = steps;
  return m;
}

TEST(SeriesPricer, StockIsItsSpot) {
  const series_terms t = make_series_terms(instrument_kind::stock, exercise_style::american, 0, 0,
                                           0.05, 0.02, pricing_model{});
  EXPECT_EQ(price_series(t, 123.45, 0.3), 123.45);
  EXPECT_EQ(price_series(t, 0.01, 0), 0.01);
}

TEST(SeriesPricer, ExpiredOptionsAreWorthTheirIntrinsicValue) {
  for (const double years : {0.0, -1.0 / 365}) {
    for (const auto style : {exercise_style::european, exercise_style::american}) {
      for (const auto model : all_models) {
        const series_terms call = make_series_terms(instrument_kind::call, style, 100, years, 0.05,
                                                    0.02, model_of(model));
        const series_terms put =
            make_series_terms(instrument_kind::put, style, 100, years, 0.05, 0.02, model_of(model));
        EXPECT_EQ(price_series(call, 112.5, 0.3), 12.5);
        EXPECT_EQ(price_series(call, 87.5, 0.3), 0);
        EXPECT_EQ(price_series(put, 87.5, 0.3), 12.5);
        EXPECT_EQ(price_series(put, 112.5, 0.3), 0);
      }
    }
  }
}

TEST(SeriesPricer, DispatchesToTheConfiguredPricer) {
  for (const option_case& c : testing::random_option_cases(50, 41)) {
    const double t = c.years();
    const series_terms european = make_series_terms(c.kind, exercise_style::european, c.strike, t,
                                                    c.rate, c.div_yield, pricing_model{});
    EXPECT_EQ(price_series(european, c.spot, c.vol),
              black_scholes_price(c.kind, c.spot, c.strike, t, c.rate, c.div_yield, c.vol));
    const series_terms ju_zhong =
        make_series_terms(c.kind, exercise_style::american, c.strike, t, c.rate, c.div_yield,
                          model_of(american_model::ju_zhong_1999));
    EXPECT_EQ(price_series(ju_zhong, c.spot, c.vol),
              ju_zhong_price(c.kind, c.spot, c.strike, t, c.rate, c.div_yield, c.vol));
    const series_terms approximation =
        make_series_terms(c.kind, exercise_style::american, c.strike, t, c.rate, c.div_yield,
                          model_of(american_model::bjerksund_stensland_2002));
    EXPECT_EQ(price_series(approximation, c.spot, c.vol),
              bjerksund_stensland_price(c.kind, c.spot, c.strike, t, c.rate, c.div_yield, c.vol));
    const series_terms tree =
        make_series_terms(c.kind, exercise_style::american, c.strike, t, c.rate, c.div_yield,
                          model_of(american_model::binomial_tree, 100));
    EXPECT_EQ(tree.tree_steps, 101);
    EXPECT_EQ(price_series(tree, c.spot, c.vol),
              leisen_reimer_value(c.kind, exercise_style::american, c.spot, c.strike, t, c.rate,
                                  c.div_yield, c.vol, 101));
  }
}

TEST(SeriesPricer, VeryShortExpiriesApproachIntrinsicValue) {
  // One minute to expiry at 30% vol: sigma sqrt(T) ~ 4e-4, so 1% in or out of the money is 25
  // standard deviations away and the time value vanishes; a minute's discounting moves a
  // European value by ~1e-5.
  const double minute = 1.0 / (365 * 24 * 60);
  for (const auto style : {exercise_style::european, exercise_style::american}) {
    for (const auto model : all_models) {
      const series_terms put =
          make_series_terms(instrument_kind::put, style, 100, minute, 0.05, 0.02, model_of(model));
      EXPECT_NEAR(price_series(put, 99, 0.3), 1.0, 1e-5);
      EXPECT_NEAR(price_series(put, 101, 0.3), 0.0, 1e-12);
      const double at_the_money = price_series(put, 100, 0.3);
      // ATM time value: S sigma sqrt(T / (2 pi)) ~ 0.0166.
      EXPECT_NEAR(at_the_money, 100 * 0.3 * std::sqrt(minute / (2 * std::numbers::pi)), 2e-4);
    }
  }
}

TEST(SeriesPricer, NeverNaNOnValidInputs) {
  // Spots 1e-3 to 1e5 around a strike of 100, 1 second to 50 years, vol 0 to 1000%, rates
  // and yields 0 to 20%: both closed forms' values are finite, at least intrinsic, at most
  // their cap.
  const double spots[] = {1e-3, 1, 60, 99.99, 100, 100.01, 150, 1e5};
  const double years[] = {1.0 / (365 * 86400), 1e-4, 0.02, 0.5, 3, 50};
  const double vols[] = {0, 1e-4, 0.02, 0.25, 1, 10};
  const double rates[] = {0, 0.03, 0.2};
  for (const auto kind : {instrument_kind::call, instrument_kind::put}) {
    for (const auto style : {exercise_style::european, exercise_style::american}) {
      for (const double t : years) {
        for (const double r : rates) {
          for (const double q : rates) {
            for (const auto model :
                 {american_model::ju_zhong_1999, american_model::bjerksund_stensland_2002}) {
              const series_terms terms =
                  make_series_terms(kind, style, 100, t, r, q, model_of(model));
              for (const double s : spots) {
                for (const double vol : vols) {
                  const double v = price_series(terms, s, vol);
                  ASSERT_TRUE(std::isfinite(v))
                      << "kind=" << static_cast<int>(kind) << " style=" << static_cast<int>(style)
                      << " model=" << static_cast<int>(model) << " S=" << s << " T=" << t
                      << " r=" << r << " q=" << q << " vol=" << vol;
                  ASSERT_GE(
                      v, style == exercise_style::american ? intrinsic_value(kind, s, 100) : 0.0);
                  ASSERT_LE(v, (kind == instrument_kind::call ? s : 100.0) * (1 + 1e-12));
                }
              }
            }
          }
        }
      }
    }
  }
}

TEST(SeriesPricer, PreparedPathEqualsPriceSeriesBitForBit) {
  // The backends prepare the vol terms once per (series, vol) and price each spot with
  // price_series_prepared; price_series does both in one call. Same operations in the same
  // order: the same bits, for every kind, style and model, at the 10 TIMS spots and at vols
  // shifted by -15%, 0 and +15%, the vol terms reused across the spots (51-step trees).
  const double moves[] = {-0.15, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.15};
  int compared = 0;
  for (const option_case& c : testing::random_option_cases(400, 42)) {
    for (const auto style : {exercise_style::european, exercise_style::american}) {
      for (const auto model : all_models) {
        const series_terms terms = make_series_terms(c.kind, style, c.strike, c.years(), c.rate,
                                                     c.div_yield, model_of(model, 51));
        for (const double shift : {-0.15, 0.0, 0.15}) {
          const double vol = c.vol * (1 + shift);
          const vol_terms prepared = prepare_vol(terms, vol);
          for (const double move : moves) {
            const double spot = c.spot * (1 + move);
            const double direct = price_series(terms, spot, vol);
            const double fast = price_series_prepared(terms, prepared, spot);
            ASSERT_EQ(std::memcmp(&direct, &fast, sizeof(double)), 0)
                << "model=" << static_cast<int>(model) << " S=" << spot << " vol=" << vol << ": "
                << direct << " vs " << fast;
          }
        }
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 2000);
}

TEST(Payoff, IntrinsicValue) {
  EXPECT_EQ(intrinsic_value(instrument_kind::call, 110, 100), 10);
  EXPECT_EQ(intrinsic_value(instrument_kind::call, 90, 100), 0);
  EXPECT_EQ(intrinsic_value(instrument_kind::put, 90, 100), 10);
  EXPECT_EQ(intrinsic_value(instrument_kind::put, 110, 100), 0);
  EXPECT_EQ(intrinsic_value(instrument_kind::stock, 110, 0), 110);
}

TEST(Payoff, ZeroVolAmericanPicksTheBestExerciseTime) {
  // Put, r > q: waiting only loses interest on K, so exercise now.
  EXPECT_DOUBLE_EQ(
      zero_vol_value(instrument_kind::put, exercise_style::american, 90, 100, 1, 0.05, 0.01), 10);
  // European put under the same path: the discounted forward payoff at T.
  EXPECT_DOUBLE_EQ(
      zero_vol_value(instrument_kind::put, exercise_style::european, 90, 100, 1, 0.05, 0.01),
      100 * std::exp(-0.05) - 90 * std::exp(-0.01));
  // Call with q > r, S < K today: the forward falls, so the best time is now (worth 0) unless
  // in the money; in the money it is exercised at once.
  EXPECT_DOUBLE_EQ(
      zero_vol_value(instrument_kind::call, exercise_style::american, 120, 100, 2, 0.01, 0.05), 20);
  // Interior optimum: call with r = 10%, q = 5%, S = 100, K = 98: the discounted payoff
  // S e^{-qt} - K e^{-rt} peaks at t* = ln(rK / (qS)) / (r - q).
  const double r = 0.10;
  const double q = 0.05;
  const double t_star = std::log(r * 98 / (q * 100)) / (r - q);
  ASSERT_GT(t_star, 0);
  ASSERT_LT(t_star, 20);
  EXPECT_DOUBLE_EQ(
      zero_vol_value(instrument_kind::call, exercise_style::american, 100, 98, 20, r, q),
      100 * std::exp(-q * t_star) - 98 * std::exp(-r * t_star));
}

}  // namespace
}  // namespace pmrisk
