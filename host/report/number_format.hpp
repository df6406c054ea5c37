#pragma once
// Numbers as they leave pmrisk: the engine keeps full double precision, outputs round money to
// cents.

#include <cstddef>
#include <string>

namespace pmrisk {

/// Cents with exactly two decimals, rounded half away from zero on the exact binary value,
/// never "-0.00": 2.125 -> "2.13", -2.125 -> "-2.13", 1.005 (stored as 1.00499...) -> "1.00".
/// Throws pmrisk::logic_error on NaN or infinity (no money amount may be non-finite).
std::string format_cents(double amount);

/// As format_cents, with a comma between every three integer digits: "-1,234,567.89".
std::string format_cents_grouped(double amount);

/// A ratio or percentage with exactly two decimals, rounded as format_cents: "3.27", "-12.50".
std::string format_hundredths(double value);

/// A count with a comma between every three digits: "1,234,567".
std::string format_count(std::size_t count);

}  // namespace pmrisk
