#pragma once
// Aggregation: class-group risk arrays from the series P&L table, then each class group's worst
// valuation point (pmrisk/valuation.hpp holds the math).

#include <cuda_runtime.h>

#include "pmrisk/backend.hpp"
#include "staging.cuh"
#include "tuning.cuh"

namespace pmrisk::cuda {

/// Fills out.risk_array (class groups x stride): units x P&L per unit summed over each class
/// group's positions in position order, times the point's weight, 0 past its underlying's point
/// count; then out.worst_pnl and out.worst_point over each one's scanned points. `batch`,
/// series_pnl and `out` address device memory. Queues the work on `stream`; launches nothing for a
/// batch without class groups.
void aggregate_class_groups(const batch_inputs& batch, const double* series_pnl,
                            const class_group_outputs& out, const launch_tuning& tuning,
                            cudaStream_t stream);

}  // namespace pmrisk::cuda
