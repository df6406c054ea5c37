#include "cli/margin_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "cli/montecarlo_flags.hpp"
#include "cli/text_table.hpp"
#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

std::vector<std::string> cells(const margin_row& row, bool montecarlo) {
  std::vector<std::string> line = {row.account, format_cents_grouped(row.tims_loss),
                                   format_cents_grouped(row.tims_requirement)};
  if (montecarlo) {
    line.push_back(format_cents_grouped(row.mc->var));
    line.push_back(format_cents_grouped(row.mc->es));
  }
  line.insert(line.end(),
              {format_cents_grouped(row.requirement), row.worst_class_group, row.worst_point});
  return line;
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

const char* rule_text(scenarios::requirement_rule rule) {
  switch (rule) {
    case scenarios::requirement_rule::max_tims_es:
      return "requirement = max(TIMS, ES)";
    case scenarios::requirement_rule::tims:
      return "requirement = TIMS (ES reported, not charged)";
    case scenarios::requirement_rule::mc:
      return "requirement = ES";
  }
  return "";
}

}  // namespace

void print_margin_summary(std::ostream& out, const std::vector<margin_row>& rows,
                          const margin_totals& totals, const margin_report& report,
                          const run_timings& timings, bool default_seed) {
  const bool montecarlo = report.montecarlo.has_value();
  text_table table;
  if (montecarlo) {
    table.set_header({"account", "TIMS loss", "TIMS requirement", "MC VaR", "MC ES", "requirement",
                      "worst class group", "worst point"},
                     {false, true, true, true, true, true, false, false});
  } else {
    table.set_header({"account", "TIMS loss", "TIMS requirement", "requirement",
                      "worst class group", "worst point"},
                     {false, true, true, true, false, false});
  }
  const std::vector<const margin_row*> shown = shown_rows(rows);
  for (const margin_row* row : shown) table.add_row(cells(*row, montecarlo));
  std::vector<std::string> total = {"total", format_cents_grouped(totals.tims_loss),
                                    format_cents_grouped(totals.tims_requirement)};
  if (montecarlo) total.insert(total.end(), {"", format_cents_grouped(totals.mc_es)});
  total.insert(total.end(), {format_cents_grouped(totals.requirement), "", ""});
  table.set_footer(std::move(total));

  if (shown.size() < rows.size()) {
    out << fmt::format("The {} largest requirements of {} accounts (--out writes every account):\n",
                       shown.size(), format_count(rows.size()));
  }
  table.print(out);
  out << '\n'
      << fmt::format("backend {}; {}, {}, {}, {}; load {:.3f} s, margin {:.3f} s\n", report.backend,
                     counted(totals.accounts, "account", "accounts"),
                     counted(report.position_count, "position", "positions"),
                     counted(report.series_count, "unique series", "unique series"),
                     counted(report.batch_count, "batch", "batches"), timings.load_seconds,
                     timings.margin_seconds);
  if (montecarlo) {
    const montecarlo_summary& mc = *report.montecarlo;
    out << fmt::format(
        "Monte Carlo: {}; {}; scenarios drawn on {}, {}\n",
        describe_scenarios(mc.scenarios, mc.seed, default_seed, mc.confidence, mc.tail_count),
        rule_text(mc.rule), mc.generator, counted(mc.batch_count, "batch", "batches"));
  }
}

}  // namespace pmrisk::cli
