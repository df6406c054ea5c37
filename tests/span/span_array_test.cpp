// The SPAN risk array of single futures positions, valued by the engine on its grid, against
// hand computation at CME's 16 risk scenarios (methodology.md section 4): a long future moves
// one for one with the futures price; a long call on a future is Black-76 at each scenario's
// price and vol, evaluated here in long double; scenarios 15-16 count 35% of their P&L.

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "pmrisk/span.hpp"
#include "span/span_test_support.hpp"

namespace pmrisk {
namespace {

using span_test::add_future;
using span_test::future;
using span_test::future_option;

/// One CME risk scenario: price move in thirds of the price scan range (extreme: x 2, i.e. 6
/// thirds), vol move in vol scan ranges, and the fraction of the P&L counted.
struct cme_scenario {
  int price_thirds;
  int vol_ranges;
  double weight;
};

// CME SPAN's published order: unchanged, up 1/3, down 1/3, up 2/3, down 2/3, up 3/3, down 3/3,
// each with vol up then vol down; then the extreme up and down moves at an unchanged vol.
constexpr std::array<cme_scenario, 16> cme_scenarios = {{{0, 1, 1.0},
                                                         {0, -1, 1.0},
                                                         {1, 1, 1.0},
                                                         {1, -1, 1.0},
                                                         {-1, 1, 1.0},
                                                         {-1, -1, 1.0},
                                                         {2, 1, 1.0},
                                                         {2, -1, 1.0},
                                                         {-2, 1, 1.0},
                                                         {-2, -1, 1.0},
                                                         {3, 1, 1.0},
                                                         {3, -1, 1.0},
                                                         {-3, 1, 1.0},
                                                         {-3, -1, 1.0},
                                                         {6, 0, 0.35},
                                                         {-6, 0, 0.35}}};

constexpr double price_scan = 0.06;  // span_test::span_config_for_tests
constexpr double vol_scan = 0.25;

/// Black-76 in long double: e^{-rT} (F N(d1) - K N(d2)) for a call.
long double black76_call(long double f, long double k, long double years, long double rate,
                         long double vol) {
  const long double total_vol = vol * std::sqrt(years);
  const long double d1 = std::log(f / k) / total_vol + total_vol / 2;
  const long double d2 = d1 - total_vol;
  const auto cdf = [](long double x) { return 0.5L * std::erfc(-x / std::sqrt(2.0L)); };
  return std::exp(-rate * years) * (f * cdf(d1) - k * cdf(d2));
}

TEST(SpanArray, TheGridHoldsCmesSixteenScenarios) {
  market_data market;
  const std::int32_t es = add_future(market, "ESZ6", 5000, 0.2, "ES");
  const valuation_grid grid = build_tims_grid(market, span_test::span_config_for_tests());
  ASSERT_EQ(grid.point_count[static_cast<std::size_t>(es)], 16);
  ASSERT_EQ(grid.scan_point_count[static_cast<std::size_t>(es)], 16);
  for (std::size_t j = 0; j < 16; ++j) {
    const cme_scenario& s = cme_scenarios[j];
    EXPECT_NEAR(grid.spot_move[j], price_scan * s.price_thirds / 3, 1e-15) << "scenario " << j + 1;
    EXPECT_EQ(grid.vol_shift[j], vol_scan * s.vol_ranges) << "scenario " << j + 1;
    EXPECT_EQ(grid.weight[j], s.weight) << "scenario " << j + 1;
    EXPECT_EQ(grid.category[j], j < 14 ? point_category::grid : point_category::extreme);
  }
}

TEST(SpanArray, LongFutureMovesOneForOne) {
  // Long 2 contracts at F = 5,000, $50 a point: units 100, so scenario P&L = weight x 100 x
  // 5,000 x move: +/-10,000 at 1/3 of the 6% scan, +/-30,000 at the full scan, and
  // 0.35 x 60,000 = 21,000 at the extreme 12% moves. Tolerance 1e-12 relative (the engine forms
  // the move as 0.06 x k / 3).
  market_data market;
  const std::int32_t es = add_future(market, "ESZ6", 5000, 0.2, "ES");
  const engine_config config = span_test::span_config_for_tests();
  const span_test::valued_book valued = span_test::value_book(market, {future("A", es, 2)}, config);
  ASSERT_EQ(valued.book.class_group_count(), 1u);
  ASSERT_EQ(valued.book.series.kind[0], instrument_kind::stock);
  const double* risk = valued.risk_array(0);
  for (std::size_t j = 0; j < 16; ++j) {
    const cme_scenario& s = cme_scenarios[j];
    const double expected = s.weight * 100 * 5000 * (price_scan * s.price_thirds / 3);
    EXPECT_NEAR(risk[j], expected, 1e-12 * 30000) << "scenario " << j + 1;
  }

  // Scan risk: the full down move (scenario 13, first of 13-14) beats the weighted extreme.
  const span_account_margin span =
      span_margin_of_account(valued.book, market, valued.grid, config, 0, 1, risk);
  ASSERT_EQ(span.commodities.size(), 1u);
  EXPECT_EQ(span.commodities[0].name, "ES");
  EXPECT_NEAR(span.commodities[0].scan_risk, 30000, 1e-12 * 30000);
  EXPECT_EQ(span.commodities[0].worst_point, 12);
  EXPECT_NEAR(span.commodities[0].net_delta, 2.0, 1e-12);
  EXPECT_EQ(span.commodities[0].short_option_minimum, 0.0);
  EXPECT_NEAR(span.requirement, 30000, 1e-12 * 30000);
}

TEST(SpanArray, LongFuturesCallIsBlack76AtEachScenario) {
  // Long 1 European call on the future, K = 5,100, T = 0.25, vol 20%, r = 4%, $50 a point.
  // Scenario P&L = weight x 50 x (Black-76(F (1 + move), vol (1 + vol move)) - Black-76(F, vol)).
  // Tolerance 1e-9 of the contract's notional 50 x F (the engine evaluates the same formula
  // in double through Black-Scholes-Merton with q = r).
  const double f = 5000, k = 5100, years = 0.25, vol = 0.20, rate = 0.04;
  market_data market;
  const std::int32_t es = add_future(market, "ESZ6", f, vol, "ES");
  const engine_config config = span_test::span_config_for_tests(rate);
  const span_test::valued_book valued = span_test::value_book(
      market, {future_option("A", es, instrument_kind::future_call, k, years, 1, vol)}, config);
  ASSERT_EQ(valued.book.series.kind[0], instrument_kind::call);
  EXPECT_EQ(valued.book.series.div_yield[0], rate);       // zero cost of carry
  EXPECT_EQ(valued.book.class_group_min_charge[0], 0.0);  // no TIMS minimum on futures options
  const double* risk = valued.risk_array(0);
  const long double base = black76_call(f, k, years, rate, vol);
  for (std::size_t j = 0; j < 16; ++j) {
    const cme_scenario& s = cme_scenarios[j];
    const long double moved_f = f * (1 + price_scan * s.price_thirds / 3.0L);
    const long double moved_vol = vol * (1 + vol_scan * s.vol_ranges);
    const double expected = static_cast<double>(
        s.weight * 50 * (black76_call(moved_f, k, years, rate, moved_vol) - base));
    EXPECT_NEAR(risk[j], expected, 1e-9 * 50 * f) << "scenario " << j + 1;
  }

  // A long option loses at most its premium: the worst scenario is down the full scan with
  // vol down (14), and the net delta is near the call's Black-76 delta e^{-rT} N(d1) = 0.437.
  const span_account_margin span =
      span_margin_of_account(valued.book, market, valued.grid, config, 0, 1, risk);
  const span_commodity_margin& es_margin = span.commodities.at(0);
  EXPECT_EQ(es_margin.worst_point, 13);
  EXPECT_NEAR(es_margin.scan_risk, -risk[13], 0.0);
  EXPECT_LT(es_margin.scan_risk, 50 * static_cast<double>(base));
  EXPECT_NEAR(es_margin.net_delta, 0.437, 0.02);
  EXPECT_EQ(es_margin.short_option_contracts, 0.0);
}

}  // namespace
}  // namespace pmrisk
