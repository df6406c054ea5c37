#pragma once
// Option inputs for the pricing tests, and seeded random draws over the tested domain.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "pmrisk/instrument.hpp"

namespace pmrisk::testing {

/// One option's inputs; T = days / 365, as QuantLib's Actual365Fixed counts it.
struct option_case {
  instrument_kind kind = instrument_kind::call;
  double spot = 100;
  double strike = 100;
  int days = 365;
  double rate = 0;
  double div_yield = 0;
  double vol = 0.2;

  double years() const { return days / 365.0; }
};

/// Uniform draws over the domain of the QuantLib comparisons: S/K 0.5-1.5 (K = 100),
/// 1-1000 days, vol 5-150%, r 0-10%, q 0-8%, calls and puts alike.
inline std::vector<option_case> random_option_cases(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<option_case> cases(count);
  for (option_case& c : cases) {
    c.kind = unit(rng) < 0.5 ? instrument_kind::call : instrument_kind::put;
    c.strike = 100;
    c.spot = c.strike * (0.5 + unit(rng));
    c.days = 1 + static_cast<int>(unit(rng) * 1000);
    c.vol = 0.05 + 1.45 * unit(rng);
    c.rate = 0.1 * unit(rng);
    c.div_yield = 0.08 * unit(rng);
  }
  return cases;
}

}  // namespace pmrisk::testing
