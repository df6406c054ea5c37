#pragma once
// The strategies an account's holdings in one underlying could be paired into, each with its
// requirement and what it saves over margining its legs alone.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "pmrisk/regt.hpp"
#include "regt/holdings.hpp"
#include "regt/rules.hpp"

namespace pmrisk::regt {

struct candidate_leg {
  std::int32_t holding = 0;  ///< index into the class group's holdings
  double per_unit = 0;       ///< shares or contracts of it one strategy unit takes
};

/// One strategy unit: e.g. a covered call is 100 shares and one short call.
struct candidate {
  strategy_kind kind = strategy_kind::covered_call;
  std::array<candidate_leg, 4> leg_storage{};
  std::uint8_t leg_count = 0;
  double requirement = 0;  ///< per unit, gross
  double savings = 0;      ///< per unit: the legs' single requirements less `requirement`, > 0

  std::span<const candidate_leg> legs() const { return {leg_storage.data(), leg_count}; }
};

/// Every strategy unit that saves requirement over its legs alone. Strategies that save nothing
/// at initial margin (protective puts, and collars beyond their covered call) are not pairing
/// choices; label_cost_neutral_strategies names them afterwards.
std::vector<candidate> strategy_candidates(const std::vector<holding>& holdings,
                                           const underlying_terms& terms);

}  // namespace pmrisk::regt
