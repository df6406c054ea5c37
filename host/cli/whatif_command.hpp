#pragma once
// `pmrisk whatif`: one account's requirement before and after a set of trades (docs/whatif.md).

#include <CLI/CLI.hpp>

namespace pmrisk::cli {

/// Registers the subcommand and its flags; running it sets up a margin session, evaluates the
/// account without and with the trades, and prints both.
void add_whatif_command(CLI::App& app);

}  // namespace pmrisk::cli
