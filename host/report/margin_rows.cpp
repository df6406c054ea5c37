#include "report/margin_rows.hpp"

#include <algorithm>
#include <utility>

#include "pmrisk/error.hpp"

namespace pmrisk {

std::vector<margin_row> margin_rows(const margin_report& report, const market_data& market) {
  std::vector<margin_row> rows;
  rows.reserve(report.accounts.size());
  for (const account_margin& account : report.accounts) {
    margin_row row;
    row.account = account.account;
    row.tims_loss = account.tims_loss;
    row.tims_requirement = account.tims_requirement;
    row.requirement = account.requirement;
    if (report.montecarlo) row.mc = account.mc;
    row.span_requirement = account.span_requirement;
    row.concentration_charge = account.concentration_charge;
    row.liquidity_addon = account.liquidity_addon;
    // Nothing set a requirement of 0 (an account holding nothing).
    if (account.requirement > 0) row.source = requirement_source_name(account.source);
    row.regt = account.regt;
    row.standing = account.standing;
    if (account.worst_class_group >= 0) {
      PMRISK_EXPECTS(
          static_cast<std::size_t>(account.worst_class_group) < report.class_groups.size(),
          "worst_class_group indexes margin_report::class_groups");
      const class_group_margin& group = report.class_groups[account.worst_class_group];
      PMRISK_EXPECTS(group.underlying >= 0 &&
                         static_cast<std::size_t>(group.underlying) < market.underlyings.size(),
                     "class groups index the market's underlyings");
      row.worst_class_group = market.underlyings[group.underlying].symbol;
      row.worst_point = report.grid.label(group.underlying, group.worst_point);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

margin_totals sum_margin(const margin_report& report) {
  margin_totals totals;
  totals.accounts = report.accounts.size();
  for (const account_margin& account : report.accounts) {
    totals.tims_loss += account.tims_loss;
    totals.tims_requirement += account.tims_requirement;
    totals.requirement += account.requirement;
    if (report.montecarlo) totals.mc_es += account.mc.es;
    totals.span_requirement += account.span_requirement;
    totals.concentration_charge += account.concentration_charge;
    totals.liquidity_addon += account.liquidity_addon;
    if (account.regt) totals.regt_requirement += account.regt->requirement;
    if (account.standing) {
      totals.equity += account.standing->equity;
      totals.margin_calls += account.standing->margin_call ? 1 : 0;
      totals.downgrades += account.standing->downgrade ? 1 : 0;
    }
  }
  return totals;
}

namespace {

template <typename Has>
bool all_or_none(const std::vector<margin_row>& rows, Has has, const char* what) {
  const bool first = !rows.empty() && has(rows.front());
  PMRISK_EXPECTS(std::all_of(rows.begin(), rows.end(),
                             [&](const margin_row& row) { return has(row) == first; }),
                 std::string("every row or none carries ") + what);
  return first;
}

}  // namespace

bool rows_carry_regt(const std::vector<margin_row>& rows) {
  return all_or_none(
      rows, [](const margin_row& row) { return row.regt.has_value(); }, "a Reg-T comparison");
}

bool rows_carry_standing(const std::vector<margin_row>& rows) {
  return all_or_none(
      rows, [](const margin_row& row) { return row.standing.has_value(); }, "an account standing");
}

}  // namespace pmrisk
