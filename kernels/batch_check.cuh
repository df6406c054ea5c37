#pragma once
// The preconditions of valuation_backend::value_batch, checked on the host before anything
// reaches the device: a bad index there would read out of bounds instead of failing cleanly.

#include "pmrisk/backend.hpp"

namespace pmrisk::cuda {

/// Throws pmrisk::logic_error naming the first broken precondition. The conditions are the CPU
/// backend's: indices in range, offsets ascending from 0, 1 <= points <= stride and (when given)
/// 1 <= scanned points <= points for every class group's underlying, and every position's
/// series on its class group's underlying.
void check_batch(const grid_view& grid, const series_view& series, const class_group_view& groups,
                 const class_group_outputs& out);

/// The preconditions of valuation_backend::value_accounts: check_batch's on the inputs, account
/// offsets ascending from 0 to the class-group count, every class group's underlying with
/// stride points (a tile of scenarios), and an output array when there is anything to write.
void check_account_batch(const grid_view& grid, const series_view& series,
                         const class_group_view& groups, const account_view& accounts,
                         const double* account_pnl);

}  // namespace pmrisk::cuda
