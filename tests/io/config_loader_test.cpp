// load_engine_config: the shipped configs/tims.toml, and each way a config can be wrong.

#include <gtest/gtest.h>

#include "io_test_support.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

// A complete minimal config; tests append to it or replace a line of it.
constexpr std::string_view minimal_config =
    "rate = 0.04\n"
    "[asset_class.equity]\n"
    "up = 0.15\n"
    "down = 0.15\n"
    "points = 10\n"
    "default_style = \"american\"\n";

class ConfigLoader : public ::testing::Test {
 protected:
  ::testing::AssertionResult fails_at(std::string_view text, int line, int column,
                                      std::string_view phrase) {
    const std::string path = dir_.write("tims.toml", text);
    return throws_input_error_at([&] { load_engine_config(path); }, path, line, column, phrase);
  }

  ::testing::AssertionResult class_key_fails(std::string_view key_line, int column,
                                             std::string_view phrase) {
    return fails_at(std::string(minimal_config) + std::string(key_line) + "\n", 7, column, phrase);
  }

  scratch_dir dir_;
};

TEST_F(ConfigLoader, ShippedConfigHoldsTheRegulatoryGrid) {
  const engine_config config = load_engine_config(PMRISK_CONFIG_DIR "/tims.toml");
  EXPECT_EQ(config.rate, 0.04);
  EXPECT_EQ(config.min_charge_per_contract, 0.375);  // FINRA 4210(g): $0.375 x multiplier
  EXPECT_EQ(config.max_memory_bytes, std::size_t{4} << 30);
  EXPECT_EQ(config.model.american, american_model::ju_zhong_1999);
  EXPECT_EQ(config.model.tree_steps, 801);
  // Five securities classes, and the futures class SPAN margins (configs/span.toml).
  ASSERT_EQ(config.asset_classes.size(), 6u);
  EXPECT_EQ(config.asset_classes.at("equity_index_future").stock_multiplier, 50.0);
  EXPECT_EQ(config.asset_classes.at("equity_index_future").option_multiplier, 50.0);

  // Ranges per FINRA 4210(g) / Cboe 10.4 (methodology.md section 1).
  struct expected_class {
    const char* name;
    double up, down;
    exercise_style style;
  };
  for (const expected_class& e :
       {expected_class{"equity", 0.15, 0.15, exercise_style::american},
        expected_class{"etf", 0.15, 0.15, exercise_style::american},
        expected_class{"narrow_index", 0.15, 0.15, exercise_style::european},
        expected_class{"broad_index", 0.10, 0.10, exercise_style::european},
        expected_class{"broad_index_high_cap", 0.06, 0.08, exercise_style::european}}) {
    SCOPED_TRACE(e.name);
    ASSERT_TRUE(config.asset_classes.contains(e.name));
    const asset_class_config& cls = config.asset_classes.at(e.name);
    EXPECT_EQ(cls.up, e.up);
    EXPECT_EQ(cls.down, e.down);
    EXPECT_EQ(cls.points, 10);
    EXPECT_TRUE(cls.vol_shifts.empty());
    EXPECT_EQ(cls.horizon_days, 0.0);
    EXPECT_EQ(cls.default_style, e.style);
    EXPECT_EQ(cls.option_multiplier, 100.0);
    EXPECT_EQ(cls.stock_multiplier, 1.0);
  }
}

TEST_F(ConfigLoader, OptionalKeysTakeDefaults) {
  const engine_config config = load_engine_config(dir_.write("c.toml", minimal_config));
  EXPECT_EQ(config.min_charge_per_contract, 0.375);
  EXPECT_EQ(config.max_memory_bytes, std::size_t{4} << 30);
  EXPECT_EQ(config.model.american, american_model::ju_zhong_1999);
  EXPECT_EQ(config.model.tree_steps, 801);
  const asset_class_config& equity = config.asset_classes.at("equity");
  EXPECT_TRUE(equity.vol_shifts.empty());
  EXPECT_EQ(equity.horizon_days, 0.0);
  EXPECT_EQ(equity.option_multiplier, 100.0);
  EXPECT_EQ(equity.stock_multiplier, 1.0);
}

