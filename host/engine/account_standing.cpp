// apply_account_standing: each account's equity against its requirement and the portfolio
// margin eligibility thresholds.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "pmrisk/account_view.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk {
namespace {

// An account the file lists without positions holds nothing: requirement 0, and a Reg-T
// requirement of 0 when the report already compares with Reg-T.
account_margin empty_account(const std::string& id, bool with_regt) {
  account_margin account;
  account.account = id;
  if (with_regt) account.regt = regt_comparison{};
  return account;
}

// Merges the accounts without positions into the report's sorted accounts, and re-points the
// groups' account indices at the merged order.
void add_accounts_without_positions(margin_report& report,
                                    const std::vector<account_equity>& accounts) {
  std::vector<std::string_view> missing;
  {
    std::vector<std::string_view> held;
    held.reserve(report.accounts.size());
    for (const account_margin& a : report.accounts) held.push_back(a.account);
    for (const account_equity& a : accounts) {
      if (!std::binary_search(held.begin(), held.end(), std::string_view(a.account)))
        missing.push_back(a.account);
    }
  }
  if (missing.empty()) return;
  std::sort(missing.begin(), missing.end());
  const bool with_regt = !report.accounts.empty() && report.accounts.front().regt.has_value();

  std::vector<account_margin> merged;
  merged.reserve(report.accounts.size() + missing.size());
  std::vector<std::int32_t> new_index(report.accounts.size());
  auto next_missing = missing.begin();
  for (std::size_t i = 0; i < report.accounts.size(); ++i) {
    for (; next_missing != missing.end() && *next_missing < report.accounts[i].account;
         ++next_missing)
      merged.push_back(empty_account(std::string(*next_missing), with_regt));
    new_index[i] = static_cast<std::int32_t>(merged.size());
    merged.push_back(std::move(report.accounts[i]));
  }
  for (; next_missing != missing.end(); ++next_missing)
    merged.push_back(empty_account(std::string(*next_missing), with_regt));
  report.accounts = std::move(merged);

  for (class_group_margin& g : report.class_groups) g.account = new_index[g.account];
  for (group_margin& g : report.product_groups) g.account = new_index[g.account];
  for (group_margin& g : report.portfolio_groups) g.account = new_index[g.account];
}

account_standing standing_of(const account_margin& account, const account_equity& row,
                             const house_rules::eligibility_thresholds& thresholds) {
  account_standing s;
  s.equity = row.equity;
  s.excess = row.equity - account.requirement;
  s.margin_call = s.excess < 0;
  s.on_portfolio_margin = row.on_portfolio_margin;
  s.pm_eligible =
      row.equity >= (row.on_portfolio_margin ? thresholds.keep_equity : thresholds.open_equity);
  s.downgrade = row.on_portfolio_margin && row.equity < thresholds.keep_equity;
  return s;
}

}  // namespace

void check_accounts_listed(const std::vector<account_equity>& accounts,
                           const std::vector<position>& positions) {
  std::set<std::string_view> listed;
  for (const account_equity& row : accounts) listed.insert(row.account);
  for (const position& p : positions) {
    if (listed.contains(p.account)) continue;
    const std::string file = accounts.empty() ? std::string() : accounts.front().where.file;
    throw input_error(p.where, fmt::format("account '{}' holds positions but has no row in the "
                                           "accounts file {}",
                                           p.account, file));
  }
}

void apply_account_standing(margin_report& report, const std::vector<account_equity>& accounts,
                            const std::vector<position>& positions,
                            const house_rules::eligibility_thresholds& thresholds) {
  PMRISK_EXPECTS(std::is_sorted(report.accounts.begin(), report.accounts.end(),
                                [](const auto& a, const auto& b) { return a.account < b.account; }),
                 "margin_report::accounts are sorted by account id");
  std::map<std::string_view, const account_equity*> rows;
  for (const account_equity& row : accounts) {
    const bool inserted = rows.emplace(row.account, &row).second;
    PMRISK_EXPECTS(inserted, "load_accounts rejects a repeated account");
  }
  // Checked before anything changes, so a failed call leaves the report as it was.
  check_accounts_listed(accounts, positions);
  add_accounts_without_positions(report, accounts);
  for (account_margin& account : report.accounts)
    account.standing = standing_of(account, *rows.at(account.account), thresholds);
}

}  // namespace pmrisk
