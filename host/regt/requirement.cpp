// compute_requirements: every account's Reg-T requirement, class group by class group.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "pmrisk/error.hpp"
#include "pmrisk/regt.hpp"
#include "regt/holdings.hpp"
#include "regt/pairing.hpp"
#include "regt/rules.hpp"

namespace pmrisk::regt {
namespace {

bool holds_short_option(const class_group_holdings& group) {
  return std::any_of(group.holdings.begin(), group.holdings.end(),
                     [](const holding& h) { return !h.is_long && !h.is_stock(); });
}

underlying_terms terms_of(const class_group_holdings& group, const market_data& market,
                          const config& rates) {
  const underlying& u = market.underlyings[static_cast<std::size_t>(group.underlying)];
  underlying_terms terms;
  terms.spot = u.price;
  terms.long_stock_rate = rates.long_stock_rate;
  terms.short_stock_rate = rates.short_stock_rate;
  // Only short options are margined by asset class; other groups need no rates.
  if (!holds_short_option(group)) return terms;
  const auto found = rates.asset_classes.find(u.asset_class);
  if (found == rates.asset_classes.end()) {
    throw input_error(u.where, fmt::format("asset class '{}' of {} has no Reg-T rates: define "
                                           "[asset_class.{}] in the Reg-T config",
                                           u.asset_class, u.symbol, u.asset_class));
  }
  terms.naked = found->second;
  return terms;
}

account_requirement account_of(const std::string& id, const std::vector<std::int32_t>& rows,
                               const std::vector<position>& positions,
                               const std::vector<double>& premiums, const market_data& market,
                               const config& rates) {
  std::vector<class_group_holdings> groups = net_holdings(positions, premiums, rows);
  std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
    return market.underlyings[static_cast<std::size_t>(a.underlying)].symbol <
           market.underlyings[static_cast<std::size_t>(b.underlying)].symbol;
  });

  account_requirement account;
  account.account = id;
  for (const class_group_holdings& group : groups) {
    class_group_pairing paired = pair_class_group(group, terms_of(group, market, rates), rates);
    account.proven_optimal = account.proven_optimal && paired.proven_optimal;
    account.pairing_gap += paired.gap;
    for (strategy& s : paired.strategies) {
      account.requirement += s.requirement;
      account.premium_received += s.premium_received;
      account.strategies.push_back(std::move(s));
    }
  }
  account.regt_requirement = std::max(account.requirement - account.premium_received, 0.0);
  return account;
}

}  // namespace

std::vector<account_requirement> compute_requirements(const std::vector<position>& positions,
                                                      const std::vector<double>& premiums,
                                                      const market_data& market,
                                                      const config& rates) {
  PMRISK_EXPECTS(premiums.size() == positions.size(), "one premium per position");
  PMRISK_EXPECTS(rates.max_search_nodes >= 1 && rates.max_candidates >= 0,
                 "search limits: at least the root LP, and a candidate count >= 0");
  std::map<std::string, std::vector<std::int32_t>> rows_of;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const position& p = positions[i];
    PMRISK_EXPECTS(
        p.underlying >= 0 && static_cast<std::size_t>(p.underlying) < market.underlyings.size(),
        fmt::format("position of account '{}' names underlying {} of {}", p.account, p.underlying,
                    market.underlyings.size()));
    // Reg-T covers securities; futures are margined by SPAN and filtered out before this.
    PMRISK_EXPECTS(!is_futures_instrument(p.kind),
                   fmt::format("account '{}' holds a futures instrument, which Reg-T does not "
                               "margin",
                               p.account));
    rows_of[p.account].push_back(static_cast<std::int32_t>(i));
  }
  std::vector<account_requirement> accounts;
  accounts.reserve(rows_of.size());
  for (const auto& [id, rows] : rows_of)
    accounts.push_back(account_of(id, rows, positions, premiums, market, rates));
  return accounts;
}

}  // namespace pmrisk::regt
