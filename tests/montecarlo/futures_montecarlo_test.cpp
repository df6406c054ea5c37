// Monte Carlo margin with futures: a futures contract is an ordinary market row, so the
// scenarios move its price like any underlying's. A long future's scenario P&L is exactly
// units x futures price x move; a long call on a future is Black-76 at the horizon, at the
// scenario's price and vol.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "montecarlo/montecarlo_test_support.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/pricing/black76.hpp"
#include "span/span_test_support.hpp"

namespace pmrisk {
namespace {

TEST(FuturesMontecarlo, ScenariosValueFuturesAndOptionsOnThem) {
  const double f = 5000, k = 5100, years = 0.25, vol = 0.16;
  market_data market;
  const std::int32_t es = span_test::add_future(market, "ESZ6", f, vol, "ES");
  const engine_config config = span_test::span_config_for_tests();
  const std::vector<position> positions = {
      span_test::future("A", es, 2),
      span_test::future_option("B", es, instrument_kind::future_call, k, years, 1, vol)};

  montecarlo_options mc = test::montecarlo_for(market, test::normal_config(2000, 41));
  std::vector<double> spot_move, vol_shift;
  mc.on_tile = [&](const scenarios::scenario_tile& tile) {
    for (std::size_t s = 0; s < tile.count; ++s) {
      spot_move.push_back(tile.spot_move[tile.at(static_cast<std::size_t>(es), s)]);
      vol_shift.push_back(tile.vol_shift[tile.at(static_cast<std::size_t>(es), s)]);
    }
  };
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = 1;
  options.montecarlo = mc;
  const margin_report report = compute_margin(market, positions, config, options);
  ASSERT_EQ(spot_move.size(), 2000u);
  ASSERT_EQ(report.accounts.size(), 2u);

  // Account A, long 2 contracts x $50: loss in scenario s is -(100 x (5,000 x move_s)), the
  // engine's own expression for a linear series, so the worst loss matches bit for bit.
  double worst_a = 0;
  std::uint64_t worst_a_scenario = 0;
  // Account B, long 1 call x $50: the loss is 50 x (Black-76 today - Black-76 at the horizon);
  // tolerance 1e-9 of the notional 50 x F (one formula, evaluated in a different order).
  const double horizon = mc.model.horizon_years;
  const double today = black76_price(instrument_kind::future_call, f, k, years, config.rate, vol);
  double worst_b = 0;
  std::uint64_t worst_b_scenario = 0;
  for (std::size_t s = 0; s < spot_move.size(); ++s) {
    const double loss_a = -(100 * (f * spot_move[s]));
    if (loss_a > worst_a) worst_a = loss_a, worst_a_scenario = s;
    const double moved = black76_price(instrument_kind::future_call, f * (1 + spot_move[s]), k,
                                       years - horizon, config.rate, vol * (1 + vol_shift[s]));
    const double loss_b = 50 * (today - moved);
    if (loss_b > worst_b) worst_b = loss_b, worst_b_scenario = s;
  }
  const account_tail_risk& a = report.accounts[0].mc;
  EXPECT_EQ(a.worst_loss, worst_a);
  EXPECT_EQ(a.worst_scenario, worst_a_scenario);
  EXPECT_GT(a.es, 0.0);

  const account_tail_risk& b = report.accounts[1].mc;
  EXPECT_NEAR(b.worst_loss, worst_b, 1e-9 * 50 * f);
  EXPECT_EQ(b.worst_scenario, worst_b_scenario);
  EXPECT_LE(b.worst_loss, 50 * today);  // a long option loses at most its premium
}

}  // namespace
}  // namespace pmrisk
