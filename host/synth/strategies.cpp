#include "synth/strategies.hpp"

#include <algorithm>
#include <cmath>

#include "pmrisk/error.hpp"

#include "synth/futures_contracts.hpp"
#include "synth/vol_surface.hpp"

namespace pmrisk::synth {
namespace {

constexpr auto call = instrument_kind::call;
constexpr auto put = instrument_kind::put;

// One underlying's chain at one expiry. Strikes are chosen in standard deviations of the
// underlying's move to expiry (z), then snapped to the listed grid.
class option_chain {
 public:
  option_chain(const firm_model& model, std::int32_t underlying, std::int32_t expiry)
      : underlying_(underlying),
        expiry_(expiry),
        member_(model.underlyings.members[static_cast<std::size_t>(underlying)]),
        years_(model.expiries[static_cast<std::size_t>(expiry)].years),
        move_sd_(member_.atm_vol * std::sqrt(years_)) {}

  const universe_member& member() const { return member_; }

  /// The listed strike nearest spot x exp(z sd), never below the first step.
  std::int64_t steps_at(double z) const {
    const double target = member_.price * std::exp(z * move_sd_);
    return std::max<std::int64_t>(1, std::llround(target / member_.strike_increment));
  }

  /// A spread's width: a fraction of spot, at least one step.
  std::int64_t width_steps(double spot_fraction) const {
    return std::max<std::int64_t>(
        1, std::llround(member_.price * spot_fraction / member_.strike_increment));
  }

  leg option(instrument_kind kind, std::int64_t steps, std::int64_t quantity) const {
    const double strike = static_cast<double>(steps) * member_.strike_increment;
    return {underlying_, kind, steps, expiry_, quantity, series_vol(member_, strike, years_)};
  }

