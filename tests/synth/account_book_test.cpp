// The accounts of a 2,000-account firm: each strategy has the legs it is named for, the mix and
// the heavy tail of positions per account are there, strikes sit on the listed grid, expiries
// are listed dates after the as-of date, and popular underlyings are shared across accounts.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "synth/listed_contracts.hpp"
#include "synth/strategies.hpp"
#include "synth/vol_surface.hpp"
#include "synth_test_support.hpp"

namespace pmrisk::synth {
namespace {

using testing::generate_all;
using testing::small_firm_spec;

class SyntheticAccounts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new firm_model(make_firm_model(small_firm_spec()));
    books_ = new std::vector<account_book>(generate_all(*model_));
  }
  static void TearDownTestSuite() {
    delete books_;
    delete model_;
  }
  static const firm_model& model() { return *model_; }
  static const std::vector<account_book>& books() { return *books_; }
  static const universe_member& member(const leg& l) {
    return model().underlyings.members[static_cast<std::size_t>(l.underlying)];
  }

 private:
  static inline firm_model* model_ = nullptr;
  static inline std::vector<account_book>* books_ = nullptr;
};

bool same_chain(const leg& a, const leg& b) {
  return a.underlying == b.underlying && a.expiry == b.expiry;
}

// Checks one strategy's legs against its definition (host/synth/strategies.hpp).
void expect_shape(strategy_kind kind, const leg* legs, std::size_t count, const universe& u) {
  const auto family = [&](const leg& l) {
    return u.members[static_cast<std::size_t>(l.underlying)].family;
  };
  const auto stock = instrument_kind::stock, call = instrument_kind::call,
             put = instrument_kind::put;
  switch (kind) {
    case strategy_kind::stock_only:
      ASSERT_EQ(count, 1u);
      EXPECT_EQ(legs[0].kind, stock);
      EXPECT_NE(legs[0].quantity, 0);
      EXPECT_NE(family(legs[0]), underlying_family::broad_index);
      break;
    case strategy_kind::covered_call:
    case strategy_kind::protective_put: {
      ASSERT_EQ(count, 2u);
      const bool covered = kind == strategy_kind::covered_call;
      EXPECT_EQ(legs[0].kind, stock);
      EXPECT_NE(family(legs[0]), underlying_family::broad_index);
      EXPECT_EQ(legs[1].kind, covered ? call : put);
      EXPECT_EQ(legs[1].underlying, legs[0].underlying);
      EXPECT_EQ(legs[0].quantity, 100 * std::abs(legs[1].quantity));
      EXPECT_EQ(legs[1].quantity < 0, covered);
      break;
    }
    case strategy_kind::collar:
      ASSERT_EQ(count, 3u);
      EXPECT_EQ(legs[0].kind, stock);
      EXPECT_EQ(legs[1].kind, put);
      EXPECT_EQ(legs[2].kind, call);
      EXPECT_TRUE(same_chain(legs[1], legs[2]));
      EXPECT_LT(legs[1].strike_steps, legs[2].strike_steps);
      EXPECT_GT(legs[1].quantity, 0);
      EXPECT_EQ(legs[2].quantity, -legs[1].quantity);
      EXPECT_EQ(legs[0].quantity, 100 * legs[1].quantity);
      break;
    case strategy_kind::vertical:
      ASSERT_EQ(count, 2u);
      EXPECT_NE(legs[0].kind, stock);
      EXPECT_EQ(legs[0].kind, legs[1].kind);
      EXPECT_TRUE(same_chain(legs[0], legs[1]));
      EXPECT_NE(legs[0].strike_steps, legs[1].strike_steps);
      EXPECT_EQ(legs[0].quantity, -legs[1].quantity);
      break;
    case strategy_kind::iron_condor:
      ASSERT_EQ(count, 4u);
      EXPECT_EQ(legs[0].kind, put);
      EXPECT_EQ(legs[1].kind, put);
      EXPECT_EQ(legs[2].kind, call);
      EXPECT_EQ(legs[3].kind, call);
      for (std::size_t i = 1; i < 4; ++i) {
        EXPECT_TRUE(same_chain(legs[0], legs[i]));
        EXPECT_LT(legs[i - 1].strike_steps, legs[i].strike_steps);
      }
      EXPECT_EQ(legs[1].quantity, legs[2].quantity);   // the body
      EXPECT_EQ(legs[0].quantity, -legs[1].quantity);  // the wings
      EXPECT_EQ(legs[3].quantity, -legs[2].quantity);
      break;
    case strategy_kind::strangle:
    case strategy_kind::straddle:
      ASSERT_EQ(count, 2u);
      EXPECT_EQ(legs[0].kind, put);
      EXPECT_EQ(legs[1].kind, call);
      EXPECT_TRUE(same_chain(legs[0], legs[1]));
      EXPECT_EQ(legs[0].quantity, legs[1].quantity);
      if (kind == strategy_kind::straddle) {
        EXPECT_EQ(legs[0].strike_steps, legs[1].strike_steps);
      } else {
        EXPECT_LT(legs[0].strike_steps, legs[1].strike_steps);
      }
      break;
    case strategy_kind::index_hedge:
      ASSERT_GE(count, 1u);
      ASSERT_LE(count, 2u);
      EXPECT_EQ(family(legs[0]), underlying_family::broad_index);
      EXPECT_EQ(legs[0].kind, put);
      EXPECT_GT(legs[0].quantity, 0);
      if (count == 2) {  // a put spread: sells a lower strike
        EXPECT_TRUE(same_chain(legs[0], legs[1]));
        EXPECT_EQ(legs[1].kind, put);
        EXPECT_LT(legs[1].strike_steps, legs[0].strike_steps);
        EXPECT_EQ(legs[1].quantity, -legs[0].quantity);
      }
      break;
    case strategy_kind::single_option:
      ASSERT_EQ(count, 1u);
      EXPECT_NE(legs[0].kind, stock);
      if (legs[0].quantity < 0) EXPECT_EQ(legs[0].kind, put);  // only puts are sold naked
      break;
    case strategy_kind::future_outright:
      ASSERT_EQ(count, 1u);
      EXPECT_EQ(legs[0].kind, instrument_kind::future);
      EXPECT_NE(legs[0].quantity, 0);
      break;
    case strategy_kind::future_calendar:
    case strategy_kind::future_spread:
      ASSERT_EQ(count, 2u);
      EXPECT_EQ(legs[0].kind, instrument_kind::future);
      EXPECT_EQ(legs[1].kind, instrument_kind::future);
      EXPECT_LT(legs[0].quantity * legs[1].quantity, 0);  // one long, one short
      if (kind == strategy_kind::future_calendar) {
        EXPECT_EQ(u.members[static_cast<std::size_t>(legs[0].underlying)].product_group,
                  u.members[static_cast<std::size_t>(legs[1].underlying)].product_group);
        EXPECT_LT(legs[0].expiry, legs[1].expiry);
        EXPECT_EQ(legs[0].quantity, -legs[1].quantity);
      } else {
        EXPECT_NE(u.members[static_cast<std::size_t>(legs[0].underlying)].product_group,
                  u.members[static_cast<std::size_t>(legs[1].underlying)].product_group);
      }
      break;
    case strategy_kind::future_with_option:
      ASSERT_EQ(count, 2u);
      EXPECT_EQ(legs[0].kind, instrument_kind::future);
      EXPECT_GT(legs[0].quantity, 0);
      EXPECT_TRUE(same_chain(legs[0], legs[1]));  // an option on that contract, expiring with it
      if (legs[1].kind == instrument_kind::future_call) {
        EXPECT_EQ(legs[1].quantity, -legs[0].quantity);  // covered
      } else {
        EXPECT_EQ(legs[1].kind, instrument_kind::future_put);
        EXPECT_EQ(legs[1].quantity, legs[0].quantity);  // protective
      }
      break;
    case strategy_kind::future_strangle:
      ASSERT_EQ(count, 2u);
      EXPECT_EQ(legs[0].kind, instrument_kind::future_put);
      EXPECT_EQ(legs[1].kind, instrument_kind::future_call);
      EXPECT_TRUE(same_chain(legs[0], legs[1]));
      EXPECT_LT(legs[0].quantity, 0);
      EXPECT_EQ(legs[0].quantity, legs[1].quantity);
      EXPECT_LT(legs[0].strike_steps, legs[1].strike_steps);
      break;
  }
  if (kind >= strategy_kind::future_outright) {
    for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(family(legs[i]), underlying_family::future);
  }
}

