// The CUDA backend against the CPU backend on seeded random batches: every risk-array slot
// within 1e-9 relative or 1e-6 absolute, unused slots exactly 0, and the same worst point.

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "cuda/cuda_test_support.hpp"
#include "cuda/random_batch.hpp"
#include "pmrisk/backend.hpp"

namespace pmrisk::test {
namespace {

// The grids of methodology.md: regulatory equity +/-15% and high-cap index +6%/-8% (section 1),
// and house practice with relative implied-vol shifts of +/-15% (section 3).
const grid_spec equity_15{};
const grid_spec high_cap_6_8{0.08, 0.06};
const grid_spec equity_vol_shifts{0.15, 0.15, 10, {-0.15, 0.0, 0.15}};
const grid_spec equity_two_day_horizon{0.15, 0.15, 10, {0.0}, 2.0};
const grid_spec index_stress{0.10, 0.10, 6, {-0.25, 0.0, 0.25}, 1.0};

pricing_model binomial(int steps) {
  pricing_model model;
  model.american = american_model::binomial_tree;
  model.tree_steps = steps;
  return model;
}

batch_spec spec(const char* name, std::uint64_t seed, std::size_t underlyings, std::size_t series,
                std::size_t groups, int max_positions, std::vector<grid_spec> grids,
                pricing_model model = {}) {
  batch_spec s;
  s.name = name;
  s.seed = seed;
  s.underlyings = underlyings;
  s.series = series;
  s.class_groups = groups;
  s.max_positions = max_positions;
  s.grids = std::move(grids);
  s.model = model;
  return s;
}

/// Compares every output; reports the first few differences, then the count.
void expect_agreement(const random_batch& batch, const batch_outputs& cpu,
                      const batch_outputs& cuda) {
  constexpr int reported = 10;
  int differences = 0;
  const auto stride = static_cast<std::size_t>(batch.stride());
  for (std::size_t g = 0; g < batch.class_group_count(); ++g) {
    const int points = batch.points_of_group(g);
    for (std::size_t j = 0; j < stride; ++j) {
      const std::size_t i = g * stride + j;
      const bool used = static_cast<int>(j) < points;
      ASSERT_TRUE(!used || std::isfinite(cpu.risk_array[i]))
          << "class group " << g << " point " << j;
      const bool agree = used ? within_backend_tolerance(cpu.risk_array[i], cuda.risk_array[i])
                              : cpu.risk_array[i] == 0.0 && cuda.risk_array[i] == 0.0;
      if (!agree && ++differences <= reported)
        ADD_FAILURE() << "class group " << g << " point " << j << (used ? "" : " (unused)")
                      << ": cpu " << cpu.risk_array[i] << ", cuda " << cuda.risk_array[i];
    }
    if (!within_backend_tolerance(cpu.worst_pnl[g], cuda.worst_pnl[g]) && ++differences <= reported)
      ADD_FAILURE() << "class group " << g << " worst P&L: cpu " << cpu.worst_pnl[g] << ", cuda "
                    << cuda.worst_pnl[g];
    if (!same_worst_point(cpu.worst_point[g], cuda.worst_point[g], &cpu.risk_array[g * stride],
                          points) &&
        ++differences <= reported)
      ADD_FAILURE() << "class group " << g << " worst point: cpu " << cpu.worst_point[g]
                    << ", cuda " << cuda.worst_point[g];
  }
  EXPECT_EQ(differences, 0) << "outputs outside the backend tolerance";
}

class CudaMatchesCpu : public ::testing::TestWithParam<batch_spec> {};

TEST_P(CudaMatchesCpu, OnEveryOutput) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const random_batch batch(GetParam());
  const auto cpu_backend = make_cpu_backend();
  const auto cuda_backend = make_cuda_backend();
  const batch_outputs cpu = value_with(*cpu_backend, batch);
  const batch_outputs cuda = value_with(*cuda_backend, batch);
  expect_agreement(batch, cpu, cuda);
}

// Block sizes (docs/cuda.md, "Tuning"): 128 series per repricing tile, 256 (class group, point)
// slots per aggregation block. The odd sizes sit one past those; the large batch has more tiles
// than the grid cap (8 blocks x 132 multiprocessors x 128 = 135,168 series on an H100), so every
// kernel's grid-stride loop runs more than once.
INSTANTIATE_TEST_SUITE_P(
    Batches, CudaMatchesCpu,
    ::testing::Values(spec("equity_15", 101, 12, 600, 300, 12, {equity_15}),
                      spec("high_cap_6_8", 102, 12, 600, 300, 12, {high_cap_6_8}),
                      spec("vol_shifts", 103, 10, 500, 250, 12, {equity_vol_shifts}),
                      spec("two_day_horizon", 104, 10, 500, 250, 12, {equity_two_day_horizon}),
                      spec("mixed_grids", 105, 15, 900, 400, 16,
                           {equity_15, high_cap_6_8, equity_vol_shifts, index_stress}),
                      spec("binomial_tree", 106, 6, 150, 60, 8, {equity_15, equity_two_day_horizon},
                           binomial(101)),
                      spec("empty", 107, 4, 0, 0, 8, {equity_15}),
                      spec("groups_without_series", 108, 4, 0, 5, 8, {equity_15}),
                      spec("one_group", 109, 1, 40, 1, 40, {equity_vol_shifts}),
                      spec("one_past_block_sizes", 110, 9, 129, 257, 6, {equity_15}),
                      spec("long_position_lists", 111, 1, 60, 3, 5000, {equity_15}),
                      spec("large", 112, 500, 160000, 60000, 20, {equity_15, high_cap_6_8})),
    [](const ::testing::TestParamInfo<batch_spec>& param) { return param.param.name; });

}  // namespace
}  // namespace pmrisk::test
