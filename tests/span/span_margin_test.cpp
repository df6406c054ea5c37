// span_margin_of_account: combined commodities, inter-commodity spread credits in priority
// order (worked by hand, as in docs/span.md), the short option minimum, and class groups of
// securities left to TIMS.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "engine/engine_fixtures.hpp"
#include "pmrisk/span.hpp"
#include "span/span_test_support.hpp"

namespace pmrisk {
namespace {

using span_test::add_future;
using span_test::future;
using span_test::future_option;

span_account_margin span_of(const market_data& market, const std::vector<position>& positions,
                            const engine_config& config) {
  const span_test::valued_book valued = span_test::value_book(market, positions, config);
  return span_margin_of_account(valued.book, market, valued.grid, config, 0,
                                static_cast<std::int64_t>(valued.book.class_group_count()),
                                valued.risk_arrays.data());
}

// Long 2 ES at 5,000, short 3 RTY at 2,000 and short 1 NQ at 20,000, all $50 a point with a 6%
// price scan. Each commodity's scan risk is its full-scan loss, units x F x 6%:
//   ES  100 x  5,000 x 0.06 = 30,000, net delta +2, price risk per delta 15,000
//   RTY 150 x  2,000 x 0.06 = 18,000, net delta -3, price risk per delta  6,000
//   NQ   50 x 20,000 x 0.06 = 60,000, net delta -1, price risk per delta 60,000
class SpanCredits : public ::testing::Test {
 protected:
  SpanCredits() {
    es_ = add_future(market_, "ESZ6", 5000, 0.16, "ES");
    add_future(market_, "ESH7", 5060, 0.16, "ES");
    rty_ = add_future(market_, "RTYZ6", 2000, 0.21, "RTY");
    nq_ = add_future(market_, "NQZ6", 20000, 0.19, "NQ");
  }

  const span_commodity_margin& commodity(const span_account_margin& span, const std::string& name) {
    for (const span_commodity_margin& c : span.commodities)
      if (c.name == name) return c;
    throw std::out_of_range(name);
  }

