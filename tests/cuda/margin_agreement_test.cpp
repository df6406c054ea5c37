// The whole money path on each backend: compute_margin over a synthetic firm, split into many
// batches so the CUDA backend reuses its buffers, gives the same requirements as on the CPU.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cuda/cuda_test_support.hpp"
#include "engine/synthetic_book.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk::test {
namespace {

margin_report run(const engine::synthetic_firm& firm, backend_choice backend) {
  margin_options options;
  options.backend = backend;
  options.max_memory_bytes = std::size_t{1} << 20;  // 1 MiB: dozens of batches
  options.keep_risk_arrays = true;
  return compute_margin(firm.market, firm.positions, firm.config, options);
}

TEST(CudaMarginAgreement, RequirementsMatchTheCpuBackend) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  engine::synthetic_book_spec spec;
  spec.accounts = 4000;
  spec.underlyings = 30;
  spec.max_positions_per_account = 12;
  spec.style = exercise_style::american;
  const engine::synthetic_firm firm = engine::make_synthetic_firm(spec);

  const margin_report cpu = run(firm, backend_choice::cpu);
  const margin_report cuda = run(firm, backend_choice::cuda);
  ASSERT_GT(cuda.batch_count, std::size_t{1}) << "the budget should force several batches";
  EXPECT_EQ(cuda.backend, probe_cuda_device().description);

  ASSERT_EQ(cpu.risk_arrays.size(), cuda.risk_arrays.size());
  std::size_t slot_differences = 0;
  for (std::size_t i = 0; i < cpu.risk_arrays.size(); ++i)
    slot_differences += !within_backend_tolerance(cpu.risk_arrays[i], cuda.risk_arrays[i]);
  EXPECT_EQ(slot_differences, std::size_t{0}) << "risk-array slots outside the tolerance";

  ASSERT_EQ(cpu.class_groups.size(), cuda.class_groups.size());
  for (std::size_t g = 0; g < cpu.class_groups.size(); ++g) {
    const class_group_margin& c = cpu.class_groups[g];
    const class_group_margin& d = cuda.class_groups[g];
    EXPECT_TRUE(within_backend_tolerance(c.requirement, d.requirement))
        << "class group " << g << ": cpu " << c.requirement << ", cuda " << d.requirement;
    const int points = cpu.grid.point_count[static_cast<std::size_t>(c.underlying)];
    EXPECT_TRUE(same_worst_point(c.worst_point, d.worst_point,
                                 &cpu.risk_arrays[g * static_cast<std::size_t>(cpu.grid.stride)],
                                 points))
        << "class group " << g << ": cpu point " << c.worst_point << ", cuda " << d.worst_point;
  }

  ASSERT_EQ(cpu.accounts.size(), cuda.accounts.size());
  for (std::size_t a = 0; a < cpu.accounts.size(); ++a) {
    // An account sums at most max_positions_per_account class groups, each within 1e-6.
    const double tolerance = std::max(1e-9 * std::abs(cpu.accounts[a].requirement),
                                      1e-6 * spec.max_positions_per_account);
    EXPECT_NEAR(cpu.accounts[a].requirement, cuda.accounts[a].requirement, tolerance)
        << cpu.accounts[a].account;
  }
}

}  // namespace
}  // namespace pmrisk::test
