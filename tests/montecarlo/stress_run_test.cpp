// Stress runs: every model on the same draws (the base equals the margin run, gap and vol sets
// move each scenario's own draws), the hedged pair against its analytic spread variance, and
// the layout that lets a factor-model base and a dense stressed model share the draws.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

#include "engine/engine_fixtures.hpp"
#include "montecarlo/montecarlo_test_support.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/stress.hpp"

namespace pmrisk::stress {
namespace {

/// One thread: these books of one or two stocks value in microseconds a tile.
stress_options cpu_stress(std::uint64_t scenarios) {
  stress_options options;
  options.backend = backend_choice::cpu;
  options.threads = 1;
  options.scenarios = scenarios;
  return options;
}

stress_set scaled_pair(const std::string& name, double factor) {
  stress_set set;
  set.name = name;
  correlation_scale scale;
  scale.applies_to = correlation_scale::scope::pairs;
  scale.pairs = {{0, 1}};
  scale.factor = factor;
  set.scales.push_back(scale);
  return set;
}

/// The tails of one account under every model of `models`.
std::vector<account_tail_risk> tails(const stress_report& report, std::size_t account) {
  std::vector<account_tail_risk> out;
  for (std::size_t s = 0; s < report.sets.size(); ++s) out.push_back(report.at(account, s));
  return out;
}

TEST(StressRun, HedgedPairLosesItsHedgeAsTheStressLowersRho) {
  // Long 1,000 A, short 1,000 B, both $100 with a 25% vol, rho = 0.95 (a pairs file); stressed
  // to rho = 0.8, 0.5 and 0 by scaling the pair. The P&L N (e^rA - e^rB) is symmetric (A and B
  // are exchangeable), with variance 2 N^2 (e^(s^2) - e^(rho s^2)), s = 0.25 sqrt(2/252)
  // (lognormal moments). Its ES_99 is then sd phi(z_99) / 0.01 (normal tail), held to 4
  // standard errors of the tail mean at S = 100,000, 0.0146 sd (Glasserman 2004, 9.1).
  market_data market;
  test::add_underlying(market, "A", 100.0, 0.25, 0.0);
  test::add_underlying(market, "B", 100.0, 0.25, 0.0);
  const scenarios::correlation_input pairs =
      scenarios::pairwise_correlations{"pairs.csv", {{0, 1, 0.95}}};
  const std::vector<double> rhos = {0.95, 0.8, 0.5, 0.0};
  std::vector<stress_set> sets;
  for (std::size_t i = 1; i < rhos.size(); ++i)
    sets.push_back(scaled_pair("rho " + std::to_string(rhos[i]), rhos[i] / 0.95));
  const scenarios::montecarlo_config config = test::normal_config(100000, 4210);
  const stress_models models(market, config, pairs, sets);
  EXPECT_TRUE(models.dense());
  const stress_report report =
      compute_stress(market, {test::stock("P", 0, 1000), test::stock("P", 1, -1000)},
                     test::tims_config(), models, cpu_stress(100000));
  ASSERT_EQ(report.sets.size(), 4u);
  EXPECT_TRUE(report.warnings.empty());

  const double s2 = 0.25 * 0.25 * 2.0 / 252.0;
  const double tail_mean = norm_pdf(test::inverse_norm_cdf(0.99)) / 0.01;  // 2.6652 sd
  double previous = 0;
  for (std::size_t i = 0; i < rhos.size(); ++i) {
    const double sd = 100000.0 * std::sqrt(2 * (std::exp(s2) - std::exp(rhos[i] * s2)));
    const double es = report.at(0, i).es;
    EXPECT_NEAR(es, sd * tail_mean, 4 * 0.0146 * sd) << "rho " << rhos[i];
    EXPECT_GT(es, previous) << "rho " << rhos[i];
    previous = es;
  }
}

TEST(StressRun, BaseOfAPairsFileRunIsTheMarginRunBitForBit) {
  market_data market;
  test::add_underlying(market, "A", 100.0, 0.25, 0.0);
  test::add_underlying(market, "B", 80.0, 0.35, 0.01);
  const scenarios::correlation_input pairs =
      scenarios::pairwise_correlations{"pairs.csv", {{0, 1, 0.6}}};
  const scenarios::montecarlo_config config = test::normal_config(3000, 8);
  const std::vector<position> positions = {test::stock("P", 0, 300), test::stock("P", 1, -200),
                                           test::stock("Q", 1, 500)};
  const stress_models models(market, config, pairs, {scaled_pair("half", 0.5)});
  const stress_report report =
      compute_stress(market, positions, test::tims_config(), models, cpu_stress(3000));

  montecarlo_options mc;
  mc.model = scenarios::make_scenario_model(
      market, config,
      scenarios::build_correlation_model(market, pairs, config.default_correlation, config.repair)
          .factor);
  mc.scenarios = 3000;
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = 1;
  options.montecarlo = mc;
  const margin_report margin = compute_margin(market, positions, test::tims_config(), options);
  for (std::size_t a = 0; a < 2; ++a) {
    EXPECT_EQ(std::memcmp(&report.at(a, 0).es, &margin.accounts[a].mc.es, sizeof(double)), 0);
    EXPECT_EQ(report.at(a, 0).worst_scenario, margin.accounts[a].mc.worst_scenario);
    EXPECT_NE(report.at(a, 1).es, report.at(a, 0).es) << "the stress changes the tail";
  }
}

/// One long stock in a one-factor market, and the sets that change its own moves only.
class FactorModeRun : public ::testing::Test {
 protected:
  FactorModeRun() {
    test::add_underlying(market_, "XYZ", 100.0, 0.30, 0.0);
    test::add_underlying(market_, "IDX", 500.0, 0.15, 0.0);
    stress_set crisis;
    crisis.name = "crisis";
    crisis.set_all = 0.9;
    stress_set gap;
    gap.name = "gap";
    gap.gap = {-0.2, 0.0};
    stress_set vol;
    vol.name = "vol";
    vol.vol_multiplier = {2.0, 1.0};
    sets_ = {crisis, gap, vol};
  }
  market_data market_;
  std::vector<stress_set> sets_;
  scenarios::montecarlo_config config_ = test::normal_config(20000, 31);
  std::vector<position> positions_ = {test::stock("L", 0, 1000)};
};

TEST_F(FactorModeRun, GapAndVolSetsMoveEachScenariosOwnDraws) {
  const stress_models models(market_, config_, std::nullopt, sets_);
  EXPECT_FALSE(models.dense());
  const stress_report report =
      compute_stress(market_, positions_, test::tims_config(), models, cpu_stress(20000));
  const std::vector<account_tail_risk> t = tails(report, 0);
  // The gap scales every scenario's value: loss_gap = 0.2 N + 0.8 loss with N = $100,000, so
  // the same scenarios form the tail and ES_gap = 20,000 + 0.8 ES (to rounding).
  EXPECT_EQ(t[2].worst_scenario, t[0].worst_scenario);
  EXPECT_NEAR(t[2].es, 20000.0 + 0.8 * t[0].es, 1e-9 * t[2].es);
  EXPECT_NEAR(t[2].var, 20000.0 + 0.8 * t[0].var, 1e-9 * t[2].var);
  // Doubling the vol doubles every scenario's shock z: the worst scenario is the same one.
  EXPECT_EQ(t[3].worst_scenario, t[0].worst_scenario);
  EXPECT_GT(t[3].es, 1.9 * t[0].es);
  // The crisis changes how the common factor and the stock's own draw mix.
  EXPECT_NE(t[1].es, t[0].es);
}

TEST_F(FactorModeRun, BaseIsTheMarginRunBitForBit) {
  const stress_models models(market_, config_, std::nullopt, sets_);
  const stress_report report =
      compute_stress(market_, positions_, test::tims_config(), models, cpu_stress(20000));
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = 1;
  options.montecarlo = test::montecarlo_for(market_, config_);
  const margin_report margin = compute_margin(market_, positions_, test::tims_config(), options);
  EXPECT_EQ(std::memcmp(&report.at(0, 0).es, &margin.accounts[0].mc.es, sizeof(double)), 0);
  EXPECT_EQ(report.at(0, 0).worst_scenario, margin.accounts[0].mc.worst_scenario);
}

TEST_F(FactorModeRun, APairEditMakesEveryModelDenseWithOneDrawLayout) {
  // A factor base (one factor and idiosyncratic draws) with a set that flips a pair: every
  // model is then factored from its dense matrix, one common draw per underlying.
  stress_set flip;
  flip.name = "flip";
  flip.flips = {{0, 1}};
  sets_.push_back(flip);
  const stress_models models(market_, config_, std::nullopt, sets_);
  EXPECT_TRUE(models.dense());
  std::vector<std::string> warnings;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const scenarios::scenario_model model = models.model(i, warnings);
    EXPECT_EQ(model.layout().common, 2) << models.name(i);
    EXPECT_EQ(model.layout().idio, 0) << models.name(i);
    EXPECT_EQ(model.layout().per_scenario, models.draws_per_scenario()) << models.name(i);
  }
  // rho(XYZ, IDX) = 0.3 in the base, -0.3 flipped: the Cholesky rows say so.
  EXPECT_NEAR(models.model(0, warnings).correlation.loading[1], 0.3, 1e-15);
  EXPECT_NEAR(models.model(4, warnings).correlation.loading[1], -0.3, 1e-15);
  EXPECT_TRUE(warnings.empty());
}

TEST(StressModels, AFactorFileBaseKeepsItsFactorsAndPadsTheCrisis) {
  market_data market;
  test::add_underlying(market, "A", 100.0, 0.3, 0.0);
  test::add_underlying(market, "B", 100.0, 0.3, 0.0);
  test::add_underlying(market, "C", 100.0, 0.3, 0.0);
  const scenarios::correlation_input factors =
      scenarios::factor_loadings{"factors.csv",
                                 {"market", "sector"},
                                 {0.6, 0.3, 0.5, 0.4, 0.7, 0.0},
                                 {0.7416198487, 0.7681145748, 0.7141428429}};
  stress_set crisis;
  crisis.name = "crisis";
  crisis.set_all = 0.9;
  const stress_models models(market, test::normal_config(100, 1), factors, {crisis});
  EXPECT_FALSE(models.dense());
  std::vector<std::string> warnings;
  const scenarios::scenario_model base = models.model(0, warnings);
  const scenarios::scenario_model stressed = models.model(1, warnings);
  EXPECT_EQ(base.correlation.loading, (std::vector<double>{0.6, 0.3, 0.5, 0.4, 0.7, 0.0}));
  EXPECT_EQ(stressed.correlation.factors, 2u);  // one factor, padded with a zero column
  EXPECT_EQ(stressed.correlation.loading[0], std::sqrt(0.9));
  EXPECT_EQ(stressed.correlation.loading[1], 0.0);
  EXPECT_EQ(stressed.correlation.idio[2], std::sqrt(1 - 0.9));
  EXPECT_EQ(base.layout().per_scenario, stressed.layout().per_scenario);
}

TEST(StressModels, ANonPsdStressIsRepairedWithAWarning) {
  // Three underlyings at 0.9 with one pair flipped to -0.9: not a correlation matrix.
  market_data market;
  for (const char* symbol : {"A", "B", "C"}) test::add_underlying(market, symbol, 100.0, 0.3, 0.0);
  stress_set flip;
  flip.name = "flip";
  flip.file = "flip.toml";
  flip.set_all = 0.9;
  flip.flips = {{0, 1}};
  const stress_models models(market, test::normal_config(100, 1), std::nullopt, {flip});
  std::vector<std::string> warnings;
  models.model(1, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("stress set 'flip': flip.toml: the correlation matrix is not "
                             "positive semi-definite"),
            std::string::npos)
      << warnings[0];
  scenarios::montecarlo_config reject = test::normal_config(100, 1);
  reject.repair = scenarios::psd_repair::reject;
  const stress_models strict(market, reject, std::nullopt, {flip});
  EXPECT_THROW(strict.model(1, warnings), input_error);
}

}  // namespace
}  // namespace pmrisk::stress
