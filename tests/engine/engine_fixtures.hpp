#pragma once
// Small hand-built firms for the engine tests: markets, positions and configs written in C++,
// independent of the CSV and TOML loaders.

#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk::test {

/// The regulatory grids of methodology.md section 1: equity +/-15%, high-cap broad index
/// +6%/-8%, ten points each, no vol shift, no horizon.
inline engine_config tims_config(double rate = 0.03) {
  engine_config config;
  config.rate = rate;
  config.asset_classes["equity"] = asset_class_config{};
  asset_class_config high_cap;
  high_cap.up = 0.06;
  high_cap.down = 0.08;
  config.asset_classes["broad_index_high_cap"] = high_cap;
  return config;
}

inline std::int32_t add_underlying(market_data& market, const std::string& symbol, double price,
                                   double vol, double div_yield,
                                   const std::string& asset_class = "equity") {
  underlying u;
  u.symbol = symbol;
  u.price = price;
  u.vol = vol;
  u.div_yield = div_yield;
  u.asset_class = asset_class;
  u.product_group = symbol;
  const auto index = static_cast<std::int32_t>(market.underlyings.size());
  market.underlyings.push_back(u);
  market.index_by_symbol[symbol] = index;
  return index;
}

inline position stock(const std::string& account, std::int32_t underlying, double shares) {
  position p;
  p.account = account;
  p.underlying = underlying;
  p.kind = instrument_kind::stock;
  p.quantity = shares;
  p.multiplier = 1;
  return p;
}

inline position option(const std::string& account, std::int32_t underlying, instrument_kind kind,
                       double strike, double years, double contracts, double vol,
                       exercise_style style = exercise_style::european) {
  position p;
  p.account = account;
  p.underlying = underlying;
  p.kind = kind;
  p.style = style;
  p.strike = strike;
  p.years = years;
  p.quantity = contracts;
  p.multiplier = 100;
  p.vol = vol;
  return p;
}

}  // namespace pmrisk::test
