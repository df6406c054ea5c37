#pragma once
// Monte Carlo margin in the spirit of OCC's STANS: every series repriced under simulated
// scenarios, and each account's tail risk over them (docs/montecarlo.md).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "pmrisk/scenarios/config.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"
#include "pmrisk/scenarios/scenario_model.hpp"

namespace pmrisk {

/// The scenarios a run values and how it measures and charges their tail.
struct montecarlo_options {
  scenarios::scenario_model model;    ///< seed, correlation and laws: scenario s is f(model, s)
  std::uint64_t scenarios = 10000;    ///< S, scenarios 0 ... S - 1
  std::size_t tile_scenarios = 1000;  ///< scenarios generated and valued at once
  double confidence = 0.99;           ///< alpha of VaR and expected shortfall, in (0, 1)
  scenarios::requirement_rule rule = scenarios::requirement_rule::max_tims_es;
  /// Called with every tile once, in scenario order (for an audit dump of the scenarios).
  std::function<void(const scenarios::scenario_tile&)> on_tile;
};

/// The largest scenario count a tile may hold: a tile is the valuation grid's stride (an int),
/// and the repricing kernel indexes series x stride slots of a block in 32 bits.
inline constexpr std::size_t max_tile_scenarios = std::size_t{1} << 20;

/// k, the number of largest losses the tail holds: ceil((1 - alpha) S), at least 1. (1 - alpha) S
/// is first rounded to the nearest integer when within 1e-9 of it, so that alpha = 0.99 and
/// S = 10,000 give k = 100, not 101 from the binary rounding of 0.99.
std::uint64_t tail_count(std::uint64_t scenarios, double confidence);

/// One account's tail over the scenarios. Its loss in scenario s is minus its P&L there, summed
/// over its class groups; positive is a loss. Losses rank largest first, and equal losses by
/// lower scenario index, so the k largest are one well-defined set.
struct account_tail_risk {
  double worst_loss = 0;             ///< max(0, the largest loss)
  std::uint64_t worst_scenario = 0;  ///< the scenario of the largest loss
  double var = 0;                    ///< max(0, the k-th largest loss)
  double es = 0;                     ///< max(0, the mean of the k largest losses)
};

/// What a margin run's Monte Carlo part did, for its outputs.
struct montecarlo_summary {
  std::uint64_t scenarios = 0;
  std::uint64_t seed = 0;
  double confidence = 0;
  std::uint64_t tail_count = 0;  ///< k
  scenarios::requirement_rule rule = scenarios::requirement_rule::max_tims_es;
  std::string generator;        ///< the scenario generator's name
  std::size_t batch_count = 0;  ///< account batches; scenarios are generated once per batch
};

/// "max_tims_es", "tims" or "mc", as the config and the command line spell the rule.
const char* requirement_rule_name(scenarios::requirement_rule rule);

/// An account's final requirement: max(TIMS, ES) by default; TIMS alone; or ES alone (the
/// minimum charges are part of TIMS, not of the simulation).
double combined_requirement(double tims_requirement, double mc_es,
                            scenarios::requirement_rule rule);

}  // namespace pmrisk
