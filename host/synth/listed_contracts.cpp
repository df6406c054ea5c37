#include "synth/listed_contracts.hpp"

#include <algorithm>
#include <chrono>

#include "io/calendar.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::synth {
namespace {

constexpr int friday = 4;
constexpr std::int32_t monthly_count = 3;
constexpr std::int32_t quarterly_count = 4;
constexpr std::int32_t leaps_count = 2;
constexpr std::int32_t leaps_min_days = 270;  // a LEAPS is listed some nine months or more out

struct month_cursor {
  int year = 0;
  unsigned month = 0;  ///< 1..12
  void advance() {
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
};

month_cursor month_of(std::int32_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  return {static_cast<int>(date.year()), static_cast<unsigned>(date.month())};
}

}  // namespace

double strike_increment(double spot) {
  if (spot < 25) return 1.0;
  if (spot < 50) return 2.5;
  if (spot < 200) return 5.0;
  if (spot < 1000) return 10.0;
  return 25.0;
}

int weekday(std::int32_t day) {
  // 1970-01-01 was a Thursday (3); the offset keeps the remainder non-negative before 1970.
  return static_cast<int>((static_cast<std::int64_t>(day) % 7 + 7 + 3) % 7);
}

std::int32_t third_friday(int year, unsigned month) {
  const std::optional<std::int32_t> first = io::civil_day(year, month, 1);
  PMRISK_EXPECTS(first.has_value(), "a real month");
  return *first + (friday - weekday(*first) + 7) % 7 + 14;
}

std::vector<listed_expiry> listed_expiries(std::int32_t asof_day) {
  std::vector<listed_expiry> expiries;
  const auto add = [&](std::int32_t day, expiry_cycle cycle) {
    expiries.push_back(
        {day, static_cast<double>(day - asof_day) / 365.0, cycle, io::format_date(day)});
  };

  month_cursor cursor = month_of(asof_day);
  while (static_cast<std::int32_t>(expiries.size()) < monthly_count) {
    const std::int32_t day = third_friday(cursor.year, cursor.month);
    if (day > asof_day) add(day, expiry_cycle::monthly);
    cursor.advance();
  }
  for (std::int32_t added = 0; added < quarterly_count; cursor.advance()) {
    if (cursor.month % 3 != 0) continue;
    add(third_friday(cursor.year, cursor.month), expiry_cycle::quarterly);
    ++added;
  }
  for (int year = month_of(asof_day).year + 1, added = 0; added < leaps_count; ++year) {
    const std::int32_t day = third_friday(year, 1);
    const bool listed = std::any_of(expiries.begin(), expiries.end(),
                                    [day](const listed_expiry& e) { return e.day == day; });
    if (day - asof_day < leaps_min_days || listed) continue;
    add(day, expiry_cycle::leaps);
    ++added;
  }
  std::sort(expiries.begin(), expiries.end(),
            [](const listed_expiry& a, const listed_expiry& b) { return a.day < b.day; });
  return expiries;
}

}  // namespace pmrisk::synth
