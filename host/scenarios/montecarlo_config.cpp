// load_montecarlo_config: the TOML Monte Carlo settings (docs/scenarios.md).

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "io/text_file.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/scenarios/config.hpp"

namespace pmrisk::scenarios {
namespace {

constexpr std::array<std::string_view, 13> known_keys = {"horizon_days",
                                                         "scenarios",
                                                         "seed",
                                                         "distribution",
                                                         "nu",
                                                         "vol_of_vol",
                                                         "spot_vol_correlation",
                                                         "default_correlation",
                                                         "psd_repair",
                                                         "antithetic",
                                                         "tile_scenarios",
                                                         "confidence",
                                                         "requirement_rule"};

// Degrees of freedom above this are indistinguishable from the normal law and only cost draws.
constexpr std::int64_t max_nu = 200;

// Every failure names the key and points at its value.
class toml_reader {
 public:
  explicit toml_reader(const std::string& path) : path_(path) {}

  source_location at(const toml::source_region& region) const {
    return {path_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
  }

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw input_error(at(node.source()), message);
  }

  double number(const toml::node& node, std::string_view key) const {
    double value = 0;
    if (const auto* integer = node.as_integer()) {
      value = static_cast<double>(integer->get());
    } else if (const auto* floating = node.as_floating_point()) {
      value = floating->get();
    } else {
      fail(node, fmt::format("{} must be a number", key));
    }
    if (!std::isfinite(value)) fail(node, fmt::format("{} must be finite, got {}", key, value));
    return value;
  }

  double number_in(const toml::node& node, std::string_view key, double low, double high,
                   std::string_view range) const {
    const double value = number(node, key);
    if (!(value >= low && value <= high)) {
      fail(node, fmt::format("{} must be in {}, got {}", key, range, value));
    }
    return value;
  }

  std::int64_t integer_at_least(const toml::node& node, std::string_view key,
                                std::int64_t low) const {
    const auto* integer = node.as_integer();
    if (integer == nullptr) fail(node, fmt::format("{} must be an integer", key));
    if (integer->get() < low) {
      fail(node, fmt::format("{} must be >= {}, got {}", key, low, integer->get()));
    }
    return integer->get();
  }

  std::string_view string(const toml::node& node, std::string_view key) const {
    const auto* text = node.as_string();
    if (text == nullptr) fail(node, fmt::format("{} must be a string", key));
    return text->get();
  }

  bool boolean(const toml::node& node, std::string_view key) const {
    const auto* flag = node.as_boolean();
    if (flag == nullptr) fail(node, fmt::format("{} must be true or false", key));
    return flag->get();
  }

 private:
  const std::string& path_;
};

}  // namespace

montecarlo_config load_montecarlo_config(const std::string& path) {
  const std::string text = io::read_text_file(path);
  const toml_reader reader(path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    throw input_error(reader.at(error.source()),
                      fmt::format("TOML syntax error: {}", error.description()));
  }
  for (const auto& [key, node] : root) {
    if (std::find(known_keys.begin(), known_keys.end(), key.str()) == known_keys.end()) {
      throw input_error(
          reader.at(key.source()),
          fmt::format("unknown key '{}' (expected {})", key.str(), fmt::join(known_keys, ", ")));
    }
  }

  montecarlo_config config;
  if (const toml::node* node = root.get("horizon_days")) {
    config.horizon_days = reader.number(*node, "horizon_days");
    if (!(config.horizon_days > 0 && config.horizon_days <= 252)) {
      reader.fail(*node, fmt::format("horizon_days must be in (0, 252] trading days, got {}",
                                     config.horizon_days));
    }
  }
  if (const toml::node* node = root.get("scenarios")) {
    config.scenarios = static_cast<std::uint64_t>(reader.integer_at_least(*node, "scenarios", 1));
  }
  if (const toml::node* node = root.get("seed")) {
    config.seed = static_cast<std::uint64_t>(reader.integer_at_least(*node, "seed", 0));
  }
  if (const toml::node* node = root.get("distribution")) {
    const std::string_view name = reader.string(*node, "distribution");
    if (name == "normal") {
      config.distribution = return_distribution::normal;
    } else if (name == "student_t") {
      config.distribution = return_distribution::student_t;
    } else {
      reader.fail(
          *node, fmt::format("distribution must be \"normal\" or \"student_t\", got \"{}\"", name));
    }
  }
  if (const toml::node* node = root.get("nu")) {
    const std::int64_t nu = reader.integer_at_least(*node, "nu", 3);
    if (nu > max_nu) reader.fail(*node, fmt::format("nu must be <= {}, got {}", max_nu, nu));
    config.nu = static_cast<int>(nu);
  }
  if (const toml::node* node = root.get("vol_of_vol")) {
    config.vol_of_vol = reader.number_in(*node, "vol_of_vol", 0, 10, "[0, 10] (annualised)");
  }
  if (const toml::node* node = root.get("spot_vol_correlation")) {
    config.spot_vol_correlation = reader.number_in(*node, "spot_vol_correlation", -1, 1, "[-1, 1]");
  }
  if (const toml::node* node = root.get("default_correlation")) {
    config.default_correlation = reader.number_in(*node, "default_correlation", -1, 1, "[-1, 1]");
  }
  if (const toml::node* node = root.get("psd_repair")) {
    const std::string_view name = reader.string(*node, "psd_repair");
    if (name == "higham") {
      config.repair = psd_repair::higham;
    } else if (name == "reject") {
      config.repair = psd_repair::reject;
    } else {
      reader.fail(*node,
                  fmt::format("psd_repair must be \"higham\" or \"reject\", got \"{}\"", name));
    }
  }
  if (const toml::node* node = root.get("antithetic")) {
    config.antithetic = reader.boolean(*node, "antithetic");
  }
  if (const toml::node* node = root.get("tile_scenarios")) {
    config.tile_scenarios =
        static_cast<std::size_t>(reader.integer_at_least(*node, "tile_scenarios", 1));
  }
  if (const toml::node* node = root.get("confidence")) {
    config.confidence = reader.number(*node, "confidence");
    if (!(config.confidence > 0 && config.confidence < 1)) {
      reader.fail(*node, fmt::format("confidence must be in (0, 1), got {}", config.confidence));
    }
  }
  if (const toml::node* node = root.get("requirement_rule")) {
    const std::string_view name = reader.string(*node, "requirement_rule");
    if (name == "max_tims_es") {
      config.rule = requirement_rule::max_tims_es;
    } else if (name == "tims") {
      config.rule = requirement_rule::tims;
    } else if (name == "mc") {
      config.rule = requirement_rule::mc;
    } else {
      reader.fail(
          *node,
          fmt::format("requirement_rule must be \"max_tims_es\", \"tims\" or \"mc\", got \"{}\"",
                      name));
    }
  }
  return config;
}

}  // namespace pmrisk::scenarios
