// The aggregation kernels. Risk arrays: one thread per (class group, point) sums that point over
// the group's positions sequentially, in position order, exactly as the CPU backend does (a
// parallel tree sum would round differently), then applies the point's weight. Worst points: one
// thread per class group scans its few scanned points in index order, so ties go to the first
// point, as on the CPU.

#include "aggregate.cuh"
#include "cuda_check.cuh"
#include "pmrisk/valuation.hpp"

namespace pmrisk::cuda {
namespace {

/// point_weight null: every weight 1.
__global__ void risk_array_kernel(class_group_view groups, const int* point_count,
                                  const double* point_weight, int stride, const double* series_pnl,
                                  double* risk_array) {
  const auto points_per_group = static_cast<std::size_t>(stride);
  const std::size_t slots = groups.count * points_per_group;
  const std::size_t step = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < slots;
       i += step) {
    const std::size_t g = i / points_per_group;
    const auto point = static_cast<int>(i % points_per_group);
    const std::int32_t u = groups.underlying[g];
    if (point >= point_count[u]) {
      risk_array[i] = 0.0;
      continue;
    }
    const double pnl =
        class_group_pnl(groups.position_begin[g], groups.position_begin[g + 1],
                        groups.position_series, groups.position_units, series_pnl, stride, point);
    // As on the CPU: one rounded product (fmad is off), and weight 1 keeps pnl exactly.
    risk_array[i] = point_weight
                        ? point_weight[static_cast<std::size_t>(u) * points_per_group + point] * pnl
                        : pnl;
  }
}

/// scan_point_count null: every point scanned.
__global__ void worst_point_kernel(std::size_t group_count, const std::int32_t* group_underlying,
                                   const int* point_count, const int* scan_point_count, int stride,
                                   const double* risk_array, double* worst_pnl,
                                   std::int32_t* worst_point) {
  const std::size_t step = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t g = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
       g < group_count; g += step) {
    const std::int32_t u = group_underlying[g];
    const worst_point_result worst =
        find_worst_point(risk_array + g * static_cast<std::size_t>(stride),
                         scan_point_count ? scan_point_count[u] : point_count[u]);
    worst_pnl[g] = worst.pnl;
    worst_point[g] = worst.point;
  }
}

}  // namespace

void aggregate_class_groups(const batch_inputs& batch, const double* series_pnl,
                            const class_group_outputs& out, const launch_tuning& tuning,
                            cudaStream_t stream) {
  const class_group_view& groups = batch.groups;
  const grid_view& grid = batch.grid;

  const launch_shape sums = shape_for(groups.count * static_cast<std::size_t>(grid.stride),
                                      tuning.risk_array_block, tuning);
  if (sums.blocks == 0) return;
  risk_array_kernel<<<sums.blocks, sums.threads, 0, stream>>>(
      groups, grid.point_count, grid.point_weight, grid.stride, series_pnl, out.risk_array);
  PMRISK_CUDA_CHECK_LAUNCH();

  const launch_shape worst = shape_for(groups.count, tuning.worst_point_block, tuning);
  worst_point_kernel<<<worst.blocks, worst.threads, 0, stream>>>(
      groups.count, groups.underlying, grid.point_count, grid.scan_point_count, grid.stride,
      out.risk_array, out.worst_pnl, out.worst_point);
  PMRISK_CUDA_CHECK_LAUNCH();
}

}  // namespace pmrisk::cuda
