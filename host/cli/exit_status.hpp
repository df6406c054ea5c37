#pragma once
// How every pmrisk run ends: a result, or one line on stderr and a documented exit code.

#include <CLI/CLI.hpp>

namespace pmrisk::cli {

enum exit_status : int {
  exit_success = 0,
  exit_user_error = 2,      ///< bad flags, input, config, or an unwritable output
  exit_internal_error = 3,  ///< a bug or resource failure; the message says which
};

/// Parses the command line and runs the chosen subcommand. Usage errors print CLI11's message;
/// pmrisk::input_error prints "pmrisk: error: <file:line:column: message>"; anything else
/// prints "pmrisk: internal error: <message>". Never lets an exception escape.
int run_reporting_errors(CLI::App& app, int argc, char** argv);

}  // namespace pmrisk::cli
