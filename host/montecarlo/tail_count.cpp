// k = ceil((1 - alpha) S), robust to the binary rounding of alpha.

#include <cmath>

#include "pmrisk/error.hpp"
#include "pmrisk/montecarlo.hpp"

namespace pmrisk {

std::uint64_t tail_count(std::uint64_t scenarios, double confidence) {
  PMRISK_EXPECTS(scenarios >= 1, "at least one scenario");
  PMRISK_EXPECTS(confidence > 0 && confidence < 1, "confidence in (0, 1)");
  const double tail = (1.0 - confidence) * static_cast<double>(scenarios);
  const double nearest = std::round(tail);
  const double k =
      std::abs(tail - nearest) <= 1e-9 * std::max(1.0, tail) ? nearest : std::ceil(tail);
  if (k < 1) return 1;
  if (k >= static_cast<double>(scenarios)) return scenarios;
  return static_cast<std::uint64_t>(k);
}

}  // namespace pmrisk
