#include "capacity/sweep.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "pmrisk/error.hpp"
#include "pmrisk/synth.hpp"

namespace pmrisk::capacity {
namespace {

constexpr std::uint64_t max_accounts = 1'000'000'000;
constexpr std::uint64_t max_scenarios = 1'000'000'000;

struct value_range {
  std::uint64_t low;
  std::uint64_t high;
};

value_range range_of(sweep_dimension dimension) {
  switch (dimension) {
    case sweep_dimension::accounts:
      return {1, max_accounts};
    case sweep_dimension::scenarios:
      return {1, max_scenarios};
    case sweep_dimension::underlyings:
      return {static_cast<std::uint64_t>(synth::min_underlyings),
              static_cast<std::uint64_t>(synth::max_underlyings)};
    case sweep_dimension::positions_per_account:
      // Whole numbers the generator's strategy scale can reach.
      return {static_cast<std::uint64_t>(
                  std::ceil(synth::mean_positions_per_account(synth::min_strategy_scale))),
              static_cast<std::uint64_t>(
                  std::floor(synth::mean_positions_per_account(synth::max_strategy_scale)))};
  }
  return {0, 0};
}

[[noreturn]] void fail(const std::string& message) {
  throw input_error(source_location{"--sweep", 0, 0}, message);
}

sweep_dimension parse_dimension(std::string_view name) {
  for (sweep_dimension dimension :
       {sweep_dimension::accounts, sweep_dimension::scenarios, sweep_dimension::underlyings,
        sweep_dimension::positions_per_account}) {
    if (name == dimension_name(dimension)) return dimension;
  }
  fail(fmt::format(
      "unknown dimension '{}'; expected accounts, scenarios, underlyings or positions-per-account",
      name));
}

std::uint64_t parse_value(std::string_view text, sweep_dimension dimension) {
  const value_range range = range_of(dimension);
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < range.low ||
      value > range.high) {
    fail(fmt::format("{} values must be whole numbers from {} to {}, got '{}'",
                     dimension_name(dimension), range.low, range.high, text));
  }
  return value;
}

}  // namespace

std::string_view dimension_name(sweep_dimension dimension) {
  switch (dimension) {
    case sweep_dimension::accounts:
      return "accounts";
    case sweep_dimension::scenarios:
      return "scenarios";
    case sweep_dimension::underlyings:
      return "underlyings";
    case sweep_dimension::positions_per_account:
      return "positions-per-account";
  }
  return "?";
}

bool shapes_firm(sweep_dimension dimension) {
  return dimension != sweep_dimension::scenarios;
}

sweep_spec parse_sweep(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos)
    fail(fmt::format("expected DIMENSION=V1,V2,... (accounts=1000,10000), got '{}'", text));
  sweep_spec spec;
  spec.dimension = parse_dimension(text.substr(0, equals));
  std::string_view rest = text.substr(equals + 1);
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::uint64_t value = parse_value(rest.substr(0, comma), spec.dimension);
    if (!spec.values.empty() && value <= spec.values.back()) {
      fail(fmt::format("values must ascend strictly, got {} after {}", value, spec.values.back()));
    }
    spec.values.push_back(value);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (spec.values.size() < 2)
    fail(fmt::format("a sweep needs at least two values, got '{}'", text));
  return spec;
}

std::vector<double> growth_exponents(const std::vector<std::uint64_t>& values,
                                     const std::vector<double>& seconds) {
  PMRISK_EXPECTS(values.size() == seconds.size(), "a time per value");
  std::vector<double> exponents(values.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (seconds[i] <= 0 || seconds[i - 1] <= 0 || values[i] == values[i - 1]) continue;
    exponents[i] = std::log(seconds[i] / seconds[i - 1]) /
                   std::log(static_cast<double>(values[i]) / static_cast<double>(values[i - 1]));
  }
  return exponents;
}

}  // namespace pmrisk::capacity
