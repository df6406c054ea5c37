// load_positions with futures: future, future_call and future_put rows on a SPAN class, their
// defaults, Black-76 implied vols, and each way a futures row can be wrong.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>

#include "io/calendar.hpp"
#include "io_test_support.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/pricing/black76.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

constexpr std::string_view header = "account,symbol,type,strike,expiry,quantity,vol,price\n";

/// The io tests' two securities classes plus index_future ($50 futures and options, European),
/// which the SPAN configuration lists.
engine_config futures_config() {
  engine_config config = io_test::two_class_config();
  asset_class_config futures;
  futures.default_style = exercise_style::european;
  futures.option_multiplier = 50;
  futures.stock_multiplier = 50;
  config.asset_classes["index_future"] = futures;
  span_class_config span;
  span.price_scan = 0.07;
  span.vol_scan = 0.25;
  config.span.classes["index_future"] = span;
  return config;
}

class FuturesPositions : public ::testing::Test {
 protected:
  FuturesPositions() {
    market_ = load_market(dir_.write("market.csv",
                                     "symbol,price,vol,asset_class,product_group\n"
                                     "IBM,100,0.25,equity,IBM\n"
                                     "ESZ6,5930.25,0.16,index_future,ES\n"),
                          config_);
  }

  std::vector<position> load(const std::string& text) {
    return load_positions(dir_.write("positions.csv", text), market_, config_, asof_);
  }

  ::testing::AssertionResult fails_at(const std::string& text, int line, int column,
                                      std::string_view phrase) {
    const std::string path = dir_.write("positions.csv", text);
    return throws_input_error_at([&] { load_positions(path, market_, config_, asof_); }, path, line,
                                 column, phrase);
  }

  scratch_dir dir_;
  engine_config config_ = futures_config();
  market_data market_;
  std::int32_t asof_ = *io::civil_day(2026, 11, 20);
};

TEST_F(FuturesPositions, ResolvesFuturesAndOptionsOnThem) {
  const std::vector<position> positions = load(std::string(header) +
                                               "A1,ESZ6,future,,2026-12-18,3,,\n"
                                               "A1,ESZ6,Future_Call,6100,2026-12-18,-2,0.15,\n"
                                               "A1,ESZ6,future_put,5700,2026-12-18,1,,\n");
  ASSERT_EQ(positions.size(), 3u);
  const position& future = positions[0];
  EXPECT_EQ(future.kind, instrument_kind::future);
  EXPECT_EQ(future.multiplier, 50.0);  // the class's stock_multiplier
  EXPECT_EQ(future.expiry_day, *io::civil_day(2026, 12, 18));
  EXPECT_EQ(future.years, 0.0);  // linear: valued at the market row's price
  EXPECT_EQ(future.vol, 0.0);

  const position& call = positions[1];
  EXPECT_EQ(call.kind, instrument_kind::future_call);
  EXPECT_EQ(call.multiplier, 50.0);  // the class's option_multiplier
  EXPECT_EQ(call.style, exercise_style::european);
  EXPECT_EQ(call.years, 28 / 365.0);
  EXPECT_EQ(call.vol, 0.15);
  EXPECT_EQ(positions[2].kind, instrument_kind::future_put);
  EXPECT_EQ(positions[2].vol, 0.16);  // the market row's
}

TEST_F(FuturesPositions, ImpliedVolFromPriceIsBlack76) {
  // The price of a put on the future at vol 18% by Black-76 (17 significant digits) must give
  // back 18% to the solver's 1e-9 (pricing/implied_vol.hpp brackets to 1e-12).
  const double years = 28 / 365.0;
  const double price =
      black76_price(instrument_kind::future_put, 5930.25, 5700, years, config_.rate, 0.18);
  const std::vector<position> positions = load(
      std::string(header) + fmt::format("A1,ESZ6,future_put,5700,2026-12-18,1,,{:.17g}\n", price));
  EXPECT_NEAR(positions[0].vol, 0.18, 1e-9);
}

TEST_F(FuturesPositions, FuturesTypesNeedASpanClass) {
  const std::string h(header);
  EXPECT_TRUE(fails_at(h + "A1,IBM,future,,2026-12-18,1,,\n", 2, 8,
                       "a future needs a futures asset class, but IBM is in 'equity', which the "
                       "SPAN configuration does not list"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,future_call,100,2026-12-18,1,,\n", 2, 8,
                       "a future_call needs a futures asset class"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,call,6000,2026-12-18,1,,\n", 2, 9,
                       "ESZ6 is in the futures asset class 'index_future' (margined by SPAN): "
                       "hold it as future, future_call or future_put, not call"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,stock,,,1,,\n", 2, 9, "not stock"));
  // An OCC symbol names an equity option; on a futures row the OCC symbol takes the blame.
  EXPECT_TRUE(fails_at("account,occ_symbol,symbol,quantity\nA1,ESZ6  261218C06000000,ESZ6,1\n", 2,
                       4, "hold it as future, future_call or future_put, not call"));
}

TEST_F(FuturesPositions, FuturesRowErrors) {
  const std::string h(header);
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future,,,1,,\n", 2, 17, "expiry is required for a future"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future,,2026-11-19,1,,\n", 2, 17,
                       "the future expired on 2026-11-19, before the as-of date 2026-11-20"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future,6000,2026-12-18,1,,\n", 2, 16,
                       "strike applies to options only, but this row holds a future"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future,,2026-12-18,1.5,,\n", 2, 28,
                       "a future quantity is a whole number of contracts, got 1.5"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future,,2026-12-18,1,0.2,\n", 2, 30,
                       "vol applies to options only; a future is valued at the market price"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future_call,,2026-12-18,1,,\n", 2, 21,
                       "strike is required for a future_call"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future_put,5700,2026-11-19,1,,\n", 2, 25,
                       "the option expired on 2026-11-19"));
  EXPECT_TRUE(fails_at(h + "A1,ESZ6,future_call,6000,2026-12-18,1,,9000\n", 2, 40,
                       "price 9000 is outside the no-arbitrage bounds"));
}

}  // namespace
}  // namespace pmrisk
