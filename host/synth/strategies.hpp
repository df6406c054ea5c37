#pragma once
// The legs of each strategy an account holds, on listed strikes and expiries.

#include <array>
#include <cstdint>
#include <vector>

#include "pmrisk/instrument.hpp"
#include "pmrisk/synth.hpp"
#include "synth/firm_model.hpp"
#include "synth/random_stream.hpp"

namespace pmrisk::synth {

/// Share of each strategy_kind among the strategies accounts hold, in enum order: stock only,
/// covered call, protective put, collar, vertical, iron condor, strangle, straddle, index
/// hedge, single option. Futures strategies have their own mix (synth/futures_strategies.hpp).
inline constexpr std::array<double, securities_strategy_count> strategy_mix = {
    0.28, 0.12, 0.06, 0.04, 0.14, 0.07, 0.06, 0.04, 0.05, 0.14};

/// Legs each strategy_kind writes on average, in enum order (host/synth/strategies.cpp): an
/// index hedge is one put, or two in the three of ten financed by a lower strike.
inline constexpr std::array<double, securities_strategy_count> mean_legs = {1, 2, 2, 3,   2,
                                                                            4, 2, 2, 1.3, 1};

/// Units of the underlying per contract: the listed equity and index option, which is also the
/// option_multiplier of every asset class in configs/tims.toml.
inline constexpr double contract_multiplier = 100;

/// The most legs one strategy has (the iron condor's four).
inline constexpr std::int64_t max_legs_per_strategy = 4;

/// One row of the positions file.
struct leg {
  std::int32_t underlying = 0;  ///< index into universe::members
  instrument_kind kind = instrument_kind::stock;
  std::int64_t strike_steps = 0;  ///< strike = steps x the underlying's strike_increment; 0: linear
  std::int32_t expiry = -1;       ///< index into firm_model::expiries; -1: stock
  std::int64_t quantity = 0;      ///< signed shares or contracts
  double vol = 0;                 ///< the series' implied vol; 0 for stock
};

double strike_of(const leg& position, const universe& underlyings);

/// Units of the underlying per contract or share: 100 for listed options, 50 for index
/// futures and options on them, 1 for stock.
double multiplier_of(const leg& position);

/// Appends one strategy's legs, sized to about `notional` dollars of underlying (at least one
/// contract or share). Stock-bearing strategies use stocks and ETFs; index hedges use broad
/// indices; the option strategies use either, by universe::index_option_share.
void append_strategy(strategy_kind kind, const firm_model& model, double notional,
                     random_stream& random, std::vector<leg>& legs);

}  // namespace pmrisk::synth
