#include "report/margin_json.hpp"

#include <fmt/format.h>

#include "pmrisk/error.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

namespace {

std::string json_optional_string(const std::string& text) {
  return text.empty() ? std::string("null") : json_string(text);
}

void write_montecarlo(std::ostream& out, const montecarlo_summary& mc) {
  out << ",\n  \"montecarlo\": {\"scenarios\": " << mc.scenarios << ", \"seed\": " << mc.seed
      << ", \"confidence\": " << fmt::format("{}", mc.confidence)
      << ", \"tail_count\": " << mc.tail_count
      << ", \"requirement_rule\": " << json_string(requirement_rule_name(mc.rule))
      << ", \"generator\": " << json_string(mc.generator) << '}';
}

}  // namespace

void write_margin_json(std::ostream& out, std::string_view backend, std::string_view asof,
                       const std::vector<margin_row>& rows, const margin_totals& totals,
                       const std::optional<montecarlo_summary>& montecarlo) {
  out << "{\n  \"backend\": " << json_string(backend) << ",\n  \"asof\": " << json_string(asof);
  if (montecarlo) write_montecarlo(out, *montecarlo);
  out << ",\n  \"accounts\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const margin_row& row = rows[i];
    out << (i == 0 ? "\n" : ",\n") << "    {\"account\": " << json_string(row.account)
        << ", \"tims_loss\": " << format_cents(row.tims_loss)
        << ", \"tims_requirement\": " << format_cents(row.tims_requirement)
        << ", \"requirement\": " << format_cents(row.requirement)
        << ", \"worst_class_group\": " << json_optional_string(row.worst_class_group)
        << ", \"worst_point\": " << json_optional_string(row.worst_point);
    if (montecarlo) {
      PMRISK_EXPECTS(row.mc.has_value(), "Monte Carlo fields need every row's tail");
      out << ", \"mc_worst_loss\": " << format_cents(row.mc->worst_loss)
          << ", \"mc_var\": " << format_cents(row.mc->var)
          << ", \"mc_es\": " << format_cents(row.mc->es)
          << ", \"mc_worst_scenario\": " << row.mc->worst_scenario;
    }
    out << '}';
  }
  out << (rows.empty() ? "]" : "\n  ]") << ",\n  \"totals\": {\"accounts\": " << totals.accounts
      << ", \"tims_loss\": " << format_cents(totals.tims_loss)
      << ", \"tims_requirement\": " << format_cents(totals.tims_requirement)
      << ", \"requirement\": " << format_cents(totals.requirement);
  if (montecarlo) out << ", \"mc_es\": " << format_cents(totals.mc_es);
  out << "}\n}\n";
}

}  // namespace pmrisk
