#include "pmrisk/error.hpp"

#include <fmt/format.h>

namespace pmrisk {

std::string format_located(const source_location& where, const std::string& message) {
  std::string prefix = where.file;
  if (where.line > 0) prefix += fmt::format(":{}", where.line);
  if (where.line > 0 && where.column > 0) prefix += fmt::format(":{}", where.column);
  return prefix.empty() ? message : prefix + ": " + message;
}

}  // namespace pmrisk
