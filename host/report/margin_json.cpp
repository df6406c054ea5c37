#include "report/margin_json.hpp"

#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

namespace {

std::string json_optional_string(const std::string& text) {
  return text.empty() ? std::string("null") : json_string(text);
}

}  // namespace

void write_margin_json(std::ostream& out, std::string_view backend, std::string_view asof,
                       const std::vector<margin_row>& rows, const margin_totals& totals) {
  out << "{\n  \"backend\": " << json_string(backend) << ",\n  \"asof\": " << json_string(asof)
      << ",\n  \"accounts\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const margin_row& row = rows[i];
    out << (i == 0 ? "\n" : ",\n") << "    {\"account\": " << json_string(row.account)
        << ", \"tims_loss\": " << format_cents(row.tims_loss)
        << ", \"tims_requirement\": " << format_cents(row.tims_requirement)
        << ", \"requirement\": " << format_cents(row.requirement)
        << ", \"worst_class_group\": " << json_optional_string(row.worst_class_group)
        << ", \"worst_point\": " << json_optional_string(row.worst_point) << '}';
  }
  out << (rows.empty() ? "]" : "\n  ]") << ",\n  \"totals\": {\"accounts\": " << totals.accounts
      << ", \"tims_loss\": " << format_cents(totals.tims_loss)
      << ", \"tims_requirement\": " << format_cents(totals.tims_requirement)
      << ", \"requirement\": " << format_cents(totals.requirement) << "}\n}\n";
}

}  // namespace pmrisk
