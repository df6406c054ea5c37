#pragma once
// Flags shared by the subcommands that value a book (margin, stress, whatif, bench), turning
// them into loaded inputs and engine options, and the output handling those runs share.

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/atomic_file.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk::cli {

/// --market, --positions, --asof (all required).
struct book_flags {
  std::string market_path;
  std::string positions_path;
  std::string asof;  ///< YYYY-MM-DD
};

/// --config, --rate, --backend, --threads, --max-memory; --house and --span with
/// add_rule_flags.
struct engine_flags {
  std::string config_path = PMRISK_CONFIG_DIR "/tims.toml";
  std::string house_path;  ///< house rules (TOML); empty: every add-on off
  std::string span_path = PMRISK_CONFIG_DIR "/span.toml";
  std::optional<double> rate;  ///< overrides the config's rate when given
  backend_choice backend = backend_choice::automatic;
  int threads = 0;                   ///< 0: all cores
  std::size_t max_memory_bytes = 0;  ///< 0: the config's budget
};

void add_book_flags(CLI::App& command, book_flags& flags);
void add_engine_flags(CLI::App& command, engine_flags& flags);
/// --house FILE and --span FILE, for the commands that report requirements.
void add_rule_flags(CLI::App& command, engine_flags& flags);

/// Everything a valuation run reads, validated.
struct loaded_book {
  engine_config config;
  market_data market;
  std::vector<position> positions;
  std::string asof;  ///< as given, once validated
  std::int32_t asof_day = 0;
};

/// Loads the config (with --rate, --house and --span applied), the market and the positions. Throws
/// pmrisk::input_error naming the file, line and column (or the flag) at fault.
loaded_book load_book(const book_flags& book, const engine_flags& engine);

/// The engine options the flags ask for; progress and risk arrays are left to the caller.
/// Throws pmrisk::input_error when --backend cuda is asked for and no device is usable.
margin_options margin_options_from(const engine_flags& engine);

/// The --json value that writes to stdout in place of the table or summary.
inline constexpr const char* standard_output = "-";

/// A flag and the file it names; an empty path is a flag not given.
using named_path = std::pair<std::string, std::string>;

/// Two flags naming one file, or an output overwriting an input, would lose data: throws
/// pmrisk::input_error at the first output that names an input or an earlier output.
void check_distinct_paths(const std::vector<named_path>& inputs,
                          const std::vector<named_path>& outputs);

/// An output file that appears only when the whole run succeeds; none for an empty path or
/// standard_output.
std::optional<io::atomic_file> open_output(const std::string& path);

double seconds_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to);

/// Flushes stdout; throws std::runtime_error when a write to it failed (a closed pipe, a full
/// disk), so the exit status says so.
void finish_standard_output();

}  // namespace pmrisk::cli
