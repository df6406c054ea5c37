#pragma once
// Flags shared by the subcommands that value a book (margin now; stress, what-if later), and
// turning them into loaded inputs and engine options.

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

/// --config, --rate, --backend, --threads, --max-memory.
struct engine_flags {
  std::string config_path = PMRISK_CONFIG_DIR "/tims.toml";
  std::optional<double> rate;  ///< overrides the config's rate when given
  backend_choice backend = backend_choice::automatic;
  int threads = 0;                   ///< 0: all cores
  std::size_t max_memory_bytes = 0;  ///< 0: the config's budget
};

void add_book_flags(CLI::App& command, book_flags& flags);
void add_engine_flags(CLI::App& command, engine_flags& flags);

/// Everything a valuation run reads, validated.
struct loaded_book {
  engine_config config;
  market_data market;
  std::vector<position> positions;
  std::string asof;  ///< as given, once validated
  std::int32_t asof_day = 0;
};

/// Loads the config (with --rate applied), the market and the positions. Throws
/// pmrisk::input_error naming the file, line and column (or the flag) at fault.
loaded_book load_book(const book_flags& book, const engine_flags& engine);

/// The engine options the flags ask for; progress and risk arrays are left to the caller.
/// Throws pmrisk::input_error when --backend cuda is asked for and no device is usable.
margin_options margin_options_from(const engine_flags& engine);

}  // namespace pmrisk::cli
