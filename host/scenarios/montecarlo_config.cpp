// load_montecarlo_config: the TOML Monte Carlo settings (docs/scenarios.md).

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "io/toml_reader.hpp"
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

bool is_correlation(double rho) {
  return rho >= -1 && rho <= 1;
}

}  // namespace

montecarlo_config load_montecarlo_config(const std::string& path) {
  const io::toml_reader reader(path);
  const toml::table root = reader.parse();
  reader.expect_keys(root, "", known_keys);

  montecarlo_config config;
  if (const toml::node* node = root.get("horizon_days")) {
    config.horizon_days = reader.number(
        *node, "horizon_days", [](double v) { return v > 0 && v <= 252; },
        "in (0, 252] trading days");
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
    config.vol_of_vol = reader.number(
        *node, "vol_of_vol", [](double v) { return v >= 0 && v <= 10; }, "in [0, 10] (annualised)");
  }
  if (const toml::node* node = root.get("spot_vol_correlation")) {
    config.spot_vol_correlation =
        reader.number(*node, "spot_vol_correlation", is_correlation, "in [-1, 1]");
  }
  if (const toml::node* node = root.get("default_correlation")) {
    config.default_correlation =
        reader.number(*node, "default_correlation", is_correlation, "in [-1, 1]");
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
    config.confidence = reader.number(
        *node, "confidence", [](double v) { return v > 0 && v < 1; }, "in (0, 1)");
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
