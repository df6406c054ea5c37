#pragma once
// `pmrisk margin`: the TIMS portfolio-margin requirement of every account in a book.

#include <CLI/CLI.hpp>

namespace pmrisk::cli {

/// Registers the subcommand and its flags; running it loads, values and writes the results.
void add_margin_command(CLI::App& app);

}  // namespace pmrisk::cli
