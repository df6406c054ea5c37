#pragma once
// The --scenario-dump file: every generated scenario's moves, for audit.

#include <ostream>
#include <string>
#include <vector>

#include "pmrisk/market.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"

namespace pmrisk {

/// Header "scenario,symbol,log_return,spot_move,vol_shift", then for each scenario in the order
/// its tiles arrive one row per underlying in market order. Values carry 17 significant digits,
/// so every double reads back bit for bit; spot_move = exp(log_return) - 1 and vol_shift are
/// relative, as the valuation grid uses them.
class scenario_dump_writer {
 public:
  scenario_dump_writer(std::ostream& out, const market_data& market);
  void write(const scenarios::scenario_tile& tile);

 private:
  std::ostream& out_;
  std::vector<std::string> symbols_;  ///< as CSV fields
};

}  // namespace pmrisk
