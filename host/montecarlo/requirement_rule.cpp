// How the Monte Carlo expected shortfall and the TIMS requirement combine.

#include <algorithm>

#include "pmrisk/montecarlo.hpp"

namespace pmrisk {

const char* requirement_rule_name(scenarios::requirement_rule rule) {
  switch (rule) {
    case scenarios::requirement_rule::max_tims_es:
      return "max_tims_es";
    case scenarios::requirement_rule::tims:
      return "tims";
    case scenarios::requirement_rule::mc:
      return "mc";
  }
  return "unknown";
}

double combined_requirement(double tims_requirement, double mc_es,
                            scenarios::requirement_rule rule) {
  switch (rule) {
    case scenarios::requirement_rule::max_tims_es:
      return std::max(tims_requirement, mc_es);
    case scenarios::requirement_rule::tims:
      return tims_requirement;
    case scenarios::requirement_rule::mc:
      return mc_es;
  }
  return tims_requirement;
}

}  // namespace pmrisk
