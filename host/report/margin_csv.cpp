#include "report/margin_csv.hpp"

#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

void write_margin_csv(std::ostream& out, const std::vector<margin_row>& rows) {
  out << "account,tims_loss,tims_requirement,requirement,worst_class_group,worst_point\n";
  for (const margin_row& row : rows) {
    out << csv_field(row.account) << ',' << format_cents(row.tims_loss) << ','
        << format_cents(row.tims_requirement) << ',' << format_cents(row.requirement) << ','
        << csv_field(row.worst_class_group) << ',' << csv_field(row.worst_point) << '\n';
  }
}

}  // namespace pmrisk
