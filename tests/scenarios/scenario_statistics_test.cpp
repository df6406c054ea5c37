// Statistical checks of generated scenarios against the model, each with its bound for the
// sample size. Seeds are fixed, so each check passes or fails the same way on every run; the
// bounds say how unlikely a failure would be for a correct generator over random seeds.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::scenarios {
namespace {

using testing::column;
using testing::correlation;
using testing::make_market;
using testing::mean;
using testing::shocks;
using testing::stdev;

constexpr std::size_t sample = 20000;  // S
const double root_s = std::sqrt(static_cast<double>(sample));

// Sample correlation has standard error ~ (1 - rho^2) / sqrt(S) under the normal law; four of
// them bound a miss to about 6e-5 per check.
double correlation_bound(double rho) {
  return 4 * (1 - rho * rho) / root_s;
}

scenario_tile generate(const scenario_model& model, std::size_t count = sample) {
  scenario_tile tile;
  make_cpu_scenario_generator(model)->generate(0, count, tile);
  return tile;
}

montecarlo_config normal_config() {
  montecarlo_config config;
  config.distribution = return_distribution::normal;
  config.seed = 20240917;
  return config;
}

TEST(ScenarioStatistics, GaussianCorrelationsAndVolsMatchTheTarget) {
  const market_data market = make_market({"A", "B", "C"}, {0.20, 0.45, 0.30});
  const std::vector<double> target = {1, 0.6, -0.3, 0.6, 1, 0.2, -0.3, 0.2, 1};
  const montecarlo_config config = normal_config();
  const scenario_model model = make_scenario_model(
      market, config, factor_correlation_matrix(target, 3, psd_repair::reject, {}).factor);
  const scenario_tile tile = generate(model);

  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t b = a + 1; b < 3; ++b) {
      const double rho = target[a * 3 + b];
      EXPECT_NEAR(correlation(shocks(tile, model, a), shocks(tile, model, b)), rho,
                  correlation_bound(rho))
          << "z of " << a << "," << b;
      EXPECT_NEAR(correlation(column(tile.log_return, tile, a), column(tile.log_return, tile, b)),
                  rho, correlation_bound(rho))
          << "returns of " << a << "," << b;
    }
  }
  // The sample sd of S normals has standard error sd / sqrt(2S).
  const double h = 2.0 / 252;
  for (std::size_t u = 0; u < 3; ++u) {
    const double sd = market.underlyings[u].vol * std::sqrt(h);
    EXPECT_NEAR(stdev(column(tile.log_return, tile, u)), sd, 4 * sd / std::sqrt(2.0 * sample)) << u;
  }
}

TEST(ScenarioStatistics, SpotMovesAreAMartingaleAndVolMovesFollowTheirLaw) {
  const market_data market = make_market({"A", "B"}, {0.35, 0.25});
  montecarlo_config config = normal_config();
  config.vol_of_vol = 1.2;
  config.spot_vol_correlation = -0.7;
  const scenario_model model = make_scenario_model(
      market, config,
      build_correlation_model(market, std::nullopt, 0.3, psd_repair::reject).factor);
  const scenario_tile tile = generate(model);
  const double h = 2.0 / 252;

  for (std::size_t u = 0; u < 2; ++u) {
    // E[exp(r) - 1] = 0 under the martingale drift: the mean is within 4 standard errors.
    const std::vector<double> spot = column(tile.spot_move, tile, u);
    EXPECT_NEAR(mean(spot), 0.0, 4 * stdev(spot) / root_s) << u;

    // ln(1 + vol_shift) = eta sqrt(h) x - eta^2 h / 2 with x standard normal, corr(z, x) = rho_sv.
    const std::vector<double> vol = column(tile.vol_shift, tile, u);
    std::vector<double> log_vol(vol.size());
    std::transform(vol.begin(), vol.end(), log_vol.begin(), [](double v) { return std::log1p(v); });
    const double sd = 1.2 * std::sqrt(h);
    EXPECT_NEAR(stdev(log_vol), sd, 4 * sd / std::sqrt(2.0 * sample)) << u;
    EXPECT_NEAR(mean(vol), 0.0, 4 * stdev(vol) / root_s) << u;
    EXPECT_NEAR(correlation(shocks(tile, model, u), log_vol), -0.7, correlation_bound(-0.7)) << u;
  }
}

