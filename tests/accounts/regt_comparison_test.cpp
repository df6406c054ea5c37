// compare_with_regt: the Reg-T requirement, leverage and savings beside a portfolio-margin
// report (docs/regt.md, "Against portfolio margin"). Premiums come from the shared pricer, so
// the cases hold stock (premium = spot) or read the option premium back from
// regt::series_premiums; every expected value is hand arithmetic on those. Tolerance: 1e-9
// relative.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "pmrisk/account_view.hpp"

namespace pmrisk {
namespace {

void expect_money(double actual, double expected, const char* what = "") {
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::abs(expected))) << what;
}

regt::config cboe_rates() {
  regt::config rates;
  rates.asset_classes["equity"] = {0.20, 0.10};
  return rates;
}

struct small_book {
  market_data market;
  std::vector<position> positions;
  engine_config config;

  small_book() {
    for (const char* symbol : {"XYZ", "ES"}) {
      underlying u;
      u.symbol = symbol;
      u.price = std::string(symbol) == "XYZ" ? 100 : 6000;
      u.vol = 0.3;
      u.asset_class = std::string(symbol) == "XYZ" ? "equity" : "equity_index_futures";
      u.product_group = symbol;
      market.index_by_symbol[symbol] = static_cast<std::int32_t>(market.underlyings.size());
      market.underlyings.push_back(u);
    }
  }

  void add(const std::string& account, std::int32_t u, instrument_kind kind, double quantity,
           double strike = 0, double multiplier = 1) {
    position p;
    p.account = account;
    p.underlying = u;
    p.kind = kind;
    p.quantity = quantity;
    p.multiplier = multiplier;
    p.style = exercise_style::european;
    if (is_option(kind)) {
      p.strike = strike;
      p.years = 0.25;
      p.expiry_day = 20500;
      p.vol = 0.3;
    }
    positions.push_back(p);
  }
};

account_margin pm(const std::string& id, double requirement, double span = 0) {
  account_margin a;
  a.account = id;
  a.requirement = requirement;
  a.span_requirement = span;
  return a;
}

TEST(RegtComparison, LeverageAndSavingsOfLongStock) {
  small_book book;
  book.add("A", 0, instrument_kind::stock, 1000);
  margin_report report;
  report.accounts = {pm("A", 15000)};
  compare_with_regt(report, book.market, book.positions, book.config, cboe_rates());
  ASSERT_TRUE(report.accounts[0].regt.has_value());
  const regt_comparison& c = *report.accounts[0].regt;
  // Reg T 50% x 1,000 x $100 = $50,000; leverage 50,000 / 15,000; savings 100 x 35/50 = 70%.
  expect_money(c.requirement, 50000, "regt_requirement");
  expect_money(c.pm_leverage, 50000.0 / 15000.0, "pm_leverage");
  expect_money(c.pm_savings_pct, 70, "pm_savings_pct");
  EXPECT_TRUE(c.proven_optimal);
}

TEST(RegtComparison, ShortPremiumIsCreditedOnce) {
  small_book book;
  book.add("A", 0, instrument_kind::put, -2, 95, 100);
  const std::vector<double> premium =
      regt::series_premiums(book.positions, book.market, book.config);
  margin_report report;
  report.accounts = {pm("A", 1000)};
  compare_with_regt(report, book.market, book.positions, book.config, cboe_rates());
  // Cboe 10.3(c)(5)(A), per contract: P x 100 + max(20% x 10,000 - OTM 500, 10% x 9,500)
  // = P x 100 + 1,500; less the premium received P x 100: 1,500 per contract.
  ASSERT_GT(premium[0], 0.0);
  expect_money(report.accounts[0].regt->requirement, 3000, "regt_requirement");
  expect_money(report.accounts[0].regt->pm_leverage, 3.0, "pm_leverage");
}

