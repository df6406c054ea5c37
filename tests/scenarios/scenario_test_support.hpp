#pragma once
// Shared pieces of the scenario tests: small markets, temporary input files, sample statistics.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "pmrisk/error.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"

namespace pmrisk::scenarios::testing {

/// A market of the given symbols and annualised vols, $100 each.
inline market_data make_market(const std::vector<std::string>& symbols,
                               const std::vector<double>& vols) {
  market_data market;
  for (std::size_t u = 0; u < symbols.size(); ++u) {
    underlying held;
    held.symbol = symbols[u];
    held.price = 100;
    held.vol = vols[u];
    held.asset_class = "equity";
    held.product_group = symbols[u];
    held.where = {"market.csv", static_cast<int>(u) + 2, 0};
    market.index_by_symbol.emplace(symbols[u], static_cast<std::int32_t>(u));
    market.underlyings.push_back(held);
  }
  return market;
}

/// A file under the test's own temporary folder, holding `text`.
inline std::string write_file(const std::string& name, const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "pmrisk_scenarios" /
                                       info->test_suite_name() / info->name();
  std::filesystem::create_directories(folder);
  const std::filesystem::path path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

/// Runs `action`, which must throw input_error whose message starts with `prefix`
/// ("file:line:column: ") and contains `fragment`.
inline void expect_input_error(const std::function<void()>& action, const std::string& prefix,
                               const std::string& fragment) {
  try {
    action();
    ADD_FAILURE() << "expected input_error " << prefix << " ... " << fragment;
  } catch (const input_error& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

/// The standardised shocks z_u of a tile, recovered from r = scale z + drift.
inline std::vector<double> shocks(const scenario_tile& tile, const scenario_model& model,
                                  std::size_t u) {
  std::vector<double> z(tile.count);
  for (std::size_t j = 0; j < tile.count; ++j) {
    z[j] = (tile.log_return[tile.at(u, j)] - model.return_drift[u]) / model.shock_scale[u];
  }
  return z;
}

/// One underlying's column of a tile array.
inline std::vector<double> column(const std::vector<double>& values, const scenario_tile& tile,
                                  std::size_t u) {
  return {values.begin() + static_cast<std::ptrdiff_t>(tile.at(u, 0)),
          values.begin() + static_cast<std::ptrdiff_t>(tile.at(u, 0) + tile.count)};
}

inline double mean(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

/// Sample standard deviation (n - 1 denominator).
inline double stdev(const std::vector<double>& x) {
  const double m = mean(x);
  double sum = 0;
  for (double v : x) sum += (v - m) * (v - m);
  return std::sqrt(sum / static_cast<double>(x.size() - 1));
}

inline double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean(x);
  const double my = mean(y);
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace pmrisk::scenarios::testing
