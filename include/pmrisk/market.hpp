#pragma once
// Market data: one row per underlying, loaded from the --market CSV.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pmrisk/error.hpp"

namespace pmrisk {

struct underlying {
  std::string symbol;
  double price = 0;           ///< spot, > 0
  double vol = 0;             ///< annualised implied vol; NaN when every series carries its own
  double div_yield = 0;       ///< continuous
  std::string asset_class;    ///< a key of the grid config ("equity" by default)
  std::string product_group;  ///< the symbol by default
  double adv = 0;             ///< average daily volume (shares or contracts); 0 when not given
  source_location where;      ///< the CSV row, for later errors that concern this underlying
};

struct market_data {
  std::vector<underlying> underlyings;
  std::unordered_map<std::string, std::int32_t> index_by_symbol;

  std::optional<std::int32_t> find(std::string_view symbol) const {
    auto it = index_by_symbol.find(std::string(symbol));
    if (it == index_by_symbol.end()) return std::nullopt;
    return it->second;
  }
};

}  // namespace pmrisk
