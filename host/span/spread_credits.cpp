// apply_spread_credits: inter-commodity spreads formed in priority order.

#include "span/spread_credits.hpp"

#include <cmath>
#include <cstdint>
#include <optional>

namespace pmrisk::span {
namespace {

std::optional<std::int32_t> find_commodity(const std::vector<span_commodity_margin>& commodities,
                                           const std::string& name) {
  for (std::size_t i = 0; i < commodities.size(); ++i)
    if (commodities[i].name == name) return static_cast<std::int32_t>(i);
  return std::nullopt;
}

}  // namespace

std::vector<span_spread_credit> apply_spread_credits(
    const std::vector<inter_commodity_spread>& spreads,
    std::vector<span_commodity_margin>& commodities) {
  std::vector<double> remaining;  // net delta not yet used by a spread, signed
  remaining.reserve(commodities.size());
  for (const span_commodity_margin& c : commodities) remaining.push_back(c.net_delta);

  std::vector<span_spread_credit> formed;
  for (std::size_t s = 0; s < spreads.size(); ++s) {
    const inter_commodity_spread& spread = spreads[s];
    const std::optional<std::int32_t> first = find_commodity(commodities, spread.first);
    const std::optional<std::int32_t> second = find_commodity(commodities, spread.second);
    if (!first || !second) continue;
    double& first_delta = remaining[static_cast<std::size_t>(*first)];
    double& second_delta = remaining[static_cast<std::size_t>(*second)];
    if (!(first_delta * second_delta < 0)) continue;

    const double first_spreads = std::abs(first_delta) / spread.first_deltas;
    const double second_spreads = std::abs(second_delta) / spread.second_deltas;
    span_spread_credit credit;
    credit.spread = static_cast<std::int32_t>(s);
    credit.first = *first;
    credit.second = *second;
    credit.spreads = std::fmin(first_spreads, second_spreads);
    span_commodity_margin& a = commodities[static_cast<std::size_t>(*first)];
    span_commodity_margin& b = commodities[static_cast<std::size_t>(*second)];
    credit.first_credit =
        spread.credit_rate * credit.spreads * spread.first_deltas * a.price_risk_per_delta;
    credit.second_credit =
        spread.credit_rate * credit.spreads * spread.second_deltas * b.price_risk_per_delta;
    a.spread_credit += credit.first_credit;
    b.spread_credit += credit.second_credit;

    // The limiting leg is used up exactly; the other keeps what the spreads did not take.
    const auto take = [](double& delta, double used, bool limiting) {
      delta = limiting ? 0.0 : std::copysign(std::fmax(std::abs(delta) - used, 0.0), delta);
    };
    take(first_delta, credit.spreads * spread.first_deltas, first_spreads <= second_spreads);
    take(second_delta, credit.spreads * spread.second_deltas, second_spreads <= first_spreads);
    formed.push_back(credit);
  }
  return formed;
}

}  // namespace pmrisk::span
