// The account P&L kernel. One thread per (account, scenario) sums the account's class groups
// sequentially, each over its positions in position order, exactly as the CPU backend does; a
// tree sum would round differently. Consecutive threads take consecutive scenarios of one
// account, so they read neighbouring slots of the same P&L rows and write one contiguous run.

#include "account_pnl.cuh"
#include "cuda_check.cuh"
#include "pmrisk/account_pnl.hpp"

namespace pmrisk::cuda {
namespace {

__global__ void account_pnl_kernel(class_group_view groups, account_view accounts, int stride,
                                   const double* series_pnl, double* account_pnl) {
  const auto points = static_cast<std::size_t>(stride);
  const std::size_t slots = accounts.count * points;
  const std::size_t step = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < slots;
       i += step) {
    const std::size_t a = i / points;
    const auto point = static_cast<int>(i % points);
    account_pnl[i] = pmrisk::account_pnl(
        accounts.class_group_begin[a], accounts.class_group_begin[a + 1], groups.position_begin,
        groups.position_series, groups.position_units, series_pnl, stride, point);
  }
}

}  // namespace

void sum_account_pnl(const account_batch_inputs& batch, const double* series_pnl,
                     double* account_pnl, const launch_tuning& tuning, cudaStream_t stream) {
  const int stride = batch.batch.grid.stride;
  const launch_shape shape = shape_for(batch.accounts.count * static_cast<std::size_t>(stride),
                                       tuning.account_pnl_block, tuning);
  if (shape.blocks == 0) return;
  account_pnl_kernel<<<shape.blocks, shape.threads, 0, stream>>>(batch.batch.groups, batch.accounts,
                                                                 stride, series_pnl, account_pnl);
  PMRISK_CUDA_CHECK_LAUNCH();
}

}  // namespace pmrisk::cuda
