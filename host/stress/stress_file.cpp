// Stress files: configs/stress/*.toml, read and resolved against the market and the config
// (docs/montecarlo.md, "Stress sets").

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <string_view>

#include "io/toml_reader.hpp"
#include "pmrisk/stress.hpp"

namespace pmrisk::stress {
namespace {

constexpr std::array<std::string_view, 6> top_level_keys = {"name",        "description", "groups",
                                                            "correlation", "vol",         "gap"};
constexpr std::array<std::string_view, 3> group_keys = {"symbols", "product_groups",
                                                        "asset_classes"};
constexpr std::array<std::string_view, 3> correlation_keys = {"set_all", "scale", "flip"};
constexpr std::array<std::string_view, 4> scale_keys = {"within", "between", "pairs", "factor"};
constexpr std::array<std::string_view, 3> vol_keys = {"multiplier", "symbols", "groups"};
constexpr std::array<std::string_view, 3> gap_keys = {"move", "symbols", "groups"};

/// A selector list: an empty one selects nothing and is surely a mistake.
const toml::array& non_empty_array(const io::toml_reader& reader, const toml::node& node,
                                   std::string_view key) {
  const toml::array& array = reader.array(node, key);
  if (array.empty()) reader.fail(node, fmt::format("{} must not be empty", key));
  return array;
}

/// The set's named groups of underlyings, resolved to market indices (ascending).
using group_map = std::map<std::string, std::vector<std::int32_t>, std::less<>>;

class selector_resolver {
 public:
  selector_resolver(const io::toml_reader& reader, const market_data& market,
                    const engine_config& config)
      : reader_(reader), market_(market), config_(config) {
    for (const underlying& u : market.underlyings) product_groups_.insert(u.product_group);
  }

  std::int32_t symbol(const toml::node& node, std::string_view key) const {
    const std::string_view text = reader_.string(node, key);
    const std::optional<std::int32_t> index = market_.find(text);
    if (!index)
      reader_.fail(node, fmt::format("unknown symbol '{}': not in the market data", text));
    return *index;
  }

  /// A group definition: the union of its symbols, product groups and asset classes.
  std::vector<std::int32_t> group(const toml::table& table, const std::string& name) const {
    const std::string section = "groups." + name;
    reader_.expect_keys(table, section, group_keys);
    if (table.empty())
      reader_.fail(table, fmt::format("group '{}' names no symbols, product_groups or "
                                      "asset_classes",
                                      name));
    std::vector<bool> member(market_.underlyings.size(), false);
    if (const toml::node* node = table.get("symbols"))
      for (const toml::node& entry : non_empty_array(reader_, *node, section + ".symbols"))
        member[static_cast<std::size_t>(symbol(entry, section + ".symbols"))] = true;
    if (const toml::node* node = table.get("product_groups"))
      for (const toml::node& entry : non_empty_array(reader_, *node, section + ".product_groups")) {
        const std::string_view group = reader_.string(entry, section + ".product_groups");
        if (product_groups_.find(std::string(group)) == product_groups_.end())
          reader_.fail(entry, fmt::format("unknown product group '{}': no underlying of the "
                                          "market data is in it",
                                          group));
        mark(member, [&](const underlying& u) { return u.product_group == group; });
      }
    if (const toml::node* node = table.get("asset_classes"))
      for (const toml::node& entry : non_empty_array(reader_, *node, section + ".asset_classes")) {
        const std::string_view cls = reader_.string(entry, section + ".asset_classes");
        if (config_.asset_classes.find(std::string(cls)) == config_.asset_classes.end())
          reader_.fail(
              entry,
              fmt::format("unknown asset class '{}': not defined in the engine config", cls));
        mark(member, [&](const underlying& u) { return u.asset_class == cls; });
      }
    return members_of(member);
  }

  /// `symbols` and `groups` of a [vol] or [gap] table: their union, or every underlying when
  /// neither is given.
  std::vector<bool> targets(const toml::table& table, std::string_view section,
                            const group_map& groups) const {
    if (!table.get("symbols") && !table.get("groups"))
      return std::vector<bool>(market_.underlyings.size(), true);
    std::vector<bool> member(market_.underlyings.size(), false);
    if (const toml::node* node = table.get("symbols"))
      for (const toml::node& entry :
           non_empty_array(reader_, *node, fmt::format("{}.symbols", section)))
        member[static_cast<std::size_t>(symbol(entry, fmt::format("{}.symbols", section)))] = true;
    if (const toml::node* node = table.get("groups"))
      for (const toml::node& entry :
           non_empty_array(reader_, *node, fmt::format("{}.groups", section)))
        for (std::int32_t u : group_named(entry, groups, fmt::format("{}.groups", section)))
          member[static_cast<std::size_t>(u)] = true;
    return member;
  }

