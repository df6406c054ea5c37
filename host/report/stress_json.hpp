#pragma once
// The stress command's --json document.

#include <ostream>
#include <string_view>

#include "pmrisk/stress.hpp"

namespace pmrisk {

/// {"backend", "asof", "scenarios", "seed", "confidence", "tail_count",
///  "sets": [{"name", "description", "total_es", "total_es_change", "accounts_hurt"}],
///  "accounts": [{"account", "sets": [{"set", "mc_es", "mc_var", "mc_worst_loss",
///                "mc_worst_scenario", "es_change", "worst_loss_change"}]}],
///  "ranking": [{"account", "base_es", "worst_set", "stressed_es", "es_change"}]}
/// Sets in run order (the base first), accounts by id, the ranking largest ES increase first
/// (every account); money with two decimals.
void write_stress_json(std::ostream& out, const stress::stress_report& report,
                       std::string_view asof);

}  // namespace pmrisk
