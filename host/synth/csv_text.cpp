#include "synth/csv_text.hpp"

#include <charconv>
#include <cmath>

#include "pmrisk/error.hpp"

namespace pmrisk::synth {
namespace {

std::int64_t power_of_ten(int decimals) {
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  return scale;
}

}  // namespace

void append_integer(std::string& out, std::int64_t value) {
  char digits[24];
  const std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end.ptr);
}

void append_decimal(std::string& out, std::int64_t units, int decimals, bool trim_zeros) {
  PMRISK_EXPECTS(decimals >= 0 && decimals <= 9, "a handful of decimals");
  const std::int64_t scale = power_of_ten(decimals);
  if (units < 0) out += '-';
  const std::uint64_t magnitude =
      units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  append_integer(out, static_cast<std::int64_t>(magnitude / static_cast<std::uint64_t>(scale)));
  std::uint64_t fraction = magnitude % static_cast<std::uint64_t>(scale);
  int shown = decimals;
  if (trim_zeros) {
    while (shown > 0 && fraction % 10 == 0) {
      fraction /= 10;
      --shown;
    }
  }
  if (shown == 0) return;
  out += '.';
  char digits[9];
  for (int i = shown - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out.append(digits, static_cast<std::size_t>(shown));
}

void append_rounded(std::string& out, double value, int decimals) {
  append_decimal(out, std::llround(value * static_cast<double>(power_of_ten(decimals))), decimals);
}

}  // namespace pmrisk::synth
