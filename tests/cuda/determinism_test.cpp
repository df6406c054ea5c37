// The CUDA backend's outputs are a function of the batch alone: byte-identical across runs,
// across backend instances, and whatever batch the reused buffers held before.

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cuda/cuda_test_support.hpp"
#include "cuda/random_batch.hpp"
#include "pmrisk/backend.hpp"

namespace pmrisk::test {
namespace {

template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

void expect_identical(const batch_outputs& a, const batch_outputs& b) {
  EXPECT_TRUE(same_bytes(a.risk_array, b.risk_array)) << "risk arrays differ";
  EXPECT_TRUE(same_bytes(a.worst_pnl, b.worst_pnl)) << "worst P&L differs";
  EXPECT_TRUE(same_bytes(a.worst_point, b.worst_point)) << "worst points differ";
}

batch_spec determinism_spec(std::uint64_t seed, std::size_t series, std::size_t groups) {
  batch_spec s;
  s.name = "determinism";
  s.seed = seed;
  s.underlyings = 40;
  s.series = series;
  s.class_groups = groups;
  s.max_positions = 30;
  s.grids = {grid_spec{0.15, 0.15, 10, {-0.15, 0.0, 0.15}, 2.0}, grid_spec{0.08, 0.06}};
  return s;
}

TEST(CudaDeterminism, RepeatedRunsAreByteIdentical) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const random_batch batch(determinism_spec(201, 20000, 8000));
  const auto backend = make_cuda_backend();
  const batch_outputs first = value_with(*backend, batch);
  const batch_outputs second = value_with(*backend, batch);
  expect_identical(first, second);
}

TEST(CudaDeterminism, SeparateBackendsAreByteIdentical) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const random_batch batch(determinism_spec(202, 20000, 8000));
  const batch_outputs a = value_with(*make_cuda_backend(), batch);
  const batch_outputs b = value_with(*make_cuda_backend(), batch);
  expect_identical(a, b);
}

TEST(CudaDeterminism, ReusedBuffersDoNotLeakIntoTheNextBatch) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const random_batch small(determinism_spec(203, 3000, 1000));
  const random_batch large(determinism_spec(204, 60000, 25000));
  const batch_outputs fresh = value_with(*make_cuda_backend(), small);

  // The large batch grows the device and staging blocks; the small one then runs inside them
  // with the large batch's bytes still there.
  const auto backend = make_cuda_backend();
  value_with(*backend, large);
  expect_identical(fresh, value_with(*backend, small));
}

}  // namespace
}  // namespace pmrisk::test
