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

const char* json_bool(bool value) {
  return value ? "true" : "false";
}

// Ratios with no denominator are null (docs/regt.md).
std::string json_ratio(double value, bool defined) {
  return defined ? format_hundredths(value) : std::string("null");
}

void write_regt(std::ostream& out, const margin_row& row) {
  out << ", \"regt_requirement\": " << format_cents(row.regt->requirement)
      << ", \"pm_leverage\": " << json_ratio(row.regt->pm_leverage, row.requirement > 0)
      << ", \"pm_savings_pct\": " << json_ratio(row.regt->pm_savings_pct, row.regt->requirement > 0)
      << ", \"regt_proven_optimal\": " << json_bool(row.regt->proven_optimal);
}

void write_standing(std::ostream& out, const account_standing& s) {
  out << ", \"equity\": " << format_cents(s.equity) << ", \"excess\": " << format_cents(s.excess)
      << ", \"margin_call\": " << json_bool(s.margin_call)
      << ", \"pm_eligible\": " << json_bool(s.pm_eligible)
      << ", \"downgrade\": " << json_bool(s.downgrade);
}

}  // namespace

void write_margin_json(std::ostream& out, std::string_view backend, std::string_view asof,
                       const std::vector<margin_row>& rows, const margin_totals& totals,
                       const std::optional<montecarlo_summary>& montecarlo) {
  const bool regt = rows_carry_regt(rows);
  const bool standing = rows_carry_standing(rows);
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
        << ", \"worst_point\": " << json_optional_string(row.worst_point)
        << ", \"span_requirement\": " << format_cents(row.span_requirement)
        << ", \"concentration_charge\": " << format_cents(row.concentration_charge)
        << ", \"liquidity_addon\": " << format_cents(row.liquidity_addon)
        << ", \"source\": " << json_optional_string(row.source);
    if (regt) write_regt(out, row);
    if (standing) write_standing(out, *row.standing);
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
      << ", \"requirement\": " << format_cents(totals.requirement)
      << ", \"span_requirement\": " << format_cents(totals.span_requirement)
      << ", \"concentration_charge\": " << format_cents(totals.concentration_charge)
      << ", \"liquidity_addon\": " << format_cents(totals.liquidity_addon);
  if (regt) out << ", \"regt_requirement\": " << format_cents(totals.regt_requirement);
  if (standing) {
    out << ", \"equity\": " << format_cents(totals.equity)
        << ", \"margin_calls\": " << totals.margin_calls
        << ", \"downgrades\": " << totals.downgrades;
  }
  if (montecarlo) out << ", \"mc_es\": " << format_cents(totals.mc_es);
  out << "}\n}\n";
}

}  // namespace pmrisk
