#include "report/margin_csv.hpp"

#include "pmrisk/error.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

namespace {

const char* flag(bool value) {
  return value ? "true" : "false";
}

// Ratios with no denominator are left empty (docs/regt.md).
void write_regt(std::ostream& out, const margin_row& row) {
  out << ',' << format_cents(row.regt->requirement) << ','
      << (row.requirement > 0 ? format_hundredths(row.regt->pm_leverage) : "") << ','
      << (row.regt->requirement > 0 ? format_hundredths(row.regt->pm_savings_pct) : "");
}

void write_standing(std::ostream& out, const account_standing& s) {
  out << ',' << format_cents(s.equity) << ',' << format_cents(s.excess) << ','
      << flag(s.margin_call) << ',' << flag(s.pm_eligible) << ',' << flag(s.downgrade);
}

}  // namespace

void write_margin_csv(std::ostream& out, const std::vector<margin_row>& rows,
                      bool montecarlo_columns) {
  const bool regt = rows_carry_regt(rows);
  const bool standing = rows_carry_standing(rows);
  out << "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point,"
         "span_requirement,concentration_charge,liquidity_addon,source"
      << (regt ? ",regt_requirement,pm_leverage,pm_savings_pct" : "")
      << (standing ? ",equity,excess,margin_call,pm_eligible,downgrade" : "")
      << (montecarlo_columns ? ",mc_worst_loss,mc_var,mc_es,mc_worst_scenario\n" : "\n");
  for (const margin_row& row : rows) {
    out << csv_field(row.account) << ',' << format_cents(row.tims_loss) << ','
        << format_cents(row.tims_requirement) << ',' << format_cents(row.requirement) << ','
        << csv_field(row.worst_class_group) << ',' << csv_field(row.worst_point) << ','
        << format_cents(row.span_requirement) << ',' << format_cents(row.concentration_charge)
        << ',' << format_cents(row.liquidity_addon) << ',' << csv_field(row.source);
    if (regt) write_regt(out, row);
    if (standing) write_standing(out, *row.standing);
    if (montecarlo_columns) {
      PMRISK_EXPECTS(row.mc.has_value(), "Monte Carlo columns need every row's tail");
      out << ',' << format_cents(row.mc->worst_loss) << ',' << format_cents(row.mc->var) << ','
          << format_cents(row.mc->es) << ',' << row.mc->worst_scenario;
    }
    out << '\n';
  }
}

}  // namespace pmrisk
