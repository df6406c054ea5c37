#pragma once
// The requirement fold (docs/offsets.md): one account's valued class groups, through product
// groups (partial offsets point by point) and portfolio groups, to the account's requirement,
// with the house concentration and liquidity add-ons and SPAN for the futures classes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk::engine {

/// Where each underlying's class groups sit: a product group (the market row's product_group)
/// inside a portfolio group. Resolved once per run; groups are sorted by name.
struct offset_hierarchy {
  struct product_group {
    std::string name;
    /// Configured, or 1 for a class group alone (its own symbol, also alone in its portfolio
    /// group) and for a SPAN commodity (scanned with 100% offset), so its P&L passes unchanged.
    double offset = 1;
    std::int32_t portfolio_group = -1;  ///< index into portfolio_groups; -1 for SPAN
    bool span = false;                  ///< a futures combined commodity, margined by SPAN
  };
  struct portfolio_group {
    std::string name;
    double offset = 1;  ///< configured, or 1 for a product group alone
  };
  std::vector<product_group> product_groups;
  std::vector<portfolio_group> portfolio_groups;
  std::vector<std::int32_t> product_group_of;  ///< per underlying: index into product_groups
};

/// Throws input_error at the market row of an underlying whose product_group is neither its own
/// symbol nor a configured [product_groups.NAME] (futures rows name their SPAN combined
/// commodity freely), whose product group mixes SPAN and securities classes or differs from
/// the group's other members in grid layout (points are offset by index), or whose own
/// product group takes the name of a configured portfolio group.
offset_hierarchy build_offset_hierarchy(const market_data& market, const valuation_grid& grid,
                                        const engine_config& config);

/// What every account's fold reads.
struct fold_context {
  const portfolio_book& book;
  const market_data& market;
  const valuation_grid& grid;  ///< with weight, category and scan_point_count
  const engine_config& config;
  const offset_hierarchy& hierarchy;
  bool keep_risk_arrays = false;  ///< also append product- and portfolio-group risk arrays
};

/// Folds account `account` of the book. `valued` holds the backend's value_batch results for
/// the account's class groups, row 0 being its first (book.account_class_group_begin[account]).
/// Fills those report.class_groups and report.accounts[account] (all but the Monte Carlo
/// fields), and appends the account's product and portfolio groups, so accounts must be folded
/// in order. Throws std::runtime_error naming the account, class group and point when a P&L is
/// not finite.
void fold_account(const fold_context& context, std::size_t account,
                  const class_group_outputs& valued, margin_report& report);

}  // namespace pmrisk::engine
