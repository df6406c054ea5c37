#include "cli/montecarlo_flags.hpp"

#include <fmt/format.h>

#include <cmath>

#include "pmrisk/error.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_model.hpp"
#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

// The confidence of VaR and ES as a fraction strictly between 0 and 1 (0.99, not 99).
std::string check_confidence(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value > 0 && value < 1) return {};
  } catch (const std::exception&) {
  }
  return "expected a fraction between 0 and 1 exclusive (0.99 for 99%), got '" + text + "'";
}

// The percentage with the fewest decimals that shows it: 0.99 -> "99%", 0.975 -> "97.5%".
std::string percent(double fraction) {
  for (int decimals = 0; decimals < 6; ++decimals) {
    const std::string text = fmt::format("{:.{}f}", fraction * 100, decimals);
    if (std::abs(std::stod(text) - fraction * 100) < 1e-9) return text + "%";
  }
  return fmt::format("{:.6f}%", fraction * 100);
}

}  // namespace

std::vector<CLI::Option*> add_montecarlo_flags(CLI::App& command, montecarlo_flags& flags) {
  std::vector<CLI::Option*> options;
  options.push_back(
      command.add_option("--mc-config", flags.config_path, "Monte Carlo settings (TOML)")
          ->capture_default_str()
          ->type_name("FILE"));
  options.push_back(command
                        .add_option("--correlation", flags.correlation_path,
                                    "Correlations: pairs (symbol_a,symbol_b,rho) or factor "
                                    "loadings (symbol,<factors>,idio) CSV; default: every pair "
                                    "at the config's default_correlation")
                        ->type_name("FILE"));
  options.push_back(command
                        .add_option_function<std::uint64_t>(
                            "--scenarios",
                            [&flags](const std::uint64_t& n) { flags.scenarios = n; },
                            "Scenarios to simulate; overrides the config's (default 10,000)")
                        ->check(CLI::PositiveNumber)
                        ->type_name("N"));
  options.push_back(command
                        .add_option_function<std::uint64_t>(
                            "--seed", [&flags](const std::uint64_t& seed) { flags.seed = seed; },
                            fmt::format("Random seed; overrides the config's (default {})",
                                        scenarios::default_seed))
                        ->type_name("N"));
  options.push_back(
      command
          .add_option_function<double>(
              "--confidence", [&flags](const double& alpha) { flags.confidence = alpha; },
              "VaR and expected-shortfall level; overrides the config's (default 0.99)")
          ->check(CLI::Validator(check_confidence, ""))
          ->type_name("ALPHA"));
  options.push_back(command.add_flag("--antithetic", flags.antithetic,
                                     "Antithetic pairs: scenario 2k+1 negates the draws of 2k"));
  return options;
}

montecarlo_setup load_montecarlo(const montecarlo_flags& flags, const market_data& market) {
  montecarlo_setup setup;
  setup.config = scenarios::load_montecarlo_config(flags.config_path);
  setup.seed_is_default = !flags.seed && setup.config.seed == scenarios::default_seed;
  if (flags.scenarios) setup.config.scenarios = *flags.scenarios;
  if (flags.seed) setup.config.seed = *flags.seed;
  if (flags.confidence) setup.config.confidence = *flags.confidence;
  if (flags.antithetic) setup.config.antithetic = true;
  if (!flags.correlation_path.empty())
    setup.correlation = scenarios::load_correlation_file(flags.correlation_path, market);
  return setup;
}

montecarlo_options montecarlo_options_from(const montecarlo_setup& setup, const market_data& market,
                                           std::vector<std::string>& warnings) {
  const scenarios::montecarlo_config& config = setup.config;
  scenarios::correlation_model correlation = scenarios::build_correlation_model(
      market, setup.correlation, config.default_correlation, config.repair);
  if (!correlation.warning.empty()) warnings.push_back(correlation.warning);
  montecarlo_options options;
  options.model = scenarios::make_scenario_model(market, config, std::move(correlation.factor));
  options.scenarios = config.scenarios;
  options.tile_scenarios = config.tile_scenarios;
  options.confidence = config.confidence;
  options.rule = config.rule;
  return options;
}

std::string describe_scenarios(std::uint64_t scenarios, std::uint64_t seed, bool seed_is_default,
                               double confidence, std::uint64_t tail_count) {
  return fmt::format("{} scenarios, seed {}{}, {} VaR and ES over the {} largest losses",
                     format_count(scenarios), seed, seed_is_default ? " (default)" : "",
                     percent(confidence), format_count(tail_count));
}

}  // namespace pmrisk::cli
