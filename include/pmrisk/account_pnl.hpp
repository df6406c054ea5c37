#pragma once
// An account's P&L at one valuation point (a Monte Carlo scenario): its class groups' P&L summed
// in class-group order. Shared by both backends so the sums round the same way everywhere.

#include <cstdint>

#include "pmrisk/hd.hpp"
#include "pmrisk/valuation.hpp"

namespace pmrisk {

/// Class groups [group_begin, group_end) of a batch, each summed over its positions by
/// class_group_pnl, added in class-group order from 0.0. series_pnl is series-major:
/// series s at point j sits at [s * stride + j].
PMRISK_HD_INLINE double account_pnl(std::int64_t group_begin, std::int64_t group_end,
                                    const std::int64_t* position_begin,
                                    const std::int32_t* position_series,
                                    const double* position_units, const double* series_pnl,
                                    int stride, int point) {
  double pnl = 0.0;
  for (std::int64_t g = group_begin; g < group_end; ++g)
    pnl += class_group_pnl(position_begin[g], position_begin[g + 1], position_series,
                           position_units, series_pnl, stride, point);
  return pnl;
}

}  // namespace pmrisk
