#include "report/margin_csv.hpp"

#include "pmrisk/error.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

void write_margin_csv(std::ostream& out, const std::vector<margin_row>& rows,
                      bool montecarlo_columns) {
  out << "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point"
      << (montecarlo_columns ? ",mc_worst_loss,mc_var,mc_es,mc_worst_scenario\n" : "\n");
  for (const margin_row& row : rows) {
    out << csv_field(row.account) << ',' << format_cents(row.tims_loss) << ','
        << format_cents(row.tims_requirement) << ',' << format_cents(row.requirement) << ','
        << csv_field(row.worst_class_group) << ',' << csv_field(row.worst_point);
    if (montecarlo_columns) {
      PMRISK_EXPECTS(row.mc.has_value(), "Monte Carlo columns need every row's tail");
      out << ',' << format_cents(row.mc->worst_loss) << ',' << format_cents(row.mc->var) << ','
          << format_cents(row.mc->es) << ',' << row.mc->worst_scenario;
    }
    out << '\n';
  }
}

}  // namespace pmrisk
