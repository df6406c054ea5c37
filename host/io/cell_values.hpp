#pragma once
// Typed values of CSV cells, each checked with an error that names the cell and its text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "io/csv_reader.hpp"

namespace pmrisk::io {

enum class number_problem : std::uint8_t { none, not_a_number, not_finite, out_of_range };

struct parsed_number {
  double value = 0;
  number_problem problem = number_problem::none;
};

/// A plain decimal: optional sign, digits with an optional fraction and exponent, and nothing
/// else (no hex, no inner spaces, no trailing text). "nan" and "inf" are not_finite; a
/// magnitude a double cannot hold (1e400, 1e-400) is out_of_range.
parsed_number parse_decimal(std::string_view text);

/// The cell's text, which must not be empty.
std::string_view required_text_cell(const csv_rows& rows, std::size_t column);

/// A finite number; nullopt when the cell is empty or the column absent.
std::optional<double> optional_number_cell(const csv_rows& rows, std::size_t column);

/// A finite number that must be present.
double number_cell(const csv_rows& rows, std::size_t column);

/// As above, and > 0.
std::optional<double> optional_positive_cell(const csv_rows& rows, std::size_t column);
double positive_cell(const csv_rows& rows, std::size_t column);

/// A YYYY-MM-DD date, as days since 1970-01-01.
std::int32_t date_cell(const csv_rows& rows, std::size_t column);

}  // namespace pmrisk::io
