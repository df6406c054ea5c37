#include "io/cell_values.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <system_error>

#include "io/calendar.hpp"

namespace pmrisk::io {

parsed_number parse_decimal(std::string_view text) {
  // from_chars takes no '+' sign; accept one, but not "+-1" or a lone "+".
  std::string_view digits = text;
  if (digits.size() > 1 && digits[0] == '+' && digits[1] != '-') digits.remove_prefix(1);
  double value = 0;
  const char* const end = digits.data() + digits.size();
  const auto [stop, error] = std::from_chars(digits.data(), end, value, std::chars_format::general);
  if (error == std::errc::result_out_of_range && stop == end) {
    return {value, number_problem::out_of_range};
  }
  if (digits.empty() || error != std::errc() || stop != end) {
    return {value, number_problem::not_a_number};
  }
  if (!std::isfinite(value)) return {value, number_problem::not_finite};
  return {value, number_problem::none};
}

std::string_view required_text_cell(const csv_rows& rows, std::size_t column) {
  const std::string_view text = rows.cell(column);
  if (text.empty())
    rows.fail(column, fmt::format("{} is required", rows.file().column_name(column)));
  return text;
}

std::optional<double> optional_number_cell(const csv_rows& rows, std::size_t column) {
  const std::string_view text = rows.cell(column);
  if (text.empty()) return std::nullopt;
  const parsed_number number = parse_decimal(text);
  switch (number.problem) {
    case number_problem::none:
      return number.value;
    case number_problem::not_a_number:
      rows.fail(column, fmt::format("{}: expected a number, got '{}'",
                                    rows.file().column_name(column), text));
    case number_problem::not_finite:
      rows.fail(column, fmt::format("{} must be a finite number, got '{}'",
                                    rows.file().column_name(column), text));
    case number_problem::out_of_range:
      rows.fail(column, fmt::format("{} is beyond the range of a double, got '{}'",
                                    rows.file().column_name(column), text));
  }
  return std::nullopt;
}

double number_cell(const csv_rows& rows, std::size_t column) {
  required_text_cell(rows, column);
  return *optional_number_cell(rows, column);
}

std::optional<double> optional_positive_cell(const csv_rows& rows, std::size_t column) {
  const std::optional<double> value = optional_number_cell(rows, column);
  if (value && !(*value > 0)) {
    rows.fail(column, fmt::format("{} must be > 0, got {}", rows.file().column_name(column),
                                  rows.cell(column)));
  }
  return value;
}

double positive_cell(const csv_rows& rows, std::size_t column) {
  required_text_cell(rows, column);
  return *optional_positive_cell(rows, column);
}

std::int32_t date_cell(const csv_rows& rows, std::size_t column) {
  std::string problem;
  const std::optional<std::int32_t> day = read_iso_date(required_text_cell(rows, column), problem);
  if (!day) rows.fail(column, problem);
  return *day;
}

}  // namespace pmrisk::io
