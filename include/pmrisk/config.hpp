#pragma once
// Engine configuration, read from configs/tims.toml (see docs/configuration.md).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "pmrisk/house.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/span_config.hpp"

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

/// A product group: class groups whose P&L may offset partially at each valuation point
/// (docs/offsets.md). A market row's product_group names one of these, or is its own symbol.
struct product_group_config {
  double offset = 0;            ///< fraction of one class group's gain that offsets others' losses
  std::string portfolio_group;  ///< empty: its own portfolio group
};

/// A portfolio group: product groups that offset as class groups do in a product group.
struct portfolio_group_config {
  double offset = 0;
};

struct engine_config {
  double rate = 0;                         ///< flat continuously compounded risk-free rate
  double min_charge_per_contract = 0.375;  ///< x multiplier, per option contract, long or short
  pricing_model model;
  std::size_t max_memory_bytes = std::size_t{4} << 30;  ///< per-batch working-set budget
  std::map<std::string, asset_class_config> asset_classes;
  std::map<std::string, product_group_config> product_groups;
  std::map<std::string, portfolio_group_config> portfolio_groups;
  house_rules house;  ///< from --house; all add-ons off without one
  span_config span;   ///< from --span; asset classes listed there are margined by SPAN
};

}  // namespace pmrisk
