// load_engine_config: the TOML engine configuration (docs/configuration.md).

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <span>

#include "io/byte_size.hpp"
#include "io/text_file.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

constexpr std::array<std::string_view, 5> top_level_keys = {"rate", "min_charge_per_contract",
                                                            "max_memory", "pricing", "asset_class"};
constexpr std::array<std::string_view, 2> pricing_keys = {"american_model", "tree_steps"};
constexpr std::array<std::string_view, 8> asset_class_keys = {"up",
                                                              "down",
                                                              "points",
                                                              "vol_shifts",
                                                              "horizon_days",
                                                              "default_style",
                                                              "option_multiplier",
                                                              "stock_multiplier"};

constexpr int max_tree_steps = 2001;

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

// Reads typed values out of the parsed document; every failure names the key and points at it.
class config_reader {
 public:
  explicit config_reader(const std::string& path) : path_(path) {}

  source_location at(const toml::source_region& region) const {
    return {path_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
  }

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw input_error(at(node.source()), message);
  }

  /// Catches typos: every key of `table` must be one of `known`.
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

  const toml::node& required(const toml::table& table, std::string_view section,
                             std::string_view key) const {
    if (const toml::node* node = table.get(key)) return *node;
    const source_location where = section.empty() ? source_location{path_} : at(table.source());
    throw input_error(where, fmt::format("missing required key '{}'", qualified(section, key)));
  }

  double number(const toml::node& node, std::string_view name) const {
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

  std::int64_t integer(const toml::node& node, std::string_view name) const {
    if (const auto* integer = node.as_integer()) return integer->get();
    wrong_type(node, name, "an integer");
  }

  std::string_view string(const toml::node& node, std::string_view name) const {
    if (const auto* text = node.as_string()) return text->get();
    wrong_type(node, name, "a string");
  }

  const toml::table& table(const toml::node& node, std::string_view name) const {
    if (const auto* table = node.as_table()) return *table;
    wrong_type(node, name, "a table");
  }

  const toml::array& array(const toml::node& node, std::string_view name) const {
    if (const auto* array = node.as_array()) return *array;
    wrong_type(node, name, "an array");
  }

 private:
  [[noreturn]] void wrong_type(const toml::node& node, std::string_view name,
                               std::string_view expected) const {
    fail(node, fmt::format("{} must be {}, got {}", name, expected, type_phrase(node.type())));
  }

  const std::string& path_;
};

exercise_style read_style(const config_reader& reader, const toml::node& node,
                          std::string_view name) {
  const std::string_view text = reader.string(node, name);
  if (text == "american") return exercise_style::american;
  if (text == "european") return exercise_style::european;
  reader.fail(node, fmt::format("{} must be \"american\" or \"european\", got \"{}\"", name, text));
}

// A size string like "4GiB", or an integer number of bytes.
std::size_t read_memory_bytes(const config_reader& reader, const toml::node& node) {
  std::optional<std::size_t> bytes;
  std::string given;
  if (const auto* integer = node.as_integer()) {
    if (integer->get() > 0) bytes = static_cast<std::size_t>(integer->get());
    given = std::to_string(integer->get());
  } else if (const auto* string = node.as_string()) {
    bytes = io::parse_byte_size(string->get());
    given = fmt::format("\"{}\"", string->get());
  } else {
    given = type_phrase(node.type());
  }
  if (!bytes) {
    reader.fail(node, fmt::format("max_memory must be an integer number of bytes > 0 or a size "
                                  "like \"4GiB\" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), "
                                  "got {}",
                                  given));
  }
  return *bytes;
}

pricing_model read_pricing(const config_reader& reader, const toml::table& table) {
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

asset_class_config read_asset_class(const config_reader& reader, const toml::table& table,
                                    const std::string& section) {
  reader.expect_keys(table, section, asset_class_keys);
  const auto name = [&](std::string_view key) { return qualified(section, key); };
  asset_class_config cls;

  const toml::node& up = reader.required(table, section, "up");
  cls.up = reader.number(up, name("up"));
  if (!(cls.up > 0)) {
    reader.fail(up, fmt::format("{} must be > 0 (a fraction of spot), got {}", name("up"), cls.up));
  }

  const toml::node& down = reader.required(table, section, "down");
  cls.down = reader.number(down, name("down"));
  if (!(cls.down > 0 && cls.down < 1)) {
    reader.fail(down, fmt::format("{} must be > 0 and < 1 (a positive fraction of spot), got {}",
                                  name("down"), cls.down));
  }

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
    cls.horizon_days = reader.number(*node, name("horizon_days"));
    if (cls.horizon_days < 0) {
      reader.fail(*node,
                  fmt::format("{} must be >= 0, got {}", name("horizon_days"), cls.horizon_days));
    }
  }

  cls.default_style =
      read_style(reader, reader.required(table, section, "default_style"), name("default_style"));

  for (const auto& [key, multiplier] : {std::pair{"option_multiplier", &cls.option_multiplier},
                                        std::pair{"stock_multiplier", &cls.stock_multiplier}}) {
    if (const toml::node* node = table.get(key)) {
      *multiplier = reader.number(*node, name(key));
      if (!(*multiplier > 0)) {
        reader.fail(*node, fmt::format("{} must be > 0, got {}", name(key), *multiplier));
      }
    }
  }
  return cls;
}

}  // namespace

engine_config load_engine_config(const std::string& path) {
  const std::string text = io::read_text_file(path);
  const config_reader reader(path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    throw input_error(reader.at(error.source()),
                      fmt::format("TOML syntax error: {}", error.description()));
  }
  reader.expect_keys(root, "", top_level_keys);

  engine_config config;
  config.rate = reader.number(reader.required(root, "", "rate"), "rate");
  if (const toml::node* node = root.get("min_charge_per_contract")) {
    config.min_charge_per_contract = reader.number(*node, "min_charge_per_contract");
    if (config.min_charge_per_contract < 0) {
      reader.fail(*node, fmt::format("min_charge_per_contract must be >= 0, got {}",
                                     config.min_charge_per_contract));
    }
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
    const std::string section = qualified("asset_class", key.str());
    config.asset_classes.emplace(std::string(key.str()),
                                 read_asset_class(reader, reader.table(node, section), section));
  }
  return config;
}

}  // namespace pmrisk
