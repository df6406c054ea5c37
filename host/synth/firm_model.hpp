#pragma once
// Everything account generation shares: the spec, the underlyings, the listed expiries and the
// choices drawn for every strategy. Built once; read by all threads.

#include <vector>

#include "pmrisk/synth.hpp"
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
};

/// Checks the spec (throws logic_error on counts outside the documented bounds) and builds the
/// shared tables. Depends only on (underlyings, seed, as-of).
firm_model make_firm_model(const firm_spec& spec);

}  // namespace pmrisk::synth
