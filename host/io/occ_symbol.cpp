#include "io/occ_symbol.hpp"

#include <fmt/format.h>

#include <optional>

#include "io/calendar.hpp"

namespace pmrisk::io {
namespace {

constexpr std::size_t root_width = 6;
constexpr std::size_t suffix_width = 15;  // YYMMDD + C/P + 8 strike digits

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_root_char(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

unsigned digits_value(std::string_view text) {
  unsigned value = 0;
  for (const char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
  return value;
}

}  // namespace

std::optional<occ_contract> parse_occ_symbol(std::string_view text, std::string& problem) {
  const auto malformed = [&] {
    problem = fmt::format(
        "bad OCC symbol '{}': expected a root of up to 6 characters, YYMMDD, "
        "C or P, and the strike x 1000 in 8 digits, e.g. "
        "'IBM   070420C00100000'",
        text);
    return std::nullopt;
  };
  if (text.size() <= suffix_width || text.size() > root_width + suffix_width) return malformed();

  std::string_view root = text.substr(0, text.size() - suffix_width);
  while (!root.empty() && root.back() == ' ') root.remove_suffix(1);
  for (const char c : root) {
    if (!is_root_char(c)) return malformed();
  }
  const std::string_view suffix = text.substr(text.size() - suffix_width);
  const std::string_view date = suffix.substr(0, 6);
  const char right = suffix[6];
  const std::string_view strike = suffix.substr(7);
  if (root.empty() || !all_digits(date) || !all_digits(strike)) return malformed();

  occ_contract contract;
  contract.root = root;
  if (right == 'C' || right == 'c') {
    contract.kind = instrument_kind::call;
  } else if (right == 'P' || right == 'p') {
    contract.kind = instrument_kind::put;
  } else {
    return malformed();
  }

  const std::optional<std::int32_t> expiry =
      civil_day(2000 + static_cast<int>(digits_value(date.substr(0, 2))),
                digits_value(date.substr(2, 2)), digits_value(date.substr(4, 2)));
  if (!expiry) {
    problem = fmt::format("OCC symbol '{}' has an impossible expiry date 20{}-{}-{}", text,
                          date.substr(0, 2), date.substr(2, 2), date.substr(4, 2));
    return std::nullopt;
  }
  contract.expiry_day = *expiry;

  contract.strike = digits_value(strike) / 1000.0;
  if (!(contract.strike > 0)) {
    problem = fmt::format("OCC symbol '{}' has a zero strike", text);
    return std::nullopt;
  }
  return contract;
}

}  // namespace pmrisk::io
