#pragma once
// The account view of a margin run: each account's portfolio-margin requirement next to its
// strategy-based Reg-T requirement, and against its equity (docs/regt.md, docs/inputs.md).

#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/house.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"
#include "pmrisk/regt.hpp"

namespace pmrisk {

/// Fills account_margin::regt for every account of the report. Securities are paired into
/// Reg-T strategies (regt::compute_requirements, priced by regt::series_premiums); futures
/// instruments are not Reg-T securities, so the account's span_requirement is added instead.
/// regt_requirement = strategies less short premium received + span_requirement;
/// pm_leverage = regt_requirement / requirement (0 when the requirement is 0);
/// pm_savings_pct = 100 x (regt_requirement - requirement) / regt_requirement (0 when
/// regt_requirement is 0). Accounts are paired on `threads` threads (0: all cores); the
/// result does not depend on it. Throws input_error when a short option's asset class has no
/// rates.
void compare_with_regt(margin_report& report, const market_data& market,
                       const std::vector<position>& positions, const engine_config& config,
                       const regt::config& rates, int threads = 0);

/// One row of the --accounts file.
struct account_equity {
  std::string account;
  double equity = 0;                ///< net liquidation value; may be negative (a deficit)
  bool on_portfolio_margin = true;  ///< type `portfolio` (default), or `regt`: applying
  source_location where;            ///< the CSV row
};

/// Reads an `account,equity[,type]` CSV (docs/inputs.md), in file order. Throws input_error at
/// file:line:column on a missing column, an equity that is not a finite number, a repeated
/// account, an unknown type, or a file without rows.
std::vector<account_equity> load_accounts(const std::string& path);

/// Throws input_error at the first position row (in input order) whose account has no row in
/// the accounts file: its margin call could not be judged. Cheap; run before the valuation.
void check_accounts_listed(const std::vector<account_equity>& accounts,
                           const std::vector<position>& positions);

/// Fills account_margin::standing for every account: excess = equity - requirement,
/// margin_call when excess < 0, pm_eligible when equity reaches the keep threshold (on
/// portfolio margin) or the open threshold (applying), downgrade when on portfolio margin and
/// below keep. Accounts of the file without positions are added to the report, in account
/// order, with a requirement of 0. Throws as check_accounts_listed does, leaving the report as
/// it was.
void apply_account_standing(margin_report& report, const std::vector<account_equity>& accounts,
                            const std::vector<position>& positions,
                            const house_rules::eligibility_thresholds& thresholds);

}  // namespace pmrisk
