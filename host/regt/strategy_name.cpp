// strategy_name: the names reports and docs/regt.md use.

#include "pmrisk/regt.hpp"

namespace pmrisk::regt {

std::string_view strategy_name(strategy_kind kind) {
  switch (kind) {
    case strategy_kind::long_stock:
      return "long_stock";
    case strategy_kind::short_stock:
      return "short_stock";
    case strategy_kind::long_call:
      return "long_call";
    case strategy_kind::long_put:
      return "long_put";
    case strategy_kind::naked_call:
      return "naked_call";
    case strategy_kind::naked_put:
      return "naked_put";
    case strategy_kind::covered_call:
      return "covered_call";
    case strategy_kind::covered_put:
      return "covered_put";
    case strategy_kind::protective_put:
      return "protective_put";
    case strategy_kind::collar:
      return "collar";
    case strategy_kind::debit_call_spread:
      return "debit_call_spread";
    case strategy_kind::credit_call_spread:
      return "credit_call_spread";
    case strategy_kind::debit_put_spread:
      return "debit_put_spread";
    case strategy_kind::credit_put_spread:
      return "credit_put_spread";
    case strategy_kind::short_straddle:
      return "short_straddle";
    case strategy_kind::short_strangle:
      return "short_strangle";
    case strategy_kind::long_call_butterfly:
      return "long_call_butterfly";
    case strategy_kind::long_put_butterfly:
      return "long_put_butterfly";
    case strategy_kind::iron_condor:
      return "iron_condor";
    case strategy_kind::iron_butterfly:
      return "iron_butterfly";
  }
  return "unknown";
}

}  // namespace pmrisk::regt