TEST_F(SyntheticAccounts, EveryStrategyHasTheLegsOfItsKind) {
  for (std::size_t a = 0; a < books().size(); ++a) {
    const account_book& book = books()[a];
    std::uint32_t next_leg = 0;
    for (const strategy_span& s : book.strategies) {
      SCOPED_TRACE("account " + std::to_string(a) + " " + std::string(strategy_name(s.kind)));
      ASSERT_EQ(s.first_leg, next_leg);
      next_leg += s.leg_count;
      ASSERT_LE(next_leg, book.legs.size());
      expect_shape(s.kind, book.legs.data() + s.first_leg, s.leg_count, model().underlyings);
      if (::testing::Test::HasFailure()) return;  // one broken strategy says enough
    }
    EXPECT_EQ(next_leg, book.legs.size());
  }
}

TEST_F(SyntheticAccounts, StrategyMixMatchesItsWeights) {
  std::array<double, strategy_kind_count> counts{};
  double total = 0;  // securities strategies
  std::array<int, strategy_kind_count> accounts_holding{};
  for (const account_book& book : books()) {
    std::array<bool, strategy_kind_count> held{};
    for (const strategy_span& s : book.strategies) {
      ++counts[static_cast<std::size_t>(s.kind)];
      held[static_cast<std::size_t>(s.kind)] = true;
      if (static_cast<std::size_t>(s.kind) < securities_strategy_count) ++total;
    }
    for (std::size_t k = 0; k < strategy_kind_count; ++k) accounts_holding[k] += held[k];
  }
  // About 10,000 strategies are drawn independently from the mix: the rarest kind (4%) has a
  // binomial standard error of 5% of its count, so +/-20% is four of them.
  for (std::size_t k = 0; k < securities_strategy_count; ++k) {
    SCOPED_TRACE(std::string(strategy_name(static_cast<strategy_kind>(k))));
    EXPECT_GT(counts[k] / total, 0.8 * strategy_mix[k]);
    EXPECT_LT(counts[k] / total, 1.2 * strategy_mix[k]);
    EXPECT_GE(accounts_holding[k], 100);  // a mix across accounts, not a few specialists
  }
  EXPECT_GT(total, 8000);
  // Futures: about 8% of 2,000 accounts, 2.17 futures strategies each, every kind present.
  const double futures_accounts = static_cast<double>(
      std::count_if(books().begin(), books().end(), [](const account_book& book) {
        return std::any_of(book.strategies.begin(), book.strategies.end(),
                           [](const auto& s) { return s.kind >= strategy_kind::future_outright; });
      }));
  EXPECT_GT(futures_accounts, 0.5 * default_futures_share * 2000);
  EXPECT_LT(futures_accounts, 1.5 * default_futures_share * 2000);
  for (std::size_t k = securities_strategy_count; k < strategy_kind_count; ++k) {
    SCOPED_TRACE(std::string(strategy_name(static_cast<strategy_kind>(k))));
    EXPECT_GE(accounts_holding[k], 5);
  }
}

