// Lays the firm's positions out for the backends: one row per distinct series, positions
// grouped account -> class group in a fixed order.

#include "pmrisk/book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "pmrisk/error.hpp"
#include "pmrisk/pricing/black76.hpp"

namespace pmrisk {
namespace {

/// A series' identity. Doubles compare by bit pattern: two positions share a series only when
/// their terms are exactly equal, so de-duplication can never change a value.
struct series_key {
  std::int32_t underlying;
  instrument_kind kind;
  exercise_style style;
  std::uint64_t strike_bits;
  std::uint64_t years_bits;
  std::uint64_t vol_bits;

  bool operator==(const series_key&) const = default;
};

struct series_key_hash {
  std::size_t operator()(const series_key& k) const noexcept {
    std::uint64_t h = static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.underlying));
    h = h << 16 | static_cast<std::uint64_t>(k.kind) << 8 | static_cast<std::uint64_t>(k.style);
    for (std::uint64_t bits : {k.strike_bits, k.years_bits, k.vol_bits})
      h ^= bits + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h);
  }
};

/// Stock, and a future on its market row, is one series per underlying whatever the row says
/// about style, strike or vol.
series_key key_of(const position& p) {
  if (!is_option(p.kind))
    return {p.underlying, instrument_kind::stock, exercise_style::european, 0, 0, 0};
  return {p.underlying,
          p.kind,
          p.style,
          std::bit_cast<std::uint64_t>(p.strike),
          std::bit_cast<std::uint64_t>(p.years),
          std::bit_cast<std::uint64_t>(p.vol)};
}

void check_position(const position& p, const market_data& market, const engine_config& config) {
  PMRISK_EXPECTS(
      p.underlying >= 0 && static_cast<std::size_t>(p.underlying) < market.underlyings.size(),
      fmt::format("position of account '{}' names underlying {} of {}", p.account, p.underlying,
                  market.underlyings.size()));
  if (!std::isfinite(p.quantity)) throw input_error(p.where, "quantity must be a finite number");
  if (!(std::isfinite(p.multiplier) && p.multiplier > 0))
    throw input_error(p.where, "multiplier must be positive");
  // SPAN margins futures classes, TIMS securities: a row on the other kind of class would be
  // margined by the wrong method.
  const underlying& u = market.underlyings[static_cast<std::size_t>(p.underlying)];
  const bool span_class = config.span.classes.contains(u.asset_class);
  if (is_futures_instrument(p.kind) && !span_class)
    throw input_error(p.where, fmt::format("a futures position needs a SPAN asset class, but {} is "
                                           "in '{}', which the SPAN configuration does not list",
                                           u.symbol, u.asset_class));
  if (!is_futures_instrument(p.kind) && span_class)
    throw input_error(p.where, fmt::format("{} is in the futures class '{}': hold it as future, "
                                           "future_call or future_put",
                                           u.symbol, u.asset_class));
  if (!is_option(p.kind)) return;
  if (!(std::isfinite(p.strike) && p.strike > 0))
    throw input_error(p.where, "an option's strike must be positive");
  if (!std::isfinite(p.years)) throw input_error(p.where, "an option's expiry must be a date");
  if (!(std::isfinite(p.vol) && p.vol > 0))
    throw input_error(p.where, "an option's implied vol must be positive");
}

class series_table_builder {
 public:
  series_table_builder(const market_data& market, double rate) : market_(market), rate_(rate) {}

  std::int32_t index_of(const position& p) {
    const series_key key = key_of(p);
    const auto [it, inserted] = index_.try_emplace(key, static_cast<std::int32_t>(table_.size()));
    if (inserted) append(p);
    return it->second;
  }

  series_table take() { return std::move(table_); }

 private:
  // The pricers see pricing_kind: an option on a future is a call or put with zero cost of
  // carry (Black-76), whichever pricer its style selects.
  void append(const position& p) {
    const bool option = is_option(p.kind);
    table_.kind.push_back(pricing_kind(option ? p.kind : instrument_kind::stock));
    table_.style.push_back(option ? p.style : exercise_style::european);
    table_.strike.push_back(option ? p.strike : 0.0);
    table_.years.push_back(option ? p.years : 0.0);
    table_.vol.push_back(option ? p.vol : 0.0);
    table_.div_yield.push_back(carry_div_yield(
        p.kind, rate_, market_.underlyings[static_cast<std::size_t>(p.underlying)].div_yield));
    table_.underlying.push_back(p.underlying);
  }

  const market_data& market_;
  double rate_;
  series_table table_;
  std::unordered_map<series_key, std::int32_t, series_key_hash> index_;
};

}  // namespace

portfolio_book build_book(const market_data& market, const std::vector<position>& positions,
                          const engine_config& config) {
  for (const position& p : positions) check_position(p, market, config);

  const auto symbol_of = [&](const position& p) -> const std::string& {
    return market.underlyings[static_cast<std::size_t>(p.underlying)].symbol;
  };
  // Account, then symbol; the stable sort keeps input order within a class group.
  std::vector<std::size_t> order(positions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const position& pa = positions[a];
    const position& pb = positions[b];
    if (pa.account != pb.account) return pa.account < pb.account;
    return symbol_of(pa) < symbol_of(pb);
  });

  portfolio_book book;
  series_table_builder series(market, config.rate);
  // The current class group's net option contracts per (series, multiplier).
  std::map<std::pair<std::int32_t, double>, double> net_option_contracts;
  const auto close_class_group = [&] {
    for (const auto& [series_multiplier, contracts] : net_option_contracts)
      if (contracts < 0) book.class_group_short_option_contracts.back() -= contracts;
    net_option_contracts.clear();
  };
  book.position_series.reserve(positions.size());
  book.position_units.reserve(positions.size());
  book.account_class_group_begin.push_back(0);
  book.class_group_position_begin.push_back(0);

  for (std::size_t i = 0; i < order.size(); ++i) {
    const position& p = positions[order[i]];
    const position* previous = i == 0 ? nullptr : &positions[order[i - 1]];
    const bool new_account = previous == nullptr || previous->account != p.account;
    const bool new_class_group = new_account || previous->underlying != p.underlying;
    if (new_class_group && previous != nullptr)
      book.class_group_position_begin.push_back(
          static_cast<std::int64_t>(book.position_series.size()));
    if (new_account) {
      if (previous != nullptr)
        book.account_class_group_begin.push_back(
            static_cast<std::int64_t>(book.class_group_underlying.size()));
      book.account_ids.push_back(p.account);
    }
    if (new_class_group) {
      if (previous != nullptr) close_class_group();
      book.class_group_underlying.push_back(p.underlying);
      book.class_group_min_charge.push_back(0.0);
      book.class_group_short_option_contracts.push_back(0.0);
    }

    const std::int32_t series_index = series.index_of(p);
    book.position_series.push_back(series_index);
    book.position_units.push_back(p.quantity * p.multiplier);
    if (!is_option(p.kind)) continue;
    net_option_contracts[{series_index, p.multiplier}] += p.quantity;
    // SPAN's short option minimum replaces the TIMS per-contract minimum on futures options.
    if (!is_futures_instrument(p.kind))
      book.class_group_min_charge.back() +=
          config.min_charge_per_contract * p.multiplier * std::abs(p.quantity);
  }
  if (!positions.empty()) {
    close_class_group();
    book.class_group_position_begin.push_back(
        static_cast<std::int64_t>(book.position_series.size()));
    book.account_class_group_begin.push_back(
        static_cast<std::int64_t>(book.class_group_underlying.size()));
  }
  book.series = series.take();
  return book;
}

}  // namespace pmrisk
