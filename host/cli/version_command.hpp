#pragma once
// `pmrisk version` and `pmrisk --version`.

#include <CLI/CLI.hpp>

#include <string>

namespace pmrisk::cli {

/// "pmrisk X.Y.Z", the line --version prints.
std::string version_line();

/// Registers `version`, which also reports the CUDA device the auto backend would use.
void add_version_command(CLI::App& app);

}  // namespace pmrisk::cli
