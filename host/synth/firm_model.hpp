#pragma once
// Everything account generation shares: the spec, the underlyings, the listed expiries and the
// choices drawn for every strategy. Built once; read by all threads.

#include <vector>

#include "pmrisk/synth.hpp"
#include "synth/futures_contracts.hpp"
#include "synth/listed_contracts.hpp"
#include "synth/random_stream.hpp"
#include "synth/universe.hpp"

namespace pmrisk::synth {

struct firm_model {
  firm_spec spec;
  universe underlyings;
  std::vector<listed_expiry> expiries;
  weighted_choice near_expiry;  ///< front months first: income and short-premium trades
  weighted_choice far_expiry;   ///< quarterlies and LEAPS first: hedges and collars
  weighted_choice strategy_mix;
  std::vector<futures_commodity> futures;    ///< empty when spec.futures_share is 0
  weighted_choice futures_commodity_choice;  ///< over `futures`: ES most of all
  weighted_choice futures_mix;               ///< futures strategies, from future_outright on
};

/// Checks the spec (throws logic_error on counts outside the documented bounds) and builds the
/// shared tables. Depends only on (underlyings, seed, as-of) and whether futures_share > 0.
firm_model make_firm_model(const firm_spec& spec);

}  // namespace pmrisk::synth
