#include "report/risk_array_csv.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/error.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {
namespace {

std::string_view category_name(point_category category) {
  switch (category) {
    case point_category::grid:
      return "grid";
    case point_category::vol:
      return "vol";
    case point_category::extreme:
      return "extreme";
    case point_category::concentration_large:
      return "concentration_large";
    case point_category::concentration_small:
      return "concentration_small";
  }
  return "unknown";
}

/// Writes `points` rows of one array; the underlying gives the labels and categories.
void write_rows(std::ostream& out, const valuation_grid& grid, const std::string& account,
                std::string_view level, const std::string& group, std::int32_t underlying,
                int points, const double* pnl) {
  const auto stride = static_cast<std::size_t>(grid.stride);
  for (int j = 0; j < points; ++j) {
    const std::size_t slot = static_cast<std::size_t>(underlying) * stride + j;
    out << account << ',' << level << ',' << group << ',' << csv_field(grid.label(underlying, j))
        << ',' << category_name(grid.category[slot]) << ',' << format_cents(pnl[j]) << '\n';
  }
}

/// A product or portfolio group's points are its members' layout: the underlying of its first
/// class group stands for all.
struct group_layouts {
  std::vector<std::int32_t> product_group;
  std::vector<std::int32_t> portfolio_group;
};

group_layouts layouts_of(const margin_report& report) {
  group_layouts layouts{std::vector<std::int32_t>(report.product_groups.size(), -1),
                        std::vector<std::int32_t>(report.portfolio_groups.size(), -1)};
  for (const class_group_margin& group : report.class_groups) {
    if (group.product_group < 0) continue;
    const auto p = static_cast<std::size_t>(group.product_group);
    if (layouts.product_group[p] < 0) layouts.product_group[p] = group.underlying;
    const std::int32_t parent = report.product_groups[p].parent;
    if (parent >= 0 && layouts.portfolio_group[static_cast<std::size_t>(parent)] < 0)
      layouts.portfolio_group[static_cast<std::size_t>(parent)] = group.underlying;
  }
  return layouts;
}

}  // namespace

void write_risk_arrays_csv(std::ostream& out, const margin_report& report,
                           const market_data& market) {
  const valuation_grid& grid = report.grid;
  const auto stride = static_cast<std::size_t>(grid.stride);
  PMRISK_EXPECTS(
      report.risk_arrays.size() == report.class_groups.size() * stride &&
          report.product_group_risk_arrays.size() == report.product_groups.size() * stride &&
          report.portfolio_group_risk_arrays.size() == report.portfolio_groups.size() * stride,
      "risk arrays were kept (margin_options::keep_risk_arrays)");
  PMRISK_EXPECTS(grid.category.size() == grid.labels.size() &&
                     grid.scan_point_count.size() == grid.point_count.size(),
                 "the grid carries every point's category and every underlying's scan count");
  const group_layouts layouts = layouts_of(report);

  out << "account,level,group,point,category,pnl\n";
  std::size_t g = 0, p = 0, f = 0;
  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    const auto index = static_cast<std::int32_t>(a);
    const std::string account = csv_field(report.accounts[a].account);
    for (; g < report.class_groups.size() && report.class_groups[g].account == index; ++g) {
      const std::int32_t u = report.class_groups[g].underlying;
      write_rows(out, grid, account, "class_group",
                 csv_field(market.underlyings[static_cast<std::size_t>(u)].symbol), u,
                 grid.point_count[static_cast<std::size_t>(u)], &report.risk_arrays[g * stride]);
    }
    for (; p < report.product_groups.size() && report.product_groups[p].account == index; ++p) {
      const group_margin& group = report.product_groups[p];
      const std::int32_t u = layouts.product_group[p];
      write_rows(out, grid, account, group.span ? "span_commodity" : "product_group",
                 csv_field(group.name), u, grid.scan_point_count[static_cast<std::size_t>(u)],
                 &report.product_group_risk_arrays[p * stride]);
    }
    for (; f < report.portfolio_groups.size() && report.portfolio_groups[f].account == index; ++f) {
      const std::int32_t u = layouts.portfolio_group[f];
      write_rows(out, grid, account, "portfolio_group", csv_field(report.portfolio_groups[f].name),
                 u, grid.scan_point_count[static_cast<std::size_t>(u)],
                 &report.portfolio_group_risk_arrays[f * stride]);
    }
  }
}

}  // namespace pmrisk
