// Every user error, through the command line: a non-zero exit, one "pmrisk: error:" line naming
// the file, line and column (or the flag) at fault, and no output file or temporary file left.

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cli/cli_runner.hpp"

namespace pmrisk::testing {
namespace {

constexpr const char* valid_market =
    "symbol,price,vol,div_yield,asset_class\n"
    "AAA,100,0.25,0,equity\n"
    "BBB,50,0.30,0.01,equity\n";

constexpr const char* valid_positions =
    "account,symbol,type,strike,expiry,quantity\n"
    "A1,AAA,stock,,,100\n"
    "A1,AAA,put,95,2027-01-15,1\n"
    "A2,BBB,call,55,2026-12-18,-2\n";

enum class input_file { market, positions, config };

struct bad_input_case {
  const char* name;
  input_file file;
  std::string text;      ///< the whole bad file; for the config, the line swapped in
  const char* replaced;  ///< config only: the key whose line `text` replaces
  int line;              ///< expected 1-based line of the error; -1: the swapped line
  const char* token;     ///< expected column: where this text starts on that line; null: none
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const bad_input_case& bad, std::ostream* out) {
  *out << bad.name;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("'" + from + "' not in the text");
  return text.replace(at, from.size(), to);
}

// Replaces the line that starts with `key`; returns the new text and that line's number.
std::pair<std::string, int> replace_line(const std::string& text, const std::string& key,
                                         const std::string& line) {
  std::size_t begin = 0;
  for (int number = 1; begin < text.size(); ++number) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    if (text.compare(begin, key.size(), key) == 0) {
      return {text.substr(0, begin) + line + text.substr(end), number};
    }
    begin = end + 1;
  }
  throw std::runtime_error("no line starts with '" + key + "'");
}

std::string line_of(const std::string& text, int line) {
  std::size_t begin = 0;
  for (int i = 1; i < line; ++i) begin = text.find('\n', begin) + 1;
  return text.substr(begin, text.find('\n', begin) - begin);
}

class BadInput : public ::testing::TestWithParam<bad_input_case> {
 protected:
  temp_dir dir;
};

TEST_P(BadInput, FailsWithLocationAndLeavesNoOutput) {
  const bad_input_case& bad = GetParam();
  const std::string market = dir.file("market.csv");
  const std::string positions = dir.file("positions.csv");
  const std::string config = dir.file("tims.toml");
  std::string config_text = read_file(default_config_path());
  int line = bad.line;
  if (bad.file == input_file::config) {
    std::tie(config_text, line) = replace_line(config_text, bad.replaced, bad.text);
  }
  write_file(market, bad.file == input_file::market ? bad.text : valid_market);
  write_file(positions, bad.file == input_file::positions ? bad.text : valid_positions);
  write_file(config, config_text);
  const std::filesystem::path out_dir = dir.path() / "out";
  std::filesystem::create_directory(out_dir);

  const cli_result result = run_pmrisk(
      {"margin", "--market", market, "--positions", positions, "--asof", "2026-11-20", "--config",
       config, "--backend", "cpu", "--out", (out_dir / "margin.csv").string(), "--json",
       (out_dir / "margin.json").string(), "--risk-arrays", (out_dir / "arrays.csv").string()});

  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, "");
  const std::string& path = bad.file == input_file::market      ? market
                            : bad.file == input_file::positions ? positions
                                                                : config;
  std::string location = path;
  if (line > 0) {
    const std::string& text = bad.file == input_file::config ? config_text : bad.text;
    location += ":" + std::to_string(line);
    if (bad.token != nullptr) {
      const std::size_t column = line_of(text, line).find(bad.token);
      ASSERT_NE(column, std::string::npos) << "test case: token not on its line";
      location += ":" + std::to_string(column + 1);
    }
  }
  EXPECT_EQ(result.err.rfind("pmrisk: error: " + location + ": ", 0), 0u) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_TRUE(directory_entries(out_dir).empty())
      << "left behind: " << ::testing::PrintToString(directory_entries(out_dir));
}

