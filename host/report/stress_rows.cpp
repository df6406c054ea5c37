#include "report/stress_rows.hpp"

#include <algorithm>

namespace pmrisk {

std::vector<stress_set_total> stress_set_totals(const stress::stress_report& report) {
  std::vector<stress_set_total> totals;
  for (std::size_t s = 0; s < report.sets.size(); ++s) {
    stress_set_total total{report.sets[s], report.descriptions[s], 0, 0, 0};
    double base = 0;
    for (std::size_t a = 0; a < report.accounts.size(); ++a) {
      total.es += report.at(a, s).es;
      base += report.at(a, 0).es;
      if (report.at(a, s).es > report.at(a, 0).es) ++total.accounts_hurt;
    }
    total.es_change = total.es - base;
    totals.push_back(std::move(total));
  }
  return totals;
}

std::vector<stress_rank> rank_accounts(const stress::stress_report& report) {
  std::vector<stress_rank> ranks;
  ranks.reserve(report.accounts.size());
  const std::size_t first_set = report.sets.size() > 1 ? 1 : 0;
  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    stress_rank rank;
    rank.account = a;
    rank.base_es = report.at(a, 0).es;
    for (std::size_t s = first_set; s < report.sets.size(); ++s) {
      const double change = report.at(a, s).es - rank.base_es;
      if (s == first_set || change > rank.es_change) {
        rank.worst_set = s;
        rank.stressed_es = report.at(a, s).es;
        rank.es_change = change;
      }
    }
    ranks.push_back(rank);
  }
  // Accounts are sorted by id, so the index breaks ties in account order.
  std::stable_sort(ranks.begin(), ranks.end(), [](const stress_rank& x, const stress_rank& y) {
    return x.es_change > y.es_change;
  });
  return ranks;
}

}  // namespace pmrisk
