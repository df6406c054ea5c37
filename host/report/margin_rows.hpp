#pragma once
// One row per account, with the worst class group and valuation point resolved to the names
// users read (symbol, grid label): the shared content of the table, CSV and JSON outputs.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"

namespace pmrisk {

struct margin_row {
  std::string account;
  double tims_loss = 0;
  double tims_requirement = 0;
  double requirement = 0;
  std::string worst_class_group;        ///< symbol of the largest requirement; empty when none
  std::string worst_point;              ///< its worst valuation point's label, e.g. "-15%"
  std::optional<account_tail_risk> mc;  ///< when the run had Monte Carlo scenarios
  double span_requirement = 0;
  double concentration_charge = 0;
  double liquidity_addon = 0;
  std::string source;                        ///< requirement_source_name; empty at requirement 0
  std::optional<regt_comparison> regt;       ///< when the run compared with Reg-T
  std::optional<account_standing> standing;  ///< when the run had --accounts
};

/// Sums over all accounts, in account order, at full precision.
struct margin_totals {
  std::size_t accounts = 0;
  double tims_loss = 0;
  double tims_requirement = 0;
  double requirement = 0;
  double mc_es = 0;  ///< when the run had Monte Carlo scenarios
  double span_requirement = 0;
  double concentration_charge = 0;
  double liquidity_addon = 0;
  double regt_requirement = 0;  ///< when the run compared with Reg-T
  double equity = 0;            ///< with --accounts
  std::size_t margin_calls = 0;
  std::size_t downgrades = 0;
};

/// Rows in the report's account order (sorted by account id).
std::vector<margin_row> margin_rows(const margin_report& report, const market_data& market);

margin_totals sum_margin(const margin_report& report);

/// Whether the rows carry a Reg-T comparison (an account standing): all of them or none, which
/// is checked. The writers add those columns when they do.
bool rows_carry_regt(const std::vector<margin_row>& rows);
bool rows_carry_standing(const std::vector<margin_row>& rows);

}  // namespace pmrisk
