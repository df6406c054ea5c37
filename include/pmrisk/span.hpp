#pragma once
// CME SPAN for the futures classes of one account (docs/span.md): per combined commodity the
// scan risk over the 16 risk scenarios, inter-commodity spread credits by net delta, and the
// short option minimum.

#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/book.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk {

/// One combined commodity of an account: the class groups of its SPAN underlyings whose market
/// product_group is `name`.
struct span_commodity_margin {
  std::string name;                        ///< the market product_group
  std::vector<std::int64_t> class_groups;  ///< book class-group indices, in book order
  /// The members' weighted risk arrays added point by point (100% offset), over the scanned
  /// scenarios; money.
  std::vector<double> risk_array;
  double scan_risk = 0;             ///< max(0, -lowest risk_array entry)
  std::int32_t worst_point = 0;     ///< first scenario attaining it (0-based: scenario 1 is 0)
  double net_delta = 0;             ///< futures-equivalent contracts, signed (docs/span.md)
  double price_risk_per_delta = 0;  ///< scan_risk / |net_delta|; 0 without net delta
  double spread_credit = 0;         ///< inter-commodity credits taken off the scan risk
  double short_option_contracts = 0;
  double short_option_minimum = 0;  ///< short contracts x the class's short_option_minimum
  double requirement = 0;           ///< max(scan_risk - spread_credit, short_option_minimum)
};

/// One inter-commodity spread formed, in the configured priority order.
struct span_spread_credit {
  std::int32_t spread = 0;  ///< index into span_config::spreads
  std::int32_t first = 0;   ///< index into span_account_margin::commodities
  std::int32_t second = 0;  ///< index into span_account_margin::commodities
  double spreads = 0;       ///< spreads formed (fractional: deltas are)
  double first_credit = 0;  ///< credit_rate x spreads x first_deltas x first's price risk per delta
  double second_credit = 0;
};

struct span_account_margin {
  std::vector<span_commodity_margin> commodities;  ///< by name
  std::vector<span_spread_credit> spreads;         ///< as formed
  double requirement = 0;                          ///< sum of the commodities' requirements
};

/// The SPAN requirement of the SPAN class groups among an account's class groups
/// [class_group_begin, class_group_end). risk_arrays holds those class groups' weighted risk
/// arrays, (g - class_group_begin) x grid.stride, as value_batch writes them; class groups of
/// securities classes are skipped. Every SPAN underlying has the same 16 scenarios
/// (span_scenario_points), so the members of a commodity add point by point.
span_account_margin span_margin_of_account(const portfolio_book& book, const market_data& market,
                                           const valuation_grid& grid, const engine_config& config,
                                           std::int64_t class_group_begin,
                                           std::int64_t class_group_end, const double* risk_arrays);

}  // namespace pmrisk
