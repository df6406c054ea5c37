// net_holdings: an account's rows netted per underlying and contract.

#include "regt/holdings.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "pmrisk/error.hpp"

namespace pmrisk::regt {
namespace {

// Rows are one contract when every term that can change a requirement is equal.
using contract_key =
    std::tuple<std::int32_t, instrument_kind, exercise_style, double, double, double, double>;

contract_key key_of(const position& p, double premium) {
  if (!is_option(p.kind)) {
    return {p.underlying, instrument_kind::stock, exercise_style::european, 0.0, 0.0, 1.0, 0.0};
  }
  return {p.underlying, p.kind, p.style, p.strike, p.years, p.multiplier, premium};
}

struct netted {
  double quantity = 0;  ///< signed shares or contracts
  std::int32_t first_position = 0;
};

}  // namespace

std::vector<class_group_holdings> net_holdings(const std::vector<position>& positions,
                                               const std::vector<double>& premiums,
                                               std::span<const std::int32_t> rows) {
  std::map<contract_key, netted> contracts;
  std::vector<contract_key> first_seen;
  for (const std::int32_t row : rows) {
    const position& p = positions[static_cast<std::size_t>(row)];
    const double premium = premiums[static_cast<std::size_t>(row)];
    PMRISK_EXPECTS(std::isfinite(premium) && premium >= 0,
                   "a premium is a finite value >= 0 per unit of the underlying");
    const contract_key key = key_of(p, premium);
    const auto [it, inserted] = contracts.try_emplace(key, netted{0, row});
    if (inserted) first_seen.push_back(key);
    it->second.quantity += is_option(p.kind) ? p.quantity : p.quantity * p.multiplier;
  }

  std::map<std::int32_t, class_group_holdings> groups;
  for (const contract_key& key : first_seen) {
    const netted& n = contracts.at(key);
    if (n.quantity == 0) continue;
    const position& first = positions[static_cast<std::size_t>(n.first_position)];
    holding h;
    h.kind = first.kind;
    h.is_long = n.quantity > 0;
    h.quantity = std::abs(n.quantity);
    h.first_position = n.first_position;
    if (is_option(first.kind)) {
      h.style = first.style;
      h.strike = first.strike;
      h.years = first.years;
      h.multiplier = first.multiplier;
      h.premium = std::get<6>(key);
    }
    class_group_holdings& group = groups[first.underlying];
    group.underlying = first.underlying;
    group.holdings.push_back(h);
  }

  std::vector<class_group_holdings> out;
  out.reserve(groups.size());
  for (auto& [underlying, group] : groups) {
    std::stable_partition(group.holdings.begin(), group.holdings.end(),
                          [](const holding& h) { return h.is_stock(); });
    out.push_back(std::move(group));
  }
  return out;
}

}  // namespace pmrisk::regt
