#pragma once
// Launch configuration of the valuation kernels, kept as data so it can be tuned per device
// without touching a kernel. Every kernel loops grid-stride, so any block size and grid cap
// gives the same results bit for bit; tuning changes speed only.

#include <cuda_runtime.h>

#include <algorithm>
#include <cstddef>

#include "cuda_check.cuh"

namespace pmrisk::cuda {

struct launch_tuning {
  /// Threads per block of the repricing kernel, which is also the series per tile (each tile's
  /// prepared series sit in shared memory). Pricing is register-heavy double math.
  int reprice_block = 128;
  /// Threads per block of the risk-array kernel, one thread per (class group, point).
  int risk_array_block = 256;
  /// Threads per block of the worst-point kernel, one thread per class group.
  int worst_point_block = 256;
  /// Threads per block of the account P&L kernel (Monte Carlo), one thread per (account,
  /// scenario): consecutive threads take consecutive scenarios of one account.
  int account_pnl_block = 256;
  /// Grid cap, in blocks per multiprocessor: enough resident blocks to hide latency; larger
  /// problems are covered by the grid-stride loops instead of more blocks.
  int blocks_per_multiprocessor = 8;
  /// Filled from the device.
  int multiprocessors = 1;
};

/// The tuning used for `device`. sm_80 and sm_90 share one policy until measurements on each
/// justify a split (docs/cuda.md, "Tuning").
inline launch_tuning tuning_for_device(int device) {
  launch_tuning tuning;
  PMRISK_CUDA_TRY(
      cudaDeviceGetAttribute(&tuning.multiprocessors, cudaDevAttrMultiProcessorCount, device));
  return tuning;
}

struct launch_shape {
  unsigned blocks = 0;
  unsigned threads = 0;
};

/// Blocks and threads for `items` work items at `block` threads per block; 0 blocks when there
/// is no work, in which case the caller must not launch.
inline launch_shape shape_for(std::size_t items, int block, const launch_tuning& tuning) {
  if (items == 0) return {};
  const auto threads = static_cast<std::size_t>(block);
  const auto cap = static_cast<std::size_t>(tuning.blocks_per_multiprocessor) *
                   static_cast<std::size_t>(tuning.multiprocessors);
  const std::size_t blocks =
      std::min((items + threads - 1) / threads, std::max<std::size_t>(cap, 1));
  return {static_cast<unsigned>(blocks), static_cast<unsigned>(threads)};
}

}  // namespace pmrisk::cuda
