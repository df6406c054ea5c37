#pragma once
// What the SPAN tests share: a futures class configured in code, futures positions, and the
// weighted risk arrays of a book valued by the CPU backend on the engine's grid.

#include <string>
#include <vector>

#include "engine/batch_slice.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk::span_test {

inline constexpr double multiplier = 50;  ///< E-mini style: $50 x the index

/// An engine config whose class "index_future" (European, $50 multipliers) is margined by SPAN
/// with a 6% price scan, a 25% relative vol scan, extreme moves of 2 x the scan at 35%, and a
/// $100 short option minimum; plus the securities class "equity".
inline engine_config span_config_for_tests(double rate = 0.04) {
  engine_config config;
  config.rate = rate;
  config.asset_classes["equity"] = asset_class_config{};
  asset_class_config futures;
  futures.default_style = exercise_style::european;
  futures.option_multiplier = multiplier;
  futures.stock_multiplier = multiplier;
  config.asset_classes["index_future"] = futures;
  span_class_config span;
  span.price_scan = 0.06;
  span.vol_scan = 0.25;
  span.extreme_multiple = 2.0;
  span.extreme_weight = 0.35;
  span.short_option_minimum = 100;
  config.span.classes["index_future"] = span;
  return config;
}

/// A futures contract's market row: its price is the futures price; product_group names its
/// combined commodity.
inline std::int32_t add_future(market_data& market, const std::string& symbol, double price,
                               double vol, const std::string& commodity) {
  underlying u;
  u.symbol = symbol;
  u.price = price;
  u.vol = vol;
  u.asset_class = "index_future";
  u.product_group = commodity;
  const auto index = static_cast<std::int32_t>(market.underlyings.size());
  market.underlyings.push_back(u);
  market.index_by_symbol[symbol] = index;
  return index;
}

inline position future(const std::string& account, std::int32_t underlying, double contracts) {
  position p;
  p.account = account;
  p.underlying = underlying;
  p.kind = instrument_kind::future;
  p.quantity = contracts;
  p.multiplier = multiplier;
  return p;
}

inline position future_option(const std::string& account, std::int32_t underlying,
                              instrument_kind kind, double strike, double years, double contracts,
                              double vol) {
  position p = future(account, underlying, contracts);
  p.kind = kind;
  p.style = exercise_style::european;
  p.strike = strike;
  p.years = years;
  p.vol = vol;
  return p;
}

/// A book valued on the engine's grid: every class group's weighted risk array
/// (class groups x grid.stride), as the margin run hands them to the requirement fold.
struct valued_book {
  portfolio_book book;
  valuation_grid grid;
  std::vector<double> risk_arrays;

  const double* risk_array(std::size_t class_group) const {
    return risk_arrays.data() + class_group * static_cast<std::size_t>(grid.stride);
  }
};

inline valued_book value_book(const market_data& market, const std::vector<position>& positions,
                              const engine_config& config) {
  valued_book out;
  out.book = build_book(market, positions, config);
  out.grid = build_tims_grid(market, config);
  std::vector<double> spot;
  for (const underlying& u : market.underlyings) spot.push_back(u.price);
  valuation_inputs inputs;
  inputs.rate = config.rate;
  inputs.model = config.model;
  inputs.grid.underlyings = market.underlyings.size();
  inputs.grid.stride = out.grid.stride;
  inputs.grid.spot = spot.data();
  inputs.grid.point_count = out.grid.point_count.data();
  inputs.grid.spot_move = out.grid.spot_move.data();
  inputs.grid.vol_shift = out.grid.vol_shift.data();
  inputs.grid.horizon_years = out.grid.horizon_years.data();
  inputs.grid.point_weight = out.grid.weight.data();
  inputs.grid.scan_point_count = out.grid.scan_point_count.data();

  engine::batch_slicer slicer(out.book);
  const engine::batch_slice slice = slicer.slice({0, out.book.account_count()});
  const std::size_t groups = out.book.class_group_count();
  out.risk_arrays.assign(groups * static_cast<std::size_t>(out.grid.stride), 0.0);
  std::vector<double> worst_pnl(groups);
  std::vector<std::int32_t> worst_point(groups);
  make_cpu_backend(1)->value_batch(inputs, slice.view_series(), slice.view_class_groups(),
                                   {out.risk_arrays.data(), worst_pnl.data(), worst_point.data()});
  return out;
}

}  // namespace pmrisk::span_test