TEST(ScenarioStatistics, FactorModelImpliedCorrelationsAreGenerated) {
  const market_data market = make_market({"A", "B", "C", "D"}, {0.2, 0.3, 0.4, 0.25});
  // Loadings on two factors; idio makes each row unit variance.
  const std::vector<double> beta = {0.8, 0.3, 0.6, -0.5, 0.1, 0.9, 0.5, 0.5};
  std::vector<double> idio(4);
  for (std::size_t u = 0; u < 4; ++u) {
    idio[u] = std::sqrt(1 - beta[2 * u] * beta[2 * u] - beta[2 * u + 1] * beta[2 * u + 1]);
  }
  const correlation_input input = factor_loadings{"f.csv", {"f1", "f2"}, beta, idio};
  const scenario_model model =
      make_scenario_model(market, normal_config(),
                          build_correlation_model(market, input, 0.3, psd_repair::reject).factor);
  const scenario_tile tile = generate(model);
  for (std::size_t a = 0; a < 4; ++a) {
    for (std::size_t b = a + 1; b < 4; ++b) {
      const double rho = beta[2 * a] * beta[2 * b] + beta[2 * a + 1] * beta[2 * b + 1];
      EXPECT_NEAR(correlation(shocks(tile, model, a), shocks(tile, model, b)), rho,
                  correlation_bound(rho))
          << a << "," << b;
    }
  }
}

// The Student-t CDF for integer nu in closed form (Abramowitz & Stegun 26.7.3 and 26.7.4), with
// theta = atan(t / sqrt(nu)).
double student_t_cdf(double t, int nu) {
  const double theta = std::atan(t / std::sqrt(static_cast<double>(nu)));
  const double s = std::sin(theta);
  const double c = std::cos(theta);
  double a = 0;  // A(t | nu) = P(|T| <= t) for t >= 0, odd in t
  if (nu % 2 == 1) {
    double term = c;
    double sum = nu > 1 ? c : 0.0;
    for (int k = 3; k <= nu - 2; k += 2) {
      term *= c * c * static_cast<double>(k - 1) / k;
      sum += term;
    }
    a = 2 / std::numbers::pi * (theta + s * sum);
  } else {
    double term = 1;
    double sum = 1;
    for (int k = 2; k <= nu - 2; k += 2) {
      term *= c * c * static_cast<double>(k - 1) / k;
      sum += term;
    }
    a = s * sum;
  }
  return 0.5 + 0.5 * a;
}

TEST(ScenarioStatistics, StudentTCdfMatchesTables) {
  // Upper-tail quantiles of Student's t (any statistics table, e.g. NIST/SEMATECH e-Handbook
  // 1.3.6.7.2): t_{0.95, 5} = 2.015, t_{0.99, 5} = 3.365, t_{0.975, 10} = 2.228; and t_3 at 1,
  // 1/2 + (pi/6 + sqrt3/4)/pi exactly.
  EXPECT_NEAR(student_t_cdf(2.015, 5), 0.95, 5e-5);
  EXPECT_NEAR(student_t_cdf(3.365, 5), 0.99, 5e-5);
  EXPECT_NEAR(student_t_cdf(2.228, 10), 0.975, 5e-5);
  EXPECT_NEAR(student_t_cdf(1.0, 3),
              0.5 + (std::numbers::pi / 6 + std::sqrt(3.0) / 4) / std::numbers::pi, 1e-15);
  EXPECT_NEAR(student_t_cdf(-2.015, 5), 0.05, 5e-5);
}

