#include "cli/margin_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string>

#include "cli/montecarlo_flags.hpp"
#include "cli/text_table.hpp"
#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

// One column of the table: its header, alignment, cell per account and total.
struct summary_column {
  const char* name;
  bool right_aligned;
  std::function<std::string(const margin_row&)> cell;
  std::string total;
};

std::string leverage_text(double regt, double pm) {
  return pm > 0 ? format_hundredths(regt / pm) + "x" : "";
}

std::string savings_text(double regt, double pm) {
  return regt > 0 ? format_hundredths(100.0 * (regt - pm) / regt) + "%" : "";
}

// The problems first: a margin call, then a downgrade or an application's outcome. Empty for
// an account on portfolio margin in good standing.
std::string status_text(const account_standing& s) {
  std::vector<std::string> flags;
  if (s.margin_call) flags.emplace_back("MARGIN CALL");
  if (s.downgrade) flags.emplace_back("DOWNGRADE");
  if (!s.on_portfolio_margin)
    flags.emplace_back(s.pm_eligible ? "applying: eligible" : "applying: not eligible");
  return fmt::format("{}", fmt::join(flags, ", "));
}

std::vector<summary_column> columns_of(const margin_totals& totals, bool montecarlo, bool regt,
                                       bool standing) {
  std::vector<summary_column> columns;
  columns.push_back({"account", false, [](const margin_row& r) { return r.account; }, "total"});
  columns.push_back({"TIMS requirement", true,
                     [](const margin_row& r) { return format_cents_grouped(r.tims_requirement); },
                     format_cents_grouped(totals.tims_requirement)});
  if (montecarlo) {
    columns.push_back(
        {"MC VaR", true, [](const margin_row& r) { return format_cents_grouped(r.mc->var); }, ""});
    columns.push_back({"MC ES", true,
                       [](const margin_row& r) { return format_cents_grouped(r.mc->es); },
                       format_cents_grouped(totals.mc_es)});
  }
  columns.push_back({"requirement", true,
                     [](const margin_row& r) { return format_cents_grouped(r.requirement); },
                     format_cents_grouped(totals.requirement)});
  columns.push_back({"source", false, [](const margin_row& r) { return r.source; }, ""});
  if (regt) {
    columns.push_back(
        {"Reg-T requirement", true,
         [](const margin_row& r) { return format_cents_grouped(r.regt->requirement); },
         format_cents_grouped(totals.regt_requirement)});
    columns.push_back(
        {"PM leverage", true,
         [](const margin_row& r) { return leverage_text(r.regt->requirement, r.requirement); },
         leverage_text(totals.regt_requirement, totals.requirement)});
    columns.push_back(
        {"PM savings", true,
         [](const margin_row& r) { return savings_text(r.regt->requirement, r.requirement); },
         savings_text(totals.regt_requirement, totals.requirement)});
  }
  if (standing) {
    columns.push_back({"equity", true,
                       [](const margin_row& r) { return format_cents_grouped(r.standing->equity); },
                       format_cents_grouped(totals.equity)});
    columns.push_back({"excess", true,
                       [](const margin_row& r) { return format_cents_grouped(r.standing->excess); },
                       ""});
    columns.push_back(
        {"status", false, [](const margin_row& r) { return status_text(*r.standing); }, ""});
  }
  columns.push_back(
      {"worst class group", false, [](const margin_row& r) { return r.worst_class_group; }, ""});
  columns.push_back({"worst point", false, [](const margin_row& r) { return r.worst_point; }, ""});
  return columns;
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

void print_regt_line(std::ostream& out, const std::vector<margin_row>& rows, double seconds) {
  const auto unproven = static_cast<std::size_t>(std::count_if(
      rows.begin(), rows.end(), [](const margin_row& r) { return !r.regt->proven_optimal; }));
  out << fmt::format(
      "Reg-T: strategy-based initial requirement less short premium received, futures at SPAN; "
      "{}; regt {:.3f} s\n",
      unproven == 0 ? std::string("every pairing proven optimal")
                    : counted(unproven, "account", "accounts") +
                          " not proven optimal (their Reg-T is an upper bound)",
      seconds);
}

void print_standing_line(std::ostream& out, const std::vector<margin_row>& rows,
                         const margin_totals& totals,
                         const house_rules::eligibility_thresholds& eligibility) {
  std::size_t applying = 0;
  std::size_t eligible = 0;
  for (const margin_row& r : rows) {
    if (r.standing->on_portfolio_margin) continue;
    ++applying;
    eligible += r.standing->pm_eligible ? 1 : 0;
  }
  out << fmt::format("Accounts: {}, {} (keep {})",
                     counted(totals.margin_calls, "margin call", "margin calls"),
                     counted(totals.downgrades, "downgrade", "downgrades"),
                     format_cents_grouped(eligibility.keep_equity));
  if (applying > 0) {
    out << fmt::format(", {} of {} applying eligible (open {})", format_count(eligible),
                       format_count(applying), format_cents_grouped(eligibility.open_equity));
  }
  out << '\n';
}

}  // namespace

void print_margin_summary(std::ostream& out, const std::vector<margin_row>& rows,
                          const margin_totals& totals, const margin_report& report,
                          const run_facts& facts) {
  const bool montecarlo = report.montecarlo.has_value();
  const bool regt = rows_carry_regt(rows);
  const bool standing = rows_carry_standing(rows);
  const std::vector<summary_column> columns = columns_of(totals, montecarlo, regt, standing);

  text_table table;
  std::vector<std::string> names;
  std::vector<bool> right_aligned;
  std::vector<std::string> total;
  for (const summary_column& column : columns) {
    names.emplace_back(column.name);
    right_aligned.push_back(column.right_aligned);
    total.push_back(column.total);
  }
  table.set_header(std::move(names), std::move(right_aligned));
  const std::vector<const margin_row*> shown = shown_rows(rows);
  for (const margin_row* row : shown) {
    std::vector<std::string> line;
    line.reserve(columns.size());
    for (const summary_column& column : columns) line.push_back(column.cell(*row));
    table.add_row(std::move(line));
  }
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
                     counted(report.batch_count, "batch", "batches"), facts.load_seconds,
                     facts.margin_seconds);
  if (regt) print_regt_line(out, rows, facts.regt_seconds);
  if (standing) print_standing_line(out, rows, totals, facts.eligibility);
  if (montecarlo) {
    const montecarlo_summary& mc = *report.montecarlo;
    out << fmt::format(
        "Monte Carlo: {}; {}; scenarios drawn on {}, {}\n",
        describe_scenarios(mc.scenarios, mc.seed, facts.default_seed, mc.confidence, mc.tail_count),
        rule_text(mc.rule), mc.generator, counted(mc.batch_count, "batch", "batches"));
  }
}

}  // namespace pmrisk::cli
