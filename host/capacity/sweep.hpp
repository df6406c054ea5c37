#pragma once
// A capacity sweep: one pipeline run per value of one dimension of the firm or the run, and the
// growth exponent of the time between successive values.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pmrisk::capacity {

enum class sweep_dimension {
  accounts,               ///< accounts in the synthetic firm
  scenarios,              ///< Monte Carlo scenarios
  underlyings,            ///< underlyings in the synthetic firm's market
  positions_per_account,  ///< mean position rows per synthetic account
};

/// "accounts", "scenarios", "underlyings", "positions-per-account", as --sweep spells them.
std::string_view dimension_name(sweep_dimension dimension);

/// Whether the dimension shapes the synthetic firm (and so needs one, not --market files).
bool shapes_firm(sweep_dimension dimension);

struct sweep_spec {
  sweep_dimension dimension = sweep_dimension::accounts;
  std::vector<std::uint64_t> values;  ///< at least two, strictly ascending
};

/// Parses "accounts=1000,10000,100000". Values are whole numbers within the dimension's range
/// (accounts 1 to 1e9, scenarios 1 to 1e9, underlyings 2 to 200,000, positions-per-account 5
/// to 362, what the synthetic generator can give), at least two, strictly ascending, so every
/// step has a slope and memory high-water marks grow with the runs. Throws input_error at
/// "--sweep" saying what is wrong.
sweep_spec parse_sweep(std::string_view text);

/// Exponents above this are marked in the sweep table: the target is linear growth.
inline constexpr double superlinear_exponent = 1.1;

/// The log-log slope of seconds against value between each run and the one before it:
/// ln(t[i] / t[i-1]) / ln(x[i] / x[i-1]). Element 0, and any step with a non-positive time, is
/// NaN (no slope).
std::vector<double> growth_exponents(const std::vector<std::uint64_t>& values,
                                     const std::vector<double>& seconds);

}  // namespace pmrisk::capacity