  market_data market_;
  engine_config config_ = span_test::span_config_for_tests();
  std::int32_t es_ = 0, rty_ = 0, nq_ = 0;
};

TEST_F(SpanCredits, OneSpreadCreditsBothLegs) {
  // ES:RTY 1:1 at 50%: spreads = min(2 / 1, 3 / 1) = 2.
  //   ES credit  = 0.5 x 2 x 1 x 15,000 = 15,000 -> requirement 30,000 - 15,000 = 15,000
  //   RTY credit = 0.5 x 2 x 1 x  6,000 =  6,000 -> requirement 18,000 -  6,000 = 12,000
  // Tolerance 1e-9 relative: the deltas come from the risk arrays by central difference.
  config_.span.spreads.push_back({"ES", "RTY", 1, 1, 0.5});
  const span_account_margin span =
      span_of(market_, {future("A", es_, 2), future("A", rty_, -3)}, config_);
  ASSERT_EQ(span.commodities.size(), 2u);
  const span_commodity_margin& es = commodity(span, "ES");
  const span_commodity_margin& rty = commodity(span, "RTY");
  EXPECT_NEAR(es.scan_risk, 30000, 1e-9 * 30000);
  EXPECT_NEAR(es.net_delta, 2, 1e-9);
  EXPECT_NEAR(es.price_risk_per_delta, 15000, 1e-9 * 15000);
  EXPECT_NEAR(rty.scan_risk, 18000, 1e-9 * 18000);
  EXPECT_NEAR(rty.net_delta, -3, 1e-9);
  ASSERT_EQ(span.spreads.size(), 1u);
  EXPECT_NEAR(span.spreads[0].spreads, 2, 1e-9);
  EXPECT_NEAR(es.spread_credit, 15000, 1e-9 * 15000);
  EXPECT_NEAR(rty.spread_credit, 6000, 1e-9 * 6000);
  EXPECT_NEAR(es.requirement, 15000, 1e-9 * 15000);
  EXPECT_NEAR(rty.requirement, 12000, 1e-9 * 12000);
  EXPECT_NEAR(span.requirement, 27000, 1e-9 * 27000);
}

TEST_F(SpanCredits, SpreadsFormInPriorityOrderOnTheDeltasLeft) {
  // 1. ES:RTY 1:2 at 40%: spreads = min(2 / 1, 3 / 2) = 1.5; ES keeps 0.5 delta, RTY none.
  //    ES credit 0.4 x 1.5 x 1 x 15,000 = 9,000; RTY credit 0.4 x 1.5 x 2 x 6,000 = 7,200.
  // 2. ES:NQ 1:1 at 60%: spreads = min(0.5, 1) = 0.5.
  //    ES credit 0.6 x 0.5 x 15,000 = 4,500; NQ credit 0.6 x 0.5 x 60,000 = 18,000.
  // 3. RTY:NQ 1:1 at 90%: RTY has no delta left, so nothing forms.
  // Requirements: ES 30,000 - 13,500 = 16,500; RTY 18,000 - 7,200 = 10,800;
  // NQ 60,000 - 18,000 = 42,000; total 69,300.
  config_.span.spreads = {
      {"ES", "RTY", 1, 2, 0.4}, {"ES", "NQ", 1, 1, 0.6}, {"RTY", "NQ", 1, 1, 0.9}};
  const span_account_margin span =
      span_of(market_, {future("A", es_, 2), future("A", rty_, -3), future("A", nq_, -1)}, config_);
  ASSERT_EQ(span.spreads.size(), 2u);
  EXPECT_EQ(span.spreads[0].spread, 0);
  EXPECT_NEAR(span.spreads[0].spreads, 1.5, 1e-9);
  EXPECT_EQ(span.spreads[1].spread, 1);
  EXPECT_NEAR(span.spreads[1].spreads, 0.5, 1e-9);
  EXPECT_NEAR(commodity(span, "ES").spread_credit, 13500, 1e-9 * 13500);
  EXPECT_NEAR(commodity(span, "RTY").spread_credit, 7200, 1e-9 * 7200);
  EXPECT_NEAR(commodity(span, "NQ").spread_credit, 18000, 1e-9 * 18000);
  EXPECT_NEAR(commodity(span, "NQ").requirement, 42000, 1e-9 * 42000);
  EXPECT_NEAR(span.requirement, 69300, 1e-9 * 69300);
}

TEST_F(SpanCredits, SameSignDeltasFormNoSpread) {
  config_.span.spreads.push_back({"ES", "RTY", 1, 1, 0.5});
  const span_account_margin span =
      span_of(market_, {future("A", es_, 2), future("A", rty_, 3)}, config_);
  EXPECT_TRUE(span.spreads.empty());
  EXPECT_NEAR(span.requirement, 30000 + 18000, 1e-9 * 48000);
}

TEST_F(SpanCredits, CalendarMonthsOfOneCommodityOffsetInFull) {
  // Long 1 ESZ6 at 5,000 and short 1 ESH7 at 5,060: one combined commodity, so the arrays add
  // point by point: at a move m the P&L is 50 x (5,000 - 5,060) x m, worst at the full up move,
  // 50 x 60 x 0.06 = 180; net delta 1 - 1 = 0.
  const std::int32_t esh7 = *market_.find("ESH7");
  const span_account_margin span =
      span_of(market_, {future("A", es_, 1), future("A", esh7, -1)}, config_);
  ASSERT_EQ(span.commodities.size(), 1u);
  EXPECT_EQ(span.commodities[0].class_groups.size(), 2u);
  EXPECT_NEAR(span.commodities[0].scan_risk, 180, 1e-9 * 180);
  EXPECT_NEAR(span.commodities[0].net_delta, 0, 1e-12);
}

TEST_F(SpanCredits, ShortOptionMinimumFloorsFarOutOfTheMoneyShorts) {
  // Short 3 puts struck at 3,000 on ES at 5,000, 18 days, vol 16%: worth nearly nothing at
  // every scenario, so the scan risk is far below 3 net short contracts x $100 = $300. A long
  // and a short of another series net to zero contracts; a long option counts nothing.
  const double years = 18 / 365.0;
  const span_account_margin span =
      span_of(market_,
              {future_option("A", es_, instrument_kind::future_put, 3000, years, -3, 0.16),
               future_option("A", es_, instrument_kind::future_call, 5200, years, 2, 0.16),
               future_option("A", es_, instrument_kind::future_call, 5200, years, -2, 0.16),
               future_option("A", es_, instrument_kind::future_call, 5400, years, 1, 0.16)},
              config_);
  const span_commodity_margin& es = span.commodities.at(0);
  EXPECT_EQ(es.short_option_contracts, 3.0);
  EXPECT_EQ(es.short_option_minimum, 300.0);
  EXPECT_LT(es.scan_risk, 300.0);
  EXPECT_EQ(es.requirement, 300.0);
}

TEST_F(SpanCredits, SecuritiesClassGroupsAreLeftToTims) {
  // An account with stock and a future: SPAN sees only the future's commodity.
  const std::int32_t ibm = test::add_underlying(market_, "IBM", 100, 0.25, 0);
  const span_account_margin span =
      span_of(market_, {test::stock("A", ibm, 100), future("A", es_, 1)}, config_);
  ASSERT_EQ(span.commodities.size(), 1u);
  EXPECT_EQ(span.commodities[0].name, "ES");
  EXPECT_NEAR(span.requirement, 15000, 1e-9 * 15000);
}

}  // namespace
}  // namespace pmrisk
