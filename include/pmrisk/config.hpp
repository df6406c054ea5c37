#pragma once
// Engine configuration, read from configs/tims.toml (see docs/configuration.md).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "pmrisk/instrument.hpp"

namespace pmrisk {

/// The regulatory valuation grid and defaults of one asset class.
struct asset_class_config {
  double up = 0.15;                ///< largest up move, as a fraction of spot
  double down = 0.15;              ///< largest down move, as a positive fraction of spot
  int points = 10;                 ///< even: half up, half down, no zero point
  std::vector<double> vol_shifts;  ///< relative implied-vol shifts; empty means {0}
  double horizon_days = 0;         ///< calendar days taken off every series' time to expiry
  exercise_style default_style = exercise_style::american;
  double option_multiplier = 100;
  double stock_multiplier = 1;
};

struct engine_config {
  double rate = 0;                         ///< flat continuously compounded risk-free rate
  double min_charge_per_contract = 0.375;  ///< x multiplier, per option contract, long or short
  pricing_model model;
  std::size_t max_memory_bytes = std::size_t{4} << 30;  ///< per-batch working-set budget
  std::map<std::string, asset_class_config> asset_classes;
};

}  // namespace pmrisk
