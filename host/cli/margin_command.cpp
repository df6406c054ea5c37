#include "cli/margin_command.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/common_options.hpp"
#include "cli/margin_summary.hpp"
#include "cli/montecarlo_flags.hpp"
#include "cli/progress_line.hpp"
#include "io/atomic_file.hpp"
#include "pmrisk/account_view.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/regt.hpp"
#include "report/margin_csv.hpp"
#include "report/margin_json.hpp"
#include "report/margin_rows.hpp"
#include "report/risk_array_csv.hpp"
#include "report/scenario_dump_csv.hpp"

namespace pmrisk::cli {

namespace {

struct margin_flags {
  book_flags book;
  engine_flags engine;
  std::string out_path;
  std::string json_path;  ///< "-": standard output, in place of the table
  std::string risk_arrays_path;
  bool quiet = false;
  bool montecarlo = false;
  montecarlo_flags mc;
  std::optional<scenarios::requirement_rule> rule;
  std::string scenario_dump_path;
  std::string accounts_path;  ///< empty: no account standing
  std::string regt_path = PMRISK_CONFIG_DIR "/regt.toml";
  bool no_regt = false;
};

// Two flags naming one file, or an output overwriting an input, would lose data.
void check_output_paths(const margin_flags& flags) {
  check_distinct_paths(
      {{"--market", flags.book.market_path},
       {"--positions", flags.book.positions_path},
       {"--config", flags.engine.config_path},
       {"--house", flags.engine.house_path},
       {"--span", flags.engine.span_path},
       {"--regt", flags.no_regt ? std::string() : flags.regt_path},
       {"--accounts", flags.accounts_path},
       {"--mc-config", flags.montecarlo ? flags.mc.config_path : std::string()},
       {"--correlation", flags.mc.correlation_path}},
      {{"--out", flags.out_path},
       {"--json", flags.json_path == standard_output ? std::string() : flags.json_path},
       {"--risk-arrays", flags.risk_arrays_path},
       {"--scenario-dump", flags.scenario_dump_path}});
}

void run_margin(const margin_flags& flags) {
  using clock = std::chrono::steady_clock;
  check_output_paths(flags);
  const auto load_start = clock::now();
  loaded_book book = load_book(flags.book, flags.engine);
  std::optional<regt::config> regt_rates;
  if (!flags.no_regt) regt_rates = regt::load_config(flags.regt_path);
  std::vector<account_equity> accounts;
  if (!flags.accounts_path.empty()) {
    accounts = load_accounts(flags.accounts_path);
    check_accounts_listed(accounts, book.positions);  // before the valuation, not after
  }
  const auto load_end = clock::now();
  margin_options options = margin_options_from(flags.engine);
  options.keep_risk_arrays = !flags.risk_arrays_path.empty();
  bool default_seed = false;
  if (flags.montecarlo) {
    const montecarlo_setup setup = load_montecarlo(flags.mc, book.market);
    default_seed = setup.seed_is_default;
    std::vector<std::string> warnings;
    options.montecarlo = montecarlo_options_from(setup, book.market, warnings);
    if (flags.rule) options.montecarlo->rule = *flags.rule;
    for (const std::string& warning : warnings) std::cerr << "pmrisk: warning: " << warning << '\n';
  }

  // Opened before the valuation so an unwritable destination fails fast.
  std::optional<io::atomic_file> out_file = open_output(flags.out_path);
  std::optional<io::atomic_file> json_file = open_output(flags.json_path);
  std::optional<io::atomic_file> risk_arrays_file = open_output(flags.risk_arrays_path);
  std::optional<io::atomic_file> dump_file = open_output(flags.scenario_dump_path);
  std::optional<scenario_dump_writer> dump;
  if (dump_file) {
    dump.emplace(dump_file->stream(), book.market);
    options.montecarlo->on_tile = [&dump](const scenarios::scenario_tile& tile) {
      dump->write(tile);
    };
  }

  // A Monte Carlo run spends its time on the scenarios: the line counts those.
  const bool draw_progress = !flags.quiet && stderr_is_terminal();
  progress_line progress(draw_progress, flags.montecarlo ? "account-scenarios" : "accounts");
  if (flags.montecarlo) {
    options.montecarlo_progress = [&progress](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
  } else {
    options.progress = [&progress](std::size_t done, std::size_t total) {
      progress.update(done, total);
    };
  }
  const auto margin_start = clock::now();
  margin_report report = compute_margin(book.market, book.positions, book.config, options);
  const auto margin_end = clock::now();
  progress.finish();
  if (!flags.accounts_path.empty()) {
    apply_account_standing(report, accounts, book.positions, book.config.house.eligibility);
  }
  // After the standing, so accounts without positions are compared too.
  if (regt_rates) {
    compare_with_regt(report, book.market, book.positions, book.config, *regt_rates,
                      flags.engine.threads);
  }
  const auto regt_end = clock::now();

  const std::vector<margin_row> rows = margin_rows(report, book.market);
  const margin_totals totals = sum_margin(report);
  if (out_file) write_margin_csv(out_file->stream(), rows, flags.montecarlo);
  if (json_file)
    write_margin_json(json_file->stream(), report.backend, book.asof, rows, totals,
                      report.montecarlo);
  if (risk_arrays_file) write_risk_arrays_csv(risk_arrays_file->stream(), report, book.market);
  for (auto* file : {&out_file, &json_file, &risk_arrays_file, &dump_file}) {
    if (*file) (*file)->commit();
  }

  if (!report.backend_notice.empty())
    std::cerr << "pmrisk: note: " << report.backend_notice << '\n';
  if (flags.json_path == standard_output) {
    write_margin_json(std::cout, report.backend, book.asof, rows, totals, report.montecarlo);
  } else if (!flags.quiet) {
    run_facts facts;
    facts.load_seconds = seconds_between(load_start, load_end);
    facts.margin_seconds = seconds_between(margin_start, margin_end);
    facts.regt_seconds = seconds_between(margin_end, regt_end);
    facts.default_seed = default_seed;
    facts.eligibility = book.config.house.eligibility;
    print_margin_summary(std::cout, rows, totals, report, facts);
  }
  finish_standard_output();
}

// --montecarlo and the flags that only make sense with it.
void add_montecarlo_options(CLI::App& command, margin_flags& flags) {
  CLI::Option* enable = command.add_flag(
      "--montecarlo", flags.montecarlo,
      "Also value every account under Monte Carlo scenarios: VaR, expected shortfall and worst "
      "loss, and the requirement per --requirement-rule");
  std::vector<CLI::Option*> needing = add_montecarlo_flags(command, flags.mc);
  needing.push_back(
      command
          .add_option_function<std::string>(
              "--requirement-rule",
              [&flags](const std::string& name) {
                flags.rule = name == "tims" ? scenarios::requirement_rule::tims
                             : name == "mc" ? scenarios::requirement_rule::mc
                                            : scenarios::requirement_rule::max_tims_es;
              },
              "max_tims_es: the larger of TIMS and ES; tims: TIMS alone; mc: ES alone; "
              "default: the Monte Carlo config's")
          ->check(CLI::IsMember({"max_tims_es", "tims", "mc"}).description(""))
          ->type_name("max_tims_es|tims|mc"));
  needing.push_back(command
                        .add_option("--scenario-dump", flags.scenario_dump_path,
                                    "Write every scenario's log-return, spot move and vol shift "
                                    "per underlying as CSV, for audit")
                        ->type_name("FILE.csv"));
  for (CLI::Option* option : needing) option->needs(enable);
}

// The Reg-T comparison and the account standing (docs/regt.md, docs/inputs.md).
void add_account_view_options(CLI::App& command, margin_flags& flags) {
  command
      .add_option("--accounts", flags.accounts_path,
                  "Accounts CSV (account,equity[,type]): each account's equity against its "
                  "requirement, margin calls and portfolio-margin eligibility")
      ->type_name("FILE.csv");
  CLI::Option* regt = command
                          .add_option("--regt", flags.regt_path,
                                      "Reg-T rates (TOML) for the strategy-based comparison")
                          ->capture_default_str()
                          ->type_name("FILE");
  command
      .add_flag("--no-regt", flags.no_regt,
                "Leave out the Reg-T comparison (its columns are then not written)")
      ->excludes(regt);
}

}  // namespace

void add_margin_command(CLI::App& app) {
  auto flags = std::make_shared<margin_flags>();
  CLI::App* command = app.add_subcommand(
      "margin",
      "Per-account TIMS portfolio-margin requirement (FINRA 4210(g) grid) beside the "
      "strategy-based Reg-T requirement, with --accounts against equity, and with --montecarlo "
      "the simulated tail risk");
  add_book_flags(*command, flags->book);
  add_engine_flags(*command, flags->engine);
  add_rule_flags(*command, flags->engine);
  add_account_view_options(*command, *flags);
  command->add_option("--out", flags->out_path, "Write one CSV row per account")
      ->type_name("FILE.csv");
  command
      ->add_option("--json", flags->json_path,
                   "Write the results as JSON; '-' writes them to stdout instead of the table")
      ->type_name("FILE|-");
  command
      ->add_option("--risk-arrays", flags->risk_arrays_path,
                   "Write every class group's P&L at every valuation point as CSV")
      ->type_name("FILE.csv");
  command->add_flag("--quiet,-q", flags->quiet,
                    "Print no table on stdout and draw no progress line");
  add_montecarlo_options(*command, *flags);
  command->callback([flags] { run_margin(*flags); });
}

}  // namespace pmrisk::cli
