#pragma once
// Repricing: every series of a batch at every valuation point of its underlying, as P&L per
// unit against its value today (pmrisk/valuation.hpp holds the math).

#include <cuda_runtime.h>

#include <cstddef>

#include "pmrisk/instrument.hpp"
#include "staging.cuh"
#include "tuning.cuh"

namespace pmrisk::cuda {

/// Fills series_pnl (series x stride, device memory): slot [s * stride + j] is series s's P&L per
/// unit at point j of its underlying, 0 for j >= the underlying's point count. `batch` holds
/// device pointers. Queues the work on `stream`; launches nothing for a batch without series.
void reprice_series(const batch_inputs& batch, double rate, const pricing_model& model,
                    double* series_pnl, const launch_tuning& tuning, cudaStream_t stream);

/// Per-thread local memory (bytes) of the repricing kernel that prices with `model`: small for
/// the closed-form pricers, the lattice's 16 KB with the binomial tree. Fails like
/// cudaFuncGetAttributes (cudaErrorNoKernelImageForDevice, ...) when this build holds no code
/// the current device can run.
cudaError_t reprice_local_bytes(const pricing_model& model, std::size_t& bytes);

}  // namespace pmrisk::cuda
