// Dates as written in inputs (YYYY-MM-DD) and as counted by the engine (days since 1970-01-01).

#include <fmt/format.h>

#include <chrono>

#include "io/calendar.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

unsigned digits_value(std::string_view text, std::size_t first, std::size_t count) {
  unsigned value = 0;
  for (std::size_t i = first; i < first + count; ++i) {
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return value;
}

}  // namespace

namespace io {

std::optional<std::int32_t> civil_day(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return static_cast<std::int32_t>(std::chrono::sys_days(date).time_since_epoch().count());
}

std::optional<std::int32_t> read_iso_date(std::string_view text, std::string& problem) {
  // No signs, no spaces, no single-digit months or days.
  bool well_formed = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i = 0; well_formed && i < text.size(); ++i) {
    if (i != 4 && i != 7 && !is_digit(text[i])) well_formed = false;
  }
  if (!well_formed) {
    problem = fmt::format("bad date '{}': expected YYYY-MM-DD", text);
    return std::nullopt;
  }
  const std::optional<std::int32_t> day =
      civil_day(static_cast<int>(digits_value(text, 0, 4)), digits_value(text, 5, 2),
                digits_value(text, 8, 2));
  if (!day) problem = fmt::format("impossible date '{}'", text);
  return day;
}

std::string format_date(std::int32_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace io

std::int32_t parse_date(std::string_view text, const source_location& where) {
  std::string problem;
  const std::optional<std::int32_t> day = io::read_iso_date(text, problem);
  if (!day) throw input_error(where, problem);
  return *day;
}

}  // namespace pmrisk
