#pragma once
// Strategy-based Reg-T initial requirement per account (Cboe Rule 10.3 and the Cboe Margin
// Manual), for comparison with portfolio margin. The legs of each underlying are paired into
// the strategies that minimise the requirement. Rules, sources and the pairing method:
// docs/regt.md; rates: configs/regt.toml.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk::regt {

/// Short-option rates of one asset class (Cboe Rule 10.3(c)(5)(A)).
struct naked_option_rates {
  double underlying_rate = 0.20;  ///< of the underlying value, less the out-of-the-money amount
  double floor_rate = 0.10;       ///< minimum: of the underlying value (calls) or strike (puts)
};

struct config {
  double long_stock_rate = 0.50;   ///< Reg T initial margin on long stock, of market value
  double short_stock_rate = 0.50;  ///< Reg T initial margin on short stock beyond the proceeds
  std::map<std::string, naked_option_rates> asset_classes;  ///< by market asset_class
  /// Branch-and-bound nodes (linear programs) per set of linked holdings before the search
  /// settles for the best pairing found; >= 1 (the root).
  std::int64_t max_search_nodes = 500;
  /// Candidate strategies searched per set of linked holdings; past it the LP's prices pick
  /// them (column generation), and the others still count in the reported bound.
  std::int64_t max_candidates = 2000;
};

/// Reads a configs/regt.toml-style file; unknown keys, wrong types and out-of-range values
/// throw pmrisk::input_error at file:line:column.
config load_config(const std::string& path);

enum class strategy_kind : std::uint8_t {
  long_stock,
  short_stock,
  long_call,
  long_put,
  naked_call,
  naked_put,
  covered_call,
  covered_put,
  protective_put,
  collar,
  debit_call_spread,
  credit_call_spread,
  debit_put_spread,
  credit_put_spread,
  short_straddle,
  short_strangle,
  long_call_butterfly,
  long_put_butterfly,
  iron_condor,
  iron_butterfly,
};

/// "covered_call", "credit_put_spread", ...
std::string_view strategy_name(strategy_kind kind);

struct strategy_leg {
  std::int32_t position = 0;  ///< index into the positions given: the contract's first row
  double quantity = 0;        ///< signed shares or contracts of it in this strategy
};

struct strategy {
  strategy_kind kind = strategy_kind::long_stock;
  std::int32_t underlying = 0;  ///< index into market_data::underlyings
  double units = 0;  ///< strategies of this kind held: contracts per option leg; shares alone
  std::vector<strategy_leg> legs;
  double requirement = 0;       ///< long premiums paid plus margin on shorts and stock
  double premium_received = 0;  ///< current value of its short options
};

struct account_requirement {
  std::string account;
  double requirement = 0;       ///< gross: sum over the strategies
  double premium_received = 0;  ///< current value of every short option
  /// requirement - premium_received, floored at 0: the convention of Cboe's PM-vs-Reg-T tables.
  double regt_requirement = 0;
  bool proven_optimal = true;  ///< false when a search limit stopped the pairing early
  /// How much lower the requirement could be at most, when not proven optimal (else 0).
  double pairing_gap = 0;
  std::vector<strategy> strategies;  ///< by underlying symbol, then as paired
};

/// Each position's current value per unit of the underlying (per share): price_series of the
/// shared pricer at the market spot and the position's vol; the spot for stock.
/// Securities only: a futures position is a logic_error (SPAN margins futures).
std::vector<double> series_premiums(const std::vector<position>& positions,
                                    const market_data& market, const engine_config& engine);

/// The Reg-T requirement of every account, sorted by account id. premiums[i] is positions[i]'s
/// value per unit of the underlying (see series_premiums). Rows of one contract with one
/// premium are netted. Throws input_error when an underlying's asset class has no rates, and
/// logic_error on a futures position (callers pass securities only).
std::vector<account_requirement> compute_requirements(const std::vector<position>& positions,
                                                      const std::vector<double>& premiums,
                                                      const market_data& market,
                                                      const config& rates);

}  // namespace pmrisk::regt
