#pragma once
// Monte Carlo aggregation: each account's P&L per scenario straight from the series P&L table,
// so only accounts x scenarios doubles leave the device (pmrisk/account_pnl.hpp holds the math).

#include <cuda_runtime.h>

#include "pmrisk/backend.hpp"
#include "staging.cuh"
#include "tuning.cuh"

namespace pmrisk::cuda {

/// Fills account_pnl (accounts x stride): per account and scenario, its class groups' P&L, each
/// summed over its positions in position order, added in class-group order. `batch`,
/// `accounts`, series_pnl and account_pnl address device memory. Queues the work on `stream`;
/// launches nothing when there is nothing to sum.
void sum_account_pnl(const account_batch_inputs& batch, const double* series_pnl,
                     double* account_pnl, const launch_tuning& tuning, cudaStream_t stream);

}  // namespace pmrisk::cuda
