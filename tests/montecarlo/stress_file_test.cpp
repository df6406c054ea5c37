// Stress files: the shipped sets, every kind of edit resolved against the market, and bad files
// reported at file:line:column.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "pmrisk/io.hpp"
#include "pmrisk/stress.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::stress {
namespace {

using scenarios::testing::expect_input_error;
using scenarios::testing::write_file;

const std::string source_dir = PMRISK_SOURCE_DIR;

/// The bundled example market and engine config (examples/, configs/tims.toml).
struct example_firm {
  engine_config config = load_engine_config(source_dir + "/configs/tims.toml");
  market_data market = load_market(source_dir + "/examples/market.csv", config);
  std::int32_t index(const std::string& symbol) const { return *market.find(symbol); }
};

TEST(StressFile, ShippedSetsLoadAgainstTheExampleFirm) {
  const example_firm firm;
  const std::vector<std::string> files = stress_files_in(source_dir + "/configs/stress");
  const std::vector<stress_set> sets = load_stress_files(files, firm.market, firm.config);
  std::vector<std::string> names;
  for (const stress_set& set : sets) names.push_back(set.name);
  EXPECT_EQ(names, (std::vector<std::string>{"crisis", "decoupling", "gap_down_20", "hedge_break",
                                             "vol_x2"}));  // sorted by file

  EXPECT_EQ(sets[0].set_all, 0.9);
  EXPECT_FALSE(sets[0].edits_pairs());
  EXPECT_EQ(sets[1].set_all, 0.0);
  EXPECT_EQ(sets[2].gap, std::vector<double>(firm.market.underlyings.size(), -0.20));
  EXPECT_EQ(sets[4].vol_multiplier, std::vector<double>(firm.market.underlyings.size(), 2.0));

  const stress_set& hedge = sets[3];
  ASSERT_EQ(hedge.scales.size(), 1u);
  EXPECT_TRUE(hedge.edits_pairs());
  EXPECT_EQ(hedge.scales[0].applies_to, correlation_scale::scope::between);
  EXPECT_EQ(hedge.scales[0].factor, 0.0);
  // Six single stocks against SPY, QQQ (ETFs), SPX and RUT (indices), in market order.
  EXPECT_EQ(hedge.scales[0].first, (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(hedge.scales[0].second, (std::vector<std::int32_t>{6, 7, 8, 9}));
}

TEST(StressFile, ResolvesGroupsPairsAndTargets) {
  const example_firm firm;
  const std::string path = write_file("tech.toml",
                                      "description = \"tech unwinds\"\n"
                                      "[groups]\n"
                                      "tech = { symbols = [\"AAPL\", \"MSFT\", \"NVDA\"] }\n"
                                      "indices = { product_groups = [\"SPX\", \"NDX\"] }\n"
                                      "[correlation]\n"
                                      "flip = [[\"AAPL\", \"XOM\"]]\n"
                                      "[[correlation.scale]]\n"
                                      "within = \"tech\"\n"
                                      "factor = 1.2\n"
                                      "[[correlation.scale]]\n"
                                      "pairs = [[\"JPM\", \"SPY\"], [\"TSLA\", \"QQQ\"]]\n"
                                      "factor = 0.5\n"
                                      "[vol]\n"
                                      "multiplier = 1.5\n"
                                      "groups = [\"tech\"]\n"
                                      "symbols = [\"TSLA\"]\n"
                                      "[gap]\n"
                                      "move = -0.1\n"
                                      "groups = [\"indices\"]\n");
  const stress_set set = load_stress_file(path, firm.market, firm.config);
  EXPECT_EQ(set.name, "tech");  // the file's stem
  EXPECT_EQ(set.description, "tech unwinds");
  EXPECT_FALSE(set.set_all.has_value());
  ASSERT_EQ(set.scales.size(), 2u);
  EXPECT_EQ(set.scales[0].applies_to, correlation_scale::scope::within);
  EXPECT_EQ(set.scales[0].first, (std::vector<std::int32_t>{firm.index("AAPL"), firm.index("MSFT"),
                                                            firm.index("NVDA")}));
  EXPECT_EQ(set.scales[0].factor, 1.2);
  EXPECT_EQ(set.scales[1].applies_to, correlation_scale::scope::pairs);
  ASSERT_EQ(set.scales[1].pairs.size(), 2u);
  EXPECT_EQ(set.scales[1].pairs[1].a, firm.index("TSLA"));
  EXPECT_EQ(set.scales[1].pairs[1].b, firm.index("QQQ"));
  ASSERT_EQ(set.flips.size(), 1u);
  EXPECT_EQ(set.flips[0].b, firm.index("XOM"));
  for (const char* symbol : {"AAPL", "MSFT", "NVDA", "TSLA"})
    EXPECT_EQ(set.vol_multiplier[static_cast<std::size_t>(firm.index(symbol))], 1.5) << symbol;
  EXPECT_EQ(set.vol_multiplier[static_cast<std::size_t>(firm.index("JPM"))], 1.0);
  // Product group SPX holds SPY and SPX; NDX holds QQQ.
  for (const char* symbol : {"SPY", "SPX", "QQQ"})
    EXPECT_EQ(set.gap[static_cast<std::size_t>(firm.index(symbol))], -0.1) << symbol;
  EXPECT_EQ(set.gap[static_cast<std::size_t>(firm.index("RUT"))], 0.0);
}

struct bad_file {
  const char* what;
  const char* text;
  const char* prefix;  ///< the located prefix after the file name
  const char* fragment;
};

class BadStressFile : public ::testing::TestWithParam<bad_file> {};

TEST_P(BadStressFile, IsReportedAtItsFileLineAndColumn) {
  const example_firm firm;
  const bad_file& bad = GetParam();
  const std::string path = write_file("bad.toml", bad.text);
  expect_input_error([&] { load_stress_file(path, firm.market, firm.config); }, path + bad.prefix,
                     bad.fragment);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadStressFile,
    ::testing::Values(
        bad_file{"syntax", "name = \"x\n", ":1:", "TOML syntax error"},
        bad_file{
            "unknown key", "name = \"x\"\ncolour = 1\n", ":2:1: ",
            "unknown key 'colour' (expected name, description, groups, correlation, vol, gap)"},
        bad_file{"unknown correlation key", "[correlation]\nset = 0.9\n",
                 ":2:1: ", "unknown key 'set' in [correlation]"},
        bad_file{"set_all out of range", "[correlation]\nset_all = 1.5\n",
                 ":2:11: ", "correlation.set_all must be in [-1, 1], got 1.5"},
        bad_file{"set_all not a number", "[correlation]\nset_all = \"high\"\n",
                 ":2:11: ", "correlation.set_all must be a number"},
        bad_file{"unknown symbol in a pair", "[correlation]\nflip = [[\"AAPL\", \"AAPX\"]]\n",
                 ":2:18: ", "unknown symbol 'AAPX': not in the market data"},
        bad_file{"a pair of one symbol", "[correlation]\nflip = [[\"AAPL\", \"AAPL\"]]\n",
                 ":2:9: ", "a pair needs two different symbols"},
        bad_file{"a pair of three", "[correlation]\nflip = [[\"AAPL\", \"MSFT\", \"XOM\"]]\n",
                 ":2:9: ", "pairs of two symbols"},
        bad_file{"unknown group", "[[correlation.scale]]\nwithin = \"tech\"\nfactor = 0\n",
                 ":2:10: ", "unknown group 'tech': define it under [groups]"},
        bad_file{"two scopes",
                 "[groups]\ng = { symbols = [\"AAPL\"] }\n[[correlation.scale]]\nwithin = \"g\"\n"
                 "pairs = [[\"AAPL\", \"MSFT\"]]\nfactor = 0\n",
                 ":3:", "exactly one of within, between, pairs"},
        bad_file{"no factor", "[[correlation.scale]]\npairs = [[\"AAPL\", \"MSFT\"]]\n",
                 ":1:", "needs a factor"},
        bad_file{"scale not an array of tables", "[correlation]\nscale = 0.5\n",
                 ":2:9: ", "correlation.scale must be an array of tables"},
        bad_file{"unknown asset class", "[groups]\ng = { asset_classes = [\"bonds\"] }\n",
                 ":2:24: ", "unknown asset class 'bonds': not defined in the engine config"},
        bad_file{"unknown product group", "[groups]\ng = { product_groups = [\"OIL\"] }\n",
                 ":2:25: ", "unknown product group 'OIL'"},
        bad_file{"empty group list", "[groups]\ng = { symbols = [] }\n",
                 ":2:17: ", "groups.g.symbols must not be empty"},
        bad_file{"gap of -100%", "[gap]\nmove = -1\n", ":2:8: ", "gap.move must be > -1"},
        bad_file{"vol multiplier 0", "[vol]\nmultiplier = 0\n",
                 ":2:14: ", "vol.multiplier must be > 0, got 0"},
        bad_file{"vol without a multiplier", "[vol]\nsymbols = [\"AAPL\"]\n",
                 ":1:", "[vol] needs multiplier"},
        bad_file{"reserved name", "name = \"base\"\n[gap]\nmove = -0.1\n",
                 ":1:8: ", "the name 'base' is the unstressed model's"},
        bad_file{"nothing changed", "name = \"calm\"\n", "", "the stress set changes nothing"}),
    [](const ::testing::TestParamInfo<bad_file>& info) {
      std::string name = info.param.what;
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(StressFile, TwoSetsOfOneNameAreRefused) {
  const example_firm firm;
  const std::string first = write_file("a.toml", "name = \"crash\"\n[gap]\nmove = -0.3\n");
  const std::string second = write_file("b.toml", "name = \"crash\"\n[gap]\nmove = -0.4\n");
  expect_input_error(
      [&] {
        load_stress_files({first, second}, firm.market, firm.config);
      },
      second + ": ", "stress set 'crash' is also defined in " + first);
}

TEST(StressFile, ADirectoryWithoutStressFilesIsRefused) {
  const std::string empty = write_file("notes.txt", "not a stress set\n");
  const std::string directory = std::filesystem::path(empty).parent_path().string();
  expect_input_error([&] { stress_files_in(directory); }, directory + ": ",
                     "the stress directory holds no *.toml file");
  expect_input_error([&] { stress_files_in(directory + "/missing"); },
                     directory + "/missing: ", "cannot read the stress directory");
}

}  // namespace
}  // namespace pmrisk::stress
