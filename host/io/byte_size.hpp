#pragma once
// Memory sizes as users write them: "1048576", "512MiB", "4 GiB", "1.5GB".

#include <cstddef>
#include <optional>
#include <string_view>

namespace pmrisk::io {

/// A byte count, optionally followed (spaces allowed) by a unit: B, KiB, MiB, GiB, TiB (powers
/// of 1024) or KB, MB, GB, TB (powers of 1000), case-insensitive. A fractional count is rounded
/// down to whole bytes. nullopt when the text is not such a size, or is under 1 byte or 2^63
/// bytes or more.
std::optional<std::size_t> parse_byte_size(std::string_view text);

}  // namespace pmrisk::io
