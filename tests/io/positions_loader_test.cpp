// load_positions: resolving rows against market and config, and each way a row can be wrong.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <omp.h>

#include <cmath>

#include "io/calendar.hpp"
#include "io_test_support.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/pricing/series_pricer.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

class PositionsLoader : public ::testing::Test {
 protected:
  PositionsLoader() {
    market_ = load_market(dir_.write("market.csv",
                                     "symbol,price,vol,asset_class\n"
                                     "IBM,100,0.25,equity\n"
                                     "SPX,5000,,broad_index_high_cap\n"),
                          config_);
  }

  std::vector<position> load(std::string_view text) {
    return load_positions(dir_.write("positions.csv", text), market_, config_, asof_);
  }

  ::testing::AssertionResult fails_at(std::string_view text, int line, int column,
                                      std::string_view phrase) {
    const std::string path = dir_.write("positions.csv", text);
    return throws_input_error_at([&] { load_positions(path, market_, config_, asof_); }, path, line,
                                 column, phrase);
  }

  static std::int32_t day(int y, unsigned m, unsigned d) { return *io::civil_day(y, m, d); }

  scratch_dir dir_;
  engine_config config_ = io_test::two_class_config();
  market_data market_;
  std::int32_t asof_ = day(2026, 11, 20);
};

TEST_F(PositionsLoader, ResolvesRowsWithDefaults) {
  const std::vector<position> positions = load(
      "# the book at the close\n"
      "quantity,type,symbol,account,strike,expiry,vol,style,multiplier\n"
      "200,stock,IBM,\"Smith, J\",,,,european,\n"
      "\n"
      "-3,Call,IBM,A1,105,2026-12-18,,,\n"
      "2,put, SPX ,A1,4800.5,2027-03-19,0.18,,\n"
      "1,put,IBM,A2,95,2027-01-15,0.3,European,10\n"
      "0,call,IBM,A2,100,2026-12-18,,,\n");
  ASSERT_EQ(positions.size(), 5u);

  const position& stock = positions[0];
  EXPECT_EQ(stock.account, "Smith, J");
  EXPECT_EQ(stock.underlying, 0);
  EXPECT_EQ(stock.kind, instrument_kind::stock);
  EXPECT_EQ(stock.style, exercise_style::american);  // the row's style is ignored for stock
  EXPECT_EQ(stock.quantity, 200.0);
  EXPECT_EQ(stock.multiplier, 1.0);
  EXPECT_EQ(stock.vol, 0.0);
  EXPECT_EQ(stock.years, 0.0);
  EXPECT_EQ(stock.where.line, 3);

  const position& call = positions[1];
  EXPECT_EQ(call.kind, instrument_kind::call);
  EXPECT_EQ(call.style, exercise_style::american);  // equity's default
  EXPECT_EQ(call.strike, 105.0);
  EXPECT_EQ(call.expiry_day, day(2026, 12, 18));
  EXPECT_EQ(call.years, 28 / 365.0);  // 2026-11-20 to 2026-12-18, ACT/365
  EXPECT_EQ(call.quantity, -3.0);
  EXPECT_EQ(call.multiplier, 100.0);
  EXPECT_EQ(call.vol, 0.25);  // the underlying's vol
  EXPECT_EQ(call.where.line, 5);

  const position& index_put = positions[2];
  EXPECT_EQ(index_put.underlying, 1);
  EXPECT_EQ(index_put.style, exercise_style::european);  // broad_index_high_cap's default
  EXPECT_EQ(index_put.multiplier, 50.0);
  EXPECT_EQ(index_put.strike, 4800.5);
  EXPECT_EQ(index_put.vol, 0.18);  // the row's own vol; SPX has none

  const position& own = positions[3];
  EXPECT_EQ(own.style, exercise_style::european);
  EXPECT_EQ(own.multiplier, 10.0);
  EXPECT_EQ(own.vol, 0.3);

  EXPECT_EQ(positions[4].quantity, 0.0);  // accepted; contributes nothing
}

