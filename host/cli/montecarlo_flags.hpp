#pragma once
// The Monte Carlo flags `margin --montecarlo` and `stress` share, and turning them into a
// scenario setup: the config file with the flags applied over it, and the correlation input.

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pmrisk/market.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/scenarios/config.hpp"
#include "pmrisk/scenarios/correlation_file.hpp"

namespace pmrisk::cli {

/// --mc-config, --correlation, --scenarios, --seed, --confidence, --antithetic.
struct montecarlo_flags {
  std::string config_path = PMRISK_CONFIG_DIR "/montecarlo.toml";
  std::string correlation_path;  ///< empty: every pair at the config's default_correlation
  std::optional<std::uint64_t> scenarios;
  std::optional<std::uint64_t> seed;
  std::optional<double> confidence;
  bool antithetic = false;  ///< true: antithetic pairs whatever the config says
};

/// Adds the flags to `command`; each option is returned so a caller can make it depend on
/// another (margin's --montecarlo).
std::vector<CLI::Option*> add_montecarlo_flags(CLI::App& command, montecarlo_flags& flags);

/// What the flags resolve to, validated.
struct montecarlo_setup {
  scenarios::montecarlo_config config;  ///< the file, with the flags applied
  std::optional<scenarios::correlation_input> correlation;
  bool seed_is_default = false;  ///< neither the file nor --seed chose the seed
};

/// Loads the config and the correlation file. Throws pmrisk::input_error at file:line:column.
montecarlo_setup load_montecarlo(const montecarlo_flags& flags, const market_data& market);

/// The margin run's scenarios: the correlation factored (warning, if its matrix needed a
/// Higham repair, appended to `warnings`) and the scenario model compiled.
montecarlo_options montecarlo_options_from(const montecarlo_setup& setup, const market_data& market,
                                           std::vector<std::string>& warnings);

/// "10,000 scenarios, seed 4210 (default), 99% tail of 100 losses": how a run's summary names
/// its scenarios.
std::string describe_scenarios(std::uint64_t scenarios, std::uint64_t seed, bool seed_is_default,
                               double confidence, std::uint64_t tail_count);

}  // namespace pmrisk::cli
