#pragma once
// One synthetic account: its strategies, their legs and its equity. Account i's book depends
// only on the firm model and i, so accounts can be generated in any order or in parallel.

#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/synth.hpp"
#include "synth/firm_model.hpp"
#include "synth/futures_strategies.hpp"
#include "synth/strategies.hpp"

namespace pmrisk::synth {

/// Strategies per account: a discrete Pareto, floor(scale x U^(-1/shape)) with U uniform on
/// (0, 1], capped, and scale firm_spec::strategy_scale. P(count >= k) = (scale / k)^shape: at
/// the default scale most accounts hold two to four strategies, about 3 in 1,000 a hundred or
/// more.
inline constexpr double strategy_count_shape = 1.5;
inline constexpr std::int64_t max_strategies_per_account = 500;

/// Dollar size of one strategy: the account's scale (lognormal, median 1, sigma 0.8) times a
/// lognormal (median $25,000, sigma 0.9), clamped.
inline constexpr double account_scale_sigma = 0.8;
inline constexpr double strategy_notional_median = 25'000;
inline constexpr double strategy_notional_sigma = 0.9;
inline constexpr double min_strategy_notional = 1'000;
inline constexpr double max_strategy_notional = 25'000'000;

/// Equity = max(exposure / leverage, floor): exposure is the delta-adjusted gross notional,
/// leverage lognormal (median 2.5, sigma 0.45, within [0.5, 6.5]; portfolio margin allows up to
/// about 6.7 on a +/-15% scan), and the floor lognormal (median $175,000, sigma 0.3) since
/// portfolio-margin accounts keep $100,000 to $175,000 or more; about 3% fall below $100,000.
inline constexpr double leverage_median = 2.5;
inline constexpr double leverage_sigma = 0.45;
inline constexpr double min_leverage = 0.5;
inline constexpr double max_leverage = 6.5;
inline constexpr double equity_floor_median = 175'000;
inline constexpr double equity_floor_sigma = 0.3;
inline constexpr double exposure_rate = 0.04;  ///< for the deltas; the default config's rate

/// The most position rows one account holds: its securities and futures strategies, all at
/// their most legs.
inline constexpr std::int64_t max_positions_per_account =
    max_strategies_per_account * max_legs_per_strategy +
    max_futures_strategies * max_legs_per_futures_strategy;

struct strategy_span {
  strategy_kind kind = strategy_kind::stock_only;
  std::uint32_t first_leg = 0;
  std::uint32_t leg_count = 0;
};

struct account_book {
  std::vector<leg> legs;
  std::vector<strategy_span> strategies;
  double equity = 0;  ///< net liquidation value, whole cents
};

/// Fills `book` (reusing its storage) with account `account` of the firm, 0-based. Futures come
/// from a stream of their own, after the securities strategies, so an account without futures
/// is the same whatever the futures share.
void generate_account(const firm_model& model, std::int64_t account, account_book& book);

/// Digits in the account ids of a firm of this size, at least 7: ACC-0000001.
int account_id_digits(std::int64_t accounts);

/// "ACC-" and the 1-based account number, zero-padded to `digits`.
std::string account_id(std::int64_t account, int digits);

}  // namespace pmrisk::synth
