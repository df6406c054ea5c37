// load_config: the Reg-T rates (configs/regt.toml, docs/regt.md).

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string_view>

#include "io/text_file.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/regt.hpp"

namespace pmrisk::regt {
namespace {

constexpr std::array<std::string_view, 5> top_level_keys = {
    "long_stock_rate", "short_stock_rate", "max_search_nodes", "max_candidates", "asset_class"};
constexpr std::array<std::string_view, 2> asset_class_keys = {"underlying_rate", "floor_rate"};

// Every failure names the key and points at it.
class toml_reader {
 public:
  explicit toml_reader(const std::string& path) : path_(path) {}

  source_location at(const toml::source_region& region) const {
    return {path_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
  }

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw input_error(at(node.source()), message);
  }

  void expect_keys(const toml::table& table, std::string_view section,
                   std::span<const std::string_view> known) const {
    for (const auto& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      throw input_error(at(key.source()),
                        fmt::format("unknown key '{}'{} (expected {})", key.str(),
                                    section.empty() ? "" : fmt::format(" in [{}]", section),
                                    fmt::join(known, ", ")));
    }
  }

  /// A key of `table`; a missing one names the table's header, or only the file at top level.
  const toml::node& required(const toml::table& table, std::string_view key, std::string_view name,
                             bool top_level) const {
    if (const toml::node* node = table.get(key)) return *node;
    throw input_error(top_level ? source_location{path_} : at(table.source()),
                      fmt::format("missing required key '{}'", name));
  }

  /// A number in [0, 1]: a share of a market value.
  double rate(const toml::node& node, std::string_view name) const {
    double value = 0;
    if (const auto* integer = node.as_integer()) {
      value = static_cast<double>(integer->get());
    } else if (const auto* floating = node.as_floating_point()) {
      value = floating->get();
    } else {
      fail(node, fmt::format("{} must be a number", name));
    }
    if (!(value >= 0 && value <= 1)) {
      fail(node, fmt::format("{} must be a fraction in [0, 1], got {}", name, value));
    }
    return value;
  }

  std::int64_t integer_at_least(const toml::node& node, std::string_view name,
                                std::int64_t low) const {
    const auto* integer = node.as_integer();
    if (integer == nullptr) fail(node, fmt::format("{} must be an integer", name));
    if (integer->get() < low) {
      fail(node, fmt::format("{} must be >= {}, got {}", name, low, integer->get()));
    }
    return integer->get();
  }

  const toml::table& table(const toml::node& node, std::string_view name) const {
    const auto* table = node.as_table();
    if (table == nullptr) fail(node, fmt::format("{} must be a table", name));
    return *table;
  }

 private:
  const std::string& path_;
};

}  // namespace

config load_config(const std::string& path) {
  const std::string text = io::read_text_file(path);
  const toml_reader reader(path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    throw input_error(reader.at(error.source()),
                      fmt::format("TOML syntax error: {}", error.description()));
  }
  reader.expect_keys(root, "", top_level_keys);

  config rates;
  rates.long_stock_rate = reader.rate(
      reader.required(root, "long_stock_rate", "long_stock_rate", true), "long_stock_rate");
  rates.short_stock_rate = reader.rate(
      reader.required(root, "short_stock_rate", "short_stock_rate", true), "short_stock_rate");
  if (const toml::node* node = root.get("max_search_nodes"))
    rates.max_search_nodes = reader.integer_at_least(*node, "max_search_nodes", 1);
  if (const toml::node* node = root.get("max_candidates"))
    rates.max_candidates = reader.integer_at_least(*node, "max_candidates", 0);

  const toml::table& classes =
      reader.table(reader.required(root, "asset_class", "asset_class", true), "asset_class");
  for (const auto& [key, node] : classes) {
    const std::string section = fmt::format("asset_class.{}", key.str());
    const toml::table& table = reader.table(node, section);
    reader.expect_keys(table, section, asset_class_keys);
    naked_option_rates naked;
    for (const auto& [name, field] : {std::pair{"underlying_rate", &naked.underlying_rate},
                                      std::pair{"floor_rate", &naked.floor_rate}}) {
      const std::string qualified = fmt::format("{}.{}", section, name);
      *field = reader.rate(reader.required(table, name, qualified, false), qualified);
    }
    rates.asset_classes.emplace(std::string(key.str()), naked);
  }
  return rates;
}

}  // namespace pmrisk::regt
