#pragma once
// Loading what a run needs: the engine config (TOML), market data and positions (CSV).
// Every user error throws pmrisk::input_error naming file, line and column.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk {

/// Reads configs/tims.toml-style files; unknown asset-class keys and wrongly typed values are
/// errors.
engine_config load_engine_config(const std::string& path);

/// Parses YYYY-MM-DD into days since 1970-01-01.
std::int32_t parse_date(std::string_view text, const source_location& where);

market_data load_market(const std::string& path, const engine_config& config);

/// Resolves every row against the market and config: multipliers, styles, time to expiry,
/// and each series' vol (its own, solved from its price, or the underlying's).
std::vector<position> load_positions(const std::string& path, const market_data& market,
                                     const engine_config& config, std::int32_t asof_day);

}  // namespace pmrisk