 private:
  std::int32_t underlying_;
  std::int32_t expiry_;
  const universe_member& member_;
  double years_;
  double move_sd_;
};

std::int32_t pick_stockable(const firm_model& model, random_stream& random) {
  const universe& u = model.underlyings;
  return u.stockable[u.stockable_choice.pick(random)];
}

std::int32_t pick_index(const firm_model& model, random_stream& random) {
  const universe& u = model.underlyings;
  return u.indices[u.index_choice.pick(random)];
}

std::int32_t pick_optionable(const firm_model& model, random_stream& random) {
  return random.chance(index_option_share) ? pick_index(model, random)
                                           : pick_stockable(model, random);
}

// The expiry is drawn here, after the caller's underlying: two draws in the arguments of one
// call would run in an order the compiler chooses, and so the files would depend on it.
option_chain chain_at(const firm_model& model, std::int32_t underlying,
                      const weighted_choice& expiries, random_stream& random) {
  return option_chain(model, underlying, static_cast<std::int32_t>(expiries.pick(random)));
}

std::int64_t contracts_for(double notional, double spot) {
  return std::max<std::int64_t>(1, std::llround(notional / (contract_multiplier * spot)));
}

leg stock_leg(std::int32_t underlying, std::int64_t shares) {
  return {underlying, instrument_kind::stock, 0, -1, shares, 0};
}

// Long stock hedged or financed with options on the same underlying at one far or near expiry.
void stock_with_options(strategy_kind kind, const firm_model& model, double notional,
                        random_stream& random, std::vector<leg>& legs) {
  const std::int32_t underlying = pick_stockable(model, random);
  const bool hedge = kind != strategy_kind::covered_call;
  const option_chain chain =
      chain_at(model, underlying, hedge ? model.far_expiry : model.near_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  legs.push_back(stock_leg(underlying, n * static_cast<std::int64_t>(contract_multiplier)));
  switch (kind) {
    case strategy_kind::covered_call:
      legs.push_back(chain.option(call, chain.steps_at(random.uniform(0.25, 1.25)), -n));
      break;
    case strategy_kind::protective_put:
      legs.push_back(chain.option(put, chain.steps_at(random.uniform(-1.25, -0.25)), n));
      break;
    default: {  // collar: the call above the put
      const std::int64_t put_steps = chain.steps_at(random.uniform(-1.25, -0.4));
      const std::int64_t call_steps =
          std::max(put_steps + 1, chain.steps_at(random.uniform(0.4, 1.25)));
      legs.push_back(chain.option(put, put_steps, n));
      legs.push_back(chain.option(call, call_steps, -n));
      break;
    }
  }
}

void append_stock_only(const firm_model& model, double notional, random_stream& random,
                       std::vector<leg>& legs) {
  const std::int32_t underlying = pick_stockable(model, random);
  const double spot = model.underlyings.members[static_cast<std::size_t>(underlying)].price;
  const std::int64_t shares = std::max<std::int64_t>(1, std::llround(notional / spot));
  legs.push_back(stock_leg(underlying, random.chance(0.1) ? -shares : shares));
}

// Bull call and bear put spreads are debits; bear call and bull put spreads are credits.
void append_vertical(const firm_model& model, double notional, random_stream& random,
                     std::vector<leg>& legs) {
  const option_chain chain =
      chain_at(model, pick_optionable(model, random), model.near_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  const std::int64_t width = chain.width_steps(random.uniform(0.02, 0.08));
  const bool calls = random.chance(0.5);
  const bool debit = random.chance(0.5);
  if (calls) {
    const std::int64_t low = chain.steps_at(random.uniform(-0.25, 0.75));
    const std::int64_t sign = debit ? 1 : -1;  // bull call: long the lower strike
    legs.push_back(chain.option(call, low, sign * n));
    legs.push_back(chain.option(call, low + width, -sign * n));
  } else {
    const std::int64_t high = std::max(1 + width, chain.steps_at(random.uniform(-0.75, 0.25)));
    const std::int64_t sign = debit ? 1 : -1;  // bear put: long the higher strike
    legs.push_back(chain.option(put, high, sign * n));
    legs.push_back(chain.option(put, high - width, -sign * n));
  }
}

// Short put spread below spot and short call spread above; one in twenty is bought instead.
void append_iron_condor(const firm_model& model, double notional, random_stream& random,
                        std::vector<leg>& legs) {
  const option_chain chain =
      chain_at(model, pick_optionable(model, random), model.near_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  const std::int64_t width = chain.width_steps(random.uniform(0.02, 0.08));
  const std::int64_t short_put = std::max(1 + width, chain.steps_at(random.uniform(-1.25, -0.5)));
  const std::int64_t short_call =
      std::max(short_put + 1, chain.steps_at(random.uniform(0.5, 1.25)));
  const std::int64_t sign = random.chance(0.95) ? -1 : 1;  // sign of the inner (body) legs
  legs.push_back(chain.option(put, short_put - width, -sign * n));
  legs.push_back(chain.option(put, short_put, sign * n));
  legs.push_back(chain.option(call, short_call, sign * n));
  legs.push_back(chain.option(call, short_call + width, -sign * n));
}

void append_strangle(const firm_model& model, double notional, random_stream& random,
                     std::vector<leg>& legs) {
  const option_chain chain =
      chain_at(model, pick_optionable(model, random), model.near_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  const std::int64_t put_steps = chain.steps_at(random.uniform(-1.5, -0.5));
  const std::int64_t call_steps = std::max(put_steps + 1, chain.steps_at(random.uniform(0.5, 1.5)));
  const std::int64_t sign = random.chance(0.75) ? -1 : 1;
  legs.push_back(chain.option(put, put_steps, sign * n));
  legs.push_back(chain.option(call, call_steps, sign * n));
}

void append_straddle(const firm_model& model, double notional, random_stream& random,
                     std::vector<leg>& legs) {
  const option_chain chain =
      chain_at(model, pick_optionable(model, random), model.near_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  const std::int64_t strike = chain.steps_at(0.0);
  const std::int64_t sign = random.chance(0.6) ? 1 : -1;
  legs.push_back(chain.option(put, strike, sign * n));
  legs.push_back(chain.option(call, strike, sign * n));
}

// Long puts on a broad index; three in ten finance them by selling a lower strike.
void append_index_hedge(const firm_model& model, double notional, random_stream& random,
                        std::vector<leg>& legs) {
  const option_chain chain = chain_at(model, pick_index(model, random), model.far_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  const bool spread = random.chance(0.3);
  const std::int64_t width = chain.width_steps(random.uniform(0.05, 0.15));
  const std::int64_t steps = chain.steps_at(random.uniform(-2.0, -0.5));
  if (!spread) {
    legs.push_back(chain.option(put, steps, n));
    return;
  }
  const std::int64_t high = std::max(1 + width, steps);
  legs.push_back(chain.option(put, high, n));
  legs.push_back(chain.option(put, high - width, -n));
}

void append_single_option(const firm_model& model, double notional, random_stream& random,
                          std::vector<leg>& legs) {
  const option_chain chain =
      chain_at(model, pick_optionable(model, random), model.near_expiry, random);
  const std::int64_t n = contracts_for(notional, chain.member().price);
  const double which = random.uniform();
  if (which < 0.35) {
    legs.push_back(chain.option(call, chain.steps_at(random.uniform(-0.25, 1.0)), n));
  } else if (which < 0.60) {
    legs.push_back(chain.option(put, chain.steps_at(random.uniform(-1.0, 0.25)), n));
  } else {
    legs.push_back(chain.option(put, chain.steps_at(random.uniform(-1.25, -0.25)), -n));
  }
}

}  // namespace

std::string_view strategy_name(strategy_kind kind) {
  switch (kind) {
    case strategy_kind::stock_only:
      return "stock_only";
    case strategy_kind::covered_call:
      return "covered_call";
    case strategy_kind::protective_put:
      return "protective_put";
    case strategy_kind::collar:
      return "collar";
    case strategy_kind::vertical:
      return "vertical";
    case strategy_kind::iron_condor:
      return "iron_condor";
    case strategy_kind::strangle:
      return "strangle";
    case strategy_kind::straddle:
      return "straddle";
    case strategy_kind::index_hedge:
      return "index_hedge";
    case strategy_kind::single_option:
      return "single_option";
    case strategy_kind::future_outright:
      return "future_outright";
    case strategy_kind::future_calendar:
      return "future_calendar";
    case strategy_kind::future_with_option:
      return "future_with_option";
    case strategy_kind::future_strangle:
      return "future_strangle";
    case strategy_kind::future_spread:
      return "future_spread";
  }
  return "?";
}

double strike_of(const leg& position, const universe& underlyings) {
  return static_cast<double>(position.strike_steps) *
         underlyings.members[static_cast<std::size_t>(position.underlying)].strike_increment;
}

double multiplier_of(const leg& position) {
  if (is_futures_instrument(position.kind)) return futures_multiplier;
  return position.kind == instrument_kind::stock ? 1.0 : contract_multiplier;
}

void append_strategy(strategy_kind kind, const firm_model& model, double notional,
                     random_stream& random, std::vector<leg>& legs) {
  switch (kind) {
    case strategy_kind::stock_only:
      return append_stock_only(model, notional, random, legs);
    case strategy_kind::covered_call:
    case strategy_kind::protective_put:
    case strategy_kind::collar:
      return stock_with_options(kind, model, notional, random, legs);
    case strategy_kind::vertical:
      return append_vertical(model, notional, random, legs);
    case strategy_kind::iron_condor:
      return append_iron_condor(model, notional, random, legs);
    case strategy_kind::strangle:
      return append_strangle(model, notional, random, legs);
    case strategy_kind::straddle:
      return append_straddle(model, notional, random, legs);
    case strategy_kind::index_hedge:
      return append_index_hedge(model, notional, random, legs);
    case strategy_kind::single_option:
      return append_single_option(model, notional, random, legs);
    default:
      PMRISK_EXPECTS(false, "a securities strategy kind");
  }
}

}  // namespace pmrisk::synth
