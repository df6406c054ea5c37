#pragma once
// Small hand-built accounts for the Reg-T tests: premiums are given per option, so every
// expected requirement can be worked out by hand from the Cboe rules (docs/regt.md).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "pmrisk/regt.hpp"

namespace pmrisk::regt::test {

/// The shipped rates of configs/regt.toml, written out: Reg T 50% stock; Cboe Rule
/// 10.3(c)(5)(A) 20% / 10% for equity and narrow-based index options, 15% / 10% broad-based.
inline config cboe_rates() {
  config rates;
  rates.long_stock_rate = 0.50;
  rates.short_stock_rate = 0.50;
  for (const char* name : {"equity", "etf", "narrow_index"})
    rates.asset_classes[name] = naked_option_rates{0.20, 0.10};
  for (const char* name : {"broad_index", "broad_index_high_cap"})
    rates.asset_classes[name] = naked_option_rates{0.15, 0.10};
  return rates;
}

/// Money held to 1e-9 relative: every expected value is a short sum of exact decimal products.
inline void expect_money(double actual, double expected, const std::string& what = "") {
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::abs(expected))) << what;
}

/// One account's positions with their premiums (value per unit of the underlying).
class account_book {
 public:
  std::int32_t add_underlying(const std::string& symbol, double spot,
                              const std::string& asset_class = "equity") {
    underlying u;
    u.symbol = symbol;
    u.price = spot;
    u.vol = 0.3;
    u.asset_class = asset_class;
    u.product_group = symbol;
    u.where = {"market.csv", static_cast<int>(market.underlyings.size()) + 2, 1};
    const auto index = static_cast<std::int32_t>(market.underlyings.size());
    market.underlyings.push_back(u);
    market.index_by_symbol[symbol] = index;
    return index;
  }

  void stock(std::int32_t underlying, double shares, const std::string& account = "ACC") {
    position p;
    p.account = account;
    p.underlying = underlying;
    p.kind = instrument_kind::stock;
    p.quantity = shares;
    positions.push_back(p);
    premiums.push_back(market.underlyings[static_cast<std::size_t>(underlying)].price);
  }

  void option(std::int32_t underlying, instrument_kind kind, double strike, double contracts,
              double premium, double years = 0.25, const std::string& account = "ACC") {
    position p;
    p.account = account;
    p.underlying = underlying;
    p.kind = kind;
    p.style = exercise_style::american;
    p.strike = strike;
    p.years = years;
    p.expiry_day = 20000 + static_cast<std::int32_t>(std::lround(years * 365));
    p.quantity = contracts;
    p.multiplier = 100;
    p.vol = 0.3;
    positions.push_back(p);
    premiums.push_back(premium);
  }

  void call(std::int32_t u, double strike, double contracts, double premium, double years = 0.25) {
    option(u, instrument_kind::call, strike, contracts, premium, years);
  }
  void put(std::int32_t u, double strike, double contracts, double premium, double years = 0.25) {
    option(u, instrument_kind::put, strike, contracts, premium, years);
  }

  /// The one account's requirement.
  account_requirement run(const config& rates = cboe_rates()) const {
    const std::vector<account_requirement> accounts =
        compute_requirements(positions, premiums, market, rates);
    EXPECT_EQ(accounts.size(), 1u);
    return accounts.empty() ? account_requirement{} : accounts.front();
  }

  market_data market;
  std::vector<position> positions;
  std::vector<double> premiums;
};

/// Units of the strategies of this kind.
inline double units_of(const account_requirement& account, strategy_kind kind) {
  double units = 0;
  for (const strategy& s : account.strategies)
    if (s.kind == kind) units += s.units;
  return units;
}

/// The three headline numbers.
inline void expect_requirement(const account_requirement& account, double gross,
                               double premium_received, double regt_requirement) {
  expect_money(account.requirement, gross, "gross requirement");
  expect_money(account.premium_received, premium_received, "premium received");
  expect_money(account.regt_requirement, regt_requirement, "regt_requirement");
  EXPECT_TRUE(account.proven_optimal);
  EXPECT_EQ(account.pairing_gap, 0);
}

}  // namespace pmrisk::regt::test
