// build_book with futures: a future is its market row's linear series, an option on a future a
// call or put at zero cost of carry, with no TIMS minimum charge; net short option contracts
// per class group; futures kinds only on SPAN classes.

#include <gtest/gtest.h>

#include "engine/engine_fixtures.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/error.hpp"
#include "span/span_test_support.hpp"

namespace pmrisk {
namespace {

using span_test::future;
using span_test::future_option;

TEST(FuturesBook, SeriesAreStoredByPricingKind) {
  market_data market;
  const std::int32_t es = span_test::add_future(market, "ESZ6", 5000, 0.16, "ES");
  const engine_config config = span_test::span_config_for_tests(0.045);
  const portfolio_book book =
      build_book(market,
                 {future("A", es, 2), future("A", es, -1),
                  future_option("A", es, instrument_kind::future_call, 5100, 0.25, -3, 0.16),
                  future_option("A", es, instrument_kind::future_put, 4900, 0.25, 2, 0.17)},
                 config);
  ASSERT_EQ(book.series.size(), 3u);  // both futures rows share the linear series
  EXPECT_EQ(book.series.kind[0], instrument_kind::stock);
  EXPECT_EQ(book.series.kind[1], instrument_kind::call);
  EXPECT_EQ(book.series.kind[2], instrument_kind::put);
  EXPECT_EQ(book.series.div_yield[1], 0.045);  // Black-76: q = r
  EXPECT_EQ(book.series.div_yield[2], 0.045);
  EXPECT_EQ(book.position_units[0], 100.0);
  EXPECT_EQ(book.class_group_min_charge[0], 0.0);
  EXPECT_EQ(book.class_group_short_option_contracts[0], 3.0);
}

TEST(FuturesBook, ShortOptionContractsNetPerSeries) {
  market_data market;
  const std::int32_t es = span_test::add_future(market, "ESZ6", 5000, 0.16, "ES");
  const std::int32_t ibm = test::add_underlying(market, "IBM", 100, 0.25, 0);
  const engine_config config = span_test::span_config_for_tests();
  const portfolio_book book =
      build_book(market,
                 {future_option("A", es, instrument_kind::future_call, 5100, 0.25, -3, 0.16),
                  future_option("A", es, instrument_kind::future_call, 5100, 0.25, 1, 0.16),
                  future_option("A", es, instrument_kind::future_put, 4900, 0.25, -1, 0.16),
                  test::option("A", ibm, instrument_kind::put, 95, 0.25, -4, 0.3),
                  future_option("B", es, instrument_kind::future_put, 4900, 0.25, -1, 0.16)},
                 config);
  ASSERT_EQ(book.class_group_count(), 3u);                     // A: ESZ6, IBM; B: ESZ6
  EXPECT_EQ(book.class_group_short_option_contracts[0], 3.0);  // (-3 + 1) + (-1)
  EXPECT_EQ(book.class_group_short_option_contracts[1], 4.0);
  EXPECT_EQ(book.class_group_min_charge[1], 0.375 * 100 * 4);  // TIMS minimum on securities
  EXPECT_EQ(book.class_group_short_option_contracts[2], 1.0);
}

TEST(FuturesBook, FuturesKindsOnlyOnSpanClasses) {
  market_data market;
  const std::int32_t es = span_test::add_future(market, "ESZ6", 5000, 0.16, "ES");
  const std::int32_t ibm = test::add_underlying(market, "IBM", 100, 0.25, 0);
  const engine_config config = span_test::span_config_for_tests();
  EXPECT_THROW(build_book(market, {future("A", ibm, 1)}, config), input_error);
  EXPECT_THROW(build_book(market, {test::stock("A", es, 1)}, config), input_error);
}

}  // namespace
}  // namespace pmrisk
