#pragma once
// Listed equity index futures on the firm's broad indices: E-mini S&P 500 (ES) on SPX and E-mini
// Russell 2000 (RTY) on RUT, in the quarterly contract months (ESZ6, ESH7, ...), as market rows
// of the futures asset class configs/tims.toml and configs/span.toml ship.

#include <cstdint>
#include <string>
#include <vector>

#include "synth/listed_contracts.hpp"
#include "synth/universe.hpp"

namespace pmrisk::synth {

/// The asset class of every futures row, and its multiplier (stock_multiplier and
/// option_multiplier of configs/tims.toml): $50 per index point for ES and RTY alike.
inline constexpr const char* futures_asset_class = "equity_index_future";
inline constexpr double futures_multiplier = 50;

/// Contract months listed per commodity, nearest first.
inline constexpr std::int32_t futures_months = 3;

/// Cost of carry of the futures prices: F = S exp((r - q) T), at this rate.
inline constexpr double futures_carry_rate = 0.04;

/// One futures commodity (a SPAN combined commodity: product_group = root).
struct futures_commodity {
  std::string root;                     ///< "ES"
  double popularity = 0;                ///< weight among futures strategies
  std::vector<std::int32_t> contracts;  ///< universe members, front month first
};

/// "Z6" for December 2026: the month code (F G H J K M N Q U V X Z) and the year's last digit.
std::string contract_month_code(int year, unsigned month);

/// Appends to `underlyings` the contracts of each commodity whose index it holds, expiring on
/// the quarterly third Fridays among `expiries`, with the index's vol, skew and factor loadings.
/// Draws no random numbers: the securities rows are unchanged.
std::vector<futures_commodity> add_index_futures(universe& underlyings,
                                                 const std::vector<listed_expiry>& expiries);

}  // namespace pmrisk::synth
