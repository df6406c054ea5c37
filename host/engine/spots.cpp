#include "engine/spots.hpp"

#include <fmt/format.h>

#include <cmath>

#include "pmrisk/error.hpp"

namespace pmrisk::engine {

std::vector<double> spots_of(const market_data& market) {
  std::vector<double> spot;
  spot.reserve(market.underlyings.size());
  for (const underlying& u : market.underlyings) {
    if (!(std::isfinite(u.price) && u.price > 0))
      throw input_error(u.where, fmt::format("underlying '{}': price must be positive", u.symbol));
    spot.push_back(u.price);
  }
  return spot;
}

}  // namespace pmrisk::engine
