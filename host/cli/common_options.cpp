#include "cli/common_options.hpp"

#include <cmath>
#include <iostream>
#include <stdexcept>

#include "io/byte_size.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/house.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/span_config.hpp"

namespace pmrisk::cli {

namespace {

// A continuously compounded rate as a decimal fraction; |r| > 1 is almost surely a percentage
// typed by mistake (5 for 5%), which would value every option absurdly.
std::string check_rate(const std::string& text) {
  double rate = 0;
  try {
    std::size_t used = 0;
    rate = std::stod(text, &used);
    if (used != text.size()) return "expected a number, got '" + text + "'";
  } catch (const std::exception&) {
    return "expected a number, got '" + text + "'";
  }
  if (!std::isfinite(rate) || std::fabs(rate) > 1)
    return "expected a finite decimal rate between -1 and 1 (0.05 for 5%), got '" + text + "'";
  return {};
}

// The path a file name resolves to, for comparing two names; the name as given when the file
// system cannot say (the loaders or the output will then report the problem).
std::filesystem::path resolved(const std::string& path) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  return error ? std::filesystem::path(path).lexically_normal() : canonical;
}

}  // namespace

void add_book_flags(CLI::App& command, book_flags& flags) {
  command.add_option("--market", flags.market_path, "Market data CSV (one row per underlying)")
      ->required()
      ->type_name("FILE");
  command.add_option("--positions", flags.positions_path, "Positions CSV (one row per holding)")
      ->required()
      ->type_name("FILE");
  command.add_option("--asof", flags.asof, "Valuation date; options expire relative to it")
      ->required()
      ->type_name("YYYY-MM-DD");
}

void add_engine_flags(CLI::App& command, engine_flags& flags) {
  command.add_option("--config", flags.config_path, "Engine configuration (TOML)")
      ->capture_default_str()
      ->type_name("FILE");
  command
      .add_option_function<double>(
          "--rate", [&flags](const double& rate) { flags.rate = rate; },
          "Risk-free rate, continuously compounded (0.05 for 5%); overrides the config")
      ->check(CLI::Validator(check_rate, ""))
      ->type_name("R");
  command
      .add_option_function<std::string>(
          "--backend",
          [&flags](const std::string& name) {
            flags.backend = name == "cpu"    ? backend_choice::cpu
                            : name == "cuda" ? backend_choice::cuda
                                             : backend_choice::automatic;
          },
          "auto: CUDA when a device is usable, else CPU; cpu; cuda (fails without one)")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}, CLI::ignore_case).description(""))
      ->default_str("auto")
      ->type_name("auto|cpu|cuda");
  command.add_option("--threads", flags.threads, "CPU backend threads (default: all cores)")
      ->check(CLI::PositiveNumber)
      ->type_name("N");
  command
      .add_option("--max-memory", flags.max_memory_bytes,
                  "Working-memory budget per batch: bytes, or with a unit (512MiB, 2GiB, 1.5GB); "
                  "default: the config's")
      ->transform(CLI::Validator(
          [](std::string& text) -> std::string {
            const std::optional<std::size_t> bytes = io::parse_byte_size(text);
            if (!bytes)
              return "expected a size such as 1048576, 512MiB or 2GiB, got '" + text + "'";
            text = std::to_string(*bytes);
            return {};
          },
          ""))
      ->type_name("SIZE");
}

void add_rule_flags(CLI::App& command, engine_flags& flags) {
  command
      .add_option("--house", flags.house_path,
                  "House rules (TOML): vol shifts, extreme moves, concentration, liquidity, "
                  "portfolio-margin eligibility; default: none (every add-on off)")
      ->type_name("FILE");
  command
      .add_option("--span", flags.span_path, "SPAN parameters (TOML) of the futures asset classes")
      ->capture_default_str()
      ->type_name("FILE");
}

loaded_book load_book(const book_flags& book, const engine_flags& engine) {
  loaded_book loaded;
  loaded.asof = book.asof;
  loaded.asof_day = parse_date(book.asof, source_location{"--asof", 0, 0});
  loaded.config = load_engine_config(engine.config_path);
  if (engine.rate) loaded.config.rate = *engine.rate;
  if (!engine.house_path.empty()) loaded.config.house = load_house_rules(engine.house_path);
  loaded.config.span = load_span_config(engine.span_path);
  loaded.market = load_market(book.market_path, loaded.config);
  loaded.positions =
      load_positions(book.positions_path, loaded.market, loaded.config, loaded.asof_day);
  return loaded;
}

margin_options margin_options_from(const engine_flags& engine) {
  if (engine.backend == backend_choice::cuda) {
    const cuda_device_status device = probe_cuda_device();
    if (!device.usable) {
      throw input_error(source_location{"--backend", 0, 0},
                        "cuda was asked for but no CUDA device is usable: " + device.description);
    }
  }
  margin_options options;
  options.backend = engine.backend;
  options.threads = engine.threads;
  options.max_memory_bytes = engine.max_memory_bytes;
  return options;
}

void check_distinct_paths(const std::vector<named_path>& inputs,
                          const std::vector<named_path>& outputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].second.empty()) continue;
    const std::filesystem::path output = resolved(outputs[i].second);
    for (std::size_t j = 0; j < inputs.size() + i; ++j) {
      const named_path& other = j < inputs.size() ? inputs[j] : outputs[j - inputs.size()];
      if (!other.second.empty() && resolved(other.second) == output)
        throw input_error(source_location{outputs[i].first, 0, 0},
                          "'" + outputs[i].second + "' is also given to " + other.first);
    }
  }
}

std::optional<io::atomic_file> open_output(const std::string& path) {
  if (path.empty() || path == standard_output) return std::nullopt;
  return std::optional<io::atomic_file>(std::in_place, path);
}

double seconds_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

void finish_standard_output() {
  std::cout.flush();
  if (!std::cout) throw std::runtime_error("cannot write to standard output");
}

}  // namespace pmrisk::cli
