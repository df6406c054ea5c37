#include "synth/futures_strategies.hpp"

#include <algorithm>
#include <cmath>

#include "pmrisk/error.hpp"
#include "synth/futures_contracts.hpp"
#include "synth/vol_surface.hpp"

namespace pmrisk::synth {
namespace {

// Most futures interest sits in the front month; the second takes over in the roll.
constexpr std::array<double, futures_months> month_weights = {0.75, 0.20, 0.05};

const futures_commodity& pick_commodity(const firm_model& model, random_stream& random) {
  return model.futures[model.futures_commodity_choice.pick(random)];
}

// A contract month of the commodity, by month_weights.
std::int32_t pick_contract(const futures_commodity& commodity, random_stream& random) {
  const double u = random.uniform();
  double cumulative = 0;
  for (std::size_t m = 0; m + 1 < commodity.contracts.size(); ++m) {
    cumulative += month_weights[m];
    if (u < cumulative) return commodity.contracts[m];
  }
  return commodity.contracts.back();
}

const universe_member& member_of(const firm_model& model, std::int32_t contract) {
  return model.underlyings.members[static_cast<std::size_t>(contract)];
}

std::int64_t contracts_for(const firm_model& model, double notional, std::int32_t contract) {
  return std::max<std::int64_t>(
      1, std::llround(notional / (futures_multiplier * member_of(model, contract).price)));
}

leg future_leg(const firm_model& model, std::int32_t contract, std::int64_t quantity) {
  return {contract, instrument_kind::future, 0, member_of(model, contract).expiry, quantity, 0};
}

// An option on the future expiring with it, its strike z standard deviations of the move away.
leg option_leg(const firm_model& model, std::int32_t contract, instrument_kind kind, double z,
               std::int64_t quantity) {
  const universe_member& future = member_of(model, contract);
  const double years = model.expiries[static_cast<std::size_t>(future.expiry)].years;
  const double target = future.price * std::exp(z * future.atm_vol * std::sqrt(years));
  const std::int64_t steps =
      std::max<std::int64_t>(1, std::llround(target / future.strike_increment));
  const double strike = static_cast<double>(steps) * future.strike_increment;
  return {contract, kind, steps, future.expiry, quantity, series_vol(future, strike, years)};
}

void append_outright(const firm_model& model, double notional, random_stream& random,
                     std::vector<leg>& legs) {
  const std::int32_t contract = pick_contract(pick_commodity(model, random), random);
  const std::int64_t n = contracts_for(model, notional, contract);
  legs.push_back(future_leg(model, contract, random.chance(0.65) ? n : -n));
}

// Long one month and short the next: a bet on the roll, nearly flat in the index.
void append_calendar(const firm_model& model, double notional, random_stream& random,
                     std::vector<leg>& legs) {
  const futures_commodity& commodity = pick_commodity(model, random);
  const std::size_t near = random.chance(0.8) ? 0 : 1;
  const std::int32_t front = commodity.contracts[near];
  const std::int32_t back = commodity.contracts[near + 1];
  const std::int64_t n = contracts_for(model, notional, front);
  const std::int64_t sign = random.chance(0.5) ? 1 : -1;
  legs.push_back(future_leg(model, front, sign * n));
  legs.push_back(future_leg(model, back, -sign * n));
}

// A long future with calls written above it (60%) or puts bought below it.
void append_with_option(const firm_model& model, double notional, random_stream& random,
                        std::vector<leg>& legs) {
  const std::int32_t contract = pick_contract(pick_commodity(model, random), random);
  const std::int64_t n = contracts_for(model, notional, contract);
  legs.push_back(future_leg(model, contract, n));
  if (random.chance(0.6)) {
    legs.push_back(
        option_leg(model, contract, instrument_kind::future_call, random.uniform(0.25, 1.25), -n));
  } else {
    legs.push_back(
        option_leg(model, contract, instrument_kind::future_put, random.uniform(-1.25, -0.25), n));
  }
}

void append_strangle(const firm_model& model, double notional, random_stream& random,
                     std::vector<leg>& legs) {
  const std::int32_t contract = pick_contract(pick_commodity(model, random), random);
  const std::int64_t n = contracts_for(model, notional, contract);
  const leg put =
      option_leg(model, contract, instrument_kind::future_put, random.uniform(-1.5, -0.5), -n);
  leg call =
      option_leg(model, contract, instrument_kind::future_call, random.uniform(0.5, 1.5), -n);
  call.strike_steps = std::max(call.strike_steps, put.strike_steps + 1);
  call.vol = series_vol(
      member_of(model, contract),
      static_cast<double>(call.strike_steps) * member_of(model, contract).strike_increment,
      model.expiries[static_cast<std::size_t>(call.expiry)].years);
  legs.push_back(put);
  legs.push_back(call);
}

// Long the first commodity's front month against short the second's (or the reverse), matched
// in dollars: large caps against small caps, which SPAN credits as an inter-commodity spread.
void append_spread(const firm_model& model, double notional, random_stream& random,
                   std::vector<leg>& legs) {
  const std::int32_t first = model.futures[0].contracts.front();
  const std::int32_t second = model.futures[1].contracts.front();
  const std::int64_t n = contracts_for(model, notional, first);
  const std::int64_t matched = std::max<std::int64_t>(
      1, std::llround(static_cast<double>(n) * member_of(model, first).price /
                      member_of(model, second).price));
  const std::int64_t sign = random.chance(0.5) ? 1 : -1;
  legs.push_back(future_leg(model, first, sign * n));
  legs.push_back(future_leg(model, second, -sign * matched));
}

}  // namespace

void append_futures_strategy(strategy_kind kind, const firm_model& model, double notional,
                             random_stream& random, std::vector<leg>& legs) {
  switch (kind) {
    case strategy_kind::future_outright:
      return append_outright(model, notional, random, legs);
    case strategy_kind::future_calendar:
      return append_calendar(model, notional, random, legs);
    case strategy_kind::future_with_option:
      return append_with_option(model, notional, random, legs);
    case strategy_kind::future_strangle:
      return append_strangle(model, notional, random, legs);
    case strategy_kind::future_spread:
      return append_spread(model, notional, random, legs);
    default:
      PMRISK_EXPECTS(false, "a futures strategy kind");
  }
}

}  // namespace pmrisk::synth
