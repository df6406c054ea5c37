// load_engine_config: the TOML engine configuration (docs/configuration.md).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>
#include <string>

#include "io/byte_size.hpp"
#include "io/toml_reader.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

constexpr std::array<std::string_view, 7> top_level_keys = {
    "rate",        "min_charge_per_contract", "max_memory",      "pricing",
    "asset_class", "product_groups",          "portfolio_groups"};
constexpr std::array<std::string_view, 2> pricing_keys = {"american_model", "tree_steps"};
constexpr std::array<std::string_view, 8> asset_class_keys = {"up",
                                                              "down",
                                                              "points",
                                                              "vol_shifts",
                                                              "horizon_days",
                                                              "default_style",
                                                              "option_multiplier",
                                                              "stock_multiplier"};
constexpr std::array<std::string_view, 2> product_group_keys = {"offset", "portfolio_group"};
constexpr std::array<std::string_view, 1> portfolio_group_keys = {"offset"};

constexpr int max_tree_steps = 2001;

exercise_style read_style(const io::toml_reader& reader, const toml::node& node,
                          std::string_view name) {
  const std::string_view text = reader.string(node, name);
  if (text == "american") return exercise_style::american;
  if (text == "european") return exercise_style::european;
  reader.fail(node, fmt::format("{} must be \"american\" or \"european\", got \"{}\"", name, text));
}

// A size string like "4GiB", or an integer number of bytes.
std::size_t read_memory_bytes(const io::toml_reader& reader, const toml::node& node) {
  std::optional<std::size_t> bytes;
  std::string given;
  if (const auto* integer = node.as_integer()) {
    if (integer->get() > 0) bytes = static_cast<std::size_t>(integer->get());
    given = std::to_string(integer->get());
  } else if (const auto* string = node.as_string()) {
    bytes = io::parse_byte_size(string->get());
    given = fmt::format("\"{}\"", string->get());
  } else {
    given = io::type_phrase(node.type());
  }
  if (!bytes) {
    reader.fail(node, fmt::format("max_memory must be an integer number of bytes > 0 or a size "
                                  "like \"4GiB\" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), "
                                  "got {}",
                                  given));
  }
  return *bytes;
}

pricing_model read_pricing(const io::toml_reader& reader, const toml::table& table) {
  reader.expect_keys(table, "pricing", pricing_keys);
  pricing_model model;
  if (const toml::node* node = table.get("american_model")) {
    const std::string_view text = reader.string(*node, "pricing.american_model");
    if (text == "ju_zhong_1999") {
      model.american = american_model::ju_zhong_1999;
    } else if (text == "bjerksund_stensland_2002") {
      model.american = american_model::bjerksund_stensland_2002;
    } else if (text == "binomial_tree") {
      model.american = american_model::binomial_tree;
    } else {
      reader.fail(*node, fmt::format("pricing.american_model must be \"ju_zhong_1999\", "
                                     "\"bjerksund_stensland_2002\" or \"binomial_tree\", got "
                                     "\"{}\"",
                                     text));
    }
  }
  if (const toml::node* node = table.get("tree_steps")) {
    const std::int64_t steps = reader.integer(*node, "pricing.tree_steps");
    if (steps < 1 || steps > max_tree_steps || steps % 2 == 0) {
      reader.fail(*node, fmt::format("pricing.tree_steps must be odd and between 1 and {}, got {}",
                                     max_tree_steps, steps));
    }
    model.tree_steps = static_cast<int>(steps);
  }
  return model;
}

asset_class_config read_asset_class(const io::toml_reader& reader, const toml::table& table,
                                    const std::string& section) {
  reader.expect_keys(table, section, asset_class_keys);
  const auto name = [&](std::string_view key) { return io::qualified(section, key); };
  asset_class_config cls;

  cls.up = reader.number(
      reader.required(table, section, "up"), name("up"), [](double v) { return v > 0; },
      "> 0 (a fraction of spot)");
  cls.down = reader.number(
      reader.required(table, section, "down"), name("down"),
      [](double v) { return v > 0 && v < 1; }, "> 0 and < 1 (a positive fraction of spot)");

  const toml::node& points = reader.required(table, section, "points");
  const std::int64_t point_count = reader.integer(points, name("points"));
  if (point_count < 2 || point_count % 2 != 0 || point_count > std::numeric_limits<int>::max()) {
    reader.fail(points, fmt::format("{} must be an even integer >= 2 (half up, half down), got {}",
                                    name("points"), point_count));
  }
  cls.points = static_cast<int>(point_count);

  if (const toml::node* node = table.get("vol_shifts")) {
    for (const toml::node& shift : reader.array(*node, name("vol_shifts"))) {
      const double value = reader.number(shift, name("vol_shifts"));
      if (!(value > -1)) {
        reader.fail(shift, fmt::format("{} entries must be > -1 (relative shifts), got {}",
                                       name("vol_shifts"), value));
      }
      cls.vol_shifts.push_back(value);
    }
    const std::size_t shifts = std::max<std::size_t>(cls.vol_shifts.size(), 1);
    if (static_cast<double>(cls.points) * static_cast<double>(shifts) >
        std::numeric_limits<int>::max()) {
      reader.fail(*node, fmt::format("{}: {} points x {} vol shifts is too large a grid", section,
                                     cls.points, shifts));
    }
  }

  if (const toml::node* node = table.get("horizon_days")) {
    cls.horizon_days = reader.number(
        *node, name("horizon_days"), [](double v) { return v >= 0; }, ">= 0");
  }

  cls.default_style =
      read_style(reader, reader.required(table, section, "default_style"), name("default_style"));

  for (const auto& [key, multiplier] : {std::pair{"option_multiplier", &cls.option_multiplier},
                                        std::pair{"stock_multiplier", &cls.stock_multiplier}}) {
    if (const toml::node* node = table.get(key)) {
      *multiplier = reader.number(
          *node, name(key), [](double v) { return v > 0; }, "> 0");
    }
  }
  return cls;
}

