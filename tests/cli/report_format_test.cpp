// Number formatting and text quoting of the result writers. Expected strings are worked by
// hand from the exact binary value of each double (e.g. 1.005 is stored as
// 1.00499999999999989342, so it rounds down).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "pmrisk/error.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {
namespace {

TEST(FormatCents, PrintsExactlyTwoDecimals) {
  EXPECT_EQ(format_cents(0.0), "0.00");
  EXPECT_EQ(format_cents(37.5), "37.50");
  EXPECT_EQ(format_cents(100.0), "100.00");
  EXPECT_EQ(format_cents(1234567.891), "1234567.89");
  EXPECT_EQ(format_cents(-42.4449), "-42.44");
}

TEST(FormatCents, NeverPrintsNegativeZero) {
  EXPECT_EQ(format_cents(-0.0), "0.00");
  EXPECT_EQ(format_cents(-0.001), "0.00");
  EXPECT_EQ(format_cents(-0.004999), "0.00");
  EXPECT_EQ(format_cents(-1e-300), "0.00");
}

TEST(FormatCents, RoundsTheStoredValueNotItsDecimalSpelling) {
  EXPECT_EQ(format_cents(1.005), "1.00");  // stored below the half cent
  EXPECT_EQ(format_cents(0.005), "0.01");  // stored as 0.005000000000000000104
  EXPECT_EQ(format_cents(2.675), "2.67");  // stored as 2.67499999999999982236
}

TEST(FormatCents, BreaksExactHalfCentsAwayFromZero) {
  // Odd multiples of 1/8 are the only doubles exactly halfway between two cents.
  EXPECT_EQ(format_cents(0.125), "0.13");
  EXPECT_EQ(format_cents(-0.125), "-0.13");
  EXPECT_EQ(format_cents(2.375), "2.38");
  EXPECT_EQ(format_cents(1.625), "1.63");
  EXPECT_EQ(format_cents(-1.875), "-1.88");
  EXPECT_EQ(format_cents(1e9 + 0.125), "1000000000.13");
  EXPECT_EQ(format_cents(0.25), "0.25");
}

TEST(FormatCents, RejectsNonFiniteAmounts) {
  EXPECT_THROW(format_cents(std::numeric_limits<double>::quiet_NaN()), logic_error);
  EXPECT_THROW(format_cents(std::numeric_limits<double>::infinity()), logic_error);
  EXPECT_THROW(format_cents(-std::numeric_limits<double>::infinity()), logic_error);
}

TEST(FormatCentsGrouped, SeparatesThousands) {
  EXPECT_EQ(format_cents_grouped(0.0), "0.00");
  EXPECT_EQ(format_cents_grouped(999.994), "999.99");
  EXPECT_EQ(format_cents_grouped(999.999), "1,000.00");
  EXPECT_EQ(format_cents_grouped(123456.0), "123,456.00");
  EXPECT_EQ(format_cents_grouped(1234567.891), "1,234,567.89");
  EXPECT_EQ(format_cents_grouped(-1234.5), "-1,234.50");
  EXPECT_EQ(format_cents_grouped(-0.001), "0.00");
}

TEST(FormatCount, SeparatesThousands) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1000), "1,000");
  EXPECT_EQ(format_count(1234567), "1,234,567");
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("ACC-1001"), "ACC-1001");
  EXPECT_EQ(csv_field("-15% vol+15%"), "-15% vol+15%");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("Smith, J"), "\"Smith, J\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(JsonString, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(json_string("ACC-1001"), "\"ACC-1001\"");
  EXPECT_EQ(json_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(json_string("tab\there\nnew"), "\"tab\\there\\nnew\"");
  EXPECT_EQ(json_string(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(json_string("Zürich"), "\"Zürich\"");  // UTF-8 passes through
}

}  // namespace
}  // namespace pmrisk
