#pragma once
// A strict RFC 8259 reader, so tests can check that pmrisk's JSON is valid and read it back.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pmrisk::testing {

struct json_value {
  enum class kind { null, boolean, number, string, array, object };
  kind type = kind::null;
  bool boolean = false;
  std::string text;  ///< a string's decoded value, or a number's literal as written
  std::vector<json_value> items;
  std::vector<std::pair<std::string, json_value>> members;  ///< in document order

  /// The member of an object; throws std::out_of_range when absent.
  const json_value& at(std::string_view key) const;
  bool has(std::string_view key) const;
};

/// Parses a whole document; throws std::runtime_error with the byte offset when invalid.
json_value parse_json(std::string_view text);

}  // namespace pmrisk::testing
