// The CUDA backend against the CPU backend on a grid with house points (docs/house.md): weighted
// extreme points and unscanned concentration points. Every slot within the backend tolerance,
// unused slots exactly 0, and the worst point searched over the scanned points only.

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "cuda/cuda_test_support.hpp"
#include "engine/batch_slice.hpp"
#include "engine/synthetic_book.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk::test {
namespace {

struct valued {
  std::vector<double> risk_array, worst_pnl;
  std::vector<std::int32_t> worst_point;
};

valued value_on(valuation_backend& backend, const engine::synthetic_firm& firm,
                const portfolio_book& book, const valuation_grid& grid) {
  std::vector<double> spot;
  for (const underlying& u : firm.market.underlyings) spot.push_back(u.price);
  valuation_inputs inputs;
  inputs.rate = firm.config.rate;
  inputs.model = firm.config.model;
  inputs.grid = {spot.size(),
                 grid.stride,
                 spot.data(),
                 grid.point_count.data(),
                 grid.spot_move.data(),
                 grid.vol_shift.data(),
                 grid.horizon_years.data()};
  inputs.grid.point_weight = grid.weight.data();
  inputs.grid.scan_point_count = grid.scan_point_count.data();

  engine::batch_slicer slicer(book);
  const engine::batch_slice slice = slicer.slice({0, book.account_count()});
  const std::size_t groups = book.class_group_count();
  valued out;
  out.risk_array.assign(groups * static_cast<std::size_t>(grid.stride), -1.0);
  out.worst_pnl.assign(groups, 0.0);
  out.worst_point.assign(groups, -2);
  backend.value_batch(inputs, slice.view_series(), slice.view_class_groups(),
                      {out.risk_array.data(), out.worst_pnl.data(), out.worst_point.data()});
  return out;
}

TEST(CudaWeightedGrid, HousePointsMatchTheCpuBackend) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  engine::synthetic_book_spec spec;
  spec.accounts = 1500;
  spec.underlyings = 24;
  spec.style = exercise_style::american;
  engine::synthetic_firm firm = engine::make_synthetic_firm(spec);
  house_rules& house = firm.config.house;
  house.vol_shifts.enabled = true;
  house.vol_shifts.by_asset_class = {{"equity", 0.15}, {"etf", 0.15}};
  house.extreme.enabled = true;
  house.concentration.enabled = true;
  const portfolio_book book = build_book(firm.market, firm.positions, firm.config);
  const valuation_grid grid = build_tims_grid(firm.market, firm.config);

  const valued cpu = value_on(*make_cpu_backend(), firm, book, grid);
  const valued cuda = value_on(*make_cuda_backend(), firm, book, grid);
  const auto stride = static_cast<std::size_t>(grid.stride);
  std::size_t differences = 0;
  for (std::size_t g = 0; g < book.class_group_count(); ++g) {
    const auto u = static_cast<std::size_t>(book.class_group_underlying[g]);
    for (std::size_t j = 0; j < stride; ++j) {
      const std::size_t i = g * stride + j;
      const bool used = static_cast<int>(j) < grid.point_count[u];
      differences += used ? !within_backend_tolerance(cpu.risk_array[i], cuda.risk_array[i])
                          : !(cpu.risk_array[i] == 0.0 && cuda.risk_array[i] == 0.0);
    }
    const int scanned = grid.scan_point_count[u];
    EXPECT_LT(cuda.worst_point[g], scanned) << "class group " << g;
    EXPECT_TRUE(same_worst_point(cpu.worst_point[g], cuda.worst_point[g],
                                 &cpu.risk_array[g * stride], scanned))
        << "class group " << g << ": cpu " << cpu.worst_point[g] << ", cuda "
        << cuda.worst_point[g];
    EXPECT_TRUE(within_backend_tolerance(cpu.worst_pnl[g], cuda.worst_pnl[g])) << g;
  }
  EXPECT_EQ(differences, std::size_t{0}) << "risk-array slots outside the tolerance";
}

}  // namespace
}  // namespace pmrisk::test
