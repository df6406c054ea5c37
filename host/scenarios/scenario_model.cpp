// make_scenario_model: fixes every per-underlying coefficient once on the host, so both
// backends consume identical doubles.

#include "pmrisk/scenarios/scenario_model.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pmrisk::scenarios {

draw_layout scenario_model::layout() const {
  const int mixing = distribution == return_distribution::student_t ? nu : 0;
  return make_draw_layout(static_cast<std::int64_t>(correlation.underlyings),
                          static_cast<std::int64_t>(correlation.factors), !correlation.idio.empty(),
                          mixing);
}

correlation_view scenario_model::correlation_on_host() const {
  correlation_view view;
  view.underlyings = static_cast<std::int64_t>(correlation.underlyings);
  view.factors = static_cast<std::int64_t>(correlation.factors);
  view.triangular = correlation.triangular;
  view.loading = correlation.loading.data();
  view.idio = correlation.idio.empty() ? nullptr : correlation.idio.data();
  return view;
}

scenario_model make_scenario_model(const market_data& market, const montecarlo_config& config,
                                   correlation_factor correlation) {
  const std::size_t n = market.underlyings.size();
  PMRISK_EXPECTS(correlation.underlyings == n, "one correlation row per market underlying");
  PMRISK_EXPECTS(config.horizon_days > 0, "a positive horizon");
  PMRISK_EXPECTS(config.distribution == return_distribution::normal || config.nu >= 3,
                 "Student-t needs nu >= 3 for a finite variance");

  scenario_model model;
  model.seed = config.seed;
  model.horizon_years = config.horizon_days / trading_days_per_year;
  model.distribution = config.distribution;
  model.nu = config.distribution == return_distribution::student_t ? config.nu : 0;
  model.antithetic = config.antithetic;
  model.correlation = std::move(correlation);

  const double h = model.horizon_years;
  const double sqrt_h = std::sqrt(h);
  model.return_vol.resize(n);
  model.shock_scale.resize(n);
  model.return_drift.resize(n);
  for (std::size_t u = 0; u < n; ++u) {
    const underlying& held = market.underlyings[u];
    if (!(held.vol > 0 && std::isfinite(held.vol))) {
      throw input_error(held.where,
                        fmt::format("'{}' needs a positive underlying vol for Monte Carlo "
                                    "scenarios, got {}",
                                    held.symbol, held.vol));
    }
    model.return_vol[u] = held.vol;
    model.shock_scale[u] = held.vol * sqrt_h;
    model.return_drift[u] = -0.5 * (held.vol * held.vol) * h;
  }

  const double eta = config.vol_of_vol;
  const double rho = config.spot_vol_correlation;
  model.vol.shock_scale = eta * sqrt_h;
  model.vol.drift = -0.5 * (eta * eta) * h;
  model.vol.spot_weight = rho;
  model.vol.own_weight = std::sqrt(1 - rho * rho);
  return model;
}

}  // namespace pmrisk::scenarios
