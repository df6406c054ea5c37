#include "synth/firm_model.hpp"

#include <array>

#include "pmrisk/error.hpp"
#include "synth/futures_strategies.hpp"
#include "synth/strategies.hpp"

namespace pmrisk::synth {
namespace {

// Weights of the listed expiries by cycle and by order within the cycle (nearest first).
struct tenor_weights {
  std::array<double, 3> monthly;
  std::array<double, 4> quarterly;
  std::array<double, 2> leaps;
};
constexpr tenor_weights near_weights{{0.34, 0.22, 0.13}, {0.08, 0.06, 0.04, 0.03}, {0.06, 0.04}};
constexpr tenor_weights far_weights{{0.06, 0.08, 0.10}, {0.16, 0.14, 0.12, 0.10}, {0.14, 0.10}};

weighted_choice expiry_choice(const std::vector<listed_expiry>& expiries,
                              const tenor_weights& table) {
  std::array<std::size_t, 3> seen{};
  std::vector<double> weights;
  for (const listed_expiry& expiry : expiries) {
    const std::size_t nth = seen[static_cast<std::size_t>(expiry.cycle)]++;
    switch (expiry.cycle) {
      case expiry_cycle::monthly:
        weights.push_back(table.monthly.at(nth));
        break;
      case expiry_cycle::quarterly:
        weights.push_back(table.quarterly.at(nth));
        break;
      case expiry_cycle::leaps:
        weights.push_back(table.leaps.at(nth));
        break;
    }
  }
  return weighted_choice(weights);
}

}  // namespace

firm_model make_firm_model(const firm_spec& spec) {
  PMRISK_EXPECTS(spec.accounts >= 1, "at least one account");
  PMRISK_EXPECTS(
      spec.strategy_scale >= min_strategy_scale && spec.strategy_scale <= max_strategy_scale,
      "a strategy scale within the documented bounds");
  PMRISK_EXPECTS(spec.futures_share >= 0 && spec.futures_share <= 1,
                 "a futures share within [0, 1]");
  firm_model model;
  model.spec = spec;
  model.underlyings = build_universe(spec.underlyings, spec.seed);
  model.expiries = listed_expiries(spec.asof_day);
  model.near_expiry = expiry_choice(model.expiries, near_weights);
  model.far_expiry = expiry_choice(model.expiries, far_weights);
  model.strategy_mix =
      weighted_choice(std::vector<double>(strategy_mix.begin(), strategy_mix.end()));
  if (spec.futures_share > 0) {
    model.futures = add_index_futures(model.underlyings, model.expiries);
    std::vector<double> popularity;
    for (const futures_commodity& commodity : model.futures)
      popularity.push_back(commodity.popularity);
    model.futures_commodity_choice = weighted_choice(popularity);
    std::vector<double> mix(futures_strategy_mix.begin(), futures_strategy_mix.end());
    if (model.futures.size() < 2) {  // a spread needs two commodities
      mix[static_cast<std::size_t>(strategy_kind::future_spread) - securities_strategy_count] = 0;
    }
    model.futures_mix = weighted_choice(mix);
  }
  return model;
}

}  // namespace pmrisk::synth
