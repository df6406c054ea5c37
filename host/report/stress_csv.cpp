#include "report/stress_csv.hpp"

#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

void write_stress_csv(std::ostream& out, const stress::stress_report& report) {
  out << "account,set,mc_es,mc_var,mc_worst_loss,mc_worst_scenario,es_change,"
         "worst_loss_change\n";
  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    const std::string account = csv_field(report.accounts[a]);
    const account_tail_risk& base = report.at(a, 0);
    for (std::size_t s = 0; s < report.sets.size(); ++s) {
      const account_tail_risk& risk = report.at(a, s);
      out << account << ',' << csv_field(report.sets[s]) << ',' << format_cents(risk.es) << ','
          << format_cents(risk.var) << ',' << format_cents(risk.worst_loss) << ','
          << risk.worst_scenario << ',' << format_cents(risk.es - base.es) << ','
          << format_cents(risk.worst_loss - base.worst_loss) << '\n';
    }
  }
}

}  // namespace pmrisk
