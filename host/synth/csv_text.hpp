#pragma once
// Numbers as the synthetic files write them: exact decimals from scaled integers, so the text
// never depends on a floating-point formatter.

#include <cstdint>
#include <string>

namespace pmrisk::synth {

/// Appends units / 10^decimals in plain decimal notation: (-12345, 2) -> "-123.45". With
/// trim_zeros, trailing fractional zeros and a bare point go: (1000, 1) -> "100".
void append_decimal(std::string& out, std::int64_t units, int decimals, bool trim_zeros = false);

/// Appends `value` rounded to `decimals` places: append_rounded(s, 0.16523, 4) -> "0.1652".
void append_rounded(std::string& out, double value, int decimals);

void append_integer(std::string& out, std::int64_t value);

}  // namespace pmrisk::synth
