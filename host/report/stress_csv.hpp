#pragma once
// The stress command's --out file: one row per account and stress set.

#include <ostream>

#include "pmrisk/stress.hpp"

namespace pmrisk {

/// Header "account,set,mc_es,mc_var,mc_worst_loss,mc_worst_scenario,es_change,
/// worst_loss_change", then per account (sorted by id) one row per set, the base first; changes
/// are against the account's base row (0 there); money in cents.
void write_stress_csv(std::ostream& out, const stress::stress_report& report);

}  // namespace pmrisk
