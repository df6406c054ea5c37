#include "cli/stress_command.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/common_options.hpp"
#include "cli/montecarlo_flags.hpp"
#include "cli/progress_line.hpp"
#include "cli/stress_summary.hpp"
#include "io/atomic_file.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/stress.hpp"
#include "report/stress_csv.hpp"
#include "report/stress_json.hpp"

namespace pmrisk::cli {

namespace {

struct stress_flags {
  book_flags book;
  engine_flags engine;
  montecarlo_flags mc;
  std::string stress_dir = PMRISK_CONFIG_DIR "/stress";
  std::vector<std::string> stress_files;
  std::string out_path;
  std::string json_path;  ///< "-": standard output, in place of the summary
  std::size_t top = stress_ranking_rows;
  bool quiet = false;
};

// An output naming an input, or another output, would lose data.
void check_output_paths(const stress_flags& flags) {
  std::vector<named_path> inputs{{"--market", flags.book.market_path},
                                 {"--positions", flags.book.positions_path},
                                 {"--config", flags.engine.config_path},
                                 {"--mc-config", flags.mc.config_path},
                                 {"--correlation", flags.mc.correlation_path}};
  for (const std::string& file : flags.stress_files) inputs.emplace_back("--stress", file);
  check_distinct_paths(
      inputs, {{"--out", flags.out_path},
               {"--json", flags.json_path == standard_output ? std::string() : flags.json_path}});
}

void run_stress(const stress_flags& flags) {
  using clock = std::chrono::steady_clock;
  check_output_paths(flags);
  const auto load_start = clock::now();
  const loaded_book book = load_book(flags.book, flags.engine);
  const montecarlo_setup setup = load_montecarlo(flags.mc, book.market);
  const std::vector<std::string> files =
      flags.stress_files.empty() ? stress::stress_files_in(flags.stress_dir) : flags.stress_files;
  const stress::stress_models models(book.market, setup.config, setup.correlation,
                                     stress::load_stress_files(files, book.market, book.config));
  const auto load_end = clock::now();

  const margin_options engine = margin_options_from(flags.engine);
  stress::stress_options options;
  options.backend = engine.backend;
  options.threads = engine.threads;
  options.max_memory_bytes = engine.max_memory_bytes;
  options.scenarios = setup.config.scenarios;
  options.tile_scenarios = setup.config.tile_scenarios;
  options.confidence = setup.config.confidence;

  // Opened before the valuation so an unwritable destination fails fast.
  std::optional<io::atomic_file> out_file = open_output(flags.out_path);
  std::optional<io::atomic_file> json_file = open_output(flags.json_path);

  progress_line progress(!flags.quiet && stderr_is_terminal(), "account-scenarios");
  options.progress = [&progress](std::uint64_t done, std::uint64_t total) {
    progress.update(done, total);
  };
  const auto stress_start = clock::now();
  const stress::stress_report report =
      stress::compute_stress(book.market, book.positions, book.config, models, options);
  const auto stress_end = clock::now();
  progress.finish();

  if (out_file) write_stress_csv(out_file->stream(), report);
  if (json_file) write_stress_json(json_file->stream(), report, book.asof);
  for (auto* file : {&out_file, &json_file}) {
    if (*file) (*file)->commit();
  }

  for (const std::string& warning : report.warnings)
    std::cerr << "pmrisk: warning: " << warning << '\n';
  if (!report.backend_notice.empty())
    std::cerr << "pmrisk: note: " << report.backend_notice << '\n';
  if (flags.json_path == standard_output) {
    write_stress_json(std::cout, report, book.asof);
  } else if (!flags.quiet) {
    print_stress_summary(
        std::cout, report, flags.top,
        {seconds_between(load_start, load_end), seconds_between(stress_start, stress_end)},
        setup.seed_is_default);
  }
  finish_standard_output();
}

}  // namespace

void add_stress_command(CLI::App& app) {
  auto flags = std::make_shared<stress_flags>();
  CLI::App* command = app.add_subcommand(
      "stress",
      "Monte Carlo tail risk of every account under the base model and each stress set "
      "(correlation breaks, vol and gap shocks), on the same random draws");
  add_book_flags(*command, flags->book);
  add_engine_flags(*command, flags->engine);
  add_montecarlo_flags(*command, flags->mc);
  CLI::Option* dir =
      command->add_option("--stress-dir", flags->stress_dir, "Run every *.toml stress set here")
          ->capture_default_str()
          ->type_name("DIR");
  command
      ->add_option("--stress", flags->stress_files,
                   "Run these stress sets instead of the directory's")
      ->excludes(dir)
      ->type_name("FILE.toml");
  command->add_option("--out", flags->out_path, "Write one CSV row per account and set")
      ->type_name("FILE.csv");
  command
      ->add_option("--json", flags->json_path,
                   "Write the results as JSON; '-' writes them to stdout instead of the summary")
      ->type_name("FILE|-");
  command
      ->add_option("--top", flags->top,
                   "Accounts in the summary's ranking of those hurt most (0: none)")
      ->capture_default_str()
      ->type_name("N");
  command->add_flag("--quiet,-q", flags->quiet,
                    "Print no summary on stdout and draw no progress line");
  command->callback([flags] { run_stress(*flags); });
}

}  // namespace pmrisk::cli
