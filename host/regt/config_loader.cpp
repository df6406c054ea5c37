// load_config: the Reg-T rates (configs/regt.toml, docs/regt.md).

#include <array>
#include <string_view>

#include "io/toml_reader.hpp"
#include "pmrisk/regt.hpp"

namespace pmrisk::regt {
namespace {

constexpr std::array<std::string_view, 5> top_level_keys = {
    "long_stock_rate", "short_stock_rate", "max_search_nodes", "max_candidates", "asset_class"};
constexpr std::array<std::string_view, 2> asset_class_keys = {"underlying_rate", "floor_rate"};

/// A share of a market value.
bool is_rate(double value) {
  return value >= 0 && value <= 1;
}

double read_rate(const io::toml_reader& reader, const toml::node& node, std::string_view name) {
  return reader.number(node, name, is_rate, "a fraction in [0, 1]");
}

}  // namespace

config load_config(const std::string& path) {
  // The Reg-T file's messages name only the expected type.
  const io::toml_reader reader(path, io::wrong_type_wording::terse);
  const toml::table root = reader.parse();
  reader.expect_keys(root, "", top_level_keys);

  config rates;
  rates.long_stock_rate =
      read_rate(reader, reader.required(root, "", "long_stock_rate"), "long_stock_rate");
  rates.short_stock_rate =
      read_rate(reader, reader.required(root, "", "short_stock_rate"), "short_stock_rate");
  if (const toml::node* node = root.get("max_search_nodes"))
    rates.max_search_nodes = reader.integer_at_least(*node, "max_search_nodes", 1);
  if (const toml::node* node = root.get("max_candidates"))
    rates.max_candidates = reader.integer_at_least(*node, "max_candidates", 0);

  const toml::table& classes =
      reader.table(reader.required(root, "", "asset_class"), "asset_class");
  for (const auto& [key, node] : classes) {
    const std::string section = io::qualified("asset_class", key.str());
    const toml::table& table = reader.table(node, section);
    reader.expect_keys(table, section, asset_class_keys);
    naked_option_rates naked;
    for (const auto& [name, field] : {std::pair{"underlying_rate", &naked.underlying_rate},
                                      std::pair{"floor_rate", &naked.floor_rate}}) {
      *field =
          read_rate(reader, reader.required(table, section, name), io::qualified(section, name));
    }
    rates.asset_classes.emplace(std::string(key.str()), naked);
  }
  return rates;
}

}  // namespace pmrisk::regt
