// The repricing kernel. Each block takes a tile of blockDim.x consecutive series: first each
// thread prepares one series (horizon terms, the exercise boundary at the series' vol and
// today's value, computed once), then the block values the tile's (series, point) pairs, one
// per thread in turn; a point at a shifted vol prepares its own boundary. The tile's rows are
// contiguous in the P&L table, so the writes coalesce; every slot is written by one thread from
// the shared math, so the table does not depend on the launch shape.

#include <new>
#include <type_traits>

#include "cuda_check.cuh"
#include "pmrisk/valuation.hpp"
#include "reprice.cuh"

namespace pmrisk::cuda {
namespace {

// Prepared series live in raw shared memory, created by placement new and never destroyed.
static_assert(std::is_trivially_destructible_v<series_valuation>);

/// Which American pricers a kernel instance can reach. The binomial tree keeps its lattice in a
/// 16 KB local array, which the driver reserves for every resident thread of a kernel that can
/// reach it (gigabytes on a large device). An instance per closed-form model pins the model, so
/// the compiler drops the lattice, its reservation and the other closed form; `any` reaches
/// every pricer. The frame either way is what kernel_stack reserves.
enum class american_pricers { ju_zhong, bjerksund_stensland, any };

template <american_pricers Pricers>
__device__ __forceinline__ void pin_model(american_model& american) {
  if constexpr (Pricers == american_pricers::ju_zhong) american = american_model::ju_zhong_1999;
  if constexpr (Pricers == american_pricers::bjerksund_stensland)
    american = american_model::bjerksund_stensland_2002;
}

template <american_pricers Pricers>
__global__ void reprice_kernel(batch_inputs batch, double rate, pricing_model model,
                               double* series_pnl) {
  extern __shared__ __align__(alignof(series_valuation)) unsigned char tile_storage[];
  auto* prepared = reinterpret_cast<series_valuation*>(tile_storage);

  pin_model<Pricers>(model.american);
  const series_view& series = batch.series;
  const grid_view& grid = batch.grid;
  const auto stride = static_cast<unsigned>(grid.stride);
  const std::size_t tile = blockDim.x;
  const std::size_t tiles = (series.count + tile - 1) / tile;

  // The loop bound is the same for every thread of a block, so the barriers are uniform.
  for (std::size_t t = blockIdx.x; t < tiles; t += gridDim.x) {
    const std::size_t first = t * tile;
    const auto in_tile =
        static_cast<unsigned>(series.count - first < tile ? series.count - first : tile);

    if (threadIdx.x < in_tile) {
      const std::size_t s = first + threadIdx.x;
      const auto u = static_cast<std::size_t>(series.underlying[s]);
      new (&prepared[threadIdx.x]) series_valuation(prepare_series(
          series.kind[s], series.style[s], series.strike[s], series.years[s], series.vol[s],
          series.div_yield[s], rate, model, grid.spot[u], grid.horizon_years[u]));
    }
    __syncthreads();

    double* tile_pnl = series_pnl + first * stride;
    for (unsigned k = threadIdx.x; k < in_tile * stride; k += blockDim.x) {
      const unsigned local = k / stride;
      const unsigned point = k % stride;
      const std::size_t s = first + local;
      const auto u = static_cast<std::size_t>(series.underlying[s]);
      const std::size_t slot = u * stride + point;
      double pnl = 0.0;
      if (static_cast<int>(point) < grid.point_count[u]) {
        series_valuation valuation = prepared[local];
        pin_model<Pricers>(valuation.at_horizon.american);  // known again after shared memory
        pnl = unit_pnl(series.kind[s], valuation, grid.spot[u], series.vol[s], grid.spot_move[slot],
                       grid.vol_shift[slot]);
      }
      tile_pnl[k] = pnl;
    }
    __syncthreads();  // the next tile reuses the prepared series' storage
  }
}

/// The kernel instance that prices with `model`.
auto kernel_for(const pricing_model& model) {
  switch (model.american) {
    case american_model::ju_zhong_1999:
      return reprice_kernel<american_pricers::ju_zhong>;
    case american_model::bjerksund_stensland_2002:
      return reprice_kernel<american_pricers::bjerksund_stensland>;
    default:
      return reprice_kernel<american_pricers::any>;
  }
}

}  // namespace

void reprice_series(const batch_inputs& batch, double rate, const pricing_model& model,
                    double* series_pnl, const launch_tuning& tuning, cudaStream_t stream) {
  const launch_shape shape = shape_for(batch.series.count, tuning.reprice_block, tuning);
  if (shape.blocks == 0) return;
  const auto kernel = kernel_for(model);
  const std::size_t shared_bytes = shape.threads * sizeof(series_valuation);
  // Beyond the 48 KiB every device grants by default, a kernel must opt in (up to the device's
  // limit; past that the call fails and says so).
  constexpr std::size_t default_shared_bytes = 48 * 1024;
  if (shared_bytes > default_shared_bytes)
    PMRISK_CUDA_TRY(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                         static_cast<int>(shared_bytes)));
  kernel<<<shape.blocks, shape.threads, shared_bytes, stream>>>(batch, rate, model, series_pnl);
  PMRISK_CUDA_CHECK_LAUNCH();
}

cudaError_t reprice_local_bytes(const pricing_model& model, std::size_t& bytes) {
  cudaFuncAttributes attributes{};
  const cudaError_t status = cudaFuncGetAttributes(&attributes, kernel_for(model));
  bytes = attributes.localSizeBytes;
  return status;
}

}  // namespace pmrisk::cuda
