// load_span_config: the SPAN parameters of the futures classes (configs/span.toml,
// docs/span.md).

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "io/toml_reader.hpp"
#include "pmrisk/span_config.hpp"

namespace pmrisk {
namespace {

constexpr std::array<std::string_view, 2> top_level_keys = {"asset_class", "spread"};
constexpr std::array<std::string_view, 5> class_keys = {
    "price_scan", "vol_scan", "extreme_multiple", "extreme_weight", "short_option_minimum"};
constexpr std::array<std::string_view, 5> spread_keys = {"first", "second", "first_deltas",
                                                         "second_deltas", "credit_rate"};

/// A required, non-empty string.
std::string read_text(const io::toml_reader& reader, const toml::table& table,
                      std::string_view section, std::string_view key) {
  const std::string name = io::qualified(section, key);
  const toml::node& node = reader.required(table, section, key);
  const std::string_view value = reader.string(node, name);
  if (value.empty()) reader.fail(node, fmt::format("{} must not be empty", name));
  return std::string(value);
}

span_class_config read_class(const io::toml_reader& reader, const toml::table& table,
                             const std::string& section) {
  reader.expect_keys(table, section, class_keys);
  const io::toml_section in(reader, table, section);
  span_class_config cls;
  const span_class_config defaults;
  cls.price_scan = in.number(
      "price_scan", std::nullopt, [](double v) { return v > 0 && v < 1; },
      "> 0 and < 1 (a fraction of the futures price)");
  cls.vol_scan = in.number(
      "vol_scan", std::nullopt, [](double v) { return v >= 0 && v < 1; },
      ">= 0 and < 1 (a fraction of each series' vol)");
  cls.extreme_multiple = in.number(
      "extreme_multiple", defaults.extreme_multiple, [](double v) { return v > 0; }, "> 0");
  if (!(cls.extreme_multiple * cls.price_scan < 1)) {
    const std::string_view key = table.get("extreme_multiple") ? "extreme_multiple" : "price_scan";
    reader.fail(in.node(key),
                fmt::format("{} x {} must be < 1 so that the extreme down move keeps the price "
                            "positive, got {} x {}",
                            in.name("extreme_multiple"), in.name("price_scan"),
                            cls.extreme_multiple, cls.price_scan));
  }
  cls.extreme_weight = in.number(
      "extreme_weight", defaults.extreme_weight, [](double v) { return v > 0 && v <= 1; },
      "> 0 and <= 1 (the fraction of the extreme moves' P&L counted)");
  cls.short_option_minimum = in.number(
      "short_option_minimum", defaults.short_option_minimum, [](double v) { return v >= 0; },
      ">= 0 (money per short option contract)");
  return cls;
}

inter_commodity_spread read_spread(const io::toml_reader& reader, const toml::table& table,
                                   const std::string& section) {
  reader.expect_keys(table, section, spread_keys);
  const io::toml_section in(reader, table, section);
  inter_commodity_spread spread;
  spread.first = read_text(reader, table, section, "first");
  spread.second = read_text(reader, table, section, "second");
  if (spread.first == spread.second) {
    reader.fail(in.node("second"),
                fmt::format("{} must name another combined commodity than {} ('{}')",
                            in.name("second"), in.name("first"), spread.first));
  }
  const auto positive = [](double v) { return v > 0; };
  spread.first_deltas = in.number("first_deltas", 1.0, positive, "> 0");
  spread.second_deltas = in.number("second_deltas", 1.0, positive, "> 0");
  spread.credit_rate = in.number(
      "credit_rate", std::nullopt, [](double v) { return v >= 0 && v <= 1; },
      ">= 0 and <= 1 (a fraction of each leg's price risk)");
  return spread;
}

}  // namespace

span_config load_span_config(const std::string& path) {
  const io::toml_reader reader(path);
  const toml::table root = reader.parse();
  reader.expect_keys(root, "", top_level_keys);

  span_config config;
  const toml::node& classes_node = reader.required(root, "", "asset_class");
  const toml::table& classes = reader.table(classes_node, "asset_class");
  if (classes.empty()) {
    reader.fail(classes_node, "asset_class is empty: define at least one [asset_class.NAME]");
  }
  for (const auto& [key, node] : classes) {
    const std::string section = io::qualified("asset_class", key.str());
    config.classes.emplace(std::string(key.str()),
                           read_class(reader, reader.table(node, section), section));
  }

  if (const toml::node* node = root.get("spread")) {
    const toml::array* spreads = node->as_array();
    if (spreads == nullptr || !spreads->is_array_of_tables()) {
      reader.fail(*node, "spread must be an array of tables: write each as [[spread]]");
    }
    for (std::size_t i = 0; i < spreads->size(); ++i) {
      const std::string section = fmt::format("spread[{}]", i);
      config.spreads.push_back(read_spread(reader, *spreads->get(i)->as_table(), section));
    }
  }
  return config;
}

}  // namespace pmrisk
