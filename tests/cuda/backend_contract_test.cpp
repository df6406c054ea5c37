// The valuation_backend contract as the CUDA backend keeps it: exact stock P&L, preconditions
// checked before any device work, and memory reporting that survives its own reuse.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "cuda/cuda_test_support.hpp"
#include "cuda/random_batch.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::test {
namespace {

/// One underlying at $100 on the +/-15% grid, holding 100 shares (one class group).
struct stock_batch {
  std::vector<double> spot{100.0}, horizon{0.0};
  std::vector<int> points{10};
  std::vector<double> moves{-0.15, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.15};
  std::vector<double> shifts = std::vector<double>(10, 0.0);
  instrument_kind kind = instrument_kind::stock;
  exercise_style style = exercise_style::european;
  double strike = 0, years = 0, vol = 0, div_yield = 0;
  std::int32_t series_underlying = 0;
  std::vector<std::int32_t> group_underlying{0};
  std::vector<std::int64_t> position_begin{0, 1};
  std::vector<std::int32_t> position_series{0};
  std::vector<double> units{100.0};

  valuation_inputs inputs() const {
    valuation_inputs in;
    in.grid = {1, 10, spot.data(), points.data(), moves.data(), shifts.data(), horizon.data()};
    return in;
  }
  series_view series() const {
    return {1, &kind, &style, &strike, &years, &vol, &div_yield, &series_underlying};
  }
  class_group_view groups() const {
    return {1, group_underlying.data(), position_begin.data(), position_series.data(),
            units.data()};
  }
};

TEST(CudaBackendContract, LongStockMovesOneForOneWithSpot) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  // 100 shares at $100: P&L = 100 x $100 x move, -1500 ... +1500 (methodology.md section 1).
  // Stock P&L is spot x move, one product and one sum per point on either backend, so the
  // device must round exactly as the host does.
  const stock_batch batch;
  std::vector<double> risk(10, -1.0);
  double worst_pnl = 0;
  std::int32_t worst_point = -1;
  make_cuda_backend()->value_batch(batch.inputs(), batch.series(), batch.groups(),
                                   {risk.data(), &worst_pnl, &worst_point});
  for (std::size_t j = 0; j < risk.size(); ++j)
    EXPECT_EQ(risk[j], 100.0 * (100.0 * batch.moves[j])) << "point " << j;
  EXPECT_EQ(worst_pnl, risk[0]);
  EXPECT_EQ(worst_point, 0);
}

TEST(CudaBackendContract, BrokenPreconditionThrowsBeforeAnyDeviceWork) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const auto backend = make_cuda_backend();
  stock_batch bad;
  bad.position_series = {1};  // the batch has one series: index 1 would read past it
  std::vector<double> risk(10);
  double worst_pnl = 0;
  std::int32_t worst_point = 0;
  EXPECT_THROW(backend->value_batch(bad.inputs(), bad.series(), bad.groups(),
                                    {risk.data(), &worst_pnl, &worst_point}),
               logic_error);

  // Nothing reached the device, so the backend is still good for the next batch.
  const stock_batch good;
  backend->value_batch(good.inputs(), good.series(), good.groups(),
                       {risk.data(), &worst_pnl, &worst_point});
  EXPECT_EQ(worst_pnl, -1500.0);
}

TEST(CudaBackendContract, BatchWithoutClassGroupsNeedsNoOutputs) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  // As on the CPU: no class groups, nothing to write, so null output pointers are fine.
  const stock_batch batch;
  const class_group_view no_groups{0, nullptr, batch.position_begin.data(), nullptr, nullptr};
  EXPECT_NO_THROW(make_cuda_backend()->value_batch(batch.inputs(), batch.series(), no_groups, {}));
}

TEST(CudaBackendContract, HeldMemoryStillCountsAsAvailable) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const auto backend = make_cuda_backend();
  const std::size_t before = backend->available_memory_bytes();
  EXPECT_GT(before, std::size_t{0});

  batch_spec spec;
  spec.seed = 301;
  spec.underlyings = 50;
  spec.series = 50000;
  spec.class_groups = 40000;
  spec.max_positions = 20;
  value_with(*backend, random_batch(spec));

  // The backend keeps its device block for the next batch and reports it as available; only
  // lazily loaded kernel code may have been taken since (a few MiB at most).
  constexpr std::size_t slack = std::size_t{64} << 20;
  EXPECT_GE(backend->available_memory_bytes() + slack, before);
}

TEST(CudaBackendContract, LatticeLocalMemoryIsSetAsideBeforeItIsTaken) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  // The binomial tree's kernel keeps a 16 KB lattice per thread, which the device reserves for
  // every resident thread at its first use. The memory report sets that aside in advance, so
  // the first lattice batch must not shrink it. (ctest runs each test in its own process, so
  // the lattice is not yet reserved here; run alone with --gtest_filter for the same effect.)
  const auto backend = make_cuda_backend();
  const std::size_t before = backend->available_memory_bytes();
  batch_spec spec;
  spec.seed = 302;
  spec.series = 200;
  spec.class_groups = 100;
  spec.model.american = american_model::binomial_tree;
  spec.model.tree_steps = 51;
  value_with(*backend, random_batch(spec));
  constexpr std::size_t slack = std::size_t{64} << 20;
  EXPECT_GE(backend->available_memory_bytes() + slack, before);
}

}  // namespace
}  // namespace pmrisk::test