  const std::vector<std::int32_t>& group_named(const toml::node& node, const group_map& groups,
                                               std::string_view key) const {
    const std::string_view name = reader_.string(node, key);
    const auto it = groups.find(name);
    if (it == groups.end())
      reader_.fail(node, fmt::format("unknown group '{}': define it under [groups]", name));
    return it->second;
  }

  underlying_pair pair(const toml::node& node, std::string_view key) const {
    const toml::array& both = non_empty_array(reader_, node, key);
    if (both.size() != 2)
      reader_.fail(node, fmt::format("{} entries must be pairs of two symbols", key));
    const std::int32_t a = symbol(*both.get(0), key);
    const std::int32_t b = symbol(*both.get(1), key);
    if (a == b) reader_.fail(node, fmt::format("{}: a pair needs two different symbols", key));
    return {a, b};
  }

 private:
  template <class Predicate>
  void mark(std::vector<bool>& member, Predicate&& in_group) const {
    for (std::size_t u = 0; u < market_.underlyings.size(); ++u)
      if (in_group(market_.underlyings[u])) member[u] = true;
  }

  static std::vector<std::int32_t> members_of(const std::vector<bool>& member) {
    std::vector<std::int32_t> members;
    for (std::size_t u = 0; u < member.size(); ++u)
      if (member[u]) members.push_back(static_cast<std::int32_t>(u));
    return members;
  }