TEST_F(PositionsLoader, HeaderOnlyFileIsAnEmptyBook) {
  EXPECT_TRUE(load("account,symbol,type,quantity\n# no holdings today\n").empty());
}

TEST_F(PositionsLoader, OccSymbolsInBothForms) {
  const std::vector<position> positions = load(
      "account,occ_symbol,quantity,symbol,type,strike,expiry,vol\n"
      "A1,IBM   261218C00105000,-3,,,,,\n"
      "A1,IBM261218P00095500,2,,,,,\n"
      "A1,SPXW  270319P04800000,1,SPX,put,4800,2027-03-19,0.2\n"
      "A1,,100,IBM,stock,,,\n");
  ASSERT_EQ(positions.size(), 4u);
  EXPECT_EQ(positions[0].underlying, 0);
  EXPECT_EQ(positions[0].kind, instrument_kind::call);
  EXPECT_EQ(positions[0].strike, 105.0);
  EXPECT_EQ(positions[0].expiry_day, day(2026, 12, 18));
  EXPECT_EQ(positions[1].kind, instrument_kind::put);
  EXPECT_EQ(positions[1].strike, 95.5);
  // SPXW weeklies are options on SPX: the symbol column names the underlying.
  EXPECT_EQ(positions[2].underlying, 1);
  EXPECT_EQ(positions[2].strike, 4800.0);
  EXPECT_EQ(positions[2].expiry_day, day(2027, 3, 19));
  EXPECT_EQ(positions[3].kind, instrument_kind::stock);
}

TEST_F(PositionsLoader, OptionExpiringOnTheAsOfDateIsWorthIntrinsic) {
  const std::vector<position> positions =
      load("account,symbol,type,strike,expiry,quantity\nA1,IBM,call,90,2026-11-20,1\n");
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].years, 0.0);
  EXPECT_EQ(positions[0].vol, 0.25);
}

TEST_F(PositionsLoader, MissingRequiredColumns) {
  EXPECT_TRUE(
      fails_at("symbol,type,quantity\nIBM,stock,1\n", 1, 1, "missing required column 'account'"));
  EXPECT_TRUE(
      fails_at("account,symbol,type\nA1,IBM,stock\n", 1, 1, "missing required column 'quantity'"));
  EXPECT_TRUE(fails_at("# book\naccount,type,quantity\nA1,stock,1\n", 2, 1,
                       "missing required column 'symbol'"));
  EXPECT_TRUE(
      fails_at("account,symbol,quantity\nA1,IBM,1\n", 1, 1, "missing required column 'type'"));
}

TEST_F(PositionsLoader, EmptyAndUnreadableFiles) {
  EXPECT_TRUE(fails_at("", 1, 1, "file is empty"));
  const std::string missing = dir_.path("none.csv");
  EXPECT_TRUE(throws_input_error_at([&] { load_positions(missing, market_, config_, asof_); },
                                    missing, 0, 0, "cannot read file"));
}

constexpr std::string_view header = "account,symbol,type,strike,expiry,quantity,vol,price\n";

