// Kernels of the scenario generator. Both loop grid-stride, so the launch shape changes speed
// only, never a result.

#include <algorithm>

#include "cuda_check.cuh"
#include "scenario_kernels.cuh"

namespace pmrisk::cuda {
namespace {

// Shared-memory tile of the transpose: 32 x 32 doubles, padded against bank conflicts.
constexpr int transpose_tile = 32;
constexpr int transpose_rows = 8;

// Threads per block of the move kernel: consecutive threads take consecutive scenarios, so
// draw-major reads and underlying-major writes are both coalesced.
constexpr int moves_block = 128;
constexpr unsigned max_grid_y = 65535;

__global__ void transpose_kernel(const double* __restrict__ raw, double* __restrict__ draw_major,
                                 std::int64_t blocks, std::int64_t per_scenario) {
  __shared__ double tile[transpose_tile][transpose_tile + 1];
  for (std::int64_t b0 = std::int64_t{blockIdx.y} * transpose_tile; b0 < blocks;
       b0 += std::int64_t{gridDim.y} * transpose_tile) {
    for (std::int64_t d0 = std::int64_t{blockIdx.x} * transpose_tile; d0 < per_scenario;
         d0 += std::int64_t{gridDim.x} * transpose_tile) {
      for (int r = threadIdx.y; r < transpose_tile; r += transpose_rows) {
        const std::int64_t b = b0 + r;
        const std::int64_t d = d0 + threadIdx.x;
        if (b < blocks && d < per_scenario) tile[r][threadIdx.x] = raw[b * per_scenario + d];
      }
      __syncthreads();
      for (int r = threadIdx.y; r < transpose_tile; r += transpose_rows) {
        const std::int64_t d = d0 + r;
        const std::int64_t b = b0 + threadIdx.x;
        if (b < blocks && d < per_scenario) draw_major[d * blocks + b] = tile[threadIdx.x][r];
      }
      __syncthreads();
    }
  }
}

__global__ void moves_kernel(scenario_model_view model, const double* __restrict__ draw_major,
                             std::uint64_t block_begin, std::int64_t blocks,
                             scenario_tile_view tile) {
  const scenarios::draw_layout& layout = model.layout;
  for (std::int64_t j = std::int64_t{blockIdx.x} * blockDim.x + threadIdx.x; j < tile.count;
       j += std::int64_t{gridDim.x} * blockDim.x) {
    const std::uint64_t scenario = tile.first + static_cast<std::uint64_t>(j);
    const auto block =
        static_cast<std::int64_t>(scenarios::draw_block(scenario, model.antithetic) - block_begin);
    const double* draws = draw_major + block;  // draw d of this scenario at draws[d * blocks]
    const double sign = scenarios::antithetic_sign(scenario, model.antithetic);
    const double mixing =
        model.nu > 0
            ? scenarios::student_t_scale(draws + layout.mixing_begin() * blocks, blocks, model.nu)
            : 1.0;
    for (std::int64_t u = blockIdx.y; u < model.correlation.underlyings; u += gridDim.y) {
      const double eps =
          model.correlation.idio != nullptr ? draws[(layout.idio_begin() + u) * blocks] : 0.0;
      const double gaussian =
          scenarios::correlated_normal(model.correlation, u, draws, blocks, eps);
      const double w = draws[(layout.vol_begin() + u) * blocks];
      const scenarios::underlying_move move = scenarios::scenario_move(
          gaussian, mixing, sign, w, model.shock_scale[u], model.return_drift[u], model.vol);
      const std::int64_t at = u * tile.count + j;
      tile.log_return[at] = move.log_return;
      tile.spot_move[at] = move.spot_move;
      tile.vol_shift[at] = move.vol_shift;
    }
  }
}

unsigned capped(std::int64_t wanted, unsigned cap) {
  return static_cast<unsigned>(std::max<std::int64_t>(1, std::min<std::int64_t>(wanted, cap)));
}

}  // namespace

void transpose_draws(const double* raw, double* draw_major, std::int64_t blocks,
                     std::int64_t per_scenario, cudaStream_t stream) {
  if (blocks == 0 || per_scenario == 0) return;
  const dim3 threads(transpose_tile, transpose_rows);
  const dim3 grid(capped((per_scenario + transpose_tile - 1) / transpose_tile, 65535),
                  capped((blocks + transpose_tile - 1) / transpose_tile, max_grid_y));
  transpose_kernel<<<grid, threads, 0, stream>>>(raw, draw_major, blocks, per_scenario);
  PMRISK_CUDA_CHECK_LAUNCH();
}

void scenario_moves(const scenario_model_view& model, const double* draw_major,
                    std::uint64_t block_begin, std::int64_t blocks, const scenario_tile_view& tile,
                    cudaStream_t stream) {
  if (tile.count == 0 || model.correlation.underlyings == 0) return;
  const dim3 grid(capped((tile.count + moves_block - 1) / moves_block, 65535),
                  capped(model.correlation.underlyings, max_grid_y));
  moves_kernel<<<grid, moves_block, 0, stream>>>(model, draw_major, block_begin, blocks, tile);
  PMRISK_CUDA_CHECK_LAUNCH();
}

}  // namespace pmrisk::cuda
