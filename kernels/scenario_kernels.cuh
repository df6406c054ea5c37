#pragma once
// Scenario generation on the device: a tile's raw normals (stream order) are transposed to
// draw-major and turned into per-underlying moves with the shared math of
// pmrisk/scenarios/scenario_math.hpp.

#include <cuda_runtime.h>

#include <cstdint>

#include "pmrisk/scenarios/scenario_math.hpp"

namespace pmrisk::cuda {

/// Device pointers to one scenario model's coefficients.
struct scenario_model_view {
  scenarios::correlation_view correlation;
  scenarios::draw_layout layout;
  scenarios::vol_parameters vol;
  const double* shock_scale = nullptr;   ///< per underlying
  const double* return_drift = nullptr;  ///< per underlying
  int nu = 0;                            ///< 0: normal law, no mixing
  bool antithetic = false;
};

/// One tile's outputs in device memory, underlying-major ([u * count + j]).
struct scenario_tile_view {
  std::uint64_t first = 0;
  std::int64_t count = 0;
  double* log_return = nullptr;
  double* spot_move = nullptr;
  double* vol_shift = nullptr;
};

/// draw_major[d * blocks + b] = raw[b * per_scenario + d] for blocks draw blocks.
void transpose_draws(const double* raw, double* draw_major, std::int64_t blocks,
                     std::int64_t per_scenario, cudaStream_t stream);

/// Fills `tile` from draw-major normals whose block 0 is draw block `block_begin`.
void scenario_moves(const scenario_model_view& model, const double* draw_major,
                    std::uint64_t block_begin, std::int64_t blocks, const scenario_tile_view& tile,
                    cudaStream_t stream);

}  // namespace pmrisk::cuda
