// The Reg-T config loader: the shipped file's rates (each cited in configs/regt.toml), every
// key, and located errors.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pmrisk/regt.hpp"
#include "regt_fixtures.hpp"

namespace pmrisk::regt {
namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / "pmrisk_regt" / info->name();
  std::filesystem::create_directories(folder);
  const std::filesystem::path path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

/// Loading `text` throws input_error whose message is the file's path followed by
/// `located_message` (or, with `prefix_only`, starts so).
void expect_error(const std::string& text, const std::string& located_message,
                  bool prefix_only = false) {
  const std::string path = write_file("regt.toml", text);
  try {
    load_config(path);
    ADD_FAILURE() << "expected input_error: " << located_message;
  } catch (const input_error& error) {
    const std::string message = error.what();
    if (prefix_only) {
      EXPECT_EQ(message.rfind(path + located_message, 0), 0u) << message;
    } else {
      EXPECT_EQ(message, path + located_message);
    }
  }
}

constexpr const char* kMinimal =
    "long_stock_rate = 0.5\n"
    "short_stock_rate = 0.5\n"
    "[asset_class.equity]\n"
    "underlying_rate = 0.2\n"
    "floor_rate = 0.1\n";

TEST(RegtConfig, ShippedFileHoldsTheRuleRates) {
  const config shipped = load_config(std::string(PMRISK_SOURCE_DIR) + "/configs/regt.toml");
  const config expected = test::cboe_rates();
  EXPECT_EQ(shipped.long_stock_rate, 0.50);   // Reg T 12 CFR 220.12(a)
  EXPECT_EQ(shipped.short_stock_rate, 0.50);  // Reg T 12 CFR 220.12(c): 150% less the proceeds
  ASSERT_EQ(shipped.asset_classes.size(), expected.asset_classes.size());
  for (const auto& [name, rates] : expected.asset_classes) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(shipped.asset_classes.contains(name));
    EXPECT_EQ(shipped.asset_classes.at(name).underlying_rate, rates.underlying_rate);
    EXPECT_EQ(shipped.asset_classes.at(name).floor_rate, rates.floor_rate);
  }
  EXPECT_EQ(shipped.asset_classes.at("broad_index").underlying_rate, 0.15);  // Cboe 10.3(c)(5)(A)
  EXPECT_EQ(shipped.asset_classes.at("equity").underlying_rate, 0.20);
  EXPECT_EQ(shipped.max_search_nodes, config{}.max_search_nodes);
  EXPECT_EQ(shipped.max_candidates, config{}.max_candidates);
}

TEST(RegtConfig, ReadsEveryKey) {
  const config rates = load_config(write_file("regt.toml",
                                              "long_stock_rate = 0.6\n"
                                              "short_stock_rate = 1\n"
                                              "max_search_nodes = 7\n"
                                              "max_candidates = 0\n"
                                              "[asset_class.house]\n"
                                              "underlying_rate = 0.35\n"
                                              "floor_rate = 0.2\n"));
  EXPECT_EQ(rates.long_stock_rate, 0.6);
  EXPECT_EQ(rates.short_stock_rate, 1.0);
  EXPECT_EQ(rates.max_search_nodes, 7);
  EXPECT_EQ(rates.max_candidates, 0);
  ASSERT_EQ(rates.asset_classes.size(), 1u);
  EXPECT_EQ(rates.asset_classes.at("house").underlying_rate, 0.35);
  EXPECT_EQ(rates.asset_classes.at("house").floor_rate, 0.2);
}

TEST(RegtConfig, SearchLimitsDefaultWhenAbsent) {
  const config rates = load_config(write_file("regt.toml", kMinimal));
  EXPECT_EQ(rates.max_search_nodes, config{}.max_search_nodes);
  EXPECT_EQ(rates.max_candidates, config{}.max_candidates);
}

TEST(RegtConfig, ErrorsNameFileLineAndColumn) {
  expect_error(std::string("long_stock_rat = 0.5\n") + kMinimal,
               ":1:1: unknown key 'long_stock_rat' (expected long_stock_rate, short_stock_rate, "
               "max_search_nodes, max_candidates, asset_class)");
  expect_error(
      "short_stock_rate = 0.5\n[asset_class.equity]\nunderlying_rate = 0.2\n"
      "floor_rate = 0.1\n",
      ": missing required key 'long_stock_rate'");
  expect_error("long_stock_rate = 1.5\nshort_stock_rate = 0.5\n[asset_class]\n",
               ":1:19: long_stock_rate must be a fraction in [0, 1], got 1.5");
  expect_error("long_stock_rate = \"half\"\nshort_stock_rate = 0.5\n[asset_class]\n",
               ":1:19: long_stock_rate must be a number");
  expect_error(std::string(kMinimal) + "[asset_class.index]\nunderlying_rate = 0.15\n",
               ":6:1: missing required key 'asset_class.index.floor_rate'");
  expect_error(std::string(kMinimal) + "[asset_class.index]\nunderlying = 0.15\n",
               ":7:1: unknown key 'underlying' in [asset_class.index] (expected underlying_rate, "
               "floor_rate)");
  expect_error(std::string("max_search_nodes = 0\n") + kMinimal,
               ":1:20: max_search_nodes must be >= 1, got 0");
  expect_error(std::string("max_candidates = 1.5\n") + kMinimal,
               ":1:18: max_candidates must be an integer");
  expect_error("long_stock_rate = 0.5\nshort_stock_rate = 0.5\n",
               ": missing required key 'asset_class'");
  expect_error("long_stock_rate = 0.5\nshort_stock_rate = 0.5\nasset_class = 3\n",
               ":3:15: asset_class must be a table");
  expect_error("long_stock_rate = = 0.5\n", ":1:19: TOML syntax error: ", true);
}

}  // namespace
}  // namespace pmrisk::regt
