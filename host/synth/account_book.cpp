#include "synth/account_book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pmrisk/pricing/black_scholes.hpp"

namespace pmrisk::synth {
namespace {

constexpr std::uint64_t account_stream = 0x6163636f756e74ULL;  // "account"

std::int64_t draw_strategy_count(double scale, random_stream& random) {
  const double count =
      std::floor(scale * std::pow(random.open_uniform(), -1 / strategy_count_shape));
  return count >= static_cast<double>(max_strategies_per_account)
             ? max_strategies_per_account
             : static_cast<std::int64_t>(count);
}

// Gross delta-adjusted notional: |shares x spot| for stock, |contracts x 100 x spot x delta|
// for options.
double exposure_of(const leg& position, const firm_model& model) {
  const universe_member& member =
      model.underlyings.members[static_cast<std::size_t>(position.underlying)];
  const double units = std::abs(static_cast<double>(position.quantity));
  if (position.kind == instrument_kind::stock) return units * member.price;
  const double delta = black_scholes_sensitivities(
                           position.kind, member.price, strike_of(position, model.underlyings),
                           model.expiries[static_cast<std::size_t>(position.expiry)].years,
                           exposure_rate, member.div_yield, position.vol)
                           .delta;
  return units * contract_multiplier * member.price * std::abs(delta);
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
