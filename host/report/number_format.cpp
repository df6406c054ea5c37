#include "report/number_format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string_view>

#include "pmrisk/error.hpp"

namespace pmrisk {

namespace {

// Inserts a comma between every three digits of a run of decimal digits.
std::string group_thousands(std::string_view digits) {
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

// A double lies exactly halfway between two cents only when it is an odd multiple of 1/8
// (x = (2k+1)/200 must be dyadic, so 25 divides 2k+1). Scaling by 8 is exact in binary.
bool is_exact_half_cent(double amount) {
  const double eighths = std::ldexp(amount, 3);
  return std::trunc(eighths) == eighths && std::fmod(eighths, 2.0) != 0.0;
}

}  // namespace

std::string format_cents(double amount) {
  PMRISK_EXPECTS(std::isfinite(amount), "money amounts are finite");
  std::string text;
  if (is_exact_half_cent(amount) && std::fabs(amount) < 0x1p45) {
    // Below 2^45, amount * 100 is exact (an odd multiple of 12.5), so std::round breaks the tie
    // away from zero where fmt's correctly rounded output would break it to even.
    const auto cents = static_cast<std::int64_t>(std::round(amount * 100));
    const std::int64_t magnitude = cents < 0 ? -cents : cents;
    text = fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
  } else {
    text = fmt::format("{:.2f}", amount);
  }
  if (text == "-0.00") text = "0.00";
  return text;
}

std::string format_cents_grouped(double amount) {
  const std::string plain = format_cents(amount);
  const std::size_t sign = plain.front() == '-' ? 1 : 0;
  const std::size_t point = plain.find('.');
  return plain.substr(0, sign) +
         group_thousands(std::string_view(plain).substr(sign, point - sign)) + plain.substr(point);
}

std::string format_hundredths(double value) {
  // The same decimal rounding as money: two places, half away from zero, never "-0.00".
  return format_cents(value);
}

std::string format_count(std::size_t count) {
  return group_thousands(std::to_string(count));
}

}  // namespace pmrisk
