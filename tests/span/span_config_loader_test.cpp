// load_span_config: the shipped configs/span.toml, defaults, and each way a file can be wrong,
// located at file:line:column.

#include <gtest/gtest.h>

#include <string>

#include "io/io_test_support.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/span_config.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

class SpanConfigLoader : public ::testing::Test {
 protected:
  ::testing::AssertionResult fails_at(const std::string& text, int line, int column,
                                      const std::string& phrase) {
    const std::string path = dir_.write("span.toml", text);
    return throws_input_error_at([&] { load_span_config(path); }, path, line, column, phrase);
  }

  scratch_dir dir_;
};

const std::string valid_class =
    "[asset_class.index_future]\n"
    "price_scan = 0.07\n"
    "vol_scan = 0.25\n";

TEST_F(SpanConfigLoader, ReadsTheShippedFile) {
  const span_config config = load_span_config(PMRISK_SOURCE_DIR "/configs/span.toml");
  ASSERT_TRUE(config.classes.contains("equity_index_future"));
  const span_class_config& cls = config.classes.at("equity_index_future");
  EXPECT_EQ(cls.price_scan, 0.07);
  EXPECT_EQ(cls.vol_scan, 0.25);
  EXPECT_EQ(cls.extreme_multiple, 2.0);
  EXPECT_EQ(cls.extreme_weight, 0.35);
  EXPECT_EQ(cls.short_option_minimum, 100.0);
  ASSERT_EQ(config.spreads.size(), 1u);
  EXPECT_EQ(config.spreads[0].first, "ES");
  EXPECT_EQ(config.spreads[0].second, "RTY");
  EXPECT_EQ(config.spreads[0].credit_rate, 0.5);
  // The shipped futures class is also an engine asset class.
  const engine_config engine = load_engine_config(PMRISK_SOURCE_DIR "/configs/tims.toml");
  EXPECT_TRUE(engine.asset_classes.contains("equity_index_future"));
}

TEST_F(SpanConfigLoader, DefaultsAndSpreadsInFileOrder) {
  const span_config config = load_span_config(dir_.write(
      "span.toml", valid_class + "[[spread]]\nfirst = \"ES\"\nsecond = \"NQ\"\ncredit_rate = 0.6\n"
                                 "[[spread]]\nfirst = \"ES\"\nsecond = \"RTY\"\nfirst_deltas = 2\n"
                                 "second_deltas = 3\ncredit_rate = 0.4\n"));
  const span_class_config& cls = config.classes.at("index_future");
  EXPECT_EQ(cls.extreme_multiple, 2.0);
  EXPECT_EQ(cls.extreme_weight, 0.35);
  EXPECT_EQ(cls.short_option_minimum, 0.0);
  ASSERT_EQ(config.spreads.size(), 2u);
  EXPECT_EQ(config.spreads[0].second, "NQ");
  EXPECT_EQ(config.spreads[0].first_deltas, 1.0);
  EXPECT_EQ(config.spreads[1].first_deltas, 2.0);
  EXPECT_EQ(config.spreads[1].second_deltas, 3.0);
  EXPECT_EQ(config.spreads[1].credit_rate, 0.4);
}

TEST_F(SpanConfigLoader, ClassErrors) {
  EXPECT_TRUE(fails_at("rate = 1\n", 1, 1, "unknown key 'rate'"));
  EXPECT_TRUE(fails_at("[asset_class]\n", 1, 1, "asset_class is empty"));
  EXPECT_TRUE(fails_at("[asset_class.f]\nvol_scan = 0.2\n", 1, 1,
                       "missing required key 'asset_class.f.price_scan'"));
  EXPECT_TRUE(fails_at("[asset_class.f]\nprice_scan = 0\nvol_scan = 0.2\n", 2, 14,
                       "asset_class.f.price_scan must be > 0 and < 1"));
  EXPECT_TRUE(fails_at("[asset_class.f]\nprice_scan = 0.1\nvol_scan = \"a\"\n", 3, 12,
                       "asset_class.f.vol_scan must be a number"));
  EXPECT_TRUE(fails_at("[asset_class.f]\nprice_scan = 0.1\nvol_scan = 1.5\n", 3, 12,
                       "must be >= 0 and < 1"));
  EXPECT_TRUE(fails_at(valid_class + "extreme_weight = 1.5\n", 4, 18, "must be > 0 and <= 1"));
  EXPECT_TRUE(fails_at(valid_class + "extreme_multiple = 20\n", 4, 20,
                       "must be < 1 so that the extreme down move keeps the price positive"));
  EXPECT_TRUE(fails_at(valid_class + "short_option_minimum = -1\n", 4, 24, "must be >= 0"));
  EXPECT_TRUE(fails_at(valid_class + "price_scam = 0.1\n", 4, 1,
                       "unknown key 'price_scam' in [asset_class.index_future]"));
}

TEST_F(SpanConfigLoader, SpreadErrors) {
  EXPECT_TRUE(fails_at("spread = 3\n" + valid_class, 1, 10, "spread must be an array of tables"));
  EXPECT_TRUE(fails_at(valid_class + "[[spread]]\nfirst = \"ES\"\ncredit_rate = 0.5\n", 4, 1,
                       "missing required key 'spread[0].second'"));
  EXPECT_TRUE(fails_at(valid_class + "[[spread]]\nfirst = \"ES\"\nsecond = 3\ncredit_rate = 0.5\n",
                       6, 10, "spread[0].second must be a string"));
  EXPECT_TRUE(
      fails_at(valid_class + "[[spread]]\nfirst = \"ES\"\nsecond = \"ES\"\ncredit_rate = 0.5\n", 6,
               10, "must name another combined commodity"));
  EXPECT_TRUE(
      fails_at(valid_class + "[[spread]]\nfirst = \"ES\"\nsecond = \"NQ\"\ncredit_rate = 1.2\n", 7,
               15, "spread[0].credit_rate must be >= 0 and <= 1"));
  EXPECT_TRUE(fails_at(valid_class + "[[spread]]\nfirst = \"ES\"\nsecond = \"NQ\"\n"
                                     "first_deltas = 0\ncredit_rate = 0.5\n",
                       7, 16, "spread[0].first_deltas must be > 0"));
  EXPECT_TRUE(fails_at(valid_class + "[[spread]]\nfirst = \"ES\"\nsecond = \"NQ\"\n"
                                     "credit = 0.5\n",
                       7, 1, "unknown key 'credit'"));
}

TEST_F(SpanConfigLoader, FileAndSyntaxErrors) {
  EXPECT_TRUE(fails_at("[asset_class.f\n", 1, 15, "TOML syntax error"));
  const std::string missing = dir_.path("absent.toml");
  EXPECT_TRUE(
      throws_input_error_at([&] { load_span_config(missing); }, missing, 0, 0, "cannot read file"));
}

}  // namespace
}  // namespace pmrisk