/// An offset is a fraction of a gain: 0 (none counts) to 1 (all of it, as within a class group).
double read_offset(const io::toml_reader& reader, const toml::table& table,
                   const std::string& section) {
  return reader.number(
      reader.required(table, section, "offset"), io::qualified(section, "offset"),
      [](double v) { return v >= 0 && v <= 1; }, "between 0 and 1 (a fraction of a gain)");
}

std::map<std::string, portfolio_group_config> read_portfolio_groups(const io::toml_reader& reader,
                                                                    const toml::node& node) {
  std::map<std::string, portfolio_group_config> groups;
  for (const auto& [key, entry] : reader.table(node, "portfolio_groups")) {
    const std::string section = io::qualified("portfolio_groups", key.str());
    const toml::table& table = reader.table(entry, section);
    reader.expect_keys(table, section, portfolio_group_keys);
    groups.emplace(std::string(key.str()),
                   portfolio_group_config{read_offset(reader, table, section)});
  }
  return groups;
}

/// Each product group's portfolio_group must be a configured portfolio group. A product group
/// left out of every portfolio group is a portfolio group of its own name, so a configured
/// portfolio group may not take that name.
std::map<std::string, product_group_config> read_product_groups(
    const io::toml_reader& reader, const toml::node& node,
    const std::map<std::string, portfolio_group_config>& portfolio_groups,
    const toml::node* portfolio_groups_node) {
  std::map<std::string, product_group_config> groups;
  for (const auto& [key, entry] : reader.table(node, "product_groups")) {
    const std::string section = io::qualified("product_groups", key.str());
    const toml::table& table = reader.table(entry, section);
    reader.expect_keys(table, section, product_group_keys);
    product_group_config group;
    group.offset = read_offset(reader, table, section);
    if (const toml::node* parent = table.get("portfolio_group")) {
      const std::string name = io::qualified(section, "portfolio_group");
      group.portfolio_group = std::string(reader.string(*parent, name));
      if (!portfolio_groups.contains(group.portfolio_group)) {
        reader.fail(*parent, fmt::format("{} names \"{}\", which is not a [portfolio_groups.NAME]",
                                         name, group.portfolio_group));
      }
    } else if (portfolio_groups.contains(std::string(key.str()))) {
      reader.fail(*portfolio_groups_node->as_table()->get(key.str()),
                  fmt::format("portfolio group '{}' has the name of product group '{}', which is "
                              "not in it and so is a portfolio group of its own; rename one, or "
                              "set {}.portfolio_group",
                              key.str(), key.str(), section));
    }
    groups.emplace(std::string(key.str()), std::move(group));
  }
  return groups;
}

}  // namespace

engine_config load_engine_config(const std::string& path) {
  const io::toml_reader reader(path);
  const toml::table root = reader.parse();
  reader.expect_keys(root, "", top_level_keys);

  engine_config config;
  config.rate = reader.number(reader.required(root, "", "rate"), "rate");
  if (const toml::node* node = root.get("min_charge_per_contract")) {
    config.min_charge_per_contract = reader.number(
        *node, "min_charge_per_contract", [](double v) { return v >= 0; }, ">= 0");
  }
  if (const toml::node* node = root.get("max_memory")) {
    config.max_memory_bytes = read_memory_bytes(reader, *node);
  }
  if (const toml::node* node = root.get("pricing")) {
    config.model = read_pricing(reader, reader.table(*node, "pricing"));
  }

  const toml::node& classes_node = reader.required(root, "", "asset_class");
  const toml::table& classes = reader.table(classes_node, "asset_class");
  if (classes.empty()) {
    reader.fail(classes_node, "asset_class is empty: define at least one [asset_class.NAME]");
  }
  for (const auto& [key, node] : classes) {
    const std::string section = io::qualified("asset_class", key.str());
    config.asset_classes.emplace(std::string(key.str()),
                                 read_asset_class(reader, reader.table(node, section), section));
  }

  const toml::node* portfolio_groups = root.get("portfolio_groups");
  if (portfolio_groups) config.portfolio_groups = read_portfolio_groups(reader, *portfolio_groups);
  if (const toml::node* node = root.get("product_groups")) {
    config.product_groups =
        read_product_groups(reader, *node, config.portfolio_groups, portfolio_groups);
  }
  return config;
}

}  // namespace pmrisk
