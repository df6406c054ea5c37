// The expected size of a synthetic account, and the strategy scale that gives a wanted size:
// what a capacity sweep over positions per account needs to ask the generator for.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "pmrisk/error.hpp"
#include "pmrisk/synth.hpp"
#include "synth/account_book.hpp"
#include "synth/futures_strategies.hpp"
#include "synth/strategies.hpp"

namespace pmrisk::synth {
namespace {

// E[min(floor(X), cap)] = sum over k = 1 .. cap of P(X >= k), with P(X >= k) = min(1,
// (scale / k)^shape) for the Pareto X = scale x U^(-1/shape).
double mean_strategies_per_account(double strategy_scale) {
  double mean = 0;
  for (std::int64_t k = 1; k <= max_strategies_per_account; ++k)
    mean += std::min(1.0, std::pow(strategy_scale / static_cast<double>(k), strategy_count_shape));
  return mean;
}

template <std::size_t N>
double mean_legs_per_strategy(const std::array<double, N>& mix, const std::array<double, N>& legs) {
  double total_weight = 0;
  double total_legs = 0;
  for (std::size_t k = 0; k < N; ++k) {
    total_weight += mix[k];
    total_legs += mix[k] * legs[k];
  }
  return total_legs / total_weight;
}

// A futures account's expected futures rows: E[min(floor(U^(-1/shape)), cap)] strategies of
// the futures mix's mean legs. Firms with a single commodity draw no spreads; the estimate
// keeps the full mix.
double mean_futures_positions() {
  double strategies = 0;
  for (std::int64_t k = 1; k <= max_futures_strategies; ++k)
    strategies += std::pow(static_cast<double>(k), -futures_count_shape);
  return strategies * mean_legs_per_strategy(futures_strategy_mix, futures_mean_legs);
}

}  // namespace

double mean_positions_per_account(double strategy_scale, double futures_share) {
  return mean_strategies_per_account(strategy_scale) *
             mean_legs_per_strategy(strategy_mix, mean_legs) +
         futures_share * mean_futures_positions();
}

double strategy_scale_for_positions(double positions_per_account, double futures_share) {
  double low = min_strategy_scale;
  double high = max_strategy_scale;
  PMRISK_EXPECTS(positions_per_account >= mean_positions_per_account(low, futures_share) &&
                     positions_per_account <= mean_positions_per_account(high, futures_share),
                 "positions per account within what the strategy scale can give");
  // The mean grows strictly with the scale; 60 halvings narrow [1, 100] below 1e-16.
  for (int step = 0; step < 60; ++step) {
    const double middle = (low + high) / 2;
    if (mean_positions_per_account(middle, futures_share) < positions_per_account) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return (low + high) / 2;
}

}  // namespace pmrisk::synth
