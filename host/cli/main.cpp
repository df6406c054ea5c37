// pmrisk command-line entry point: subcommands, and the mapping of failures to exit codes.

#include <CLI/CLI.hpp>

#include "cli/bench_command.hpp"
#include "cli/exit_status.hpp"
#include "cli/margin_command.hpp"
#include "cli/stress_command.hpp"
#include "cli/synth_command.hpp"
#include "cli/version_command.hpp"
#include "cli/whatif_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"pmrisk: portfolio-margin requirements on the TIMS grid, on CPU or CUDA", "pmrisk"};
  app.set_version_flag("--version", pmrisk::cli::version_line());
  // One subcommand, checked only after parsing so that a misspelt one is reported as such
  // rather than as a missing subcommand.
  app.require_subcommand(0, 1);
  app.callback([&app] {
    if (app.get_subcommands().empty()) throw CLI::RequiredError("A subcommand");
  });
  pmrisk::cli::add_margin_command(app);
  pmrisk::cli::add_bench_command(app);
  pmrisk::cli::add_stress_command(app);
  pmrisk::cli::add_synth_command(app);
  pmrisk::cli::add_version_command(app);
  pmrisk::cli::add_whatif_command(app);
  return pmrisk::cli::run_reporting_errors(app, argc, argv);
}
