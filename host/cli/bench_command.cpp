#include "cli/bench_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capacity/capacity_report.hpp"
#include "capacity/peak_memory.hpp"
#include "capacity/scratch_directory.hpp"
#include "capacity/svg_plot.hpp"
#include "capacity/sweep.hpp"
#include "cli/bench_summary.hpp"
#include "cli/common_options.hpp"
#include "cli/montecarlo_flags.hpp"
#include "cli/progress_line.hpp"
#include "io/atomic_file.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/synth.hpp"
#include "report/margin_csv.hpp"
#include "report/margin_rows.hpp"

namespace pmrisk::cli {

namespace {

constexpr const char* standard_output = "-";
constexpr std::int64_t max_accounts = 1'000'000'000;
constexpr std::int32_t default_underlyings = 1000;
constexpr std::uint64_t default_seed = 42;

struct bench_flags {
  // A synthetic firm (no --market) ...
  std::optional<std::int64_t> accounts;
  std::optional<std::int32_t> underlyings;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> positions_per_account;
  // ... or a given one.
  std::string market_path;
  std::string positions_path;
  std::string correlation_path;
  std::string asof = "2026-11-20";
  engine_flags engine;
  std::optional<std::uint64_t> scenarios;
  std::string mc_config_path = PMRISK_CONFIG_DIR "/montecarlo.toml";
  std::string sweep;
  std::string svg_path;
  std::string json_path;  ///< "-": standard output, in place of the table
  bool quiet = false;
};

/// One run's firm and scenario count, after the sweep value is applied.
struct run_point {
  std::int64_t accounts = 0;
  std::int32_t underlyings = 0;
  double strategy_scale = synth::default_strategy_scale;
  std::uint64_t scenarios = 0;
};

using clock = std::chrono::steady_clock;

double seconds_since(clock::time_point start) {
  return std::chrono::duration<double>(clock::now() - start).count();
}

// A whole number in [low, high]; CLI11 would read "-1" as 2^64 - 1 and "1e3" as 1000.
CLI::Validator whole_number_in(std::uint64_t low, std::uint64_t high) {
  return CLI::Validator(
      [low, high](const std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc() && stop == end && value >= low && value <= high) return {};
        return fmt::format("expected a whole number from {} to {}, got '{}'", low, high, text);
      },
      "");
}

bool is_synthetic(const bench_flags& flags) {
  return flags.market_path.empty();
}

// What a flag and the sweep both set, a synthetic firm without its size, or an output naming
// an input or the other output, cannot run.
void check_flags(const bench_flags& flags, const std::optional<capacity::sweep_spec>& sweep) {
  const auto same_file = [](const std::string& a, const std::string& b) {
    std::error_code error;
    return !a.empty() && !b.empty() && a != standard_output &&
           std::filesystem::weakly_canonical(a, error) ==
               std::filesystem::weakly_canonical(b, error);
  };
  for (const std::string* input :
       {&flags.market_path, &flags.positions_path, &flags.correlation_path, &flags.svg_path}) {
    if (same_file(flags.json_path, *input))
      throw input_error({"--json"}, "'" + flags.json_path + "' is also an input or --svg");
  }
  for (const std::string* input :
       {&flags.market_path, &flags.positions_path, &flags.correlation_path}) {
    if (same_file(flags.svg_path, *input))
      throw input_error({"--svg"}, "'" + flags.svg_path + "' is also an input");
  }
  if (sweep && capacity::shapes_firm(sweep->dimension) && !is_synthetic(flags)) {
    throw input_error({"--sweep"}, fmt::format("sweeping {} needs a synthetic firm; drop --market "
                                               "and --positions",
                                               capacity::dimension_name(sweep->dimension)));
  }
  const auto clash = [&](capacity::sweep_dimension dimension, bool given, const char* flag) {
    if (sweep && sweep->dimension == dimension && given)
      throw input_error({flag}, fmt::format("the sweep sets the {}; drop {}",
                                            capacity::dimension_name(dimension), flag));
  };
  clash(capacity::sweep_dimension::accounts, flags.accounts.has_value(), "--accounts");
  clash(capacity::sweep_dimension::underlyings, flags.underlyings.has_value(), "--underlyings");
  clash(capacity::sweep_dimension::scenarios, flags.scenarios.has_value(), "--scenarios");
  clash(capacity::sweep_dimension::positions_per_account, flags.positions_per_account.has_value(),
        "--positions-per-account");
  if (is_synthetic(flags) && !flags.accounts &&
      !(sweep && sweep->dimension == capacity::sweep_dimension::accounts)) {
    throw input_error({"--accounts"},
                      "a synthetic firm needs its size (or give --market and --positions)");
  }
}

run_point point_for(const bench_flags& flags, const std::optional<capacity::sweep_spec>& sweep,
                    std::size_t index) {
  run_point point;
  point.accounts = flags.accounts.value_or(0);
  point.underlyings = flags.underlyings.value_or(default_underlyings);
  if (flags.positions_per_account)
    point.strategy_scale =
        synth::strategy_scale_for_positions(static_cast<double>(*flags.positions_per_account));
  point.scenarios = flags.scenarios.value_or(0);
  if (!sweep) return point;
  const std::uint64_t value = sweep->values[index];
  switch (sweep->dimension) {
    case capacity::sweep_dimension::accounts:
      point.accounts = static_cast<std::int64_t>(value);
      break;
    case capacity::sweep_dimension::scenarios:
      point.scenarios = value;
      break;
    case capacity::sweep_dimension::underlyings:
      point.underlyings = static_cast<std::int32_t>(value);
      break;
    case capacity::sweep_dimension::positions_per_account:
      point.strategy_scale = synth::strategy_scale_for_positions(static_cast<double>(value));
      break;
  }
  return point;
}

std::function<void(std::size_t, std::size_t)> progress_of(progress_line& line) {
  return [&line](std::size_t done, std::size_t total) { line.update(done, total); };
}

/// The margin CSV as `margin --out` writes it, to a file in `directory` that is then removed:
/// the write is measured, its bytes are not kept.
void write_and_discard(const std::filesystem::path& directory, const margin_report& report,
                       const market_data& market) {
  const std::filesystem::path path = directory / "margin.csv";
  {
    io::atomic_file file(path);
    write_margin_csv(file.stream(), margin_rows(report, market), report.montecarlo.has_value());
    file.commit();
  }
  std::filesystem::remove(path);
}

/// One pipeline, load to write, on the point's firm.
capacity::capacity_measurement measure(const bench_flags& flags, const run_point& point) {
  const bool draw = !flags.quiet && stderr_is_terminal();
  capacity::capacity_measurement run;
  capacity::scratch_directory scratch;
  book_flags book{flags.market_path, flags.positions_path, flags.asof};
  std::string correlation_path = flags.correlation_path;

  run.synthetic = is_synthetic(flags);
  if (run.synthetic) {
    synth::firm_spec spec;
    spec.accounts = point.accounts;
    spec.underlyings = point.underlyings;
    spec.seed = flags.seed.value_or(default_seed);
    spec.asof_day = parse_date(flags.asof, source_location{"--asof", 0, 0});
    spec.strategy_scale = point.strategy_scale;
    const clock::time_point start = clock::now();
    progress_line progress(draw, "accounts written");
    synth::write_synthetic_firm(spec, scratch.path(), progress_of(progress));
    progress.finish();
    run.synth_seconds = seconds_since(start);
    run.seed = spec.seed;
    run.strategy_scale = spec.strategy_scale;
    book.market_path = (scratch.path() / synth::market_file_name).string();
    book.positions_path = (scratch.path() / synth::positions_file_name).string();
    correlation_path = (scratch.path() / synth::correlation_file_name).string();
  }

  clock::time_point start = clock::now();
  const loaded_book loaded = load_book(book, flags.engine);
  run.stages.load = seconds_since(start);

  margin_options options = margin_options_from(flags.engine);
  if (point.scenarios > 0) {
    start = clock::now();
    montecarlo_flags mc;
    mc.config_path = flags.mc_config_path;
    mc.correlation_path = correlation_path;
    mc.scenarios = point.scenarios;
    std::vector<std::string> warnings;
    options.montecarlo =
        montecarlo_options_from(load_montecarlo(mc, loaded.market), loaded.market, warnings);
    run.stages.scenario_model = seconds_since(start);
    for (const std::string& warning : warnings) std::cerr << "pmrisk: warning: " << warning << '\n';
  }

  progress_line tims_progress(draw, "accounts");
  progress_line mc_progress(draw, "account-scenarios");
  options.progress = progress_of(tims_progress);
  options.montecarlo_progress = [&](std::uint64_t done, std::uint64_t total) {
    tims_progress.finish();
    mc_progress.update(done, total);
  };
  start = clock::now();
  const margin_report report =
      compute_margin(loaded.market, loaded.positions, loaded.config, options);
  run.compute_seconds = seconds_since(start);
  tims_progress.finish();
  mc_progress.finish();
  if (!report.backend_notice.empty() && !flags.quiet)
    std::cerr << "pmrisk: note: " << report.backend_notice << '\n';

  start = clock::now();
  write_and_discard(scratch.path(), report, loaded.market);
  const double write_seconds = seconds_since(start);

  const double load_seconds = run.stages.load;
  const double model_seconds = run.stages.scenario_model;
  run.stages = capacity::margin_stages(report.stage_times, run.compute_seconds);
  run.stages.load = load_seconds;
  run.stages.scenario_model = model_seconds;
  run.stages.write = write_seconds;
  run.backend_aggregate_seconds = report.stage_times.valuation_split.aggregate +
                                  report.stage_times.scenario_valuation_split.aggregate;
  run.backend = report.backend;
  run.accounts = report.accounts.size();
  run.underlyings = loaded.market.underlyings.size();
  run.positions = report.position_count;
  run.series = report.series_count;
  run.scenarios = point.scenarios;
  run.work = report.work;
  run.batches = report.batch_count;
  run.montecarlo_batches = report.montecarlo ? report.montecarlo->batch_count : 0;
  run.peak_host_bytes = capacity::peak_host_bytes();
  const std::size_t device_bytes =
      std::max(report.stage_times.valuation_split.peak_device_bytes,
               report.stage_times.scenario_valuation_split.peak_device_bytes);
  if (device_bytes > 0) run.peak_device_bytes = device_bytes;
  return run;
}

capacity::line_plot sweep_plot(const capacity::sweep_spec& sweep,
                               const std::vector<capacity::capacity_measurement>& runs) {
  capacity::line_plot plot;
  plot.title = fmt::format("pmrisk bench: time against {} ({})",
                           capacity::dimension_name(sweep.dimension), runs.front().backend);
  plot.x_label = std::string(capacity::dimension_name(sweep.dimension));
  plot.y_label = "wall seconds";
  for (std::uint64_t value : sweep.values) plot.x.push_back(static_cast<double>(value));
  capacity::plot_series total{"total", {}};
  for (const auto& run : runs) total.y.push_back(run.stages.total());
  plot.series.push_back(std::move(total));
  for (const capacity::stage_entry& entry : capacity::stage_entries(runs.front().stages)) {
    capacity::plot_series stage{entry.label, {}};
    for (const auto& run : runs) {
      for (const capacity::stage_entry& own : capacity::stage_entries(run.stages))
        if (std::string_view(own.key) == entry.key) stage.y.push_back(own.seconds);
    }
    plot.series.push_back(std::move(stage));
  }
  return plot;
}

void run_bench(const bench_flags& flags) {
  std::optional<capacity::sweep_spec> sweep;
  if (!flags.sweep.empty()) sweep = capacity::parse_sweep(flags.sweep);
  check_flags(flags, sweep);

  // Opened before the runs so an unwritable destination fails fast.
  std::optional<io::atomic_file> json_file = open_output(flags.json_path);
  std::optional<io::atomic_file> svg_file = open_output(flags.svg_path);

  std::vector<capacity::capacity_measurement> runs;
  const std::size_t count = sweep ? sweep->values.size() : 1;
  for (std::size_t i = 0; i < count; ++i)
    runs.push_back(measure(flags, point_for(flags, sweep, i)));

  const auto write_json = [&](std::ostream& out) {
    if (sweep) {
      capacity::write_sweep_json(out, *sweep, runs);
    } else {
      capacity::write_measurement_json(out, runs.front());
    }
    out << '\n';
  };
  if (json_file) write_json(json_file->stream());
  if (svg_file) capacity::write_svg(svg_file->stream(), sweep_plot(*sweep, runs));
  for (auto* file : {&json_file, &svg_file}) {
    if (*file) (*file)->commit();
  }

  if (flags.json_path == standard_output) {
    write_json(std::cout);
  } else if (!flags.quiet) {
    if (sweep) {
      print_sweep_summary(std::cout, *sweep, runs);
    } else {
      print_bench_summary(std::cout, runs.front());
    }
  }
  finish_standard_output();
}

}  // namespace

