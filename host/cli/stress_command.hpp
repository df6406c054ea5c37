#pragma once
// `pmrisk stress`: every account's Monte Carlo tail under the base scenario model and under
// each stress set, on the same random draws.

#include <CLI/CLI.hpp>

namespace pmrisk::cli {

/// Registers the subcommand and its flags; running it loads, values and writes the results.
void add_stress_command(CLI::App& app);

}  // namespace pmrisk::cli
