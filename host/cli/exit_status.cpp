#include "cli/exit_status.hpp"

#include <exception>
#include <iostream>
#include <new>

#include "pmrisk/error.hpp"

namespace pmrisk::cli {

int run_reporting_errors(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return exit_success;
  } catch (const CLI::ParseError& error) {
    // --help and --version arrive as "errors" with exit code 0.
    return app.exit(error) == 0 ? exit_success : exit_user_error;
  } catch (const input_error& error) {
    std::cerr << "pmrisk: error: " << error.what() << '\n';
    return exit_user_error;
  } catch (const std::bad_alloc&) {
    std::cerr << "pmrisk: internal error: out of memory\n";
    return exit_internal_error;
  } catch (const std::exception& error) {
    std::cerr << "pmrisk: internal error: " << error.what() << '\n';
    return exit_internal_error;
  } catch (...) {
    std::cerr << "pmrisk: internal error: unknown exception\n";
    return exit_internal_error;
  }
}

}  // namespace pmrisk::cli
