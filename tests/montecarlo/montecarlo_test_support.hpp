#pragma once
// What the Monte Carlo tests share: scenario models built in code, byte comparison of results,
// and the analytic tail of a lognormal position.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>

#include "pmrisk/margin.hpp"
#include "pmrisk/math/normal.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_model.hpp"

namespace pmrisk::test {

/// The normal law, two trading days, every pair at `rho` (no correlation file).
inline scenarios::montecarlo_config normal_config(std::uint64_t scenarios, std::uint64_t seed,
                                                  double rho = 0.3) {
  scenarios::montecarlo_config config;
  config.scenarios = scenarios;
  config.seed = seed;
  config.distribution = scenarios::return_distribution::normal;
  config.default_correlation = rho;
  return config;
}

inline montecarlo_options montecarlo_for(const market_data& market,
                                         const scenarios::montecarlo_config& config) {
  const scenarios::correlation_model correlation = scenarios::build_correlation_model(
      market, std::nullopt, config.default_correlation, config.repair);
  montecarlo_options mc;
  mc.model = scenarios::make_scenario_model(market, config, correlation.factor);
  mc.scenarios = config.scenarios;
  mc.tile_scenarios = config.tile_scenarios;
  mc.confidence = config.confidence;
  mc.rule = config.rule;
  return mc;
}

inline void expect_same_tail_bytes(const margin_report& a, const margin_report& b,
                                   const std::string& what) {
  ASSERT_EQ(a.accounts.size(), b.accounts.size()) << what;
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    const account_tail_risk& x = a.accounts[i].mc;
    const account_tail_risk& y = b.accounts[i].mc;
    EXPECT_EQ(std::memcmp(&x.worst_loss, &y.worst_loss, sizeof(double)), 0) << what << " " << i;
    EXPECT_EQ(x.worst_scenario, y.worst_scenario) << what << " " << i;
    EXPECT_EQ(std::memcmp(&x.var, &y.var, sizeof(double)), 0) << what << " " << i;
    EXPECT_EQ(std::memcmp(&x.es, &y.es, sizeof(double)), 0) << what << " " << i;
    EXPECT_EQ(std::memcmp(&a.accounts[i].requirement, &b.accounts[i].requirement, sizeof(double)),
              0)
        << what << " " << i;
  }
}

/// Phi^-1(p) by bisection on norm_cdf (accurate to 1e-15; Phi^-1(0.01) = -2.3263478740).
inline double inverse_norm_cdf(double p) {
  double low = -40, high = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    (norm_cdf(mid) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

/// The exact tail, at level alpha, of the loss of a stock position worth N with log-return
/// r ~ Normal(-s^2 / 2, s^2) (the scenario model's normal law, s = sigma sqrt(h)), and the
/// standard errors of the Monte Carlo estimators from S scenarios. Long: L = N (1 - e^r), the
/// tail is r <= q with z = Phi^-1(1 - alpha); short: L = N (e^r - 1), the tail is r >= q with
/// z = Phi^-1(alpha); q = -s^2/2 + s z either way, and with E[e^r] = 1:
///   long:  VaR = N (1 - e^q),  ES = N (1 - Phi(z - s) / (1 - alpha))
///   short: VaR = N (e^q - 1),  ES = N ((1 - Phi(z - s)) / (1 - alpha) - 1)
///   se(VaR) = sqrt(alpha (1 - alpha) / S) / f_L(VaR),  f_L(VaR) = phi(z) / (s N e^q)
///   se(ES)  = sqrt((Var[L | tail] + alpha (ES - VaR)^2) / (S (1 - alpha)))
/// the asymptotic variances of the empirical quantile and of the tail mean (Glasserman, Monte
/// Carlo Methods in Financial Engineering (2004), section 9.1).
struct lognormal_tail {
  double var = 0, es = 0, var_error = 0, es_error = 0;
};

inline lognormal_tail lognormal_stock_tail(double notional, double s, double alpha,
                                           double scenarios, bool long_position) {
  const double tail = 1 - alpha;
  const double z = inverse_norm_cdf(long_position ? tail : alpha);
  const double q = -0.5 * s * s + s * z;
  // E[e^r | tail] and E[e^2r | tail], from E[e^(nr); r <= q] = e^(n(n-1)s^2/2) Phi(z - n s).
  const double below_1 = norm_cdf(z - s);
  const double below_2 = std::exp(s * s) * norm_cdf(z - 2 * s);
  const double growth = (long_position ? below_1 : 1 - below_1) / tail;
  const double growth_square = (long_position ? below_2 : std::exp(s * s) - below_2) / tail;
  lognormal_tail out;
  out.var = long_position ? notional * (1 - std::exp(q)) : notional * (std::exp(q) - 1);
  out.es = long_position ? notional * (1 - growth) : notional * (growth - 1);
  const double tail_variance = notional * notional * (growth_square - growth * growth);
  const double density = norm_pdf(z) / (s * notional * std::exp(q));
  out.var_error = std::sqrt(alpha * tail / scenarios) / density;
  out.es_error = std::sqrt((tail_variance + alpha * (out.es - out.var) * (out.es - out.var)) /
                           (scenarios * tail));
  return out;
}

}  // namespace pmrisk::test
