#pragma once
// Listed-style option contracts: strike grids by price level and the expiry cycle of third
// Fridays (monthlies, quarterlies, January LEAPS).

#include <cstdint>
#include <string>
#include <vector>

namespace pmrisk::synth {

/// Strike spacing of an underlying's chain by its spot: 1 below $25, 2.5 below $50, 5 below
/// $200, 10 below $1,000, 25 from $1,000. Exchanges' programs differ in detail; these are the
/// common steps.
double strike_increment(double spot);

/// Day of the week of a day since 1970-01-01: 0 Monday ... 4 Friday ... 6 Sunday.
int weekday(std::int32_t day);

/// The third Friday of a month, the standard monthly expiration (exchange holidays that move
/// it to the Thursday are not modelled).
std::int32_t third_friday(int year, unsigned month);

enum class expiry_cycle : std::uint8_t { monthly, quarterly, leaps };

struct listed_expiry {
  std::int32_t day = 0;  ///< days since 1970-01-01
  double years = 0;      ///< (day - as-of) / 365
  expiry_cycle cycle = expiry_cycle::monthly;
  std::string text;  ///< YYYY-MM-DD
};

/// The expiries listed on the as-of date, in date order, all strictly after it: the next three
/// monthlies; the next four quarterlies (March, June, September, December) after those; and
/// the next two January LEAPS at least 270 days out that are not already listed.
std::vector<listed_expiry> listed_expiries(std::int32_t asof_day);

}  // namespace pmrisk::synth
