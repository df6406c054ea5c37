#include "report/risk_array_csv.hpp"

#include "pmrisk/error.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

void write_risk_arrays_csv(std::ostream& out, const margin_report& report,
                           const market_data& market) {
  const auto stride = static_cast<std::size_t>(report.grid.stride);
  PMRISK_EXPECTS(report.risk_arrays.size() == report.class_groups.size() * stride,
                 "risk arrays were kept (margin_options::keep_risk_arrays)");
  out << "account,class_group,point,pnl\n";
  for (std::size_t g = 0; g < report.class_groups.size(); ++g) {
    const class_group_margin& group = report.class_groups[g];
    const std::string account = csv_field(report.accounts[group.account].account);
    const std::string symbol = csv_field(market.underlyings[group.underlying].symbol);
    const int points = report.grid.point_count[group.underlying];
    for (int j = 0; j < points; ++j) {
      out << account << ',' << symbol << ',' << csv_field(report.grid.label(group.underlying, j))
          << ',' << format_cents(report.risk_arrays[g * stride + j]) << '\n';
    }
  }
}

}  // namespace pmrisk
