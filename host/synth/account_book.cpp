#include "synth/account_book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pmrisk/pricing/black_scholes.hpp"

namespace pmrisk::synth {
namespace {

constexpr std::uint64_t account_stream = 0x6163636f756e74ULL;  // "account"
constexpr std::uint64_t futures_stream = 0x66757475726573ULL;  // "futures"

std::int64_t draw_strategy_count(double scale, random_stream& random) {
  const double count =
      std::floor(scale * std::pow(random.open_uniform(), -1 / strategy_count_shape));
  return count >= static_cast<double>(max_strategies_per_account)
             ? max_strategies_per_account
             : static_cast<std::int64_t>(count);
}

std::int64_t draw_futures_count(random_stream& random) {
  const double count = std::floor(std::pow(random.open_uniform(), -1 / futures_count_shape));
  return count >= static_cast<double>(max_futures_strategies) ? max_futures_strategies
                                                              : static_cast<std::int64_t>(count);
}

// The futures strategies of a futures account, drawn from the account's futures stream; the
// first draw decides whether it trades futures, so a larger share only adds accounts.
void append_futures(const firm_model& model, std::int64_t account, double scale,
                    account_book& book) {
  if (model.futures.empty()) return;
  random_stream random(
      derive_seed(model.spec.seed, futures_stream, static_cast<std::uint64_t>(account)));
  if (random.uniform() >= model.spec.futures_share) return;
  const std::int64_t count = draw_futures_count(random);
  for (std::int64_t s = 0; s < count; ++s) {
    const auto kind =
        static_cast<strategy_kind>(securities_strategy_count + model.futures_mix.pick(random));
    const double notional =
        std::clamp(scale * random.lognormal(futures_notional_median, futures_notional_sigma),
                   min_strategy_notional, max_strategy_notional);
    const auto first = static_cast<std::uint32_t>(book.legs.size());
    append_futures_strategy(kind, model, notional, random, book.legs);
    book.strategies.push_back({kind, first, static_cast<std::uint32_t>(book.legs.size()) - first});
  }
}

// Gross delta-adjusted notional: |units x multiplier x spot x delta|, delta 1 for stock and
// futures, Black-Scholes-Merton for options and Black-76 (carry = rate) for options on futures.
double exposure_of(const leg& position, const firm_model& model) {
  const universe_member& member =
      model.underlyings.members[static_cast<std::size_t>(position.underlying)];
  const double units = std::abs(static_cast<double>(position.quantity));
  if (!is_option(position.kind)) return units * multiplier_of(position) * member.price;
  const double carry_yield =
      is_futures_instrument(position.kind) ? exposure_rate : member.div_yield;
  const double delta =
      black_scholes_sensitivities(pricing_kind(position.kind), member.price,
                                  strike_of(position, model.underlyings),
                                  model.expiries[static_cast<std::size_t>(position.expiry)].years,
                                  exposure_rate, carry_yield, position.vol)
          .delta;
  return units * multiplier_of(position) * member.price * std::abs(delta);
}

}  // namespace

void generate_account(const firm_model& model, std::int64_t account, account_book& book) {
  book.legs.clear();
  book.strategies.clear();
  random_stream random(
      derive_seed(model.spec.seed, account_stream, static_cast<std::uint64_t>(account)));

  const double scale = random.lognormal(1.0, account_scale_sigma);
  const std::int64_t count = draw_strategy_count(model.spec.strategy_scale, random);
  for (std::int64_t s = 0; s < count; ++s) {
    const auto kind = static_cast<strategy_kind>(model.strategy_mix.pick(random));
    const double notional =
        std::clamp(scale * random.lognormal(strategy_notional_median, strategy_notional_sigma),
                   min_strategy_notional, max_strategy_notional);
    const auto first = static_cast<std::uint32_t>(book.legs.size());
    append_strategy(kind, model, notional, random, book.legs);
    book.strategies.push_back({kind, first, static_cast<std::uint32_t>(book.legs.size()) - first});
  }
  append_futures(model, account, scale, book);

  double exposure = 0;
  for (const leg& position : book.legs) exposure += exposure_of(position, model);
  const double leverage =
      std::clamp(random.lognormal(leverage_median, leverage_sigma), min_leverage, max_leverage);
  const double floor = random.lognormal(equity_floor_median, equity_floor_sigma);
  book.equity = std::round(std::max(exposure / leverage, floor) * 100) / 100;
}

int account_id_digits(std::int64_t accounts) {
  int digits = 1;
  for (std::int64_t n = accounts; n >= 10; n /= 10) ++digits;
  return std::max(digits, 7);
}

std::string account_id(std::int64_t account, int digits) {
  return fmt::format("ACC-{:0{}}", account + 1, digits);
}

}  // namespace pmrisk::synth
