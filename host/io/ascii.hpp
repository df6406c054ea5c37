#pragma once
// ASCII case folding for keywords users may capitalise (column names, types, styles).

#include <string_view>

namespace pmrisk::io {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool equals_ignoring_case(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ascii_lower(text[i]) != ascii_lower(word[i])) return false;
  }
  return true;
}

}  // namespace pmrisk::io
