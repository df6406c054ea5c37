#pragma once
// Pairs one account's holdings in one underlying into the strategies of least total
// requirement (docs/regt.md, "Pairing").

#include <vector>

#include "pmrisk/regt.hpp"
#include "regt/holdings.hpp"
#include "regt/rules.hpp"

namespace pmrisk::regt {

struct class_group_pairing {
  std::vector<strategy> strategies;  ///< paired strategies first, then legs held alone
  bool proven_optimal = true;
  double gap = 0;  ///< how much lower the requirement could be at most, when not proven
};

/// Chooses whole strategy units by exact search (maximise_packing) over each set of holdings
/// that candidate strategies link, within the limits of `rates`; then names the cost-neutral
/// groupings (collars, protective puts) and margins what is left alone.
class_group_pairing pair_class_group(const class_group_holdings& group,
                                     const underlying_terms& terms, const config& rates);

}  // namespace pmrisk::regt
