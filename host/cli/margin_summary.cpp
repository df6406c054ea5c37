#include "cli/margin_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

constexpr std::size_t column_count = 6;
using table_line = std::array<std::string, column_count>;
// Money columns are right-aligned, names left-aligned.
constexpr std::array<bool, column_count> right_aligned{false, true, true, true, false, false};

table_line cells(const margin_row& row) {
  return {row.account,
          format_cents_grouped(row.tims_loss),
          format_cents_grouped(row.tims_requirement),
          format_cents_grouped(row.requirement),
          row.worst_class_group,
          row.worst_point};
}

std::string counted(std::size_t count, const char* singular, const char* plural) {
  return format_count(count) + ' ' + (count == 1 ? singular : plural);
}

// The rows the table shows: all of a small book, else the largest requirements.
std::vector<const margin_row*> shown_rows(const std::vector<margin_row>& rows) {
  std::vector<const margin_row*> shown;
  shown.reserve(rows.size());
  for (const margin_row& row : rows) shown.push_back(&row);
  if (shown.size() <= summary_table_rows) return shown;
  const auto by_requirement = [](const margin_row* a, const margin_row* b) {
    return a->requirement != b->requirement ? a->requirement > b->requirement
                                            : a->account < b->account;
  };
  std::partial_sort(shown.begin(), shown.begin() + summary_table_rows, shown.end(), by_requirement);
  shown.resize(summary_table_rows);
  return shown;
}

}  // namespace

void print_margin_summary(std::ostream& out, const std::vector<margin_row>& rows,
                          const margin_totals& totals, const margin_report& report,
                          const run_timings& timings) {
  const std::vector<const margin_row*> shown = shown_rows(rows);
  std::vector<table_line> lines;
  lines.reserve(shown.size() + 2);
  lines.push_back({"account", "TIMS loss", "TIMS requirement", "requirement", "worst class group",
                   "worst point"});
  for (const margin_row* row : shown) lines.push_back(cells(*row));
  lines.push_back({"total", format_cents_grouped(totals.tims_loss),
                   format_cents_grouped(totals.tims_requirement),
                   format_cents_grouped(totals.requirement), "", ""});

  std::array<std::size_t, column_count> width{};
  for (const table_line& line : lines) {
    for (std::size_t c = 0; c < column_count; ++c) width[c] = std::max(width[c], line[c].size());
  }
  const auto print_line = [&](const table_line& line) {
    std::string text;
    for (std::size_t c = 0; c < column_count; ++c) {
      if (c > 0) text += "  ";
      text += right_aligned[c] ? fmt::format("{:>{}}", line[c], width[c])
                               : fmt::format("{:<{}}", line[c], width[c]);
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
  };
  std::size_t rule_width = 2 * (column_count - 1);
  for (std::size_t w : width) rule_width += w;
  const std::string rule(rule_width, '-');

  if (shown.size() < rows.size()) {
    out << fmt::format("The {} largest requirements of {} accounts (--out writes every account):\n",
                       shown.size(), format_count(rows.size()));
  }
  print_line(lines.front());
  out << rule << '\n';
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) print_line(lines[i]);
  out << rule << '\n';
  print_line(lines.back());
  out << '\n'
      << fmt::format("backend {}; {}, {}, {}, {}; load {:.3f} s, margin {:.3f} s\n", report.backend,
                     counted(totals.accounts, "account", "accounts"),
                     counted(report.position_count, "position", "positions"),
                     counted(report.series_count, "unique series", "unique series"),
                     counted(report.batch_count, "batch", "batches"), timings.load_seconds,
                     timings.margin_seconds);
}

}  // namespace pmrisk::cli