TEST_F(SyntheticAccounts, PositionsPerAccountAreHeavyTailed) {
  std::vector<std::size_t> rows;
  std::size_t total = 0;
  for (const account_book& book : books()) {
    rows.push_back(book.legs.size());
    total += book.legs.size();
    EXPECT_GE(book.strategies.size(), 2u);  // the Pareto scale
    EXPECT_LE(book.strategies.size(), static_cast<std::size_t>(max_strategies_per_account));
  }
  std::sort(rows.begin(), rows.end());
  const std::size_t n = rows.size();
  // Most accounts are small ...
  EXPECT_GE(rows[n / 2], 3u);
  EXPECT_LE(rows[n / 2], 8u);
  EXPECT_LE(rows[n * 3 / 4], 15u);
  // ... a few hold hundreds of lines (P(strategies >= 100) = (2/100)^1.5 = 0.28%) ...
  EXPECT_GE(rows.back(), 200u);
  const auto hundreds =
      std::count_if(rows.begin(), rows.end(), [](std::size_t r) { return r >= 100; });
  EXPECT_GE(hundreds, 4);
  EXPECT_LE(hundreds, 60);
  // ... and the largest 1% hold a large share of all lines (a thin tail would give about 3%).
  std::size_t top = 0;
  for (std::size_t i = n - n / 100; i < n; ++i) top += rows[i];
  EXPECT_GT(static_cast<double>(top) / static_cast<double>(total), 0.10);
}

