#pragma once
// Synthetic firms for capacity benchmarks: a market, a factor-model correlation file, and the
// positions and equity of many accounts shaped like a broker's book (docs/synth.md).

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace pmrisk::synth {

/// The strategies an account's positions are built from: securities strategies first, then the
/// futures strategies only futures accounts hold (host/synth/futures_strategies.cpp). A kind,
/// its weight in its mix and its legs are all a new strategy needs.
enum class strategy_kind : std::uint8_t {
  stock_only,          ///< long or short stock
  covered_call,        ///< long stock, short out-of-the-money calls
  protective_put,      ///< long stock, long out-of-the-money puts
  collar,              ///< long stock, long put, short call
  vertical,            ///< a debit or credit spread of two calls or two puts
  iron_condor,         ///< a put spread below and a call spread above spot
  strangle,            ///< an out-of-the-money put and call, mostly short
  straddle,            ///< an at-the-money put and call
  index_hedge,         ///< long broad-index puts, sometimes as a put spread
  single_option,       ///< a long call, a long put or a short put
  future_outright,     ///< a long or short equity index future
  future_calendar,     ///< long one contract month, short another of the same commodity
  future_with_option,  ///< a long future with short calls (covered) or long puts (protective)
  future_strangle,     ///< short out-of-the-money put and call on a future
  future_spread,       ///< long one index future against a short other (ES against RTY)
};
inline constexpr std::size_t strategy_kind_count = 15;
/// The kinds before future_outright: the securities strategies every account draws from.
inline constexpr std::size_t securities_strategy_count = 10;

/// "covered_call", as docs/synth.md and the command's summary name it.
std::string_view strategy_name(strategy_kind kind);

inline constexpr std::int32_t min_underlyings = 2;  ///< a broad index and one stock or ETF
inline constexpr std::int32_t max_underlyings = 200'000;

/// Strategies per account follow a discrete Pareto law whose scale is the fewest strategies an
/// account holds (docs/synth.md, "Accounts"). The default gives a broker-like book of about 9
/// position rows per account; capacity sweeps raise it to grow accounts without adding any.
inline constexpr double default_strategy_scale = 2;
inline constexpr double min_strategy_scale = 1;  ///< every account holds a strategy
inline constexpr double max_strategy_scale = 100;

/// Share of accounts that also trade index futures and options on them (docs/synth.md,
/// "Futures"): a minority, as at brokers offering both. 0 writes no futures at all.
inline constexpr double default_futures_share = 0.08;

struct firm_spec {
  std::int64_t accounts = 0;     ///< >= 1
  std::int32_t underlyings = 0;  ///< min_underlyings .. max_underlyings
  std::uint64_t seed = 0;
  std::int32_t asof_day = 0;  ///< days since 1970-01-01; every expiry falls after it
  double strategy_scale = default_strategy_scale;  ///< min_ .. max_strategy_scale
  double futures_share = default_futures_share;    ///< 0 .. 1
};

/// The expected position rows per account of a firm with this strategy scale: the expected
/// strategy count (capped) times the strategy mix's mean legs per strategy, plus the futures
/// accounts' share of the expected futures rows.
double mean_positions_per_account(double strategy_scale,
                                  double futures_share = default_futures_share);

/// The strategy scale whose firms hold `positions_per_account` rows per account on average;
/// the value must lie within [mean_positions_per_account(min_strategy_scale),
/// mean_positions_per_account(max_strategy_scale)] (pmrisk::logic_error otherwise).
double strategy_scale_for_positions(double positions_per_account,
                                    double futures_share = default_futures_share);

/// What was written, for the command's summary and for tests.
struct firm_summary {
  std::int64_t accounts = 0;
  std::int64_t positions = 0;  ///< rows of positions.csv
  std::int32_t underlyings = 0;
  std::int32_t futures_contracts = 0;  ///< market.csv rows after the underlyings
  std::int32_t factors = 0;            ///< factor columns of correlation.csv
  std::array<std::int64_t, strategy_kind_count> strategies{};  ///< strategies of each kind
  std::vector<std::int64_t> accounts_by_rows;  ///< [n]: accounts holding n position rows
};

inline constexpr const char* market_file_name = "market.csv";
inline constexpr const char* positions_file_name = "positions.csv";
inline constexpr const char* accounts_file_name = "accounts.csv";
inline constexpr const char* correlation_file_name = "correlation.csv";

/// Writes the four files into `directory` (created if missing), streaming the accounts in
/// blocks so memory does not grow with spec.accounts. The same spec gives byte-identical files.
/// The files appear only once all four are complete. Throws pmrisk::input_error when the
/// directory cannot be created or a file cannot be written there. `progress` is called after
/// each block with the accounts written and the accounts in all.
firm_summary write_synthetic_firm(
    const firm_spec& spec, const std::filesystem::path& directory,
    const std::function<void(std::size_t done, std::size_t total)>& progress = {});

}  // namespace pmrisk::synth
