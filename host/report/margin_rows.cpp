#include "report/margin_rows.hpp"

#include <utility>

#include "pmrisk/error.hpp"

namespace pmrisk {

std::vector<margin_row> margin_rows(const margin_report& report, const market_data& market) {
  std::vector<margin_row> rows;
  rows.reserve(report.accounts.size());
  for (const account_margin& account : report.accounts) {
    margin_row row{account.account,
                   account.tims_loss,
                   account.tims_requirement,
                   account.requirement,
                   {},
                   {},
                   {}};
    if (report.montecarlo) row.mc = account.mc;
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
  }
  return totals;
}

}  // namespace pmrisk