TEST_F(SyntheticAccounts, StrikesSitOnTheListedGridAndSeriesCarryTheirSkewedVol) {
  for (const account_book& book : books()) {
    for (const leg& l : book.legs) {
      const universe_member& u = member(l);
      if (!is_option(l.kind)) {
        EXPECT_EQ(l.strike_steps, 0);
        EXPECT_EQ(l.vol, 0.0);
        continue;
      }
      const double strike = strike_of(l, model().underlyings);
      ASSERT_GE(l.strike_steps, 1);
      if (u.family == underlying_family::future) {
        EXPECT_EQ(u.strike_increment, 5.0);  // CME lists index futures options every 5 points
        EXPECT_EQ(l.expiry, u.expiry);       // quarterly options expire with their future
      } else {
        EXPECT_EQ(u.strike_increment, strike_increment(u.price));
      }
      // On the grid: an exact multiple of the increment (steps x 2.5 is exact in binary).
      EXPECT_EQ(std::fmod(strike, u.strike_increment), 0.0) << u.symbol << " " << strike;
      const double years = model().expiries[static_cast<std::size_t>(l.expiry)].years;
      EXPECT_EQ(l.vol, series_vol(u, strike, years));
      EXPECT_GE(l.vol, std::round(u.atm_vol * min_skew_factor * 1e4) / 1e4);
      EXPECT_LE(l.vol, std::round(u.atm_vol * max_skew_factor * 1e4) / 1e4);
      // Strikes near spot: within 4 standard deviations of the move to expiry, a spread's
      // width (at most 15% of spot) and two steps of the grid.
      const double sd = u.atm_vol * std::sqrt(years);
      EXPECT_LE(std::abs(strike - u.price),
                u.price * (std::exp(4 * sd) - 1 + 0.15) + 2 * u.strike_increment)
          << u.symbol << " " << strike;
    }
  }
}

TEST_F(SyntheticAccounts, SkewMakesLowStrikesDearer) {
  // For any underlying and expiry the vol falls from 20% below spot to spot, as equity skew does.
  const firm_model& m = model();
  for (std::size_t i = 0; i < m.underlyings.size(); i += 25) {
    const universe_member& u = m.underlyings.members[i];
    for (const listed_expiry& e : m.expiries) {
      EXPECT_GT(series_vol(u, 0.8 * u.price, e.years), series_vol(u, u.price, e.years))
          << u.symbol << " " << e.text;
      EXPECT_EQ(series_vol(u, u.price, e.years), u.atm_vol);
    }
  }
}

TEST_F(SyntheticAccounts, ExpiriesAreListedThirdFridaysAfterAsof) {
  std::set<std::int32_t> used;
  for (const account_book& book : books()) {
    for (const leg& l : book.legs) {
      if (l.kind == instrument_kind::stock) {
        EXPECT_EQ(l.expiry, -1);
        continue;
      }
      ASSERT_GE(l.expiry, 0);
      ASSERT_LT(static_cast<std::size_t>(l.expiry), model().expiries.size());
      const listed_expiry& e = model().expiries[static_cast<std::size_t>(l.expiry)];
      EXPECT_GT(e.day, model().spec.asof_day);
      EXPECT_EQ(weekday(e.day), 4);
      used.insert(e.day);
    }
  }
  EXPECT_EQ(used.size(), model().expiries.size());  // monthlies, quarterlies and LEAPS all used
}