void add_bench_command(CLI::App& app) {
  auto flags = std::make_shared<bench_flags>();
  CLI::App* command = app.add_subcommand(
      "bench",
      "Time the whole margin pipeline (load, de-duplicate, scenarios, reprice, aggregate, write) "
      "on a synthetic or given firm, once or as a sweep");
  CLI::Option* accounts =
      command
          ->add_option_function<std::int64_t>(
              "--accounts", [flags](const std::int64_t& n) { flags->accounts = n; },
              "Synthetic firm: accounts")
          ->check(whole_number_in(1, max_accounts))
          ->type_name("N");
  CLI::Option* underlyings =
      command
          ->add_option_function<std::int32_t>(
              "--underlyings", [flags](const std::int32_t& n) { flags->underlyings = n; },
              fmt::format("Synthetic firm: underlyings (default {})", default_underlyings))
          ->check(whole_number_in(synth::min_underlyings, synth::max_underlyings))
          ->type_name("U");
  CLI::Option* seed = command
                          ->add_option_function<std::uint64_t>(
                              "--seed", [flags](const std::uint64_t& n) { flags->seed = n; },
                              fmt::format("Synthetic firm: random seed (default {})", default_seed))
                          ->check(whole_number_in(0, UINT64_MAX))
                          ->type_name("S");
  CLI::Option* positions_per_account =
      command
          ->add_option_function<std::uint64_t>(
              "--positions-per-account",
              [flags](const std::uint64_t& n) { flags->positions_per_account = n; },
              "Synthetic firm: mean position rows per account (default: the generator's, about 9)")
          ->check(whole_number_in(
              static_cast<std::uint64_t>(
                  std::ceil(synth::mean_positions_per_account(synth::min_strategy_scale))),
              static_cast<std::uint64_t>(
                  std::floor(synth::mean_positions_per_account(synth::max_strategy_scale)))))
          ->type_name("P");
  CLI::Option* market =
      command->add_option("--market", flags->market_path, "A given firm: market data CSV")
          ->type_name("FILE");
  CLI::Option* positions =
      command->add_option("--positions", flags->positions_path, "A given firm: positions CSV")
          ->type_name("FILE");
  CLI::Option* correlation =
      command
          ->add_option("--correlation", flags->correlation_path,
                       "A given firm: correlations for the scenarios (default: the Monte Carlo "
                       "config's default_correlation)")
          ->type_name("FILE");
  market->needs(positions);
  positions->needs(market);
  correlation->needs(market);
  for (CLI::Option* synthetic : {accounts, underlyings, seed, positions_per_account})
    synthetic->excludes(market);
  command->add_option("--asof", flags->asof, "Valuation date (and the synthetic firm's as-of)")
      ->capture_default_str()
      ->type_name("YYYY-MM-DD");
  add_engine_flags(*command, flags->engine);
  add_rule_flags(*command, flags->engine);
  command
      ->add_option_function<std::uint64_t>(
          "--scenarios", [flags](const std::uint64_t& n) { flags->scenarios = n; },
          "Monte Carlo scenarios besides the TIMS grid (default 0: the grid only)")
      ->check(whole_number_in(0, 1'000'000'000))
      ->type_name("S");
  command->add_option("--mc-config", flags->mc_config_path, "Monte Carlo settings (TOML)")
      ->capture_default_str()
      ->type_name("FILE");
  CLI::Option* sweep =
      command
          ->add_option("--sweep", flags->sweep,
                       "One run per value: accounts=, scenarios=, underlyings= or "
                       "positions-per-account= and ascending values, e.g. accounts=1000,10000")
          ->type_name("DIM=V1,V2,...");
  command->add_option("--svg", flags->svg_path, "With --sweep: write a log-log plot of the stages")
      ->needs(sweep)
      ->type_name("FILE.svg");
  command
      ->add_option("--json", flags->json_path,
                   "Write the measurements as JSON; '-' writes them to stdout instead of the table")
      ->type_name("FILE|-");
  command->add_flag("--quiet,-q", flags->quiet, "Print no table and draw no progress line");
  command->callback([flags] { run_bench(*flags); });
}

}  // namespace pmrisk::cli
