#pragma once
// Calendar dates as the engine counts them: days since 1970-01-01.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pmrisk::io {

/// nullopt when no such date exists (2026-02-30, month 13).
std::optional<std::int32_t> civil_day(int year, unsigned month, unsigned day);

/// A date written exactly YYYY-MM-DD. On failure, nullopt and `problem` says why, so callers
/// build an error location only when there is an error.
std::optional<std::int32_t> read_iso_date(std::string_view text, std::string& problem);

/// YYYY-MM-DD, for messages.
std::string format_date(std::int32_t day);

}  // namespace pmrisk::io
