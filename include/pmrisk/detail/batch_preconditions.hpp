#pragma once
// The preconditions of valuation_backend::value_batch and value_accounts, checked on the host by
// both backends before any work: a bad index would otherwise read out of bounds (on a device,
// silently) instead of failing cleanly. Header-only and free of fmt, so nvcc's host pass and the
// C++ compiler build the same checks.

#include <cstdint>
#include <string>

#include "pmrisk/backend.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::detail {

/// The inputs' preconditions: indices in range, position offsets ascending from 0,
/// 1 <= points <= stride for every class group's underlying, and every position's series on
/// its class group's underlying. Throws pmrisk::logic_error naming the first broken one.
inline void check_inputs(const grid_view& grid, const series_view& series,
                         const class_group_view& groups) {
  PMRISK_EXPECTS(grid.stride > 0 || (series.count == 0 && groups.count == 0),
                 "a batch with series needs a grid");
  for (std::size_t s = 0; s < series.count; ++s)
    PMRISK_EXPECTS(series.underlying[s] >= 0 &&
                       static_cast<std::size_t>(series.underlying[s]) < grid.underlyings,
                   "series " + std::to_string(s) + " names underlying " +
                       std::to_string(series.underlying[s]));
  if (groups.count == 0) return;
  PMRISK_EXPECTS(groups.position_begin[0] == 0, "position offsets start at 0");
  for (std::size_t g = 0; g < groups.count; ++g) {
    const std::int32_t u = groups.underlying[g];
    PMRISK_EXPECTS(u >= 0 && static_cast<std::size_t>(u) < grid.underlyings,
                   "class group " + std::to_string(g) + " names underlying " + std::to_string(u));
    PMRISK_EXPECTS(grid.point_count[u] >= 1 && grid.point_count[u] <= grid.stride,
                   "underlying " + std::to_string(u) + " has " +
                       std::to_string(grid.point_count[u]) + " points for stride " +
                       std::to_string(grid.stride));
    PMRISK_EXPECTS(groups.position_begin[g] <= groups.position_begin[g + 1],
                   "position offsets ascend");
    for (std::int64_t p = groups.position_begin[g]; p < groups.position_begin[g + 1]; ++p) {
      const std::int32_t s = groups.position_series[p];
      PMRISK_EXPECTS(
          s >= 0 && static_cast<std::size_t>(s) < series.count && series.underlying[s] == u,
          "position " + std::to_string(p) + " of class group " + std::to_string(g) +
              " names series " + std::to_string(s));
    }
  }
}

/// value_batch's: check_inputs', the outputs given, and (when given) 1 <= scanned points <=
/// points for every class group's underlying.
inline void check_batch(const grid_view& grid, const series_view& series,
                        const class_group_view& groups, const class_group_outputs& out) {
  PMRISK_EXPECTS(groups.count == 0 || (out.risk_array && out.worst_pnl && out.worst_point),
                 "outputs must be given");
  check_inputs(grid, series, groups);
  if (grid.scan_point_count == nullptr) return;
  for (std::size_t g = 0; g < groups.count; ++g) {
    const std::int32_t u = groups.underlying[g];
    PMRISK_EXPECTS(grid.scan_point_count[u] >= 1 && grid.scan_point_count[u] <= grid.point_count[u],
                   "underlying " + std::to_string(u) + " scans " +
                       std::to_string(grid.scan_point_count[u]) + " of its " +
                       std::to_string(grid.point_count[u]) + " points");
  }
}

/// value_accounts': check_inputs', account offsets ascending from 0 to the class-group count,
/// every class group's underlying with stride points (a tile of scenarios), and an output array
/// when there is anything to write.
inline void check_account_batch(const grid_view& grid, const series_view& series,
                                const class_group_view& groups, const account_view& accounts,
                                const double* account_pnl) {
  check_inputs(grid, series, groups);
  PMRISK_EXPECTS(accounts.class_group_begin != nullptr && accounts.class_group_begin[0] == 0,
                 "account offsets start at 0");
  PMRISK_EXPECTS(
      accounts.class_group_begin[accounts.count] == static_cast<std::int64_t>(groups.count),
      "account offsets end at the class-group count");
  for (std::size_t a = 0; a < accounts.count; ++a)
    PMRISK_EXPECTS(accounts.class_group_begin[a] <= accounts.class_group_begin[a + 1],
                   "account offsets ascend");
  for (std::size_t g = 0; g < groups.count; ++g)
    PMRISK_EXPECTS(grid.point_count[groups.underlying[g]] == grid.stride,
                   "class group " + std::to_string(g) + "'s underlying has " +
                       std::to_string(grid.point_count[groups.underlying[g]]) +
                       " scenarios in a tile of " + std::to_string(grid.stride));
  PMRISK_EXPECTS(accounts.count == 0 || account_pnl != nullptr, "an output must be given");
}

}  // namespace pmrisk::detail