TEST(BadInputKeepsOutputs, AnEarlierResultStaysAsItWas) {
  const temp_dir dir;
  const std::string market = dir.file("market.csv");
  const std::string out = dir.file("margin.csv");
  write_file(market, replace_once(valid_market, "BBB,50,", "BBB,-50,"));
  write_file(dir.file("positions.csv"), valid_positions);
  write_file(out, "yesterday's results\n");

  const cli_result result =
      run_pmrisk({"margin", "--market", market, "--positions", dir.file("positions.csv"), "--asof",
                  "2026-11-20", "--config", default_config_path(), "--out", out});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(read_file(out), "yesterday's results\n");
  EXPECT_EQ(directory_entries(dir.path()),
            (std::vector<std::string>{"margin.csv", "market.csv", "positions.csv"}));
}

INSTANTIATE_TEST_SUITE_P(
    Cli, BadInput,
    ::testing::Values(
        bad_input_case{"MissingRequiredColumn", input_file::market,
                       "symbol,vol,div_yield\nAAA,0.25,0\nBBB,0.30,0.01\n", nullptr, 1, "symbol"},
        bad_input_case{"PriceNotANumber", input_file::market,
                       replace_once(valid_market, "AAA,100,", "AAA,1OO,"), nullptr, 2, "1OO"},
        bad_input_case{"VolNaN", input_file::market,
                       replace_once(valid_market, "AAA,100,0.25", "AAA,100,nan"), nullptr, 2,
                       "nan"},
        bad_input_case{"QuantityInfinite", input_file::positions,
                       replace_once(valid_positions, "stock,,,100", "stock,,,inf"), nullptr, 2,
                       "inf"},
        bad_input_case{"PriceZero", input_file::market,
                       replace_once(valid_market, "BBB,50,", "BBB,0.00,"), nullptr, 3, "0.00"},
        bad_input_case{"PriceNegative", input_file::market,
                       replace_once(valid_market, "BBB,50,", "BBB,-50,"), nullptr, 3, "-50"},
        bad_input_case{"VolZero", input_file::market,
                       replace_once(valid_market, "AAA,100,0.25", "AAA,100,0.0"), nullptr, 2,
                       "0.0"},
        bad_input_case{"VolNegative", input_file::market,
                       replace_once(valid_market, "AAA,100,0.25", "AAA,100,-0.25"), nullptr, 2,
                       "-0.25"},
        bad_input_case{"UnknownSymbol", input_file::positions,
                       replace_once(valid_positions, "A2,BBB", "A2,ZZZ"), nullptr, 4, "ZZZ"},
        bad_input_case{"UnknownAssetClass", input_file::market,
                       replace_once(valid_market, "0.01,equity", "0.01,crypto"), nullptr, 3,
                       "crypto"},
        bad_input_case{"ImpossibleExpiry", input_file::positions,
                       replace_once(valid_positions, "2027-01-15", "2027-02-30"), nullptr, 3,
                       "2027-02-30"},
        bad_input_case{"MalformedExpiry", input_file::positions,
                       replace_once(valid_positions, "2027-01-15", "15/01/2027"), nullptr, 3,
                       "15/01/2027"},
        bad_input_case{"ExpiredOption", input_file::positions,
                       replace_once(valid_positions, "2026-12-18", "2026-11-19"), nullptr, 4,
                       "2026-11-19"},
        bad_input_case{"DuplicateMarketSymbol", input_file::market,
                       replace_once(valid_market, "BBB,50", "AAA,50"), nullptr, 3, "AAA"},
        bad_input_case{"EmptyMarketFile", input_file::market, "", nullptr, 1, ""},
        bad_input_case{"EmptyPositionsFile", input_file::positions, "", nullptr, 1, ""},
        bad_input_case{"ConfigKeyOfWrongType", input_file::config, "rate = \"high\"", "rate", -1,
                       "\"high\""}),
    [](const ::testing::TestParamInfo<bad_input_case>& info) { return info.param.name; });

}  // namespace
}  // namespace pmrisk::testing
