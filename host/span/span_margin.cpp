// span_margin_of_account: SPAN over an account's futures class groups, commodity by commodity.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "pmrisk/error.hpp"
#include "pmrisk/span.hpp"
#include "pmrisk/valuation.hpp"
#include "span/composite_delta.hpp"
#include "span/spread_credits.hpp"

namespace pmrisk {
namespace {

/// The commodity's risk array (members added point by point, in book order), scan risk, net
/// delta and short option minimum.
void assess_commodity(span_commodity_margin& commodity, const portfolio_book& book,
                      const market_data& market, const valuation_grid& grid,
                      const engine_config& config, std::int64_t class_group_begin,
                      const double* risk_arrays) {
  const auto stride = static_cast<std::size_t>(grid.stride);
  const auto underlying_of = [&](std::int64_t g) {
    return static_cast<std::size_t>(book.class_group_underlying[static_cast<std::size_t>(g)]);
  };
  const int scanned = grid.scan_point_count[underlying_of(commodity.class_groups.front())];
  commodity.risk_array.assign(static_cast<std::size_t>(scanned), 0.0);
  for (const std::int64_t g : commodity.class_groups) {
    const std::size_t u = underlying_of(g);
    PMRISK_EXPECTS(grid.scan_point_count[u] == scanned,
                   fmt::format("commodity '{}': every SPAN underlying has {} scenarios",
                               commodity.name, scanned));
    const double* risk_array =
        risk_arrays + static_cast<std::size_t>(g - class_group_begin) * stride;
    for (int j = 0; j < scanned; ++j)
      commodity.risk_array[static_cast<std::size_t>(j)] += risk_array[j];

    const underlying& held = market.underlyings[u];
    const asset_class_config& cls = config.asset_classes.at(held.asset_class);
    const span_class_config& span_cls = config.span.classes.at(held.asset_class);
    commodity.net_delta += span::futures_equivalent_delta(
        risk_array, grid, static_cast<std::int32_t>(u), held.price, cls.stock_multiplier);
    const double short_contracts =
        book.class_group_short_option_contracts[static_cast<std::size_t>(g)];
    commodity.short_option_contracts += short_contracts;
    commodity.short_option_minimum += short_contracts * span_cls.short_option_minimum;
  }
  const worst_point_result worst = find_worst_point(commodity.risk_array.data(), scanned);
  commodity.scan_risk = worst.pnl < 0 ? -worst.pnl : 0.0;
  commodity.worst_point = worst.point;
  commodity.price_risk_per_delta =
      commodity.net_delta != 0 ? commodity.scan_risk / std::abs(commodity.net_delta) : 0.0;
}

}  // namespace

span_account_margin span_margin_of_account(const portfolio_book& book, const market_data& market,
                                           const valuation_grid& grid, const engine_config& config,
                                           std::int64_t class_group_begin,
                                           std::int64_t class_group_end,
                                           const double* risk_arrays) {
  PMRISK_EXPECTS(class_group_begin >= 0 && class_group_begin <= class_group_end &&
                     static_cast<std::size_t>(class_group_end) <= book.class_group_count(),
                 "class groups [begin, end) of the book");
  // Combined commodities by name; members in book order.
  std::map<std::string, std::vector<std::int64_t>> members;
  for (std::int64_t g = class_group_begin; g < class_group_end; ++g) {
    const underlying& held = market.underlyings[static_cast<std::size_t>(
        book.class_group_underlying[static_cast<std::size_t>(g)])];
    if (is_span_class(held, config)) members[held.product_group].push_back(g);
  }

  span_account_margin account;
  for (auto& [name, class_groups] : members) {
    span_commodity_margin commodity;
    commodity.name = name;
    commodity.class_groups = std::move(class_groups);
    assess_commodity(commodity, book, market, grid, config, class_group_begin, risk_arrays);
    account.commodities.push_back(std::move(commodity));
  }
  account.spreads = span::apply_spread_credits(config.span.spreads, account.commodities);
  for (span_commodity_margin& commodity : account.commodities) {
    commodity.requirement =
        std::max(commodity.scan_risk - commodity.spread_credit, commodity.short_option_minimum);
    account.requirement += commodity.requirement;
  }
  return account;
}

}  // namespace pmrisk
