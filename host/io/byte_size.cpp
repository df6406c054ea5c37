#include "io/byte_size.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "io/ascii.hpp"
#include "io/cell_values.hpp"

namespace pmrisk::io {
namespace {

struct unit_scale {
  std::string_view unit;
  double bytes;
};

constexpr std::array<unit_scale, 10> unit_scales = {{{"", 1},
                                                     {"B", 1},
                                                     {"KiB", 0x1p10},
                                                     {"MiB", 0x1p20},
                                                     {"GiB", 0x1p30},
                                                     {"TiB", 0x1p40},
                                                     {"KB", 1e3},
                                                     {"MB", 1e6},
                                                     {"GB", 1e9},
                                                     {"TB", 1e12}}};

bool is_count_char(char c) {
  return (c >= '0' && c <= '9') || c == '.';
}

}  // namespace

std::optional<std::size_t> parse_byte_size(std::string_view text) {
  const std::size_t count_end = static_cast<std::size_t>(
      std::find_if_not(text.begin(), text.end(), is_count_char) - text.begin());
  std::string_view unit = text.substr(count_end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  const auto* scale =
      std::find_if(unit_scales.begin(), unit_scales.end(),
                   [&](const unit_scale& s) { return equals_ignoring_case(unit, s.unit); });
  const parsed_number count = parse_decimal(text.substr(0, count_end));
  if (scale == unit_scales.end() || count.problem != number_problem::none) return std::nullopt;
  const double bytes = std::floor(count.value * scale->bytes);
  if (!(bytes >= 1 && bytes < 0x1p63)) return std::nullopt;
  return static_cast<std::size_t>(bytes);
}

}  // namespace pmrisk::io
