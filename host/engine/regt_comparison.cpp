// compare_with_regt: every account's strategy-based Reg-T requirement beside its portfolio
// margin requirement.

#include <omp.h>

#include <algorithm>
#include <exception>
#include <map>
#include <string_view>

#include "pmrisk/account_view.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk {
namespace {

// Accounts are paired independently, so they are cut into ranges valued on separate threads;
// several ranges per thread even out accounts of very different sizes.
constexpr int ranges_per_thread = 8;

// The securities rows of each account, in input order. Futures and options on futures are
// margined by SPAN under either regime, so Reg-T never pairs them.
std::vector<std::vector<position>> securities_by_account(const std::vector<position>& positions) {
  std::map<std::string_view, std::vector<position>> rows;
  for (const position& p : positions)
    if (!is_futures_instrument(p.kind)) rows[p.account].push_back(p);
  std::vector<std::vector<position>> accounts;
  accounts.reserve(rows.size());
  for (auto& [account, held] : rows) accounts.push_back(std::move(held));
  return accounts;
}

// The Reg-T requirements of accounts [begin, end), sorted by account id.
std::vector<regt::account_requirement> requirements_of(
    const std::vector<std::vector<position>>& accounts, std::size_t begin, std::size_t end,
    const market_data& market, const engine_config& config, const regt::config& rates) {
  std::vector<position> held;
  for (std::size_t a = begin; a < end; ++a)
    held.insert(held.end(), accounts[a].begin(), accounts[a].end());
  const std::vector<double> premiums = regt::series_premiums(held, market, config);
  return regt::compute_requirements(held, premiums, market, rates);
}

std::vector<regt::account_requirement> all_requirements(const std::vector<position>& positions,
                                                        const market_data& market,
                                                        const engine_config& config,
                                                        const regt::config& rates, int threads) {
  const std::vector<std::vector<position>> accounts = securities_by_account(positions);
  const int workers = threads > 0 ? threads : omp_get_max_threads();
  const std::size_t range_count =
      std::min<std::size_t>(accounts.size(), static_cast<std::size_t>(workers) * ranges_per_thread);
  std::vector<std::vector<regt::account_requirement>> ranges(range_count);
  std::vector<std::exception_ptr> failures(range_count);
#pragma omp parallel for schedule(dynamic, 1) num_threads(workers)
  for (std::size_t r = 0; r < range_count; ++r) {
    try {
      ranges[r] = requirements_of(accounts, r * accounts.size() / range_count,
                                  (r + 1) * accounts.size() / range_count, market, config, rates);
    } catch (...) {
      failures[r] = std::current_exception();
    }
  }
  // The first failing range in account order, whatever the threads' timing.
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
  std::vector<regt::account_requirement> all;
  all.reserve(accounts.size());
  for (auto& range : ranges)
    for (auto& account : range) all.push_back(std::move(account));
  return all;
}

regt_comparison compared(const account_margin& account, const regt::account_requirement* regt) {
  regt_comparison c;
  c.requirement = account.span_requirement;
  if (regt != nullptr) {
    c.requirement += regt->regt_requirement;
    c.proven_optimal = regt->proven_optimal;
  }
  // Undefined ratios are 0 here and written empty (docs/regt.md).
  if (account.requirement > 0) c.pm_leverage = c.requirement / account.requirement;
  if (c.requirement > 0)
    c.pm_savings_pct = 100.0 * (c.requirement - account.requirement) / c.requirement;
  return c;
}

}  // namespace

void compare_with_regt(margin_report& report, const market_data& market,
                       const std::vector<position>& positions, const engine_config& config,
                       const regt::config& rates, int threads) {
  const std::vector<regt::account_requirement> requirements =
      all_requirements(positions, market, config, rates, threads);
  std::map<std::string_view, const regt::account_requirement*> by_account;
  for (const regt::account_requirement& r : requirements) by_account.emplace(r.account, &r);
  for (account_margin& account : report.accounts) {
    const auto found = by_account.find(account.account);
    const regt::account_requirement* regt = found == by_account.end() ? nullptr : found->second;
    account.regt = compared(account, regt);
    if (regt != nullptr) by_account.erase(found);
  }
  PMRISK_EXPECTS(by_account.empty(), "every account with securities is in the margin report");
}

}  // namespace pmrisk
