#pragma once
// The futures strategies of futures accounts: outright and calendar positions, futures with
// options on them, short strangles on a future, and long-short pairs of two index futures.

#include <array>
#include <cstdint>
#include <vector>

#include "pmrisk/synth.hpp"
#include "synth/firm_model.hpp"
#include "synth/random_stream.hpp"
#include "synth/strategies.hpp"

namespace pmrisk::synth {

inline constexpr std::size_t futures_strategy_count =
    strategy_kind_count - securities_strategy_count;

/// Share of each futures strategy among a futures account's futures strategies, in enum order
/// from future_outright: outright, calendar, with option, strangle, spread. A firm without two
/// commodities (no RUT among its indices) draws no spreads.
inline constexpr std::array<double, futures_strategy_count> futures_strategy_mix = {
    0.35, 0.15, 0.20, 0.15, 0.15};

/// Legs of each futures strategy, in the same order.
inline constexpr std::array<double, futures_strategy_count> futures_mean_legs = {1, 2, 2, 2, 2};

/// Futures strategies per futures account: floor(U^(-1/1.5)), U uniform on (0, 1], capped, so
/// half hold one and the mean is sum over k = 1..20 of k^-1.5 = 2.17.
inline constexpr double futures_count_shape = 1.5;
inline constexpr std::int64_t max_futures_strategies = 20;

/// Dollar size of one futures strategy: the account's scale times a lognormal (median
/// $300,000, sigma 0.9), clamped: one ES contract is about $290,000 of index.
inline constexpr double futures_notional_median = 300'000;
inline constexpr double futures_notional_sigma = 0.9;

/// The most legs one futures strategy has.
inline constexpr std::int64_t max_legs_per_futures_strategy = 2;

/// Appends one futures strategy's legs (kind from future_outright on), about `notional` dollars
/// of index per leg, at least one contract.
void append_futures_strategy(strategy_kind kind, const firm_model& model, double notional,
                             random_stream& random, std::vector<leg>& legs);

}  // namespace pmrisk::synth