TEST_F(SyntheticAccounts, PopularUnderlyingsAreSharedSoSeriesRepeat) {
  using series_key = std::tuple<std::int32_t, instrument_kind, std::int64_t, std::int32_t>;
  std::set<series_key> series;
  std::map<std::int32_t, int> accounts_per_underlying;
  std::size_t positions = 0;
  for (const account_book& book : books()) {
    std::set<std::int32_t> held;
    for (const leg& l : book.legs) {
      series.insert({l.underlying, l.kind, l.strike_steps, l.expiry});
      held.insert(l.underlying);
      ++positions;
    }
    for (std::int32_t u : held) ++accounts_per_underlying[u];
  }
  // Series repeat across accounts already in a small firm (2.5 positions per series here).
  EXPECT_LT(series.size() * 2, positions);
  // The most popular names are in many accounts (SPY, rank 1 of the Zipf law, in over 20%).
  std::vector<int> breadth;
  for (const auto& [u, count] : accounts_per_underlying) breadth.push_back(count);
  std::sort(breadth.rbegin(), breadth.rend());
  EXPECT_GT(breadth[0], 400);
  EXPECT_GT(breadth[9], 100);
  const std::int32_t spy = model().underlyings.stockable.front();
  EXPECT_EQ(model().underlyings.members[static_cast<std::size_t>(spy)].symbol, "SPY");
  EXPECT_GT(accounts_per_underlying[spy], 400);
  // ... while the long tail is still held somewhere: most of the 500 underlyings appear.
  EXPECT_GT(accounts_per_underlying.size(), 250u);
}

TEST(SyntheticFirmScale, SeriesRepeatMoreAsTheFirmGrows) {
  // Popular names and listed strikes make the distinct series grow much slower than the
  // positions: 20,000 accounts hold about 6.5 positions per series (a million accounts on
  // 10,000 underlyings about 14), so de-duplication is what keeps the valuation small.
  const firm_model model = make_firm_model(small_firm_spec(20'000));
  using series_key = std::tuple<std::int32_t, instrument_kind, std::int64_t, std::int32_t>;
  std::set<series_key> series;
  std::size_t positions = 0;
  account_book book;
  for (std::int64_t a = 0; a < model.spec.accounts; ++a) {
    generate_account(model, a, book);
    for (const leg& l : book.legs) series.insert({l.underlying, l.kind, l.strike_steps, l.expiry});
    positions += book.legs.size();
  }
  EXPECT_LT(series.size() * 5, positions);
}

TEST_F(SyntheticAccounts, EquityIsPlausibleForTheBook) {
  std::vector<double> equity;
  for (const account_book& book : books()) {
    EXPECT_GT(book.equity, 0);
    EXPECT_EQ(book.equity, std::round(book.equity * 100) / 100);  // whole cents
    equity.push_back(book.equity);
  }
  std::sort(equity.begin(), equity.end());
  const std::size_t n = equity.size();
  // Most accounts are above the $100,000 portfolio-margin minimum, with a long upper tail.
  EXPECT_LT(static_cast<double>(
                std::count_if(equity.begin(), equity.end(), [](double e) { return e < 100'000; })) /
                static_cast<double>(n),
            0.06);
  EXPECT_GT(equity[n / 2], 150'000);
  EXPECT_LT(equity[n / 2], 400'000);
  EXPECT_GT(equity[n - n / 100], 1'000'000);
}

TEST_F(SyntheticAccounts, AnAccountDependsOnlyOnSeedAndIndex) {
  // The same account from a firm of another size, and generated again, is the same.
  const firm_model bigger = make_firm_model(small_firm_spec(50'000));
  for (std::int64_t a : {0, 1, 999, 1999}) {
    account_book again;
    generate_account(bigger, a, again);
    const account_book& first = books()[static_cast<std::size_t>(a)];
    ASSERT_EQ(again.legs.size(), first.legs.size());
    for (std::size_t i = 0; i < first.legs.size(); ++i) {
      EXPECT_EQ(again.legs[i].underlying, first.legs[i].underlying);
      EXPECT_EQ(again.legs[i].strike_steps, first.legs[i].strike_steps);
      EXPECT_EQ(again.legs[i].quantity, first.legs[i].quantity);
      EXPECT_EQ(again.legs[i].vol, first.legs[i].vol);
    }
    EXPECT_EQ(again.equity, first.equity);
  }
}

TEST(AccountId, IsZeroPaddedSoTextOrderIsNumberOrder) {
  EXPECT_EQ(account_id_digits(1), 7);
  EXPECT_EQ(account_id_digits(9'999'999), 7);
  EXPECT_EQ(account_id_digits(10'000'000), 8);
  EXPECT_EQ(account_id(0, 7), "ACC-0000001");
  EXPECT_EQ(account_id(999'999, 7), "ACC-1000000");
}

}  // namespace
}  // namespace pmrisk::synth
