// The expected size of a synthetic account, and the strategy scale that gives a wanted size:
// what a capacity sweep over positions per account needs to ask the generator for.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "pmrisk/error.hpp"
#include "pmrisk/synth.hpp"
#include "synth/account_book.hpp"
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

double mean_legs_per_strategy() {
  double total_weight = 0;
  double legs = 0;
  for (std::size_t k = 0; k < strategy_kind_count; ++k) {
    total_weight += strategy_mix[k];
    legs += strategy_mix[k] * mean_legs[k];
  }
  return legs / total_weight;
}

}  // namespace

double mean_positions_per_account(double strategy_scale) {
  return mean_strategies_per_account(strategy_scale) * mean_legs_per_strategy();
}

double strategy_scale_for_positions(double positions_per_account) {
  double low = min_strategy_scale;
  double high = max_strategy_scale;
  PMRISK_EXPECTS(positions_per_account >= mean_positions_per_account(low) &&
                     positions_per_account <= mean_positions_per_account(high),
                 "positions per account within what the strategy scale can give");
  // The mean grows strictly with the scale; 60 halvings narrow [1, 100] below 1e-16.
  for (int step = 0; step < 60; ++step) {
    const double middle = (low + high) / 2;
    if (mean_positions_per_account(middle) < positions_per_account) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return (low + high) / 2;
}

}  // namespace pmrisk::synth