TEST(RegtComparison, FuturesAreLeftToSpanOnBothSides) {
  small_book book;
  book.add("A", 0, instrument_kind::stock, 100);
  book.add("A", 1, instrument_kind::future, 2, 0, 50);
  book.add("A", 1, instrument_kind::future_put, -1, 5800, 50);
  book.add("F", 1, instrument_kind::future, -3, 0, 50);
  margin_report report;
  // PM: securities 1,500 + SPAN 20,000; futures-only F: SPAN 30,000.
  report.accounts = {pm("A", 21500, 20000), pm("F", 30000, 30000)};
  compare_with_regt(report, book.market, book.positions, book.config, cboe_rates());
  // A: 50% x 100 x $100 = 5,000 on the stock, plus the same SPAN 20,000.
  expect_money(report.accounts[0].regt->requirement, 25000, "A regt_requirement");
  expect_money(report.accounts[0].regt->pm_savings_pct, 100.0 * 3500 / 25000, "A savings");
  // F holds no Reg-T security: its Reg-T side is its SPAN requirement, no savings.
  expect_money(report.accounts[1].regt->requirement, 30000, "F regt_requirement");
  expect_money(report.accounts[1].regt->pm_leverage, 1, "F leverage");
  expect_money(report.accounts[1].regt->pm_savings_pct, 0, "F savings");
}

TEST(RegtComparison, RatiosWithoutADenominatorAreZero) {
  small_book book;
  book.add("L", 0, instrument_kind::stock, 10);
  margin_report report;
  // "L": a PM requirement of 0 (nothing raised it) against Reg-T 500; "N": nothing held.
  report.accounts = {pm("L", 0), pm("N", 0)};
  compare_with_regt(report, book.market, book.positions, book.config, cboe_rates());
  expect_money(report.accounts[0].regt->requirement, 500);
  EXPECT_EQ(report.accounts[0].regt->pm_leverage, 0.0);
  expect_money(report.accounts[0].regt->pm_savings_pct, 100);
  EXPECT_EQ(report.accounts[1].regt->requirement, 0.0);
  EXPECT_EQ(report.accounts[1].regt->pm_leverage, 0.0);
  EXPECT_EQ(report.accounts[1].regt->pm_savings_pct, 0.0);
}

TEST(RegtComparison, PortfolioMarginAboveRegtSavesANegativePercentage) {
  small_book book;
  book.add("A", 0, instrument_kind::stock, 100);
  margin_report report;
  report.accounts = {pm("A", 6000)};
  compare_with_regt(report, book.market, book.positions, book.config, cboe_rates());
  // Reg-T 5,000 < PM 6,000 (a house add-on, say): savings 100 x (5,000 - 6,000) / 5,000.
  expect_money(report.accounts[0].regt->pm_leverage, 5000.0 / 6000.0);
  expect_money(report.accounts[0].regt->pm_savings_pct, -20);
}

TEST(RegtComparison, ThreadCountDoesNotChangeTheResult) {
  small_book book;
  for (int a = 0; a < 40; ++a) {
    const std::string id = "ACC-" + std::to_string(100 + a);
    book.add(id, 0, instrument_kind::stock, 100 * (a % 7 + 1));
    book.add(id, 0, instrument_kind::call, -(a % 3 + 1), 95 + a, 100);
    book.add(id, 0, instrument_kind::put, a % 5 - 2, 90 + a % 11, 100);
  }
  margin_report one;
  for (int a = 0; a < 40; ++a) one.accounts.push_back(pm("ACC-" + std::to_string(100 + a), 1000));
  margin_report many = one;
  compare_with_regt(one, book.market, book.positions, book.config, cboe_rates(), 1);
  compare_with_regt(many, book.market, book.positions, book.config, cboe_rates(), 4);
  for (std::size_t i = 0; i < one.accounts.size(); ++i) {
    EXPECT_EQ(one.accounts[i].regt->requirement, many.accounts[i].regt->requirement);
    EXPECT_GT(one.accounts[i].regt->requirement, 0.0);
  }
}

TEST(RegtComparison, MissingRatesAreAnInputError) {
  small_book book;
  book.add("A", 0, instrument_kind::call, -1, 110, 100);
  margin_report report;
  report.accounts = {pm("A", 100)};
  EXPECT_THROW(compare_with_regt(report, book.market, book.positions, book.config, {}),
               input_error);
}

}  // namespace
}  // namespace pmrisk
