#pragma once
// Positions: one row per holding, loaded from the --positions CSV.

#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/error.hpp"
#include "pmrisk/instrument.hpp"

namespace pmrisk {

struct position {
  std::string account;
  std::int32_t underlying = -1;  ///< index into market_data::underlyings
  instrument_kind kind = instrument_kind::stock;
  exercise_style style = exercise_style::european;  ///< resolved: row value or class default
  double strike = 0;                                ///< options only
  std::int32_t expiry_day = 0;                      ///< options only: days since 1970-01-01
  double years = 0;       ///< options only: (expiry - asof) calendar days / 365
  double quantity = 0;    ///< signed shares or contracts
  double multiplier = 1;  ///< resolved: row value or config default
  double vol = 0;         ///< the series' implied vol, resolved: row, solved from price,
                          ///< or the underlying's vol
  source_location where;  ///< the CSV row
};

}  // namespace pmrisk