TEST_F(PositionsLoader, BadNumbers) {
  const std::string h(header);
  EXPECT_TRUE(
      fails_at(h + "A1,IBM,stock,,,1OO,,\n", 2, 16, "quantity: expected a number, got '1OO'"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,stock,,,nan,,\n", 2, 16, "quantity must be a finite number"));
  EXPECT_TRUE(
      fails_at(h + "A1,IBM,stock,,,-inf,,\n", 2, 16, "must be a finite number, got '-inf'"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,stock,,,,,\n", 2, 16, "quantity is required"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,0,2026-12-18,1,,\n", 2, 13, "strike must be > 0, got 0"));
  EXPECT_TRUE(
      fails_at(h + "A1,IBM,call,100,2026-12-18,1,-0.2,\n", 2, 30, "vol must be > 0, got -0.2"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,100,2026-12-18,1,,0\n", 2, 31, "price must be > 0, got 0"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,100,2026-12-18,1.5,,\n", 2, 28,
                       "an option quantity is a whole number of contracts, got 1.5"));
}

TEST_F(PositionsLoader, BadMultiplier) {
  EXPECT_TRUE(fails_at("account,symbol,type,quantity,multiplier\nA1,IBM,stock,1,-100\n", 2, 16,
                       "multiplier must be > 0, got -100"));
}

TEST_F(PositionsLoader, UnknownSymbol) {
  const std::string h(header);
  EXPECT_TRUE(
      fails_at(h + "A1,MSFT,stock,,,1,,\n", 2, 4, "unknown symbol 'MSFT': not in the market file"));
  EXPECT_TRUE(fails_at("account,occ_symbol,quantity\nA1,MSFT  261218C00105000,1\n", 2, 4,
                       "unknown symbol 'MSFT'"));
}

TEST_F(PositionsLoader, UnknownTypeAndStyle) {
  const std::string h(header);
  EXPECT_TRUE(fails_at(h + "A1,IBM,forward,,,1,,\n", 2, 8,
                       "unknown type 'forward' (expected stock, call, put, future, future_call "
                       "or future_put)"));
  EXPECT_TRUE(fails_at("account,symbol,type,quantity,style\nA1,IBM,stock,1,bermudan\n", 2, 16,
                       "unknown style 'bermudan' (expected american or european)"));
}

TEST_F(PositionsLoader, BadAndExpiredDates) {
  const std::string h(header);
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,100,12/18/2026,1,,\n", 2, 17, "bad date '12/18/2026'"));
  EXPECT_TRUE(
      fails_at(h + "A1,IBM,call,100,2026-02-30,1,,\n", 2, 17, "impossible date '2026-02-30'"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,100,2026-11-19,1,,\n", 2, 17,
                       "the option expired on 2026-11-19, before the as-of date 2026-11-20"));
  EXPECT_TRUE(fails_at("account,occ_symbol,quantity\nA1,IBM   261016C00105000,1\n", 2, 4,
                       "the option expired on 2026-10-16"));
}

TEST_F(PositionsLoader, OptionFieldsOnStockAndMissingOnOptions) {
  const std::string h(header);
  EXPECT_TRUE(
      fails_at(h + "A1,IBM,call,,2026-12-18,1,,\n", 2, 13, "strike is required for a call"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,put,100,,1,,\n", 2, 16, "expiry is required for a put"));
  EXPECT_TRUE(fails_at("account,symbol,type,quantity\nA1,IBM,call,1\n", 2, 0,
                       "strike is required for a call"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,stock,100,,1,,\n", 2, 14,
                       "strike applies to options only, but this row holds stock"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,stock,,,1,0.2,\n", 2, 18, "vol applies to options only"));
  EXPECT_TRUE(fails_at(h + "A1,IBM,stock,,,1,,99\n", 2, 19, "price applies to options only"));
}

TEST_F(PositionsLoader, OccSymbolErrors) {
  const std::string h = "account,occ_symbol,symbol,type,strike,expiry,quantity\n";
  EXPECT_TRUE(fails_at(h + "A1,IBM 261218C105,,,,,1\n", 2, 4, "bad OCC symbol 'IBM 261218C105'"));
  EXPECT_TRUE(fails_at(h + "A1,IBM261218C00105000,,put,,,1\n", 2, 24,
                       "type 'put' disagrees with occ_symbol 'IBM261218C00105000' (call)"));
  EXPECT_TRUE(fails_at(h + "A1,IBM261218C00105000,,,100,,1\n", 2, 25,
                       "strike '100' disagrees with occ_symbol"));
  EXPECT_TRUE(
      fails_at(h + "A1,IBM261218C00105000,,,,2026-12-19,1\n", 2, 26, "(expiry 2026-12-18)"));
  EXPECT_TRUE(
      fails_at(h + "A1,,,stock,,,1\n", 2, 5, "symbol is required when occ_symbol is empty"));
  EXPECT_TRUE(fails_at(h + "A1,,IBM,,,,1\n", 2, 9, "type is required when occ_symbol is empty"));
}

TEST_F(PositionsLoader, NoVolAnywhere) {
  const std::string h(header);
  EXPECT_TRUE(fails_at(h + "A1,SPX,put,4800,2027-03-19,1,,\n", 2, 30,
                       "no vol for this put: give vol or price in this row, or vol for SPX in"));
  EXPECT_TRUE(fails_at("account,symbol,type,strike,expiry,quantity\nA1,SPX,put,4800,2027-03-19,1\n",
                       2, 0, "no vol for this put"));
  EXPECT_TRUE(fails_at(h + "A1,SPX,put,4800,2026-11-20,1,,3\n", 2, 31,
                       "the option expires on the as-of date, so its price implies no vol"));
}

// Files over a few MiB are read as ranges on several threads; rows, their order, their line
// numbers and the first error must come out as from a single pass.
class LargePositionsFile : public PositionsLoader {
 protected:
  static constexpr int row_count = 120000;  // over 5 MiB: several 1 MiB ranges

  LargePositionsFile() : threads_(omp_get_max_threads()) { omp_set_num_threads(4); }
  ~LargePositionsFile() override { omp_set_num_threads(threads_); }

  /// Row i (1-based line i + 2, after a comment and the header) holds quantity i.
  static std::string rows(const std::vector<std::pair<int, std::string>>& replaced = {}) {
    std::string text = "# generated\naccount,symbol,type,strike,expiry,quantity\n";
    for (int i = 0; i < row_count; ++i) {
      std::string row = fmt::format("ACCOUNT-{:08},IBM,call,100,2026-12-18,{}\n", i % 977, i);
      for (const auto& [index, text_of_row] : replaced) {
        if (index == i) row = text_of_row;
      }
      text += row;
    }
    return text;
  }

  int threads_;
};

TEST_F(LargePositionsFile, ReadsRowsInFileOrder) {
  const std::vector<position> positions = load(rows());
  ASSERT_EQ(positions.size(), static_cast<std::size_t>(row_count));
  for (int i = 0; i < row_count; ++i) {
    ASSERT_EQ(positions[i].quantity, i);
    ASSERT_EQ(positions[i].where.line, i + 3);
  }
}

TEST_F(LargePositionsFile, ReportsTheFirstErrorInTheFile) {
  const int late = row_count - 10;
  EXPECT_TRUE(fails_at(rows({{late, "A1,IBM,call,100,2026-12-18,x\n"}}), late + 3, 28,
                       "quantity: expected a number, got 'x'"));
  EXPECT_TRUE(fails_at(rows({{50, "A1,XYZ,stock,,,1\n"}, {late, "A1,IBM,call,100,2026-12-18,x\n"}}),
                       53, 4, "unknown symbol 'XYZ'"));
}

// A series quoted at the price its own model gives at a known vol.
struct quoted_series {
  const char* symbol;
  const char* type;
  double strike;
  const char* expiry;
  const char* style;
  double vol;  ///< the vol that generated the price
};

class ImpliedVolFromPrice : public PositionsLoader {
 protected:
  std::string price_rows(const std::vector<quoted_series>& quotes) {
    std::string text = "account,symbol,type,strike,expiry,quantity,style,price\n";
    for (const quoted_series& q : quotes) {
      const std::size_t u = static_cast<std::size_t>(*market_.find(q.symbol));
      const auto kind =
          std::string_view(q.type) == "call" ? instrument_kind::call : instrument_kind::put;
      const auto style = std::string_view(q.style) == "european" ? exercise_style::european
                                                                 : exercise_style::american;
      const double years = (day_of(q.expiry) - asof_) / 365.0;
      const series_terms terms = make_series_terms(kind, style, q.strike, years, config_.rate,
                                                   market_.underlyings[u].div_yield, config_.model);
      text += fmt::format("A1,{},{},{},{},1,{},{:.17g}\n", q.symbol, q.type, q.strike, q.expiry,
                          q.style, price_series(terms, market_.underlyings[u].price, q.vol));
    }
    return text;
  }

  static std::int32_t day_of(std::string_view date) { return parse_date(date, {}); }
};

// The solver brackets the vol to 1e-12 (pricing/implied_vol.hpp); the prices carry 17
// significant digits, so the vol that generated each price comes back to 1e-9.
constexpr double vol_tolerance = 1e-9;

TEST_F(ImpliedVolFromPrice, RecoversTheVolThatGeneratedThePrice) {
  const std::vector<quoted_series> quotes = {
      {"IBM", "call", 105, "2026-12-18", "american", 0.31},
      {"IBM", "put", 110, "2027-06-18", "american", 0.22},  // in the money: early exercise
      {"IBM", "put", 90, "2027-01-15", "european", 0.45},
      {"SPX", "put", 4800, "2027-03-19", "european", 0.18},
  };
  const std::vector<position> positions = load(price_rows(quotes));
  ASSERT_EQ(positions.size(), quotes.size());
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    EXPECT_NEAR(positions[i].vol, quotes[i].vol, vol_tolerance) << i;
  }
}

TEST_F(ImpliedVolFromPrice, UsesTheConfiguredAmericanModel) {
  config_.model.american = american_model::binomial_tree;
  config_.model.tree_steps = 201;
  const std::vector<quoted_series> quotes = {
      {"IBM", "put", 110, "2027-06-18", "american", 0.22},
      {"IBM", "call", 95, "2027-01-15", "american", 0.35},
  };
  const std::vector<position> positions = load(price_rows(quotes));
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_NEAR(positions[0].vol, 0.22, vol_tolerance);
  EXPECT_NEAR(positions[1].vol, 0.35, vol_tolerance);
}

TEST_F(ImpliedVolFromPrice, RowsQuotingTheSameSeriesShareOneVol) {
  const std::string rows = price_rows({{"IBM", "call", 105, "2026-12-18", "american", 0.31}});
  const std::string line = rows.substr(rows.find('\n') + 1);
  const std::vector<position> positions = load(rows + line + line);
  ASSERT_EQ(positions.size(), 3u);
  EXPECT_EQ(positions[1].vol, positions[0].vol);
  EXPECT_EQ(positions[2].vol, positions[0].vol);
}

TEST_F(ImpliedVolFromPrice, ARowsOwnVolWinsOverItsPrice) {
  const std::vector<position> positions = load(
      "account,symbol,type,strike,expiry,quantity,vol,price\n"
      "A1,IBM,call,105,2026-12-18,1,0.4,2.5\n");
  EXPECT_EQ(positions[0].vol, 0.4);
}

TEST_F(ImpliedVolFromPrice, PriceOutsideTheNoArbitrageBounds) {
  const std::string h = "account,symbol,type,strike,expiry,quantity,style,price\n";
  // A call is worth at most the spot (100).
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,105,2026-12-18,1,,150\n", 2, 31,
                       "price 150 is outside the no-arbitrage bounds [0, 100] of the IBM call "
                       "strike 105"));
  // An American put is worth at least its exercise value, 150 - 100.
  EXPECT_TRUE(fails_at(h + "A1,IBM,call,100,2026-12-18,1,,1\nA1,IBM,put,150,2026-12-18,1,,40\n", 3,
                       30, "price 40 is outside the no-arbitrage bounds [50, 150]"));
}

TEST_F(ImpliedVolFromPrice, PriceNoVolReproduces) {
  // Within the bounds [0, 100], but above the European call's value at the highest vol
  // searched (about 83 here).
  EXPECT_TRUE(
      fails_at("account,symbol,type,strike,expiry,quantity,style,price\n"
               "A1,IBM,call,100,2026-12-18,1,european,95\n",
               2, 39, "no vol in [0.0001, 10] reproduces price 95 for the IBM call"));
}

TEST_F(PositionsLoader, WrongFieldCount) {
  EXPECT_TRUE(fails_at("account,symbol,type,quantity\nA1,IBM,stock\n", 2, 13,
                       "row has 3 fields but the header (line 1) has 4"));
}

}  // namespace
}  // namespace pmrisk