TEST_F(ConfigLoader, ReadsEveryKey) {
  const engine_config config = load_engine_config(dir_.write("c.toml",
                                                             "rate = -0.005\n"
                                                             "min_charge_per_contract = 0\n"
                                                             "max_memory = 268435456\n"
                                                             "[pricing]\n"
                                                             "american_model = \"binomial_tree\"\n"
                                                             "tree_steps = 2001\n"
                                                             "[asset_class.house]\n"
                                                             "up = 0.4\n"
                                                             "down = 0.4\n"
                                                             "points = 16\n"
                                                             "vol_shifts = [-0.15, 0, 0.15]\n"
                                                             "horizon_days = 2\n"
                                                             "default_style = \"european\"\n"
                                                             "option_multiplier = 10\n"
                                                             "stock_multiplier = 1\n"));
  EXPECT_EQ(config.rate, -0.005);
  EXPECT_EQ(config.min_charge_per_contract, 0.0);
  EXPECT_EQ(config.max_memory_bytes, std::size_t{256} << 20);
  EXPECT_EQ(config.model.american, american_model::binomial_tree);
  EXPECT_EQ(config.model.tree_steps, 2001);
  const asset_class_config& house = config.asset_classes.at("house");
  EXPECT_EQ(house.up, 0.4);
  EXPECT_EQ(house.points, 16);
  EXPECT_EQ(house.vol_shifts, (std::vector<double>{-0.15, 0.0, 0.15}));
  EXPECT_EQ(house.horizon_days, 2.0);
  EXPECT_EQ(house.default_style, exercise_style::european);
  EXPECT_EQ(house.option_multiplier, 10.0);
}

TEST_F(ConfigLoader, ReadsEveryAmericanModel) {
  for (const auto& [name, model] :
       {std::pair{"ju_zhong_1999", american_model::ju_zhong_1999},
        std::pair{"bjerksund_stensland_2002", american_model::bjerksund_stensland_2002},
        std::pair{"binomial_tree", american_model::binomial_tree}}) {
    const engine_config config = load_engine_config(dir_.write(
        "c.toml", std::string(minimal_config) + "[pricing]\namerican_model = \"" + name + "\"\n"));
    EXPECT_EQ(config.model.american, model) << name;
  }
}

TEST_F(ConfigLoader, MaxMemoryAcceptsSizes) {
  const engine_config config = load_engine_config(
      dir_.write("c.toml", "max_memory = \"512 MiB\"\n" + std::string(minimal_config)));
  EXPECT_EQ(config.max_memory_bytes, std::size_t{512} << 20);
}

TEST_F(ConfigLoader, SyntaxError) {
  EXPECT_TRUE(fails_at("rate = 0.04\nup = = 1\n", 2, 6, "TOML syntax error"));
}

TEST_F(ConfigLoader, UnreadableFile) {
  const std::string missing = dir_.path("none.toml");
  EXPECT_TRUE(throws_input_error_at([&] { load_engine_config(missing); }, missing, 0, 0,
                                    "cannot read file"));
}

TEST_F(ConfigLoader, UnknownKeys) {
  EXPECT_TRUE(fails_at("rat = 0.04\n", 1, 1, "unknown key 'rat' (expected rate,"));
  EXPECT_TRUE(class_key_fails("pionts = 10", 1, "unknown key 'pionts' in [asset_class.equity]"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[pricing]\nmodel = \"binomial_tree\"\n", 3, 1,
                       "unknown key 'model' in [pricing]"));
}

TEST_F(ConfigLoader, WrongTypes) {
  EXPECT_TRUE(fails_at("rate = \"4%\"\n", 1, 8, "rate must be a number, got a string"));
  EXPECT_TRUE(
      fails_at("rate = 0.04\npricing = 3\n", 2, 11, "pricing must be a table, got an integer"));
  EXPECT_TRUE(fails_at("rate = 0.04\nasset_class = []\n", 2, 15,
                       "asset_class must be a table, got an array"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[pricing]\ntree_steps = 801.0\n", 3, 14,
                       "pricing.tree_steps must be an integer, got a floating-point number"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[pricing]\namerican_model = 1\n", 3, 18,
                       "pricing.american_model must be a string, got an integer"));
  EXPECT_TRUE(class_key_fails("vol_shifts = 0.15", 14,
                              "asset_class.equity.vol_shifts must be an array, got a "
                              "floating-point number"));
  EXPECT_TRUE(class_key_fails("vol_shifts = [0.1, \"x\"]", 20,
                              "asset_class.equity.vol_shifts must be a number, got a string"));
  EXPECT_TRUE(class_key_fails("horizon_days = true", 16,
                              "asset_class.equity.horizon_days must be a number, got a boolean"));
  EXPECT_TRUE(fails_at("rate = 0.04\nmax_memory = 1.5\n", 2, 14,
                       "max_memory must be an integer number of bytes > 0 or a size"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[asset_class]\nequity = 1\n", 3, 10,
                       "asset_class.equity must be a table, got an integer"));
}

