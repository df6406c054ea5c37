// load_house_rules: a broker's house rules (configs/house.toml, docs/house.md).

#include <fmt/format.h>

#include <array>
#include <limits>
#include <string_view>

#include "io/toml_reader.hpp"
#include "pmrisk/house.hpp"

namespace pmrisk {
namespace {

constexpr std::array<std::string_view, 5> top_level_keys = {
    "vol_shifts", "extreme", "concentration", "liquidity", "eligibility"};
constexpr std::array<std::string_view, 2> vol_shift_keys = {"enabled", "by_asset_class"};
constexpr std::array<std::string_view, 3> extreme_keys = {"enabled", "multiple", "weight"};
constexpr std::array<std::string_view, 6> concentration_keys = {
    "enabled", "riskiest", "large_move", "small_move", "points", "asset_classes"};
constexpr std::array<std::string_view, 2> liquidity_keys = {"enabled", "participation"};
constexpr std::array<std::string_view, 2> eligibility_keys = {"keep_equity", "open_equity"};

/// Bounds the grid: each concentration range adds this many points to every class group.
constexpr std::int64_t max_concentration_points = 1000;

bool read_enabled(const io::toml_reader& reader, const toml::table& table,
                  std::string_view section) {
  return reader.boolean(reader.required(table, section, "enabled"),
                        io::qualified(section, "enabled"));
}

bool is_fraction_open(double x) {
  return x > 0 && x < 1;
}
bool is_fraction_closed_above(double x) {
  return x > 0 && x <= 1;
}

void read_vol_shifts(const io::toml_reader& reader, const toml::table& table, house_rules& rules) {
  reader.expect_keys(table, "vol_shifts", vol_shift_keys);
  const io::toml_section section(reader, table, "vol_shifts");
  auto& out = rules.vol_shifts;
  out.enabled = read_enabled(reader, table, "vol_shifts");
  if (const toml::node* node = table.get("by_asset_class")) {
    const std::string name = section.name("by_asset_class");
    for (const auto& [key, value] : reader.table(*node, name)) {
      const std::string entry = io::qualified(name, key.str());
      const double shift = reader.number(value, entry);
      // The down shift multiplies vol by 1 - shift, which must stay positive.
      if (!is_fraction_open(shift))
        reader.fail(value, fmt::format("{} must be > 0 and < 1 (a relative shift: 0.15 moves 10% "
                                       "vol to 11.5% and 8.5%), got {}",
                                       entry, shift));
      out.by_asset_class.emplace(std::string(key.str()), shift);
    }
  }
  if (out.enabled && out.by_asset_class.empty())
    reader.fail(table,
                "vol_shifts is enabled but [vol_shifts.by_asset_class] lists no asset "
                "class");
}

void read_extreme(const io::toml_reader& reader, const toml::table& table, house_rules& rules) {
  reader.expect_keys(table, "extreme", extreme_keys);
  const io::toml_section section(reader, table, "extreme");
  auto& out = rules.extreme;
  out.enabled = read_enabled(reader, table, "extreme");
  out.multiple = section.number(
      "multiple", out.multiple, [](double x) { return x >= 1; },
      ">= 1 (a multiple of the grid's largest moves)");
  out.weight = section.number("weight", out.weight, is_fraction_closed_above, "> 0 and <= 1");
}

void read_concentration(const io::toml_reader& reader, const toml::table& table,
                        house_rules& rules) {
  reader.expect_keys(table, "concentration", concentration_keys);
  const io::toml_section section(reader, table, "concentration");
  auto& out = rules.concentration;
  out.enabled = read_enabled(reader, table, "concentration");
  out.riskiest = static_cast<int>(section.integer(
      "riskiest", out.riskiest,
      [](std::int64_t n) { return n >= 0 && n <= std::numeric_limits<int>::max(); },
      "a count >= 0"));
  const std::string move_range = "> 0 and < 1 (a fraction of the price)";
  out.large_move = section.number("large_move", out.large_move, is_fraction_open, move_range);
  out.small_move = section.number("small_move", out.small_move, is_fraction_open, move_range);
  if (out.small_move > out.large_move) {
    const toml::node& where =
        table.contains("small_move") ? section.node("small_move") : section.node("large_move");
    reader.fail(where, fmt::format("concentration.small_move ({}) must not exceed "
                                   "concentration.large_move ({})",
                                   out.small_move, out.large_move));
  }
  out.points = static_cast<int>(section.integer(
      "points", out.points,
      [](std::int64_t n) { return n >= 2 && n % 2 == 0 && n <= max_concentration_points; },
      fmt::format("an even integer from 2 to {} (half up, half down)", max_concentration_points)));
  if (const toml::node* node = table.get("asset_classes"))
    out.asset_classes = reader.strings(*node, section.name("asset_classes"));
}

void read_liquidity(const io::toml_reader& reader, const toml::table& table, house_rules& rules) {
  reader.expect_keys(table, "liquidity", liquidity_keys);
  const io::toml_section section(reader, table, "liquidity");
  auto& out = rules.liquidity;
  out.enabled = read_enabled(reader, table, "liquidity");
  out.participation = section.number("participation", out.participation, is_fraction_closed_above,
                                     "> 0 and <= 1 (a fraction of average daily volume)");
}

void read_eligibility(const io::toml_reader& reader, const toml::table& table, house_rules& rules) {
  reader.expect_keys(table, "eligibility", eligibility_keys);
  const io::toml_section section(reader, table, "eligibility");
  auto& out = rules.eligibility;
  const auto non_negative = [](double x) { return x >= 0; };
  out.keep_equity = section.number("keep_equity", out.keep_equity, non_negative, ">= 0");
  out.open_equity = section.number("open_equity", out.open_equity, non_negative, ">= 0");
  if (out.open_equity < out.keep_equity) {
    const toml::node& where =
        table.contains("open_equity") ? section.node("open_equity") : section.node("keep_equity");
    reader.fail(where, fmt::format("eligibility.open_equity ({}) must be at least "
                                   "eligibility.keep_equity ({})",
                                   out.open_equity, out.keep_equity));
  }
}

}  // namespace

house_rules load_house_rules(const std::string& path) {
  const io::toml_reader reader(path);
  const toml::table root = reader.parse();
  reader.expect_keys(root, "", top_level_keys);

  house_rules rules;
  using section_parser = void (*)(const io::toml_reader&, const toml::table&, house_rules&);
  for (const auto& [key, parse] :
       {std::pair<std::string_view, section_parser>{"vol_shifts", read_vol_shifts},
        {"extreme", read_extreme},
        {"concentration", read_concentration},
        {"liquidity", read_liquidity},
        {"eligibility", read_eligibility}}) {
    if (const toml::node* node = root.get(key)) parse(reader, reader.table(*node, key), rules);
  }
  return rules;
}

}  // namespace pmrisk
