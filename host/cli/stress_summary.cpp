#include "cli/stress_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/montecarlo_flags.hpp"
#include "cli/text_table.hpp"
#include "report/number_format.hpp"
#include "report/stress_rows.hpp"

namespace pmrisk::cli {

namespace {

std::string counted(std::size_t count, const char* singular, const char* plural) {
  return format_count(count) + ' ' + (count == 1 ? singular : plural);
}

// A change with its sign, so gains and losses of margin read apart: "+1,234.50", "-12.00".
std::string signed_cents(double amount) {
  const std::string text = format_cents_grouped(amount);
  return text.front() == '-' || text == "0.00" ? text : "+" + text;
}

void print_sets(std::ostream& out, const stress::stress_report& report) {
  text_table table;
  table.set_header({"set", "description", "total ES", "change vs base", "accounts hurt"},
                   {false, false, true, true, true});
  for (const stress_set_total& total : stress_set_totals(report))
    table.add_row({total.name, total.description, format_cents_grouped(total.es),
                   signed_cents(total.es_change), format_count(total.accounts_hurt)});
  table.print(out);
}

void print_ranking(std::ostream& out, const stress::stress_report& report, std::size_t rows) {
  std::vector<stress_rank> ranks = rank_accounts(report);
  const std::size_t shown = std::min(rows, ranks.size());
  out << fmt::format(
      "\nThe {} of {} accounts hurt most (largest ES increase under any set; --out has every "
      "account and set):\n",
      format_count(shown), format_count(ranks.size()));
  text_table table;
  table.set_header({"account", "base ES", "worst set", "stressed ES", "change"},
                   {false, true, false, true, true});
  for (std::size_t i = 0; i < shown; ++i) {
    const stress_rank& rank = ranks[i];
    table.add_row({report.accounts[rank.account], format_cents_grouped(rank.base_es),
                   report.sets[rank.worst_set], format_cents_grouped(rank.stressed_es),
                   signed_cents(rank.es_change)});
  }
  table.print(out);
}

}  // namespace

void print_stress_summary(std::ostream& out, const stress::stress_report& report,
                          std::size_t ranking_rows, const stress_timings& timings,
                          bool default_seed) {
  out << fmt::format("Stress sets on the same scenarios ({}):\n",
                     describe_scenarios(report.scenarios, report.seed, default_seed,
                                        report.confidence, report.tail_count));
  print_sets(out, report);
  if (ranking_rows > 0 && !report.accounts.empty()) print_ranking(out, report, ranking_rows);
  out << '\n'
      << fmt::format("backend {}; {}, {}, {}; {}; load {:.3f} s, stress {:.3f} s\n", report.backend,
                     counted(report.accounts.size(), "account", "accounts"),
                     counted(report.sets.size() - 1, "stress set", "stress sets"),
                     counted(report.batch_count, "batch", "batches"),
                     report.dense ? "correlations factored from dense matrices"
                                  : "correlations in factor form",
                     timings.load_seconds, timings.stress_seconds);
}

}  // namespace pmrisk::cli
