#pragma once
// Everything that determines the scenarios besides their index: the compiled Monte Carlo model.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pmrisk/market.hpp"
#include "pmrisk/scenarios/config.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_math.hpp"

namespace pmrisk::scenarios {

/// Trading days per year: h = horizon_days / 252 scales annualised vols to the horizon.
inline constexpr double trading_days_per_year = 252;

struct scenario_model {
  std::uint64_t seed = default_seed;
  double horizon_years = 0;  ///< h
  return_distribution distribution = return_distribution::normal;
  int nu = 0;  ///< Student-t degrees of freedom; 0 for the normal law
  bool antithetic = false;
  correlation_factor correlation;
  std::vector<double> return_vol;    ///< sigma_u, annualised, market order
  std::vector<double> shock_scale;   ///< sigma_u sqrt(h)
  std::vector<double> return_drift;  ///< -sigma_u^2 h / 2: E[exp(r)] = 1 under the normal law
  vol_parameters vol;

  std::size_t underlyings() const { return return_vol.size(); }
  draw_layout layout() const;
  correlation_view correlation_on_host() const;
};

/// Every market underlying's return vol is its `vol`, which must be positive; one without
/// (NaN) throws input_error at its market row.
scenario_model make_scenario_model(const market_data& market, const montecarlo_config& config,
                                   correlation_factor correlation);

}  // namespace pmrisk::scenarios