// Kolmogorov-Smirnov statistic of a sample against a CDF.
template <typename Cdf>
double ks_statistic(std::vector<double> x, Cdf cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

// The asymptotic KS critical value at significance 0.001: sqrt(-ln(0.0005) / 2) / sqrt(S).
const double ks_critical = std::sqrt(-std::log(0.0005) / 2) / root_s;

TEST(ScenarioStatistics, StudentTMarginalPassesKolmogorovSmirnov) {
  const int nu = 5;
  const market_data market = make_market({"A", "B"}, {0.3, 0.3});
  montecarlo_config config = normal_config();
  config.distribution = return_distribution::student_t;
  config.nu = nu;
  const scenario_model model = make_scenario_model(
      market, config,
      build_correlation_model(market, std::nullopt, 0.5, psd_repair::reject).factor);
  const scenario_tile tile = generate(model);

  // z is t_nu scaled to unit variance: P(z <= x) = T_nu(x sqrt(nu / (nu - 2))).
  const double to_t = std::sqrt(nu / (nu - 2.0));
  const auto scaled_t = [&](double x) { return student_t_cdf(x * to_t, nu); };
  for (std::size_t u = 0; u < 2; ++u) {
    const std::vector<double> z = shocks(tile, model, u);
    EXPECT_LT(ks_statistic(z, scaled_t), ks_critical) << u;

    // The tails are really fat: P(|z| > 3) is the t's (about 4x the normal's 0.0027), within
    // four binomial standard errors.
    const double p = 2 * (1 - scaled_t(3.0));
    const double beyond = static_cast<double>(std::count_if(
                              z.begin(), z.end(), [](double v) { return std::abs(v) > 3; })) /
                          sample;
    EXPECT_NEAR(beyond, p, 4 * std::sqrt(p * (1 - p) / sample)) << u;
    EXPECT_GT(p, 3 * std::erfc(3 / std::numbers::sqrt2));
  }
}

TEST(ScenarioStatistics, GaussianMarginalPassesKolmogorovSmirnov) {
  const market_data market = make_market({"A"}, {0.3});
  const scenario_model model = make_scenario_model(
      market, normal_config(),
      build_correlation_model(market, std::nullopt, 0.3, psd_repair::reject).factor);
  const scenario_tile tile = generate(model);
  const auto phi = [](double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); };
  EXPECT_LT(ks_statistic(shocks(tile, model, 0), phi), ks_critical);
}

TEST(ScenarioStatistics, StudentTKeepsTheCorrelation) {
  // Scale mixing leaves correlation unchanged. For an elliptical law with kurtosis parameter
  // kappa = 2 / (nu - 4) the sample correlation's standard error grows by sqrt(1 + kappa):
  // nu = 8 gives sqrt(1.5).
  const market_data market = make_market({"A", "B"}, {0.3, 0.2});
  montecarlo_config config = normal_config();
  config.distribution = return_distribution::student_t;
  config.nu = 8;
  const std::vector<double> target = {1, 0.65, 0.65, 1};
  const scenario_model model = make_scenario_model(
      market, config, factor_correlation_matrix(target, 2, psd_repair::reject, {}).factor);
  const scenario_tile tile = generate(model);
  EXPECT_NEAR(correlation(shocks(tile, model, 0), shocks(tile, model, 1)), 0.65,
              std::sqrt(1.5) * correlation_bound(0.65));
  for (std::size_t u = 0; u < 2; ++u) {
    // Unit variance; the sample variance's standard error is sqrt((2 + kurtosis excess) / S),
    // excess 6 / (nu - 4) = 1.5, so the sd's is about half of sqrt(3.5 / S).
    EXPECT_NEAR(stdev(shocks(tile, model, u)), 1.0, 4 * 0.5 * std::sqrt(3.5 / sample)) << u;
  }
}

TEST(ScenarioStatistics, AntitheticPairsMirrorEachOther) {
  const market_data market = make_market({"A", "B"}, {0.3, 0.2});
  montecarlo_config config = normal_config();
  config.antithetic = true;
  const scenario_model model = make_scenario_model(
      market, config,
      build_correlation_model(market, std::nullopt, 0.4, psd_repair::reject).factor);
  const scenario_tile tile = generate(model, 1000);
  for (std::size_t u = 0; u < 2; ++u) {
    for (std::size_t j = 0; j < 1000; j += 2) {
      // r = scale z + drift with z exactly negated: the pair's sum is 2 drift to rounding.
      EXPECT_NEAR(tile.log_return[tile.at(u, j)] + tile.log_return[tile.at(u, j + 1)],
                  2 * model.return_drift[u], 1e-16)
          << u << "," << j;
    }
  }
}

}  // namespace
}  // namespace pmrisk::scenarios
