#pragma once
// Typed values out of a parsed TOML configuration file; every failure throws input_error at the
// offending key or value (file:line:column).

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/error.hpp"

namespace pmrisk::io {

/// How a wrong-type error ends: naming the type found ("rate must be a number, got a string"),
/// or not ("rate must be a number"), for a file format whose messages are settled that way.
enum class wrong_type_wording { names_found_type, terse };

class toml_reader {
 public:
  explicit toml_reader(std::string path,
                       wrong_type_wording wording = wrong_type_wording::names_found_type)
      : path_(std::move(path)), wording_(wording) {}

  /// The file's document; a syntax error points at its position.
  toml::table parse() const;

  source_location at(const toml::source_region& region) const;
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const;

  /// Catches typos: every key of `table` must be one of `known`.
  void expect_keys(const toml::table& table, std::string_view section,
                   std::span<const std::string_view> known) const;

  /// The key's node; missing, an error at the table (or the file, for the root table).
  const toml::node& required(const toml::table& table, std::string_view section,
                             std::string_view key) const;

  /// `name` is the key as the user reads it ("extreme.weight"), for messages.
  double number(const toml::node& node, std::string_view name) const;  ///< integer or float
  /// A number that `valid` accepts; otherwise "NAME must be RANGE, got VALUE".
  double number(const toml::node& node, std::string_view name, bool (*valid)(double),
                std::string_view range) const;
  std::int64_t integer(const toml::node& node, std::string_view name) const;
  /// An integer that `valid` accepts; otherwise "NAME must be RANGE, got VALUE".
  std::int64_t integer(const toml::node& node, std::string_view name, bool (*valid)(std::int64_t),
                       std::string_view range) const;
  std::int64_t integer_at_least(const toml::node& node, std::string_view name,
                                std::int64_t low) const;
  bool boolean(const toml::node& node, std::string_view name) const;
  std::string_view string(const toml::node& node, std::string_view name) const;
  const toml::table& table(const toml::node& node, std::string_view name) const;
  const toml::array& array(const toml::node& node, std::string_view name) const;
  /// An array of strings; an element of another type is an error at that element.
  std::vector<std::string> strings(const toml::node& node, std::string_view name) const;

 private:
  [[noreturn]] void wrong_type(const toml::node& node, std::string_view name,
                               std::string_view expected) const;

  std::string path_;
  wrong_type_wording wording_;
};

/// One table's values, each error naming "section.key" at the value.
class toml_section {
 public:
  toml_section(const toml_reader& reader, const toml::table& table, std::string section)
      : reader_(reader), table_(table), section_(std::move(section)) {}

  std::string name(std::string_view key) const;
  /// The node of a key the table has.
  const toml::node& node(std::string_view key) const { return *table_.get(key); }

  /// The key's number that `valid` accepts ("NAME must be RANGE, got VALUE" otherwise); an
  /// absent key is `fallback`, or a missing-key error without one.
  double number(std::string_view key, std::optional<double> fallback, bool (*valid)(double),
                std::string_view range) const;
  /// The key's integer that `valid` accepts, as `number`.
  std::int64_t integer(std::string_view key, std::optional<std::int64_t> fallback,
                       bool (*valid)(std::int64_t), std::string_view range) const;

 private:
  const toml_reader& reader_;
  const toml::table& table_;
  std::string section_;
};

/// "section.key", or "key" at the root.
std::string qualified(std::string_view section, std::string_view key);

/// How messages name a value's type: "a string", "an integer", "a floating-point number".
std::string_view type_phrase(toml::node_type type);

}  // namespace pmrisk::io
