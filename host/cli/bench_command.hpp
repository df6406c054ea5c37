#pragma once
// `pmrisk bench`: the whole margin pipeline on a synthetic or given firm, timed stage by stage,
// once or as a sweep over one dimension (docs/cli.md, docs/performance.md "Capacity").

#include <CLI/CLI.hpp>

namespace pmrisk::cli {

/// Registers the subcommand and its flags; running it measures and prints or writes the results.
void add_bench_command(CLI::App& app);

}  // namespace pmrisk::cli
