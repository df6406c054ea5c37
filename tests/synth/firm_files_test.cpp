// The files of a synthetic firm: byte-identical for a seed whatever the thread count, loadable
// by pmrisk's own loaders, valued by compute_margin without error, and consistent with each
// other and with the summary.

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "cli/cli_runner.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/scenarios/correlation_file.hpp"
#include "pmrisk/span_config.hpp"
#include "pmrisk/synth.hpp"
#include "synth_test_support.hpp"

namespace pmrisk::synth {
namespace {

using pmrisk::testing::parse_csv;
using pmrisk::testing::read_file;
using pmrisk::testing::temp_dir;
using testing::small_firm_spec;

const std::vector<std::string> file_names = {market_file_name, positions_file_name,
                                             accounts_file_name, correlation_file_name};

// Rows of a written CSV file without its comment line and header.
std::vector<std::vector<std::string>> data_rows(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows = parse_csv(read_file(path));
  EXPECT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].rfind("# pmrisk synth: seed ", 0), 0u) << path;
  rows.erase(rows.begin(), rows.begin() + 2);
  return rows;
}

TEST(SyntheticFirmFiles, SameSeedGivesByteIdenticalFilesWhateverTheThreadCount) {
  // 20,000 accounts span three blocks of the writer.
  const firm_spec spec = small_firm_spec(20'000);
  temp_dir first, second, other;
  const int threads = omp_get_max_threads();
  write_synthetic_firm(spec, first.path());
  omp_set_num_threads(threads > 1 ? 1 : 3);
  write_synthetic_firm(spec, second.path());
  omp_set_num_threads(threads);
  write_synthetic_firm(small_firm_spec(20'000, spec.seed + 1), other.path());

  for (const std::string& name : file_names) {
    SCOPED_TRACE(name);
    const std::string text = read_file(first.path() / name);
    EXPECT_EQ(text, read_file(second.path() / name));
    if (name != correlation_file_name) EXPECT_NE(text, read_file(other.path() / name));
  }
  EXPECT_EQ(pmrisk::testing::directory_entries(first.path()),
            (std::vector<std::string>{accounts_file_name, correlation_file_name, market_file_name,
                                      positions_file_name}));  // no temporary file left
}

TEST(SyntheticFirmFiles, LoadThroughPmriskAndComputeMarginRuns) {
  const firm_spec spec = small_firm_spec(3'000);
  temp_dir dir;
  const firm_summary summary = write_synthetic_firm(spec, dir.path());

  engine_config config = load_engine_config(PMRISK_SOURCE_DIR "/configs/tims.toml");
  config.span = load_span_config(PMRISK_SOURCE_DIR "/configs/span.toml");
  const market_data market = load_market((dir.path() / market_file_name).string(), config);
  // 500 underlyings, then three quarterly months each of ES and RTY.
  ASSERT_EQ(summary.futures_contracts, 6);
  ASSERT_EQ(market.underlyings.size(), 506u);
  std::set<std::string> classes;
  for (const underlying& u : market.underlyings) classes.insert(u.asset_class);
  EXPECT_EQ(classes, (std::set<std::string>{"broad_index", "broad_index_high_cap", "equity", "etf",
                                            "equity_index_future"}));

  const std::vector<position> positions =
      load_positions((dir.path() / positions_file_name).string(), market, config, spec.asof_day);
  ASSERT_EQ(static_cast<std::int64_t>(positions.size()), summary.positions);

  margin_options options;
  options.backend = backend_choice::cpu;
  const margin_report report = compute_margin(market, positions, config, options);
  ASSERT_EQ(static_cast<std::int64_t>(report.accounts.size()), spec.accounts);
  EXPECT_EQ(static_cast<std::int64_t>(report.position_count), summary.positions);
  EXPECT_LT(report.series_count * 2, report.position_count);  // series repeat across accounts
  double total = 0;
  for (const account_margin& account : report.accounts) {
    ASSERT_TRUE(std::isfinite(account.requirement)) << account.account;
    EXPECT_GE(account.requirement, 0) << account.account;
    total += account.requirement;
  }
  EXPECT_GT(total, 0);

  // The correlation file is a factor model pmrisk's Monte Carlo loader accepts.
  const scenarios::correlation_input correlation =
      scenarios::load_correlation_file((dir.path() / correlation_file_name).string(), market);
  ASSERT_TRUE(std::holds_alternative<scenarios::factor_loadings>(correlation));
  const auto& factors = std::get<scenarios::factor_loadings>(correlation);
  EXPECT_EQ(static_cast<std::int32_t>(factors.factors.size()), summary.factors);
  EXPECT_EQ(factors.factors.front(), "market");
}

TEST(SyntheticFirmFiles, FuturesAccountsGetASpanRequirement) {
  const firm_spec spec = small_firm_spec(1'000);
  temp_dir dir;
  write_synthetic_firm(spec, dir.path());
  engine_config config = load_engine_config(PMRISK_SOURCE_DIR "/configs/tims.toml");
  config.span = load_span_config(PMRISK_SOURCE_DIR "/configs/span.toml");
  const market_data market = load_market((dir.path() / market_file_name).string(), config);

  // Contract months as listed: ESZ6, ESH7, ESM7 for an as-of of 2026-11-20, each within a few
  // percent of its index (carry over at most seven months).
  std::map<std::string, double> price;
  for (const underlying& u : market.underlyings) price[u.symbol] = u.price;
  for (const char* symbol : {"ESZ6", "ESH7", "ESM7", "RTYZ6", "RTYH7", "RTYM7"})
    ASSERT_TRUE(price.count(symbol)) << symbol;
  EXPECT_NEAR(price["ESZ6"] / price["SPX"], 1, 0.01);
  EXPECT_NEAR(price["RTYM7"] / price["RUT"], 1, 0.03);

  const std::vector<position> positions =
      load_positions((dir.path() / positions_file_name).string(), market, config, spec.asof_day);
  std::set<std::string> futures_accounts;
  std::set<instrument_kind> kinds;
  for (const position& p : positions) {
    if (!is_futures_instrument(p.kind)) continue;
    futures_accounts.insert(p.account);
    kinds.insert(p.kind);
  }
  // About 8% of 1,000 accounts hold futures, outright and as options on them.
  EXPECT_GT(futures_accounts.size(), 40u);
  EXPECT_LT(futures_accounts.size(), 120u);
  EXPECT_EQ(kinds, (std::set<instrument_kind>{instrument_kind::future, instrument_kind::future_call,
                                              instrument_kind::future_put}));

  margin_options options;
  options.backend = backend_choice::cpu;
  const margin_report report = compute_margin(market, positions, config, options);
  ASSERT_EQ(static_cast<std::int64_t>(report.accounts.size()), spec.accounts);
  std::size_t seen = 0;
  for (const account_margin& account : report.accounts) {
    ASSERT_TRUE(std::isfinite(account.requirement)) << account.account;
    if (!futures_accounts.count(account.account)) {
      EXPECT_EQ(account.span_requirement, 0) << account.account;
      continue;
    }
    ++seen;
    // A calendar nets to a small but positive scan risk; every futures book carries some.
    EXPECT_GT(account.span_requirement, 0) << account.account;
    EXPECT_GE(account.requirement, account.span_requirement) << account.account;
    EXPECT_TRUE(account.source == requirement_source::span ||
                account.source == requirement_source::grid ||
                account.source == requirement_source::minimum)
        << account.account << " " << requirement_source_name(account.source);
  }
  EXPECT_EQ(seen, futures_accounts.size());
}

TEST(SyntheticFirmFiles, ZeroFuturesShareWritesNoFutures) {
  firm_spec spec = small_firm_spec(200);
  spec.futures_share = 0;
  temp_dir dir;
  const firm_summary summary = write_synthetic_firm(spec, dir.path());
  EXPECT_EQ(summary.futures_contracts, 0);
  for (std::size_t k = securities_strategy_count; k < strategy_kind_count; ++k)
    EXPECT_EQ(summary.strategies[k], 0);
  EXPECT_EQ(read_file(dir.path() / positions_file_name).find(",future"), std::string::npos);
  EXPECT_NE(read_file(dir.path() / market_file_name).find("futures share 0"), std::string::npos);
}

TEST(SyntheticFirmFiles, FilesAgreeWithEachOtherAndTheSummary) {
  const firm_spec spec = small_firm_spec(3'000);
  temp_dir dir;
  std::vector<std::size_t> progress;
  const firm_summary summary =
      write_synthetic_firm(spec, dir.path(), [&](std::size_t done, std::size_t total) {
        EXPECT_EQ(total, 3'000u);
        progress.push_back(done);
      });
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), 3'000u);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));

  const auto accounts = data_rows(dir.path() / accounts_file_name);
  ASSERT_EQ(static_cast<std::int64_t>(accounts.size()), spec.accounts);
  std::set<std::string> account_ids;
  for (const auto& row : accounts) {
    ASSERT_EQ(row.size(), 2u);
    EXPECT_GT(std::stod(row[1]), 0);
    account_ids.insert(row[0]);
  }
  EXPECT_EQ(account_ids.size(), accounts.size());
  EXPECT_EQ(*account_ids.begin(), "ACC-0000001");
  EXPECT_EQ(*account_ids.rbegin(), "ACC-0003000");

  const auto positions = data_rows(dir.path() / positions_file_name);
  EXPECT_EQ(static_cast<std::int64_t>(positions.size()), summary.positions);
  std::set<std::string> holders;
  for (const auto& row : positions) holders.insert(row[0]);
  EXPECT_EQ(holders, account_ids);

  std::int64_t strategies = 0, accounts_counted = 0, rows_counted = 0;
  for (std::int64_t s : summary.strategies) strategies += s;
  for (std::size_t n = 0; n < summary.accounts_by_rows.size(); ++n) {
    accounts_counted += summary.accounts_by_rows[n];
    rows_counted += summary.accounts_by_rows[n] * static_cast<std::int64_t>(n);
  }
  EXPECT_EQ(accounts_counted, spec.accounts);
  EXPECT_EQ(rows_counted, summary.positions);
  EXPECT_GE(strategies, 2 * spec.accounts);

  // Unit variance per row of the factor file, within its 6-decimal rounding.
  const auto correlation = data_rows(dir.path() / correlation_file_name);
  ASSERT_EQ(correlation.size(), 506u);
  for (const auto& row : correlation) {
    double variance = 0;
    for (std::size_t c = 1; c < row.size(); ++c) variance += std::stod(row[c]) * std::stod(row[c]);
    EXPECT_NEAR(variance, 1.0, 1e-5) << row[0];
  }
}

TEST(SyntheticFirmFiles, AnUnwritableDirectoryIsAClearError) {
  temp_dir dir;
  const std::filesystem::path file = dir.path() / "plain-file";
  pmrisk::testing::write_file(file, "not a directory\n");
  const firm_spec spec = small_firm_spec(10);
  try {
    write_synthetic_firm(spec, file);
    FAIL() << "a regular file is not a directory";
  } catch (const input_error& error) {
    EXPECT_NE(std::string(error.what()).find("not a directory"), std::string::npos) << error.what();
  }
  try {
    write_synthetic_firm(spec, file / "firm");
    FAIL() << "a directory cannot be created under a regular file";
  } catch (const input_error& error) {
    EXPECT_NE(std::string(error.what()).find("cannot create the output directory"),
              std::string::npos)
        << error.what();
  }
}

TEST(SyntheticFirmFiles, CreatesAMissingDirectory) {
  temp_dir dir;
  const std::filesystem::path nested = dir.path() / "a" / "b";
  write_synthetic_firm(small_firm_spec(5), nested);
  for (const std::string& name : file_names) EXPECT_TRUE(std::filesystem::exists(nested / name));
}

}  // namespace
}  // namespace pmrisk::synth
