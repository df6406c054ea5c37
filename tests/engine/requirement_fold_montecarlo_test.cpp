// The Monte Carlo rule on top of the folded requirement: compute_margin applies
// combined_requirement to max(TIMS, concentration) + liquidity + SPAN, and names montecarlo as
// the source when the rule changed the requirement.

#include <gtest/gtest.h>

#include <vector>

#include "engine/engine_fixtures.hpp"
#include "montecarlo/montecarlo_test_support.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk {
namespace {

// A short put: TIMS charges the -15% point, the 2-day simulation far less (its ES is smaller).
class MontecarloSource : public ::testing::Test {
 protected:
  account_margin margin_under(scenarios::requirement_rule rule, bool liquidity) {
    market_data market;
    const std::int32_t xyz = test::add_underlying(market, "XYZ", 100.0, 0.30, 0.0);
    market.underlyings[0].adv = 100;  // 1,000 units (10 contracts) over 10 a day: 10 days
    engine_config config = test::tims_config();
    config.house.liquidity.enabled = liquidity;
    scenarios::montecarlo_config mc = test::normal_config(5000, 3);
    mc.rule = rule;
    margin_options options;
    options.backend = backend_choice::cpu;
    options.threads = 1;
    options.montecarlo = test::montecarlo_for(market, mc);
    const std::vector<position> positions = {
        test::option("A", xyz, instrument_kind::put, 95, 0.25, -10, 0.3)};
    return compute_margin(market, positions, config, options).accounts[0];
  }
};

TEST_F(MontecarloSource, TheLargerTimsRequirementKeepsItsSource) {
  const account_margin a = margin_under(scenarios::requirement_rule::max_tims_es, false);
  ASSERT_GT(a.tims_requirement, a.mc.es);
  EXPECT_EQ(a.requirement, a.tims_requirement);
  EXPECT_EQ(a.source, requirement_source::grid);
}

TEST_F(MontecarloSource, TheMontecarloRuleSetsTheRequirement) {
  const account_margin a = margin_under(scenarios::requirement_rule::mc, false);
  EXPECT_EQ(a.requirement, a.mc.es);
  EXPECT_EQ(a.source, requirement_source::montecarlo);
}

TEST_F(MontecarloSource, TheRuleSeesTheLiquidityAddOn) {
  // days = 1000 / (0.10 x 100) = 100: the add-on is tims x (sqrt(100) - 1) = 9 x tims, so the
  // requirement before the rule is 10 x tims, and the tims rule keeps it.
  const account_margin a = margin_under(scenarios::requirement_rule::tims, true);
  EXPECT_DOUBLE_EQ(a.liquidity_addon, 9 * a.tims_requirement);
  EXPECT_EQ(a.requirement, a.tims_requirement + a.liquidity_addon);
  EXPECT_EQ(a.source, requirement_source::grid);
}

}  // namespace
}  // namespace pmrisk