  const io::toml_reader& reader_;
  const market_data& market_;
  const engine_config& config_;
  std::set<std::string, std::less<>> product_groups_;
};

group_map read_groups(const io::toml_reader& reader, const selector_resolver& resolve,
                      const toml::table& root) {
  group_map groups;
  const toml::node* node = root.get("groups");
  if (node == nullptr) return groups;
  for (const auto& [key, definition] : reader.table(*node, "groups")) {
    const std::string name(key.str());
    groups.emplace(name, resolve.group(reader.table(definition, "groups." + name), name));
  }
  return groups;
}

correlation_scale read_scale(const io::toml_reader& reader, const selector_resolver& resolve,
                             const toml::table& table, const group_map& groups) {
  reader.expect_keys(table, "correlation.scale", scale_keys);
  const int scopes =
      (table.get("within") ? 1 : 0) + (table.get("between") ? 1 : 0) + (table.get("pairs") ? 1 : 0);
  if (scopes != 1)
    reader.fail(table, "each [[correlation.scale]] needs exactly one of within, between, pairs");
  const toml::node* factor = table.get("factor");
  if (factor == nullptr) reader.fail(table, "[[correlation.scale]] needs a factor");

  correlation_scale scale;
  scale.factor = reader.number(*factor, "correlation.scale.factor");
  if (const toml::node* node = table.get("within")) {
    scale.applies_to = correlation_scale::scope::within;
    scale.first = resolve.group_named(*node, groups, "correlation.scale.within");
  } else if (const toml::node* between = table.get("between")) {
    scale.applies_to = correlation_scale::scope::between;
    const toml::array& both = non_empty_array(reader, *between, "correlation.scale.between");
    if (both.size() != 2) reader.fail(*between, "correlation.scale.between must name two groups");
    scale.first = resolve.group_named(*both.get(0), groups, "correlation.scale.between");
    scale.second = resolve.group_named(*both.get(1), groups, "correlation.scale.between");
  } else {
    scale.applies_to = correlation_scale::scope::pairs;
    for (const toml::node& entry :
         non_empty_array(reader, *table.get("pairs"), "correlation.scale.pairs"))
      scale.pairs.push_back(resolve.pair(entry, "correlation.scale.pairs"));
  }
  return scale;
}

void read_correlation(const io::toml_reader& reader, const selector_resolver& resolve,
                      const toml::table& table, const group_map& groups, stress_set& set) {
  reader.expect_keys(table, "correlation", correlation_keys);
  if (const toml::node* node = table.get("set_all")) {
    set.set_all = reader.number(
        *node, "correlation.set_all", [](double rho) { return rho >= -1 && rho <= 1; },
        "in [-1, 1]");
  }
  if (const toml::node* node = table.get("scale")) {
    const auto* entries = node->as_array();
    if (entries == nullptr || !entries->is_array_of_tables() || entries->empty())
      reader.fail(*node, "correlation.scale must be an array of tables: [[correlation.scale]]");
    for (const toml::node& entry : *entries)
      set.scales.push_back(read_scale(reader, resolve, *entry.as_table(), groups));
  }
  if (const toml::node* node = table.get("flip"))
    for (const toml::node& entry : non_empty_array(reader, *node, "correlation.flip"))
      set.flips.push_back(resolve.pair(entry, "correlation.flip"));
}

/// [vol] or [gap]: `value_key`'s value for the selected underlyings, `neutral` elsewhere.
std::vector<double> read_per_underlying(const io::toml_reader& reader,
                                        const selector_resolver& resolve, const toml::table& table,
                                        std::string_view section,
                                        std::span<const std::string_view> keys,
                                        std::string_view value_key, double neutral,
                                        const group_map& groups, double& value) {
  reader.expect_keys(table, section, keys);
  const toml::node* node = table.get(value_key);
  if (node == nullptr) reader.fail(table, fmt::format("[{}] needs {}", section, value_key));
  value = reader.number(*node, fmt::format("{}.{}", section, value_key));
  const std::vector<bool> selected = resolve.targets(table, section, groups);
  std::vector<double> per_underlying(selected.size(), neutral);
  for (std::size_t u = 0; u < selected.size(); ++u)
    if (selected[u]) per_underlying[u] = value;
  return per_underlying;
}

}  // namespace

std::vector<std::string> stress_files_in(const std::string& directory) {
  std::error_code error;
  std::filesystem::directory_iterator entries(directory, error);
  if (error)
    throw input_error({directory},
                      fmt::format("cannot read the stress directory: {}", error.message()));
  std::vector<std::string> files;
  for (const auto& entry : entries)
    if (entry.path().extension() == ".toml" && !entry.is_directory())
      files.push_back(entry.path().string());
  if (files.empty()) throw input_error({directory}, "the stress directory holds no *.toml file");
  std::sort(files.begin(), files.end());
  return files;
}

stress_set load_stress_file(const std::string& path, const market_data& market,
                            const engine_config& config) {
  const io::toml_reader reader(path);
  const toml::table root = reader.parse();
  reader.expect_keys(root, "", top_level_keys);
  const selector_resolver resolve(reader, market, config);

  stress_set set;
  set.file = path;
  set.name = std::filesystem::path(path).stem().string();
  if (const toml::node* node = root.get("name")) {
    set.name = std::string(reader.string(*node, "name"));
    if (set.name.empty()) reader.fail(*node, "name must not be empty");
  }
  if (set.name == base_set_name) {
    const toml::node* node = root.get("name");
    throw input_error(
        node ? reader.at(node->source()) : source_location{path},
        fmt::format("the name '{}' is the unstressed model's; choose another", base_set_name));
  }
  if (const toml::node* node = root.get("description"))
    set.description = std::string(reader.string(*node, "description"));

  const group_map groups = read_groups(reader, resolve, root);
  if (const toml::node* node = root.get("correlation"))
    read_correlation(reader, resolve, reader.table(*node, "correlation"), groups, set);
  if (const toml::node* node = root.get("vol")) {
    double multiplier = 0;
    set.vol_multiplier = read_per_underlying(reader, resolve, reader.table(*node, "vol"), "vol",
                                             vol_keys, "multiplier", 1.0, groups, multiplier);
    if (!(multiplier > 0))
      reader.fail(*reader.table(*node, "vol").get("multiplier"),
                  fmt::format("vol.multiplier must be > 0, got {}", multiplier));
  }
  if (const toml::node* node = root.get("gap")) {
    double move = 0;
    set.gap = read_per_underlying(reader, resolve, reader.table(*node, "gap"), "gap", gap_keys,
                                  "move", 0.0, groups, move);
    if (!(move > -1))
      reader.fail(
          *reader.table(*node, "gap").get("move"),
          fmt::format("gap.move must be > -1 (a relative move: -0.2 is spot x 0.8), got {}", move));
  }
  if (!set.set_all && set.scales.empty() && set.flips.empty() && set.vol_multiplier.empty() &&
      set.gap.empty())
    throw input_error({path}, "the stress set changes nothing: give [correlation], [vol] or [gap]");
  return set;
}

std::vector<stress_set> load_stress_files(const std::vector<std::string>& paths,
                                          const market_data& market, const engine_config& config) {
  std::vector<stress_set> sets;
  for (const std::string& path : paths) {
    stress_set set = load_stress_file(path, market, config);
    for (const stress_set& earlier : sets)
      if (earlier.name == set.name)
        throw input_error(
            {path}, fmt::format("stress set '{}' is also defined in {}", set.name, earlier.file));
    sets.push_back(std::move(set));
  }
  return sets;
}

}  // namespace pmrisk::stress
