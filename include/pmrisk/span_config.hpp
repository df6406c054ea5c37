#pragma once
// SPAN parameters of the futures classes (configs/span.toml, docs/span.md).

#include <map>
#include <string>
#include <vector>

namespace pmrisk {

/// The scan ranges of one futures asset class (a key of [asset_class] in the engine config).
struct span_class_config {
  double price_scan = 0;            ///< price scan range, as a fraction of the futures price
  double vol_scan = 0;              ///< vol scan range, relative to each series' vol
  double extreme_multiple = 2.0;    ///< scenarios 15-16 move price by this x price_scan
  double extreme_weight = 0.35;     ///< ... and count this fraction of their P&L
  double short_option_minimum = 0;  ///< $ per short option contract
};

/// A credit between two combined commodities (market product_group values) whose net deltas
/// offset, at delta_ratio first-commodity deltas per second-commodity delta.
struct inter_commodity_spread {
  std::string first;
  std::string second;
  double first_deltas = 1;
  double second_deltas = 1;
  double credit_rate = 0;  ///< fraction of each leg's price risk credited per spread formed
};

struct span_config {
  std::map<std::string, span_class_config> classes;  ///< by asset class
  std::vector<inter_commodity_spread> spreads;       ///< in priority order
};

/// Reads a configs/span.toml-style file; errors throw pmrisk::input_error at file:line:column.
span_config load_span_config(const std::string& path);

}  // namespace pmrisk
