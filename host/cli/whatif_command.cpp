#include "cli/whatif_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/common_options.hpp"
#include "cli/montecarlo_flags.hpp"
#include "cli/text_table.hpp"
#include "io/atomic_file.hpp"
#include "pmrisk/account_view.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/margin_session.hpp"
#include "report/number_format.hpp"
#include "report/text_escape.hpp"

namespace pmrisk::cli {

namespace {

struct whatif_flags {
  book_flags book;
  engine_flags engine;
  std::string account;
  std::string trade_path;
  std::string accounts_path;  ///< empty: no equity, no excess
  std::string json_path;      ///< "-": standard output, in place of the table
  bool montecarlo = false;
  montecarlo_flags mc;
};

/// One side of the what-if: the account's margin and, with --accounts, its standing.
struct whatif_side {
  account_evaluation evaluation;
  std::optional<account_standing> standing;
  double milliseconds = 0;  ///< margin_session::evaluate
};

double milliseconds_between(std::chrono::steady_clock::time_point from,
                            std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// The JSON output must not overwrite an input.
void check_output_path(const whatif_flags& flags) {
  check_distinct_paths(
      {{"--market", flags.book.market_path},
       {"--positions", flags.book.positions_path},
       {"--trade", flags.trade_path},
       {"--accounts", flags.accounts_path},
       {"--config", flags.engine.config_path},
       {"--house", flags.engine.house_path},
       {"--span", flags.engine.span_path}},
      {{"--json", flags.json_path == standard_output ? std::string() : flags.json_path}});
}

/// The account's standing as `pmrisk margin --accounts` judges it (apply_account_standing).
account_standing standing_of(const account_margin& account, const account_equity& row,
                             const house_rules::eligibility_thresholds& thresholds) {
  margin_report report;
  report.accounts.push_back(account);
  apply_account_standing(report, {row}, {}, thresholds);
  return *report.accounts.front().standing;
}

std::string excess_text(const std::optional<account_standing>& standing) {
  if (!standing) return {};
  return format_cents_grouped(standing->excess) + (standing->margin_call ? " margin call" : "");
}

void print_table(std::ostream& out, const whatif_flags& flags, const whatif_side& before,
                 const whatif_side& after, std::size_t trades, const margin_session& session,
                 double setup_ms) {
  const account_margin& b = before.evaluation.account;
  const account_margin& a = after.evaluation.account;
  out << fmt::format("what-if for account {}: {} trade rows from {} ({} -> {} positions)\n\n",
                     flags.account, format_count(trades), flags.trade_path,
                     format_count(before.evaluation.position_count),
                     format_count(after.evaluation.position_count));
  text_table table;
  const bool with_equity = before.standing.has_value();
  std::vector<std::string> header{"", "requirement", "rule set"};
  if (with_equity) header.push_back("excess");
  table.set_header(header, {false, true, false, true});
  const auto row = [&](const char* name, const account_margin& m, const whatif_side& side) {
    std::vector<std::string> cells{name, format_cents_grouped(m.requirement),
                                   std::string(requirement_source_name(m.source))};
    if (with_equity) cells.push_back(excess_text(side.standing));
    table.add_row(std::move(cells));
  };
  row("before", b, before);
  row("after", a, after);
  std::vector<std::string> footer{"incremental",
                                  format_cents_grouped(a.requirement - b.requirement), ""};
  if (with_equity) footer.push_back("");
  table.set_footer(footer);
  table.print(out);
  if (with_equity)
    out << fmt::format("\nequity {}\n", format_cents_grouped(after.standing->equity));

  out << fmt::format("\nbackend {}", session.backend_name());
  if (const auto& mc = session.montecarlo()) {
    out << fmt::format("; {} scenarios resident ({:.1f} MiB), {:g}% tail of {}, rule {}",
                       format_count(mc->scenarios),
                       static_cast<double>(session.resident_scenario_bytes()) / (1 << 20),
                       100 * mc->confidence, format_count(mc->tail_count),
                       requirement_rule_name(mc->rule));
  }
  out << fmt::format("\nsession set up in {:.1f} ms; evaluated in {:.3f} ms (before: {:.3f} ms)\n",
                     setup_ms, after.milliseconds, before.milliseconds);
}

void write_side_json(std::ostream& out, const whatif_side& side, bool montecarlo) {
  const account_margin& m = side.evaluation.account;
  out << "{\"requirement\": " << format_cents(m.requirement)
      << ", \"source\": " << json_string(requirement_source_name(m.source))
      << ", \"tims_requirement\": " << format_cents(m.tims_requirement)
      << ", \"span_requirement\": " << format_cents(m.span_requirement)
      << ", \"concentration_charge\": " << format_cents(m.concentration_charge)
      << ", \"liquidity_addon\": " << format_cents(m.liquidity_addon);
  if (montecarlo) out << ", \"mc_es\": " << format_cents(m.mc.es);
  if (side.standing)
    out << ", \"equity\": " << format_cents(side.standing->equity)
        << ", \"excess\": " << format_cents(side.standing->excess)
        << ", \"margin_call\": " << (side.standing->margin_call ? "true" : "false");
  out << ", \"positions\": " << side.evaluation.position_count << '}';
}

void write_json(std::ostream& out, const whatif_flags& flags, const whatif_side& before,
                const whatif_side& after, std::size_t trades, const margin_session& session,
                double setup_ms) {
  const bool montecarlo = session.montecarlo().has_value();
  out << "{\"account\": " << json_string(flags.account)
      << ", \"asof\": " << json_string(flags.book.asof) << ", \"trades\": " << trades
      << ", \"backend\": " << json_string(session.backend_name()) << ",\n \"before\": ";
  write_side_json(out, before, montecarlo);
  out << ",\n \"after\": ";
  write_side_json(out, after, montecarlo);
  out << ",\n \"incremental_requirement\": "
      << format_cents(after.evaluation.account.requirement - before.evaluation.account.requirement)
      << ", \"setup_ms\": " << fmt::format("{:.3f}", setup_ms)
      << ", \"evaluate_ms\": " << fmt::format("{:.3f}", after.milliseconds) << "}\n";
}

void run_whatif(const whatif_flags& flags) {
  using clock = std::chrono::steady_clock;
  check_output_path(flags);
  loaded_book book = load_book(flags.book, flags.engine);
  // The trades: positions rows, read by the positions loader with its checks and errors.
  const std::vector<position> trades =
      load_positions(flags.trade_path, book.market, book.config, book.asof_day);
  std::optional<account_equity> equity;
  if (!flags.accounts_path.empty()) {
    for (account_equity& row : load_accounts(flags.accounts_path))
      if (row.account == flags.account) equity = std::move(row);
    if (!equity)
      throw input_error(source_location{"--account", 0, 0},
                        fmt::format("account '{}' has no row in the accounts file {}",
                                    flags.account, flags.accounts_path));
  }
  const bool holds_positions =
      std::any_of(book.positions.begin(), book.positions.end(),
                  [&](const position& p) { return p.account == flags.account; });
  if (!holds_positions && !equity)
    throw input_error(source_location{"--account", 0, 0},
                      fmt::format("unknown account '{}': it holds no positions in {}{}",
                                  flags.account, flags.book.positions_path,
                                  flags.accounts_path.empty() ? " (an account without positions "
                                                                "must have a row in --accounts)"
                                                              : ""));

  margin_options options = margin_options_from(flags.engine);
  if (flags.montecarlo) {
    const montecarlo_setup setup = load_montecarlo(flags.mc, book.market);
    std::vector<std::string> warnings;
    options.montecarlo = montecarlo_options_from(setup, book.market, warnings);
    for (const std::string& warning : warnings) std::cerr << "pmrisk: warning: " << warning << '\n';
  }
  // Before the work, so an unwritable path fails fast.
  std::optional<io::atomic_file> json_file = open_output(flags.json_path);

  const auto setup_start = clock::now();
  margin_session session(std::move(book.market), std::move(book.positions), std::move(book.config),
                         options);
  if (!holds_positions) session.add_account(flags.account);
  const double setup_ms = milliseconds_between(setup_start, clock::now());

  const auto evaluate = [&](const std::vector<position>& extra) {
    whatif_side side;
    const auto start = clock::now();
    side.evaluation = session.evaluate(flags.account, extra);
    side.milliseconds = milliseconds_between(start, clock::now());
    if (equity)
      side.standing =
          standing_of(side.evaluation.account, *equity, session.config().house.eligibility);
    return side;
  };
  const whatif_side before = evaluate({});
  const whatif_side after = evaluate(trades);

  if (!session.backend_notice().empty())
    std::cerr << "pmrisk: note: " << session.backend_notice() << '\n';
  if (json_file) {
    write_json(json_file->stream(), flags, before, after, trades.size(), session, setup_ms);
    json_file->commit();
  }
  if (flags.json_path == standard_output)
    write_json(std::cout, flags, before, after, trades.size(), session, setup_ms);
  else
    print_table(std::cout, flags, before, after, trades.size(), session, setup_ms);
  finish_standard_output();
}

}  // namespace

void add_whatif_command(CLI::App& app) {
  auto flags = std::make_shared<whatif_flags>();
  CLI::App* command = app.add_subcommand(
      "whatif",
      "Pre-trade what-if: one account's requirement before and after the trades in --trade, "
      "the incremental requirement and, with --accounts, the new excess");
  command->add_option("--account", flags->account, "The account the trades are for")
      ->required()
      ->type_name("ID");
  command
      ->add_option("--trade", flags->trade_path,
                   "Trades in the positions CSV format; every row names --account")
      ->required()
      ->type_name("FILE.csv");
  add_book_flags(*command, flags->book);
  add_engine_flags(*command, flags->engine);
  add_rule_flags(*command, flags->engine);
  command
      ->add_option("--accounts", flags->accounts_path,
                   "Accounts CSV (account,equity[,type]): the account's excess before and after")
      ->type_name("FILE.csv");
  command
      ->add_option("--json", flags->json_path,
                   "Write the results as JSON; '-' writes them to stdout instead of the table")
      ->type_name("FILE|-");
  CLI::Option* enable = command->add_flag(
      "--montecarlo", flags->montecarlo,
      "Also value the account under Monte Carlo scenarios, drawn once per session, and apply "
      "the config's requirement rule");
  for (CLI::Option* option : add_montecarlo_flags(*command, flags->mc)) option->needs(enable);
  command->callback([flags] { run_whatif(*flags); });
}

}  // namespace pmrisk::cli
