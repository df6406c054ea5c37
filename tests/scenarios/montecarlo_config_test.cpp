// The Monte Carlo config loader: the shipped file, every key, and located errors.

#include <gtest/gtest.h>

#include "pmrisk/scenarios/config.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::scenarios {
namespace {

using testing::expect_input_error;
using testing::write_file;

TEST(MontecarloConfig, ShippedFileHoldsTheDocumentedDefaults) {
  const montecarlo_config shipped =
      load_montecarlo_config(std::string(PMRISK_SOURCE_DIR) + "/configs/montecarlo.toml");
  const montecarlo_config defaults;
  EXPECT_EQ(shipped.horizon_days, 2);
  EXPECT_EQ(shipped.scenarios, 10000u);
  EXPECT_EQ(shipped.seed, default_seed);
  EXPECT_EQ(shipped.distribution, return_distribution::student_t);
  EXPECT_EQ(shipped.nu, 5);
  EXPECT_EQ(shipped.vol_of_vol, 1.0);
  EXPECT_EQ(shipped.spot_vol_correlation, -0.7);
  EXPECT_EQ(shipped.default_correlation, 0.3);
  EXPECT_EQ(shipped.repair, psd_repair::higham);
  EXPECT_FALSE(shipped.antithetic);
  EXPECT_EQ(shipped.tile_scenarios, 1000u);
  EXPECT_EQ(shipped.confidence, 0.99);
  EXPECT_EQ(shipped.rule, requirement_rule::max_tims_es);
  // The file and the struct's defaults say the same thing.
  EXPECT_EQ(shipped.horizon_days, defaults.horizon_days);
  EXPECT_EQ(shipped.scenarios, defaults.scenarios);
  EXPECT_EQ(shipped.distribution, defaults.distribution);
  EXPECT_EQ(shipped.nu, defaults.nu);
  EXPECT_EQ(shipped.vol_of_vol, defaults.vol_of_vol);
  EXPECT_EQ(shipped.spot_vol_correlation, defaults.spot_vol_correlation);
  EXPECT_EQ(shipped.default_correlation, defaults.default_correlation);
  EXPECT_EQ(shipped.tile_scenarios, defaults.tile_scenarios);
  EXPECT_EQ(shipped.confidence, defaults.confidence);
}

TEST(MontecarloConfig, ReadsEveryKey) {
  const std::string path = write_file("mc.toml",
                                      "horizon_days = 5\n"
                                      "scenarios = 1000000\n"
                                      "seed = 77\n"
                                      "distribution = \"normal\"\n"
                                      "nu = 12\n"
                                      "vol_of_vol = 0.8\n"
                                      "spot_vol_correlation = -0.5\n"
                                      "default_correlation = 0\n"
                                      "psd_repair = \"reject\"\n"
                                      "antithetic = true\n"
                                      "tile_scenarios = 4096\n"
                                      "confidence = 0.975\n"
                                      "requirement_rule = \"mc\"\n");
  const montecarlo_config config = load_montecarlo_config(path);
  EXPECT_EQ(config.horizon_days, 5);
  EXPECT_EQ(config.scenarios, 1000000u);
  EXPECT_EQ(config.seed, 77u);
  EXPECT_EQ(config.distribution, return_distribution::normal);
  EXPECT_EQ(config.nu, 12);
  EXPECT_EQ(config.vol_of_vol, 0.8);
  EXPECT_EQ(config.spot_vol_correlation, -0.5);
  EXPECT_EQ(config.default_correlation, 0);
  EXPECT_EQ(config.repair, psd_repair::reject);
  EXPECT_TRUE(config.antithetic);
  EXPECT_EQ(config.tile_scenarios, 4096u);
  EXPECT_EQ(config.confidence, 0.975);
  EXPECT_EQ(config.rule, requirement_rule::mc);
}

TEST(MontecarloConfig, EmptyFileKeepsDefaults) {
  const montecarlo_config config = load_montecarlo_config(write_file("mc.toml", "# nothing\n"));
  EXPECT_EQ(config.seed, default_seed);
  EXPECT_EQ(config.scenarios, 10000u);
}

struct bad_config {
  const char* text;
  const char* where;  ///< line:column of the offending value or key
  const char* fragment;
};

void PrintTo(const bad_config& bad, std::ostream* out) {
  *out << bad.fragment;
}

class MontecarloConfigErrors : public ::testing::TestWithParam<bad_config> {};

TEST_P(MontecarloConfigErrors, NameFileLineAndColumn) {
  const bad_config& bad = GetParam();
  const std::string path = write_file("mc.toml", bad.text);
  expect_input_error([&] { load_montecarlo_config(path); }, path + ":" + bad.where + ": ",
                     bad.fragment);
}

INSTANTIATE_TEST_SUITE_P(
    WrongTypesAndValues, MontecarloConfigErrors,
    ::testing::Values(
        bad_config{"seed = 1\nscenarios = \"many\"\n", "2:13", "scenarios must be an integer"},
        bad_config{"scenarios = 0\n", "1:13", "scenarios must be >= 1"},
        bad_config{"horizon_days = -2\n", "1:16", "horizon_days must be in (0, 252]"},
        bad_config{"horizon_days = true\n", "1:16", "horizon_days must be a number"},
        bad_config{"seed = -1\n", "1:8", "seed must be >= 0"},
        bad_config{"distribution = \"cauchy\"\n", "1:16", "\"normal\" or \"student_t\""},
        bad_config{"nu = 2\n", "1:6", "nu must be >= 3"},
        bad_config{"nu = 5.5\n", "1:6", "nu must be an integer"},
        bad_config{"nu = 1000\n", "1:6", "nu must be <= 200"},
        bad_config{"vol_of_vol = -0.1\n", "1:14", "vol_of_vol must be in [0, 10]"},
        bad_config{"spot_vol_correlation = -1.5\n", "1:24", "must be in [-1, 1]"},
        bad_config{"default_correlation = 2\n", "1:23", "must be in [-1, 1]"},
        bad_config{"psd_repair = \"clip\"\n", "1:14", "\"higham\" or \"reject\""},
        bad_config{"antithetic = 1\n", "1:14", "antithetic must be true or false"},
        bad_config{"tile_scenarios = 0\n", "1:18", "tile_scenarios must be >= 1"},
        bad_config{"confidence = 1\n", "1:14", "confidence must be in (0, 1)"},
        bad_config{"requirement_rule = \"var\"\n", "1:20", "\"max_tims_es\", \"tims\" or \"mc\""},
        bad_config{"\n\nscenaros = 5\n", "3:1", "unknown key 'scenaros'"},
        bad_config{"seed = 1\nnu = \n", "2:6", "TOML syntax error"}));

TEST(MontecarloConfig, MissingFileIsAnInputError) {
  EXPECT_THROW(load_montecarlo_config("/nonexistent/montecarlo.toml"), input_error);
}

}  // namespace
}  // namespace pmrisk::scenarios
