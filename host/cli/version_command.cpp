#include "cli/version_command.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <iostream>

#include "pmrisk/backend.hpp"

namespace pmrisk::cli {

std::string version_line() {
  return "pmrisk " PMRISK_VERSION;
}

void add_version_command(CLI::App& app) {
  CLI::App* command =
      app.add_subcommand("version", "Print the version and the backends this machine offers");
  command->callback([] {
    const cuda_device_status device = probe_cuda_device();
    std::cout << version_line() << '\n'
              << fmt::format("cpu backend: {} threads\n", omp_get_max_threads())
              << fmt::format("cuda backend: {}{}\n",
                             device.usable ? "" : "unavailable: ", device.description);
  });
}

}  // namespace pmrisk::cli
