#pragma once
// `pmrisk synth`: writes a synthetic firm (market, positions, accounts, correlation) for
// capacity benchmarks.

#include <CLI/CLI.hpp>

namespace pmrisk::cli {

/// Registers the subcommand and its flags; running it writes the firm and prints a summary.
void add_synth_command(CLI::App& app);

}  // namespace pmrisk::cli