TEST_F(ConfigLoader, InvalidValues) {
  EXPECT_TRUE(fails_at("rate = nan\n", 1, 8, "rate must be finite"));
  EXPECT_TRUE(fails_at("rate = 0.04\nmin_charge_per_contract = -0.375\n", 2, 27,
                       "min_charge_per_contract must be >= 0, got -0.375"));
  EXPECT_TRUE(fails_at("rate = 0.04\nmax_memory = \"4 GB/s\"\n", 2, 14, "got \"4 GB/s\""));
  EXPECT_TRUE(fails_at("rate = 0.04\nmax_memory = 0\n", 2, 14, "got 0"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[pricing]\namerican_model = \"crr\"\n", 3, 18,
                       "must be \"ju_zhong_1999\", \"bjerksund_stensland_2002\" or "
                       "\"binomial_tree\", got \"crr\""));
  for (const std::string_view steps : {"800", "0", "-1", "2003"}) {
    EXPECT_TRUE(fails_at("rate = 0.04\n[pricing]\ntree_steps = " + std::string(steps) + "\n", 3, 14,
                         "pricing.tree_steps must be odd and between 1 and 2001"))
        << steps;
  }
}

TEST_F(ConfigLoader, InvalidAssetClassValues) {
  // minimal_config's own up/down/points lines are overridden by editing the text.
  const auto with = [](std::string_view from, std::string_view to) {
    std::string text(minimal_config);
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  EXPECT_TRUE(fails_at(with("up = 0.15", "up = 0"), 3, 6, "asset_class.equity.up must be > 0"));
  EXPECT_TRUE(fails_at(with("up = 0.15", "up = -0.1"), 3, 6, "got -0.1"));
  EXPECT_TRUE(fails_at(with("down = 0.15", "down = 0"), 4, 8,
                       "asset_class.equity.down must be > 0 and < 1"));
  EXPECT_TRUE(fails_at(with("down = 0.15", "down = 1"), 4, 8, "must be > 0 and < 1"));
  EXPECT_TRUE(fails_at(with("points = 10", "points = 7"), 5, 10,
                       "asset_class.equity.points must be an even integer >= 2"));
  EXPECT_TRUE(fails_at(with("points = 10", "points = 0"), 5, 10, "got 0"));
  EXPECT_TRUE(fails_at(with("\"american\"", "\"bermudan\""), 6, 17,
                       "default_style must be \"american\" or \"european\", got \"bermudan\""));
  EXPECT_TRUE(class_key_fails("vol_shifts = [0.15, -1]", 21,
                              "vol_shifts entries must be > -1 (relative shifts), got -1"));
  EXPECT_TRUE(class_key_fails("horizon_days = -1", 16, "horizon_days must be >= 0"));
  EXPECT_TRUE(class_key_fails("option_multiplier = 0", 21,
                              "asset_class.equity.option_multiplier must be > 0"));
  EXPECT_TRUE(class_key_fails("stock_multiplier = -1", 20, "stock_multiplier must be > 0"));
}

TEST_F(ConfigLoader, MissingKeysAndNoAssetClasses) {
  EXPECT_TRUE(fails_at("[asset_class.equity]\nup = 0.1\n", 0, 0, "missing required key 'rate'"));
  EXPECT_TRUE(fails_at("rate = 0.04\n", 0, 0, "missing required key 'asset_class'"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[asset_class]\n", 2, 1, "asset_class is empty"));
  EXPECT_TRUE(fails_at("rate = 0.04\n[asset_class.equity]\nup = 0.1\ndown = 0.1\npoints = 10\n", 2,
                       1, "missing required key 'asset_class.equity.default_style'"));
}

}  // namespace
}  // namespace pmrisk
