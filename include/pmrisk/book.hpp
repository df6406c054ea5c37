#pragma once
// The firm's book in the layout the backends consume: de-duplicated series, and positions
// grouped account -> class group -> position (CSR).

#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk {

/// One entry per distinct series (underlying, kind, style, strike, expiry, vol), structure of
/// arrays so both backends read it as is. Stock is a series of kind stock. Futures instruments
/// are stored by their pricing kind: a future is a series of kind stock on its market row (the
/// futures price), an option on a future a call or put with div_yield = rate (Black-76).
struct series_table {
  std::vector<instrument_kind> kind;
  std::vector<exercise_style> style;
  std::vector<double> strike;     ///< 0 for stock
  std::vector<double> years;      ///< ACT/365 time to expiry; 0 for stock
  std::vector<double> vol;        ///< annualised; 0 for stock
  std::vector<double> div_yield;  ///< the underlying's continuous yield; the rate on a future
  std::vector<std::int32_t> underlying;

  std::size_t size() const { return kind.size(); }
};

/// Accounts sorted by id; within an account, class groups sorted by symbol; within a class
/// group, positions in input order. Sums run in that order on every backend.
struct portfolio_book {
  series_table series;
  std::vector<std::string> account_ids;
  std::vector<std::int64_t> account_class_group_begin;   ///< accounts + 1 offsets
  std::vector<std::int32_t> class_group_underlying;      ///< per class group
  std::vector<std::int64_t> class_group_position_begin;  ///< class groups + 1 offsets
  std::vector<double> class_group_min_charge;  ///< sum of per-contract minimums (securities)
  /// Net short option contracts: per series and multiplier, max(0, -net contracts), summed
  /// (SPAN's short option minimum).
  std::vector<double> class_group_short_option_contracts;
  std::vector<std::int32_t> position_series;  ///< per position: index into series
  std::vector<double> position_units;         ///< quantity x multiplier

  std::size_t account_count() const { return account_ids.size(); }
  std::size_t class_group_count() const { return class_group_underlying.size(); }
  std::size_t position_count() const { return position_series.size(); }
};

/// De-duplicates series across all accounts and lays the positions out as above.
portfolio_book build_book(const market_data& market, const std::vector<position>& positions,
                          const engine_config& config);

}  // namespace pmrisk
