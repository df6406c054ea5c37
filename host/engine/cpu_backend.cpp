// The OpenMP backend: reprice each series at its underlying's points, then sum per class group
// (or, for Monte Carlo, per account).
// Every output element is computed by one thread in a fixed order, so the bytes do not depend on
// the thread count or the schedule.

#include <fmt/format.h>
#include <omp.h>
#include <unistd.h>

#include <cstdint>
#include <vector>

#include "capacity/stage_clock.hpp"
#include "engine/cpu_reprice.hpp"
#include "pmrisk/account_pnl.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/detail/batch_preconditions.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/valuation.hpp"

namespace pmrisk {
namespace {

class cpu_backend final : public valuation_backend {
 public:
  explicit cpu_backend(int threads) : threads_(threads > 0 ? threads : omp_get_max_threads()) {}

  std::string name() const override {
    return fmt::format("cpu ({} thread{})", threads_, threads_ == 1 ? "" : "s");
  }

  /// The machine's physical memory: the host holds the whole batch.
  std::size_t available_memory_bytes() const override {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page_bytes = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_bytes <= 0) return SIZE_MAX;  // unknown: the configured budget rules
    return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_bytes);
  }

  void value_batch(const valuation_inputs& inputs, const series_view& series,
                   const class_group_view& groups, const class_group_outputs& out) override {
    const grid_view& grid = inputs.grid;
    detail::check_batch(grid, series, groups, out);
    const auto stride = static_cast<std::size_t>(grid.stride);
    const auto group_count = static_cast<std::int64_t>(groups.count);
    capacity::lap_clock clock;
    reprice(inputs, series);
    stage_seconds_.reprice += clock.lap();

#pragma omp parallel for schedule(dynamic, 64) num_threads(threads_)
    for (std::int64_t g = 0; g < group_count; ++g) {
      const std::int32_t u = groups.underlying[g];
      const int points = grid.point_count[u];
      const int scanned = grid.scan_point_count ? grid.scan_point_count[u] : points;
      const double* weight =
          grid.point_weight ? grid.point_weight + static_cast<std::size_t>(u) * stride : nullptr;
      double* risk_array = out.risk_array + static_cast<std::size_t>(g) * stride;
      // class_group_pnl's sums, position by position with the points innermost: each point
      // still adds its positions in order from 0.0, so the bits match, and the inner loop
      // vectorises.
      for (int j = 0; j < grid.stride; ++j) risk_array[j] = 0.0;
      for (std::int64_t p = groups.position_begin[g]; p < groups.position_begin[g + 1]; ++p) {
        const double units = groups.position_units[p];
        const double* row =
            series_pnl_.data() + static_cast<std::size_t>(groups.position_series[p]) * stride;
        for (int j = 0; j < points; ++j) risk_array[j] += units * row[j];
      }
      if (weight)  // weight 1 keeps the sum exactly
        for (int j = 0; j < points; ++j) risk_array[j] *= weight[j];
      const worst_point_result worst = find_worst_point(risk_array, scanned);
      out.worst_pnl[g] = worst.pnl;
      out.worst_point[g] = worst.point;
    }
    stage_seconds_.aggregate += clock.lap();
  }

  void value_accounts(const valuation_inputs& inputs, const series_view& series,
                      const class_group_view& groups, const account_view& accounts,
                      double* account_pnl) override {
    const grid_view& grid = inputs.grid;
    detail::check_account_batch(grid, series, groups, accounts, account_pnl);
    const auto stride = static_cast<std::size_t>(grid.stride);
    const auto account_count = static_cast<std::int64_t>(accounts.count);
    capacity::lap_clock clock;
    reprice(inputs, series);
    stage_seconds_.reprice += clock.lap();

    // Each account's row is summed by one thread, point by point in the shared order.
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads_)
    for (std::int64_t a = 0; a < account_count; ++a) {
      double* row = account_pnl + static_cast<std::size_t>(a) * stride;
      for (int j = 0; j < grid.stride; ++j)
        row[j] = pmrisk::account_pnl(
            accounts.class_group_begin[a], accounts.class_group_begin[a + 1], groups.position_begin,
            groups.position_series, groups.position_units, series_pnl_.data(), grid.stride, j);
    }
    stage_seconds_.aggregate += clock.lap();
  }

  backend_stage_seconds stage_seconds() const override {
    return stage_seconds_;
  }

 private:
  /// Fills series_pnl_ (series x stride) for the batch (engine/cpu_reprice.cpp).
  void reprice(const valuation_inputs& inputs, const series_view& series) {
    series_pnl_.resize(series.count * static_cast<std::size_t>(inputs.grid.stride));
    engine::reprice_series(inputs, series, threads_, series_pnl_.data());
  }

  int threads_;
  std::vector<double> series_pnl_;  ///< series x stride P&L per unit, reused across batches
  backend_stage_seconds stage_seconds_;
};

}  // namespace

std::unique_ptr<valuation_backend> make_cpu_backend(int threads) {
  PMRISK_EXPECTS(threads >= 0, "thread count must be non-negative");
  return std::make_unique<cpu_backend>(threads);
}

}  // namespace pmrisk
