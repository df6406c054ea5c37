// The strategy-scale knob capacity sweeps use to grow accounts: the expected positions per
// account it predicts match generated firms, its inverse recovers the scale, and every account
// holds at least floor(scale) strategies.

#include <gtest/gtest.h>

#include <cmath>

#include "synth_test_support.hpp"

namespace pmrisk::synth {
namespace {

using testing::generate_all;
using testing::small_firm_spec;

double mean_rows(const firm_model& model) {
  double rows = 0;
  for (const account_book& book : generate_all(model))
    rows += static_cast<double>(book.legs.size());
  return rows / static_cast<double>(model.spec.accounts);
}

// The count is heavy-tailed (shape 1.5, infinite variance), so a sample mean of 20,000 accounts
// wanders by a few percent; 6% holds every seed tried.
constexpr double sample_tolerance = 0.06;

TEST(StrategyScale, PredictedMeanMatchesGeneratedFirms) {
  for (double scale : {default_strategy_scale, 5.0, 20.0}) {
    firm_spec spec = small_firm_spec(20'000);
    spec.strategy_scale = scale;
    const double predicted = mean_positions_per_account(scale);
    EXPECT_NEAR(mean_rows(make_firm_model(spec)), predicted, sample_tolerance * predicted)
        << "scale " << scale;
  }
}

TEST(StrategyScale, DefaultScaleMeanIsTheSumOfTheCappedParetoTail) {
  // sum over k = 1..500 of min(1, (2/k)^1.5) = 5.3076 strategies, times the mix's 1.725 legs;
  // plus the futures: 8% of accounts, sum over k = 1..20 of k^-1.5 = 2.17068 strategies of the
  // futures mix's 1.65 legs.
  EXPECT_NEAR(mean_positions_per_account(default_strategy_scale, 0), 5.3076 * 1.725, 1e-3);
  EXPECT_NEAR(mean_positions_per_account(default_strategy_scale),
              5.3076 * 1.725 + 0.08 * 2.17068 * 1.65, 1e-3);
}

TEST(StrategyScale, InverseRecoversTheScale) {
  for (double scale : {1.0, 2.0, 3.7, 50.0, 100.0})
    EXPECT_NEAR(strategy_scale_for_positions(mean_positions_per_account(scale)), scale, 1e-9);
}

TEST(StrategyScale, InverseRejectsUnreachableSizes) {
  EXPECT_THROW(strategy_scale_for_positions(1.0), logic_error);
  EXPECT_THROW(strategy_scale_for_positions(1e6), logic_error);
}

TEST(StrategyScale, EveryAccountHoldsAtLeastTheScaleInStrategies) {
  firm_spec spec = small_firm_spec(2'000);
  spec.strategy_scale = 4.5;
  for (const account_book& book : generate_all(make_firm_model(spec)))
    EXPECT_GE(book.strategies.size(), 4u);
}

}  // namespace
}  // namespace pmrisk::synth
