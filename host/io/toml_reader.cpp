// The typed TOML reader of the configuration loaders.

#include "io/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/text_file.hpp"

namespace pmrisk::io {

std::string_view type_phrase(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string qualified(std::string_view section, std::string_view key) {
  return section.empty() ? std::string(key) : fmt::format("{}.{}", section, key);
}

toml::table toml_reader::parse() const {
  const std::string text = read_text_file(path_);
  try {
    return toml::parse(text, path_);
  } catch (const toml::parse_error& error) {
    throw input_error(at(error.source()),
                      fmt::format("TOML syntax error: {}", error.description()));
  }
}

source_location toml_reader::at(const toml::source_region& region) const {
  return {path_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

void toml_reader::fail(const toml::node& node, const std::string& message) const {
  throw input_error(at(node.source()), message);
}

void toml_reader::expect_keys(const toml::table& table, std::string_view section,
                              std::span<const std::string_view> known) const {
  for (const auto& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    throw input_error(at(key.source()),
                      fmt::format("unknown key '{}'{} (expected {})", key.str(),
                                  section.empty() ? "" : fmt::format(" in [{}]", section),
                                  fmt::join(known, ", ")));
  }
}

const toml::node& toml_reader::required(const toml::table& table, std::string_view section,
                                        std::string_view key) const {
  if (const toml::node* node = table.get(key)) return *node;
  const source_location where = section.empty() ? source_location{path_} : at(table.source());
  throw input_error(where, fmt::format("missing required key '{}'", qualified(section, key)));
}

double toml_reader::number(const toml::node& node, std::string_view name) const {
  double value = 0;
  if (const auto* integer = node.as_integer()) {
    value = static_cast<double>(integer->get());
  } else if (const auto* floating = node.as_floating_point()) {
    value = floating->get();
  } else {
    wrong_type(node, name, "a number");
  }
  if (!std::isfinite(value)) fail(node, fmt::format("{} must be finite, got {}", name, value));
  return value;
}

double toml_reader::number(const toml::node& node, std::string_view name, bool (*valid)(double),
                           std::string_view range) const {
  const double value = number(node, name);
  if (!valid(value)) fail(node, fmt::format("{} must be {}, got {}", name, range, value));
  return value;
}

std::int64_t toml_reader::integer(const toml::node& node, std::string_view name) const {
  if (const auto* integer = node.as_integer()) return integer->get();
  wrong_type(node, name, "an integer");
}

std::int64_t toml_reader::integer(const toml::node& node, std::string_view name,
                                  bool (*valid)(std::int64_t), std::string_view range) const {
  const std::int64_t value = integer(node, name);
  if (!valid(value)) fail(node, fmt::format("{} must be {}, got {}", name, range, value));
  return value;
}

std::int64_t toml_reader::integer_at_least(const toml::node& node, std::string_view name,
                                           std::int64_t low) const {
  const std::int64_t value = integer(node, name);
  if (value < low) fail(node, fmt::format("{} must be >= {}, got {}", name, low, value));
  return value;
}

bool toml_reader::boolean(const toml::node& node, std::string_view name) const {
  if (const auto* flag = node.as_boolean()) return flag->get();
  wrong_type(node, name, "true or false");
}

std::string_view toml_reader::string(const toml::node& node, std::string_view name) const {
  if (const auto* text = node.as_string()) return text->get();
  wrong_type(node, name, "a string");
}

const toml::table& toml_reader::table(const toml::node& node, std::string_view name) const {
  if (const auto* table = node.as_table()) return *table;
  wrong_type(node, name, "a table");
}

const toml::array& toml_reader::array(const toml::node& node, std::string_view name) const {
  if (const auto* array = node.as_array()) return *array;
  wrong_type(node, name, "an array");
}

std::vector<std::string> toml_reader::strings(const toml::node& node, std::string_view name) const {
  const auto* array = node.as_array();
  if (array == nullptr) wrong_type(node, name, "an array of strings");
  std::vector<std::string> values;
  for (const toml::node& element : *array) {
    const auto* text = element.as_string();
    if (text == nullptr) wrong_type(element, fmt::format("every element of {}", name), "a string");
    values.push_back(text->get());
  }
  return values;
}

void toml_reader::wrong_type(const toml::node& node, std::string_view name,
                             std::string_view expected) const {
  if (wording_ == wrong_type_wording::terse)
    fail(node, fmt::format("{} must be {}", name, expected));
  fail(node, fmt::format("{} must be {}, got {}", name, expected, type_phrase(node.type())));
}

std::string toml_section::name(std::string_view key) const {
  return qualified(section_, key);
}

double toml_section::number(std::string_view key, std::optional<double> fallback,
                            bool (*valid)(double), std::string_view range) const {
  const toml::node* node = table_.get(key);
  if (node == nullptr && fallback) return *fallback;
  if (node == nullptr) node = &reader_.required(table_, section_, key);
  return reader_.number(*node, name(key), valid, range);
}

std::int64_t toml_section::integer(std::string_view key, std::optional<std::int64_t> fallback,
                                   bool (*valid)(std::int64_t), std::string_view range) const {
  const toml::node* node = table_.get(key);
  if (node == nullptr && fallback) return *fallback;
  if (node == nullptr) node = &reader_.required(table_, section_, key);
  return reader_.integer(*node, name(key), valid, range);
}

}  // namespace pmrisk::io
