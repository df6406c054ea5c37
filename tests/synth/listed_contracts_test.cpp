// Listed-style strikes and expiries: the strike step by price level, third Fridays, and the
// expiry cycle listed on an as-of date.

#include <gtest/gtest.h>

#include <set>

#include "io/calendar.hpp"
#include "pmrisk/io.hpp"
#include "synth/listed_contracts.hpp"

namespace pmrisk::synth {
namespace {

std::int32_t day_of(const char* text) {
  return parse_date(text, {"test"});
}

TEST(StrikeIncrement, StepsByPriceLevel) {
  EXPECT_EQ(strike_increment(3.10), 1.0);
  EXPECT_EQ(strike_increment(24.99), 1.0);
  EXPECT_EQ(strike_increment(25.00), 2.5);
  EXPECT_EQ(strike_increment(49.99), 2.5);
  EXPECT_EQ(strike_increment(50.00), 5.0);
  EXPECT_EQ(strike_increment(199.99), 5.0);
  EXPECT_EQ(strike_increment(200.00), 10.0);
  EXPECT_EQ(strike_increment(999.99), 10.0);
  EXPECT_EQ(strike_increment(1000.00), 25.0);
  EXPECT_EQ(strike_increment(20500.00), 25.0);
}

TEST(ThirdFriday, MatchesPublishedExpirations) {
  // 2007-04-20 is the expiry of the OCC symbol example IBM 070420C00100000 (docs/inputs.md);
  // the others are the standard monthly expirations of the Cboe calendar (third Fridays).
  EXPECT_EQ(io::format_date(third_friday(2007, 4)), "2007-04-20");
  EXPECT_EQ(io::format_date(third_friday(2026, 11)), "2026-11-20");
  EXPECT_EQ(io::format_date(third_friday(2026, 12)), "2026-12-18");
  EXPECT_EQ(io::format_date(third_friday(2027, 1)), "2027-01-15");  // January 1st is a Friday
  EXPECT_EQ(io::format_date(third_friday(2027, 10)), "2027-10-15");
  EXPECT_EQ(io::format_date(third_friday(2028, 2)), "2028-02-18");  // leap year
}

TEST(Weekday, CountsFromTheEpoch) {
  EXPECT_EQ(weekday(0), 3);                     // 1970-01-01, a Thursday
  EXPECT_EQ(weekday(day_of("2026-11-20")), 4);  // a Friday
  EXPECT_EQ(weekday(day_of("1969-12-29")), 0);  // a Monday before the epoch
}

TEST(ListedExpiries, OnAnExpirationDayListsOnlyLaterDates) {
  // 2026-11-20 is itself November's third Friday: it is not listed, December is the front.
  const std::int32_t asof = day_of("2026-11-20");
  const std::vector<listed_expiry> expiries = listed_expiries(asof);
  std::vector<std::string> dates;
  for (const listed_expiry& e : expiries) dates.push_back(e.text);
  const std::vector<std::string> expected = {"2026-12-18", "2027-01-15", "2027-02-19",  // monthlies
                                             "2027-03-19", "2027-06-18", "2027-09-17",
                                             "2027-12-17",                 // quarterlies
                                             "2028-01-21", "2029-01-19"};  // LEAPS
  EXPECT_EQ(dates, expected);
}

TEST(ListedExpiries, AreThirdFridaysAfterAsofWithConsistentYears) {
  for (const char* asof_text : {"2025-01-02", "2026-03-20", "2026-06-30", "2027-12-31"}) {
    const std::int32_t asof = day_of(asof_text);
    const std::vector<listed_expiry> expiries = listed_expiries(asof);
    ASSERT_EQ(expiries.size(), 9u) << asof_text;
    std::set<std::int32_t> distinct;
    std::size_t leaps = 0;
    for (const listed_expiry& e : expiries) {
      SCOPED_TRACE(std::string(asof_text) + " " + e.text);
      EXPECT_GT(e.day, asof);
      EXPECT_EQ(weekday(e.day), 4);
      const int day_of_month = std::stoi(e.text.substr(8, 2));
      EXPECT_GE(day_of_month, 15);
      EXPECT_LE(day_of_month, 21);
      EXPECT_EQ(e.years, static_cast<double>(e.day - asof) / 365.0);  // exact: same expression
      if (e.cycle == expiry_cycle::quarterly) EXPECT_EQ(std::stoi(e.text.substr(5, 2)) % 3, 0);
      if (e.cycle == expiry_cycle::leaps) {
        ++leaps;
        EXPECT_EQ(e.text.substr(5, 2), "01");
        EXPECT_GE(e.day - asof, 270);
      }
      distinct.insert(e.day);
    }
    EXPECT_EQ(leaps, 2u);
    EXPECT_EQ(distinct.size(), expiries.size());
    EXPECT_TRUE(std::is_sorted(
        expiries.begin(), expiries.end(),
        [](const listed_expiry& a, const listed_expiry& b) { return a.day < b.day; }));
  }
}

}  // namespace
}  // namespace pmrisk::synth
