#pragma once
// What a TIMS batch values, for margin_work: every series at each of its underlying's points,
// and every position summed at each of them.

#include "engine/batch_slice.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk::capacity {

/// Adds the batch's series x points to work.repricings and positions x points to
/// work.aggregations.
void add_tims_work(const engine::batch_slice& slice, const valuation_grid& grid, margin_work& work);

}  // namespace pmrisk::capacity
