#include "cli/margin_command.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cli/common_options.hpp"
#include "cli/margin_summary.hpp"
#include "cli/progress_line.hpp"
#include "io/atomic_file.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/margin.hpp"
#include "report/margin_csv.hpp"
#include "report/margin_json.hpp"
#include "report/margin_rows.hpp"
#include "report/risk_array_csv.hpp"

namespace pmrisk::cli {

namespace {

constexpr const char* standard_output = "-";

struct margin_flags {
  book_flags book;
  engine_flags engine;
  std::string out_path;
  std::string json_path;  ///< "-": standard output, in place of the table
  std::string risk_arrays_path;
  bool quiet = false;
};

double seconds_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// The path a file name resolves to, for comparing two names; the name as given when the file
// system cannot say (the loaders or the output will then report the problem).
std::filesystem::path resolved(const std::string& path) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  return error ? std::filesystem::path(path).lexically_normal() : canonical;
}

// Two flags naming one file, or an output overwriting an input, would lose data.
void check_distinct_paths(const margin_flags& flags) {
  std::vector<std::pair<std::string, std::string>> paths{
      {"--market", flags.book.market_path},
      {"--positions", flags.book.positions_path},
      {"--config", flags.engine.config_path},
      {"--out", flags.out_path},
      {"--json", flags.json_path == standard_output ? std::string() : flags.json_path},
      {"--risk-arrays", flags.risk_arrays_path}};
  constexpr std::size_t first_output = 3;
  for (std::size_t i = first_output; i < paths.size(); ++i) {
    if (paths[i].second.empty()) continue;
    const std::filesystem::path output = resolved(paths[i].second);
    for (std::size_t j = 0; j < i; ++j) {
      if (!paths[j].second.empty() && resolved(paths[j].second) == output) {
        throw input_error(source_location{paths[i].first, 0, 0},
                          "'" + paths[i].second + "' is also given to " + paths[j].first);
      }
    }
  }
}

// An output file that appears only when the whole run succeeds.
std::optional<io::atomic_file> open_output(const std::string& path) {
  if (path.empty() || path == standard_output) return std::nullopt;
  return std::optional<io::atomic_file>(std::in_place, path);
}

void run_margin(const margin_flags& flags) {
  using clock = std::chrono::steady_clock;
  check_distinct_paths(flags);
  const auto load_start = clock::now();
  loaded_book book = load_book(flags.book, flags.engine);
  const auto load_end = clock::now();
  margin_options options = margin_options_from(flags.engine);
  options.keep_risk_arrays = !flags.risk_arrays_path.empty();

  // Opened before the valuation so an unwritable destination fails fast.
  std::optional<io::atomic_file> out_file = open_output(flags.out_path);
  std::optional<io::atomic_file> json_file = open_output(flags.json_path);
  std::optional<io::atomic_file> risk_arrays_file = open_output(flags.risk_arrays_path);

  progress_line progress(!flags.quiet && stderr_is_terminal());
  options.progress = [&progress](std::size_t done, std::size_t total) {
    progress.update(done, total);
  };
  const auto margin_start = clock::now();
  const margin_report report = compute_margin(book.market, book.positions, book.config, options);
  const auto margin_end = clock::now();
  progress.finish();

  const std::vector<margin_row> rows = margin_rows(report, book.market);
  const margin_totals totals = sum_margin(report);
  if (out_file) write_margin_csv(out_file->stream(), rows);
  if (json_file) write_margin_json(json_file->stream(), report.backend, book.asof, rows, totals);
  if (risk_arrays_file) write_risk_arrays_csv(risk_arrays_file->stream(), report, book.market);
  for (auto* file : {&out_file, &json_file, &risk_arrays_file}) {
    if (*file) (*file)->commit();
  }

  if (!report.backend_notice.empty())
    std::cerr << "pmrisk: note: " << report.backend_notice << '\n';
  if (flags.json_path == standard_output) {
    write_margin_json(std::cout, report.backend, book.asof, rows, totals);
  } else if (!flags.quiet) {
    print_margin_summary(
        std::cout, rows, totals, report,
        {seconds_between(load_start, load_end), seconds_between(margin_start, margin_end)});
  }
  std::cout.flush();
  if (!std::cout) throw std::runtime_error("cannot write to standard output");
}

}  // namespace

void add_margin_command(CLI::App& app) {
  auto flags = std::make_shared<margin_flags>();
  CLI::App* command = app.add_subcommand(
      "margin", "Per-account TIMS portfolio-margin requirement (FINRA 4210(g) grid)");
  add_book_flags(*command, flags->book);
  add_engine_flags(*command, flags->engine);
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
  command->callback([flags] { run_margin(*flags); });
}

}  // namespace pmrisk::cli
