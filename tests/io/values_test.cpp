// Scalar values read from inputs: decimals, dates, OCC option symbols and memory sizes.

#include <gtest/gtest.h>

#include <limits>

#include "io/byte_size.hpp"
#include "io/calendar.hpp"
#include "io/cell_values.hpp"
#include "io/occ_symbol.hpp"
#include "io_test_support.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk::io {
namespace {

using io_test::throws_input_error_at;

TEST(ParseDecimal, AcceptsPlainDecimals) {
  struct sample {
    std::string_view text;
    double value;
  };
  for (const sample& s : {sample{"1", 1.0}, sample{"-1.5", -1.5}, sample{"+2", 2.0},
                          sample{".5", 0.5}, sample{"5.", 5.0}, sample{"1e3", 1000.0},
                          sample{"2.5E-2", 0.025}, sample{"0", 0.0}, sample{"-0", 0.0}}) {
    const parsed_number number = parse_decimal(s.text);
    EXPECT_EQ(number.problem, number_problem::none) << s.text;
    EXPECT_EQ(number.value, s.value) << s.text;
  }
}

TEST(ParseDecimal, RejectsJunkHexNonFiniteAndOutOfRange) {
  for (const std::string_view text :
       {"", "abc", "1.5x", "0x10", "1 000", "1,5", "+", "+-1", "--1", "1e", "$5", "5%"}) {
    EXPECT_EQ(parse_decimal(text).problem, number_problem::not_a_number) << text;
  }
  for (const std::string_view text : {"nan", "NaN", "inf", "-inf", "infinity"}) {
    EXPECT_EQ(parse_decimal(text).problem, number_problem::not_finite) << text;
  }
  for (const std::string_view text : {"1e999", "-1e400", "1e-400"}) {
    EXPECT_EQ(parse_decimal(text).problem, number_problem::out_of_range) << text;
  }
}

TEST(ParseDate, CountsDaysSinceTheUnixEpoch) {
  const source_location where{"f.csv", 3, 9};
  EXPECT_EQ(parse_date("1970-01-01", where), 0);
  EXPECT_EQ(parse_date("2000-03-01", where), 11017);  // 30 years incl. 7 leap days + Jan, Feb
  EXPECT_EQ(parse_date("2024-02-29", where), 19782);  // a leap day
  EXPECT_EQ(parse_date("1969-12-31", where), -1);
}

TEST(ParseDate, RejectsBadAndImpossibleDates) {
  const source_location where{"f.csv", 3, 9};
  for (const std::string_view text :
       {"2026-1-05", "20260105", "2026/01/05", "26-01-05", "2026-01-05T00", " 2026-01-05", ""}) {
    EXPECT_TRUE(throws_input_error_at([&] { parse_date(text, where); }, "f.csv", 3, 9,
                                      "expected YYYY-MM-DD"))
        << text;
  }
  for (const std::string_view text :
       {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31"}) {
    EXPECT_TRUE(
        throws_input_error_at([&] { parse_date(text, where); }, "f.csv", 3, 9, "impossible date"))
        << text;
  }
}

TEST(Calendar, FormatsDaysBack) {
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(*civil_day(2026, 11, 20)), "2026-11-20");
  EXPECT_FALSE(civil_day(2026, 2, 29));
}

TEST(OccSymbol, ParsesPaddedAndUnpaddedForms) {
  std::string problem;
  // The OSI example symbol: IBM call, expiring 2007-04-20, strike 100.
  for (const std::string_view text : {"IBM   070420C00100000", "IBM070420C00100000"}) {
    const std::optional<occ_contract> c = parse_occ_symbol(text, problem);
    ASSERT_TRUE(c) << problem;
    EXPECT_EQ(c->root, "IBM");
    EXPECT_EQ(c->kind, instrument_kind::call);
    EXPECT_EQ(c->strike, 100.0);
    EXPECT_EQ(c->expiry_day, *civil_day(2007, 4, 20));
  }
  const std::optional<occ_contract> put = parse_occ_symbol("SPXW  261218P05432500", problem);
  ASSERT_TRUE(put) << problem;
  EXPECT_EQ(put->root, "SPXW");
  EXPECT_EQ(put->kind, instrument_kind::put);
  EXPECT_EQ(put->strike, 5432.5);
  EXPECT_EQ(put->expiry_day, *civil_day(2026, 12, 18));
  EXPECT_EQ(parse_occ_symbol("ABCDEF261218P00000500", problem)->strike, 0.5);
}

TEST(OccSymbol, RejectsMalformedSymbols) {
  for (const std::string_view text :
       {"IBM", "070420C00100000", "IBM   070420X00100000", "IBM   0704a0C00100000",
        "IBM   070420C0010000", "IBM   070420C001000000", "ABCDEFG070420C00100000",
        "I-M   070420C00100000", "IB M  070420C00100000"}) {
    std::string problem;
    EXPECT_FALSE(parse_occ_symbol(text, problem)) << text;
    EXPECT_EQ(problem.find("bad OCC symbol '" + std::string(text) + "'"), 0u) << problem;
  }
  std::string problem;
  EXPECT_FALSE(parse_occ_symbol("IBM   070230C00100000", problem));
  EXPECT_NE(problem.find("impossible expiry date 2007-02-30"), std::string::npos) << problem;
  EXPECT_FALSE(parse_occ_symbol("IBM   070420C00000000", problem));
  EXPECT_NE(problem.find("zero strike"), std::string::npos) << problem;
}

TEST(ByteSize, ReadsUnitsAndPlainCounts) {
  EXPECT_EQ(parse_byte_size("4GiB"), std::size_t{4} << 30);
  EXPECT_EQ(parse_byte_size("512 MiB"), std::size_t{512} << 20);
  EXPECT_EQ(parse_byte_size("1.5GB"), std::size_t{1500000000});
  EXPECT_EQ(parse_byte_size("2kib"), std::size_t{2048});
  EXPECT_EQ(parse_byte_size("1048576"), std::size_t{1048576});
  EXPECT_EQ(parse_byte_size("10B"), std::size_t{10});
}

TEST(ByteSize, RejectsZeroUnknownUnitsAndOverflow) {
  for (const std::string_view text :
       {"", "0", "0.5", "GiB", "4 GB s", "4XB", "-1GiB", "1e3", "9000000TiB"}) {
    EXPECT_FALSE(parse_byte_size(text)) << text;
  }
}

}  // namespace
}  // namespace pmrisk::io
