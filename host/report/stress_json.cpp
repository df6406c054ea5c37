#include "report/stress_json.hpp"

#include <fmt/format.h>

#include "report/number_format.hpp"
#include "report/stress_rows.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

namespace {

void write_sets(std::ostream& out, const stress::stress_report& report) {
  const std::vector<stress_set_total> totals = stress_set_totals(report);
  out << ",\n  \"sets\": [";
  for (std::size_t s = 0; s < totals.size(); ++s) {
    const stress_set_total& total = totals[s];
    out << (s == 0 ? "\n" : ",\n") << "    {\"name\": " << json_string(total.name)
        << ", \"description\": " << json_string(total.description)
        << ", \"total_es\": " << format_cents(total.es)
        << ", \"total_es_change\": " << format_cents(total.es_change)
        << ", \"accounts_hurt\": " << total.accounts_hurt << '}';
  }
  out << "\n  ]";
}

void write_accounts(std::ostream& out, const stress::stress_report& report) {
  out << ",\n  \"accounts\": [";
  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    out << (a == 0 ? "\n" : ",\n") << "    {\"account\": " << json_string(report.accounts[a])
        << ", \"sets\": [";
    const account_tail_risk& base = report.at(a, 0);
    for (std::size_t s = 0; s < report.sets.size(); ++s) {
      const account_tail_risk& risk = report.at(a, s);
      out << (s == 0 ? "" : ", ") << "{\"set\": " << json_string(report.sets[s])
          << ", \"mc_es\": " << format_cents(risk.es) << ", \"mc_var\": " << format_cents(risk.var)
          << ", \"mc_worst_loss\": " << format_cents(risk.worst_loss)
          << ", \"mc_worst_scenario\": " << risk.worst_scenario
          << ", \"es_change\": " << format_cents(risk.es - base.es)
          << ", \"worst_loss_change\": " << format_cents(risk.worst_loss - base.worst_loss) << '}';
    }
    out << "]}";
  }
  out << (report.accounts.empty() ? "]" : "\n  ]");
}

void write_ranking(std::ostream& out, const stress::stress_report& report) {
  const std::vector<stress_rank> ranks = rank_accounts(report);
  out << ",\n  \"ranking\": [";
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    const stress_rank& rank = ranks[i];
    out << (i == 0 ? "\n" : ",\n")
        << "    {\"account\": " << json_string(report.accounts[rank.account])
        << ", \"base_es\": " << format_cents(rank.base_es)
        << ", \"worst_set\": " << json_string(report.sets[rank.worst_set])
        << ", \"stressed_es\": " << format_cents(rank.stressed_es)
        << ", \"es_change\": " << format_cents(rank.es_change) << '}';
  }
  out << (ranks.empty() ? "]" : "\n  ]");
}

}  // namespace

void write_stress_json(std::ostream& out, const stress::stress_report& report,
                       std::string_view asof) {
  out << "{\n  \"backend\": " << json_string(report.backend)
      << ",\n  \"asof\": " << json_string(asof) << ",\n  \"scenarios\": " << report.scenarios
      << ",\n  \"seed\": " << report.seed
      << ",\n  \"confidence\": " << fmt::format("{}", report.confidence)
      << ",\n  \"tail_count\": " << report.tail_count;
  write_sets(out, report);
  write_accounts(out, report);
  write_ranking(out, report);
  out << "\n}\n";
}

}  // namespace pmrisk
