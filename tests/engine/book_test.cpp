// build_book: series de-duplication, ordering, units and minimum charges.

#include "pmrisk/book.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine_fixtures.hpp"

namespace pmrisk {
namespace {

using test::option;
using test::stock;

class BuildBook : public ::testing::Test {
 protected:
  BuildBook() {
    msft_ = test::add_underlying(market_, "MSFT", 415.2, 0.24, 0.008);
    aapl_ = test::add_underlying(market_, "AAPL", 228.5, 0.26, 0.0045);
  }
  market_data market_;
  std::int32_t msft_ = 0, aapl_ = 0;
  engine_config config_ = test::tims_config();
};

TEST_F(BuildBook, OrdersAccountsByIdClassGroupsBySymbolPositionsAsGiven) {
  const std::vector<position> positions = {
      stock("B-2", msft_, 10),
      option("A-1", msft_, instrument_kind::call, 420, 0.25, -1, 0.24),
      stock("A-1", aapl_, 300),
      stock("A-1", msft_, 100),
      option("A-1", aapl_, instrument_kind::put, 220, 0.25, 3, 0.27),
  };
  const portfolio_book book = build_book(market_, positions, config_);

  EXPECT_EQ(book.account_ids, (std::vector<std::string>{"A-1", "B-2"}));
  EXPECT_EQ(book.account_class_group_begin, (std::vector<std::int64_t>{0, 2, 3}));
  // AAPL before MSFT; B-2: MSFT.
  EXPECT_EQ(book.class_group_underlying, (std::vector<std::int32_t>{aapl_, msft_, msft_}));
  EXPECT_EQ(book.class_group_position_begin, (std::vector<std::int64_t>{0, 2, 4, 5}));
  // Input order inside each class group: AAPL stock then put; MSFT call then stock.
  EXPECT_EQ(book.position_units, (std::vector<double>{300, 300, -100, 100, 10}));
  const auto kind_of = [&](std::size_t p) {
    return book.series.kind[static_cast<std::size_t>(book.position_series[p])];
  };
  EXPECT_EQ(kind_of(0), instrument_kind::stock);
  EXPECT_EQ(kind_of(1), instrument_kind::put);
  EXPECT_EQ(kind_of(2), instrument_kind::call);
  EXPECT_EQ(kind_of(3), instrument_kind::stock);
  // One MSFT stock series shared by both accounts.
  EXPECT_EQ(book.position_series[3], book.position_series[4]);
  EXPECT_EQ(book.series.size(), 4u);
  EXPECT_EQ(book.position_count(), 5u);
}

TEST_F(BuildBook, SharesOneSeriesAcrossAccounts) {
  const std::vector<position> positions = {
      option("A-1", aapl_, instrument_kind::call, 230, 0.5, 2, 0.26),
      option("B-2", aapl_, instrument_kind::call, 230, 0.5, -7, 0.26),
  };
  const portfolio_book book = build_book(market_, positions, config_);
  ASSERT_EQ(book.series.size(), 1u);
  EXPECT_EQ(book.position_series, (std::vector<std::int32_t>{0, 0}));
  EXPECT_EQ(book.series.strike[0], 230);
  EXPECT_EQ(book.series.years[0], 0.5);
  EXPECT_EQ(book.series.vol[0], 0.26);
  EXPECT_EQ(book.series.div_yield[0], 0.0045);
  EXPECT_EQ(book.series.underlying[0], aapl_);
}

TEST_F(BuildBook, SeriesDifferingInAnyTermOrOneUlpOfVolStayApart) {
  const double vol = 0.26;
  const std::vector<position> positions = {
      option("A", aapl_, instrument_kind::call, 230, 0.5, 1, vol),
      option("A", aapl_, instrument_kind::call, 230, 0.5, 1, std::nextafter(vol, 1.0)),
      option("A", aapl_, instrument_kind::put, 230, 0.5, 1, vol),
      option("A", aapl_, instrument_kind::call, 230, 0.5, 1, vol, exercise_style::american),
      option("A", aapl_, instrument_kind::call, 235, 0.5, 1, vol),
      option("A", aapl_, instrument_kind::call, 230, 0.25, 1, vol),
      option("A", msft_, instrument_kind::call, 230, 0.5, 1, vol),
  };
  EXPECT_EQ(build_book(market_, positions, config_).series.size(), positions.size());
}

TEST_F(BuildBook, StockIsOneSeriesPerUnderlyingWhateverItsRowSays) {
  position odd = stock("B", aapl_, 5);
  odd.vol = 0.3;
  odd.style = exercise_style::american;
  const std::vector<position> positions = {stock("A", aapl_, 100), odd, stock("A", msft_, 1)};
  const portfolio_book book = build_book(market_, positions, config_);
  ASSERT_EQ(book.series.size(), 2u);
  EXPECT_EQ(book.series.vol[0], 0.0);
  EXPECT_EQ(book.series.strike[0], 0.0);
  EXPECT_EQ(book.series.years[0], 0.0);
}

TEST_F(BuildBook, UnitsAndMinimumChargeFollowTheMultiplier) {
  // FINRA 4210(g): $0.375 x multiplier per contract, long or short (methodology.md section 1).
  position mini = option("A", aapl_, instrument_kind::put, 220, 0.25, -4, 0.27);
  mini.multiplier = 10;
  const std::vector<position> positions = {
      stock("A", aapl_, -250),
      option("A", aapl_, instrument_kind::call, 240, 0.25, 3, 0.25),
      mini,
  };
  const portfolio_book book = build_book(market_, positions, config_);
  EXPECT_EQ(book.position_units, (std::vector<double>{-250, 300, -40}));
  ASSERT_EQ(book.class_group_min_charge.size(), 1u);
  EXPECT_DOUBLE_EQ(book.class_group_min_charge[0], 0.375 * 100 * 3 + 0.375 * 10 * 4);
}

TEST_F(BuildBook, EmptyPositionsGiveAnEmptyBook) {
  const portfolio_book book = build_book(market_, {}, config_);
  EXPECT_EQ(book.account_count(), 0u);
  EXPECT_EQ(book.account_class_group_begin, (std::vector<std::int64_t>{0}));
  EXPECT_EQ(book.class_group_position_begin, (std::vector<std::int64_t>{0}));
}

TEST_F(BuildBook, OptionWithoutVolIsAnInputErrorAtItsRow) {
  position p = option("A", aapl_, instrument_kind::call, 230, 0.5, 1, std::nan(""));
  p.where = {"positions.csv", 7, 0};
  try {
    build_book(market_, {p}, config_);
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    EXPECT_EQ(e.where().line, 7);
  }
}

}  // namespace
}  // namespace pmrisk
