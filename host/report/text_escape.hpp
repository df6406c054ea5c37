#pragma once
// Quoting of free text (account ids, symbols, labels) in the CSV and JSON outputs.

#include <string>
#include <string_view>

namespace pmrisk {

/// The text as one RFC 4180 field: unchanged unless it holds a comma, quote, CR or LF, then
/// enclosed in quotes with inner quotes doubled.
std::string csv_field(std::string_view text);

/// The text as a JSON string literal, quotes included; control characters become \uXXXX.
/// Bytes from 0x80 up pass through, so UTF-8 input stays UTF-8.
std::string json_string(std::string_view text);

}  // namespace pmrisk
