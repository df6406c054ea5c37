// `pmrisk bench` end to end on tiny firms: every stage in the JSON with a non-negative time that
// adds up to the total, work counts consistent with the firm and the batch plan, sweeps and
// their located errors, and the SVG plot. Also the sweep parser, growth exponents and SVG writer
// directly.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "capacity/svg_plot.hpp"
#include "capacity/sweep.hpp"
#include "cli/cli_runner.hpp"
#include "cli/json_reader.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::testing {
namespace {

const std::vector<std::string> stage_keys = {
    "load",    "scenario_model", "book",     "grid",  "scenario_generation",
    "reprice", "aggregate",      "transfer", "other", "write"};

double number(const json_value& value) {
  EXPECT_EQ(value.type, json_value::kind::number);
  return std::stod(value.text);
}

std::uint64_t count(const json_value& value) {
  EXPECT_EQ(value.type, json_value::kind::number);
  return std::stoull(value.text);
}

std::vector<std::string> tiny_synthetic(const std::vector<std::string>& more) {
  std::vector<std::string> args = {"bench", "--accounts", "40",  "--underlyings", "8", "--seed",
                                   "11",    "--backend",  "cpu", "--threads",     "2", "--json",
                                   "-"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

/// The stage times are non-negative and add up to total_seconds (each printed to 1e-6 s).
void expect_stages(const json_value& run) {
  const json_value& stages = run.at("stages");
  ASSERT_EQ(stages.members.size(), stage_keys.size());
  double sum = 0;
  for (std::size_t i = 0; i < stage_keys.size(); ++i) {
    EXPECT_EQ(stages.members[i].first, stage_keys[i]);
    const double seconds = number(stages.members[i].second);
    EXPECT_GE(seconds, 0) << stage_keys[i];
    sum += seconds;
  }
  EXPECT_NEAR(sum, number(run.at("total_seconds")), 1e-5 * stage_keys.size());
  EXPECT_GT(number(run.at("total_seconds")), 0);
  EXPECT_LE(number(run.at("compute_seconds")), number(run.at("total_seconds")) + 1e-5);
}

/// Element names in document order, checking every tag is closed in order; fails the test on a
/// stray or unbalanced tag.
std::vector<std::string> element_names(const std::string& svg) {
  std::vector<std::string> names, open;
  for (std::size_t at = svg.find('<'); at != std::string::npos; at = svg.find('<', at + 1)) {
    const std::size_t end = svg.find('>', at);
    if (end == std::string::npos) {
      ADD_FAILURE() << "unterminated tag at " << at;
      break;
    }
    const std::string tag = svg.substr(at + 1, end - at - 1);
    if (tag.front() == '/') {
      if (open.empty() || open.back() != tag.substr(1)) ADD_FAILURE() << "stray </" << tag << ">";
      if (!open.empty()) open.pop_back();
      continue;
    }
    const std::string name = tag.substr(0, tag.find_first_of(" /"));
    names.push_back(name);
    if (tag.back() != '/') open.push_back(name);
  }
  EXPECT_TRUE(open.empty()) << "unclosed <" << (open.empty() ? "" : open.back()) << ">";
  return names;
}

TEST(BenchCommand, SyntheticTimsRunReportsEveryStageAndConsistentCounts) {
  const cli_result result = run_pmrisk(tiny_synthetic({}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value run = parse_json(result.out);
  expect_stages(run);
  EXPECT_EQ(run.at("backend").text.rfind("cpu (2 threads)", 0), 0u);
  const json_value& firm = run.at("firm");
  EXPECT_EQ(firm.at("source").text, "synthetic");
  EXPECT_EQ(count(firm.at("seed")), 11u);
  EXPECT_EQ(count(firm.at("accounts")), 40u);
  // The market's rows: 8 underlyings and the synthetic firm's three ES contract months (its one
  // index is SPX; docs/synth.md, "Futures").
  EXPECT_EQ(count(firm.at("underlyings")), 8u + 3u);
  const std::uint64_t positions = count(firm.at("positions"));
  const std::uint64_t series = count(firm.at("series"));
  EXPECT_GE(positions, 40u);  // every account holds at least one strategy
  EXPECT_GE(series, 1u);
  EXPECT_LE(series, positions);

  EXPECT_EQ(count(run.at("scenarios")), 0u);
  EXPECT_EQ(number(run.at("stages").at("scenario_model")), 0);
  EXPECT_EQ(number(run.at("stages").at("scenario_generation")), 0);
  EXPECT_EQ(number(run.at("stages").at("transfer")), 0);  // the CPU copies nothing

  // One batch holds this firm: every series is repriced, and every position summed, once at
  // each of its underlying's points (at least one).
  const json_value& batches = run.at("batches");
  ASSERT_EQ(count(batches.at("tims")), 1u);
  EXPECT_EQ(batches.at("montecarlo").type, json_value::kind::null);
  EXPECT_EQ(number(batches.at("accounts_per_batch")), 40);
  EXPECT_GT(count(batches.at("budget_bytes")), 0u);
  const json_value& work = run.at("work");
  EXPECT_GE(count(work.at("repricings")), series);
  EXPECT_GE(count(work.at("aggregations")), positions);
  EXPECT_EQ(count(work.at("scenario_repricings")), 0u);
  EXPECT_EQ(count(work.at("scenario_aggregations")), 0u);

  EXPECT_GT(count(run.at("memory").at("peak_host_bytes")), 0u);
  EXPECT_EQ(run.at("memory").at("peak_device_bytes").type, json_value::kind::null);
  const json_value& throughput = run.at("throughput");
  for (const char* key :
       {"repricings_per_second", "aggregations_per_second", "accounts_per_second"})
    EXPECT_GE(number(throughput.at(key)), 0) << key;
  EXPECT_NEAR(number(throughput.at("accounts_per_second")), 40 / number(run.at("total_seconds")),
              0.01 * number(throughput.at("accounts_per_second")) + 0.1);
}

TEST(BenchCommand, MonteCarloRunCountsEveryScenario) {
  const cli_result result = run_pmrisk(tiny_synthetic({"--scenarios", "300"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value run = parse_json(result.out);
  expect_stages(run);
  EXPECT_EQ(count(run.at("scenarios")), 300u);
  ASSERT_EQ(count(run.at("batches").at("montecarlo")), 1u);
  // One batch: each series is repriced, and each position summed, once per scenario.
  const json_value& firm = run.at("firm");
  const json_value& work = run.at("work");
  EXPECT_EQ(count(work.at("scenario_repricings")), 300 * count(firm.at("series")));
  EXPECT_EQ(count(work.at("scenario_aggregations")), 300 * count(firm.at("positions")));
  EXPECT_GT(number(run.at("stages").at("scenario_generation")), 0);
  EXPECT_GT(number(run.at("stages").at("scenario_model")), 0);
}

TEST(BenchCommand, GivenFirmIsLoadedFromItsFiles) {
  temp_dir dir;
  const cli_result synth = run_pmrisk({"synth", "--accounts", "30", "--underlyings", "6", "--seed",
                                       "3", "--out", dir.path().string(), "--quiet"});
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  const cli_result result = run_pmrisk({"bench", "--market", dir.file("market.csv"), "--positions",
                                        dir.file("positions.csv"), "--config",
                                        default_config_path(), "--backend", "cpu", "--json", "-"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value run = parse_json(result.out);
  expect_stages(run);
  EXPECT_EQ(run.at("firm").at("source").text, "files");
  EXPECT_EQ(run.at("firm").at("seed").type, json_value::kind::null);
  EXPECT_EQ(run.at("firm").at("synth_seconds").type, json_value::kind::null);
  EXPECT_EQ(count(run.at("firm").at("accounts")), 30u);
  EXPECT_EQ(count(run.at("firm").at("underlyings")), 6u + 3u);  // and ESZ6, ESH7, ESM7
  // positions.csv: a provenance comment, the header, then one row per position.
  const auto rows = parse_csv(read_file(dir.file("positions.csv")));
  EXPECT_EQ(count(run.at("firm").at("positions")), rows.size() - 2);
  // The bench leaves the given firm's directory as it found it.
  EXPECT_EQ(
      directory_entries(dir.path()),
      (std::vector<std::string>{"accounts.csv", "correlation.csv", "market.csv", "positions.csv"}));
}

TEST(BenchCommand, TableNamesEveryStage) {
  const cli_result result =
      run_pmrisk({"bench", "--accounts", "20", "--underlyings", "5", "--backend", "cpu"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* label : {"load and validate", "de-duplicate (book)", "scenario generation",
                            "reprice", "aggregate and reduce", "write", "total", "peak host"})
    EXPECT_NE(result.out.find(label), std::string::npos) << label << "\n" << result.out;
}

TEST(BenchCommand, SweepWritesEveryRunTheExponentsAndThePlot) {
  temp_dir dir;
  const std::string svg = dir.file("sweep.svg");
  const cli_result result = run_pmrisk({"bench", "--sweep", "accounts=10,30", "--underlyings", "5",
                                        "--backend", "cpu", "--json", "-", "--svg", svg});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value sweep = parse_json(result.out);
  EXPECT_EQ(sweep.at("sweep").at("dimension").text, "accounts");
  ASSERT_EQ(sweep.at("runs").items.size(), 2u);
  EXPECT_EQ(count(sweep.at("runs").items[0].at("firm").at("accounts")), 10u);
  EXPECT_EQ(count(sweep.at("runs").items[1].at("firm").at("accounts")), 30u);
  for (const json_value& run : sweep.at("runs").items) expect_stages(run);
  ASSERT_EQ(sweep.at("growth_exponents").items.size(), 2u);
  EXPECT_EQ(sweep.at("growth_exponents").items[0].type, json_value::kind::null);
  EXPECT_EQ(sweep.at("growth_exponents").items[1].type, json_value::kind::number);

  const std::string text = read_file(svg);
  EXPECT_EQ(text.rfind("<svg", 0), 0u);
  const std::vector<std::string> names = element_names(text);
  // The total and at least the load, which always takes time.
  EXPECT_GE(std::count(names.begin(), names.end(), "polyline"), 2);
  EXPECT_EQ(directory_entries(dir.path()), std::vector<std::string>{"sweep.svg"});
}

TEST(BenchCommand, PositionsPerAccountSweepGrowsTheAccounts) {
  const cli_result result =
      run_pmrisk({"bench", "--sweep", "positions-per-account=5,40", "--accounts", "300",
                  "--underlyings", "20", "--backend", "cpu", "--json", "-", "--quiet"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json_value sweep = parse_json(result.out);
  const auto& runs = sweep.at("runs").items;
  ASSERT_EQ(runs.size(), 2u);
  // 300 heavy-tailed accounts: within a third of the asked-for mean.
  const double small = static_cast<double>(count(runs[0].at("firm").at("positions"))) / 300;
  const double large = static_cast<double>(count(runs[1].at("firm").at("positions"))) / 300;
  EXPECT_NEAR(small, 5, 5.0 / 3);
  EXPECT_NEAR(large, 40, 40.0 / 3);
}

struct bad_bench {
  std::vector<std::string> args;
  std::string message;
};

TEST(BenchCommand, BadSweepsAndFlagsAreUserErrors) {
  const std::string market = example_market_path();
  const std::string positions = example_positions_path();
  const std::vector<bad_bench> cases = {
      {{"--sweep", "accounts"}, "expected DIMENSION=V1,V2,..."},
      {{"--sweep", "trades=1,2"}, "unknown dimension 'trades'"},
      {{"--sweep", "accounts=100"}, "at least two values"},
      {{"--sweep", "accounts=100,10"}, "values must ascend strictly, got 10 after 100"},
      {{"--sweep", "accounts=100,100"}, "values must ascend strictly"},
      {{"--sweep", "accounts=10,abc"}, "got 'abc'"},
      {{"--sweep", "accounts=10,,20"}, "got ''"},
      {{"--sweep", "accounts=0,10"}, "from 1 to"},
      {{"--sweep", "positions-per-account=2,10", "--accounts", "10"}, "from 5 to 362"},
      {{"--sweep", "underlyings=1,10", "--accounts", "10"}, "from 2 to 200000"},
      {{"--sweep", "accounts=10,20", "--accounts", "10"},
       "--accounts: the sweep sets the accounts"},
      {{"--sweep", "accounts=10,20", "--market", market, "--positions", positions},
       "sweeping accounts needs a synthetic firm"},
      {{"--underlyings", "5"}, "--accounts: a synthetic firm needs its size"},
      {{"--accounts", "10", "--svg", "plot.svg"}, "--svg requires --sweep"},
      {{"--accounts", "10", "--market", market, "--positions", positions}, "excludes"},
      {{"--accounts", "-3"}, "expected a whole number from 1"},
      {{"--accounts", "10", "--positions-per-account", "1000"}, "from 5 to 362"},
  };
  for (const bad_bench& bad : cases) {
    std::vector<std::string> args = {"bench", "--backend", "cpu", "--quiet"};
    args.insert(args.end(), bad.args.begin(), bad.args.end());
    const cli_result result = run_pmrisk(args);
    EXPECT_EQ(result.exit_code, 2) << bad.message;
    EXPECT_NE(result.err.find(bad.message), std::string::npos)
        << "expected '" << bad.message << "' in: " << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
  }
}

TEST(SweepSpec, ParsesDimensionAndAscendingValues) {
  const capacity::sweep_spec spec = capacity::parse_sweep("scenarios=1000,10000,100000");
  EXPECT_EQ(spec.dimension, capacity::sweep_dimension::scenarios);
  EXPECT_EQ(spec.values, (std::vector<std::uint64_t>{1000, 10000, 100000}));
  EXPECT_FALSE(capacity::shapes_firm(spec.dimension));
  EXPECT_TRUE(capacity::shapes_firm(capacity::parse_sweep("underlyings=2,3").dimension));
  EXPECT_THROW(capacity::parse_sweep("=1,2"), input_error);
  EXPECT_THROW(capacity::parse_sweep("accounts=1,2,"), input_error);
  EXPECT_THROW(capacity::parse_sweep("accounts=1, 2"), input_error);
  EXPECT_THROW(capacity::parse_sweep("accounts=+1,2"), input_error);
}

TEST(SweepSpec, GrowthExponentIsTheLogLogSlope) {
  // t = c x^k has slope k between any two points, exactly up to rounding (1e-12).
  const std::vector<std::uint64_t> x = {1000, 10000, 100000, 400000};
  const std::vector<double> linear = {0.5, 5, 50, 200};
  const std::vector<double> quadratic = {1, 100, 10000, 160000};
  const std::vector<double> slopes = capacity::growth_exponents(x, linear);
  EXPECT_TRUE(std::isnan(slopes[0]));
  for (std::size_t i = 1; i < x.size(); ++i) EXPECT_NEAR(slopes[i], 1, 1e-12);
  const std::vector<double> steeper = capacity::growth_exponents(x, quadratic);
  for (std::size_t i = 1; i < x.size(); ++i) EXPECT_NEAR(steeper[i], 2, 1e-12);
  // A zero time has no slope, on either side.
  const std::vector<double> gap = capacity::growth_exponents(x, {1, 0, 3, 4});
  EXPECT_TRUE(std::isnan(gap[1]));
  EXPECT_TRUE(std::isnan(gap[2]));
  EXPECT_NEAR(gap[3], std::log(4.0 / 3) / std::log(4.0), 1e-12);
}

TEST(SvgPlot, IsWellFormedWithOnePolylinePerDrawnSeries) {
  capacity::line_plot plot;
  plot.title = "time against accounts <cpu & co>";
  plot.x_label = "accounts";
  plot.y_label = "seconds";
  plot.x = {1000, 10000, 100000};
  plot.series = {{"total", {0.1, 1, 10}},
                 {"reprice", {0.05, 0.4, 5}},
                 {"transfer", {0, 0, 0}},  // nothing to draw on a log axis: left out
                 {"write", {0.01, 0, 0.2}}};
  std::ostringstream out;
  capacity::write_svg(out, plot);
  const std::string svg = out.str();
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  const std::vector<std::string> names = element_names(svg);
  EXPECT_EQ(std::count(names.begin(), names.end(), "polyline"), 3);
  EXPECT_EQ(names.front(), "svg");
  EXPECT_NE(svg.find("&lt;cpu &amp; co&gt;"), std::string::npos);
  for (const char* legend : {">total<", ">reprice<", ">write<"})
    EXPECT_NE(svg.find(legend), std::string::npos) << legend;
  EXPECT_EQ(svg.find(">transfer<"), std::string::npos);
  // The write series skips its zero: two points in its polyline.
  const std::size_t last = svg.rfind("<polyline");
  const std::string points = svg.substr(svg.find("points=\"", last) + 8);
  EXPECT_EQ(std::count(points.begin(), points.begin() + points.find('"'), ','), 2);
}

TEST(SvgPlot, RejectsMismatchedSeries) {
  capacity::line_plot plot;
  plot.x = {1, 10};
  plot.series = {{"total", {1}}};
  std::ostringstream out;
  EXPECT_THROW(capacity::write_svg(out, plot), logic_error);
}

}  // namespace
}  // namespace pmrisk::testing
