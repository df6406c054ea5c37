#pragma once
// Errors a user can cause carry their source (file, line, column); bugs are assertions.

#include <stdexcept>
#include <string>

namespace pmrisk {

/// Where a value came from: a CSV cell, a TOML key, or a command-line flag.
/// Line and column are 1-based; 0 means "not applicable" (a whole-file or flag error).
struct source_location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Formats "file:line:column: message", dropping the parts that are 0 or empty.
std::string format_located(const source_location& where, const std::string& message);

/// A user-caused problem in an input file, a config file, or a flag. The CLI turns it into a
/// one-line message and exit code 2.
class input_error : public std::runtime_error {
 public:
  input_error(source_location where, const std::string& message)
      : std::runtime_error(format_located(where, message)), where_(std::move(where)) {}
  const source_location& where() const noexcept { return where_; }

 private:
  source_location where_;
};

/// A precondition of an internal API was broken: a bug, never the user's input.
class logic_error : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace pmrisk

#define PMRISK_STRINGIFY_DETAIL(x) #x
#define PMRISK_STRINGIFY(x) PMRISK_STRINGIFY_DETAIL(x)

/// Checks an internal precondition and throws pmrisk::logic_error with the call site.
#define PMRISK_EXPECTS(cond, msg)                                                                 \
  do {                                                                                            \
    if (!(cond))                                                                                  \
      throw ::pmrisk::logic_error(                                                                \
          std::string(__FILE__ ":" PMRISK_STRINGIFY(__LINE__) ": expected " #cond ": ") + (msg)); \
  } while (0)
