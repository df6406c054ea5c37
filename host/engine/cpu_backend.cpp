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
#include "pmrisk/error.hpp"
#include "pmrisk/valuation.hpp"

namespace pmrisk {
namespace {

void check_inputs(const grid_view& grid, const series_view& series,
                  const class_group_view& groups) {
  PMRISK_EXPECTS(grid.stride > 0 || (series.count == 0 && groups.count == 0),
                 "a batch with series needs a grid");
  for (std::size_t s = 0; s < series.count; ++s)
    PMRISK_EXPECTS(series.underlying[s] >= 0 &&
                       static_cast<std::size_t>(series.underlying[s]) < grid.underlyings,
                   fmt::format("series {} names underlying {}", s, series.underlying[s]));
  if (groups.count == 0) return;
  PMRISK_EXPECTS(groups.position_begin[0] == 0, "position offsets start at 0");
  for (std::size_t g = 0; g < groups.count; ++g) {
    const std::int32_t u = groups.underlying[g];
    PMRISK_EXPECTS(u >= 0 && static_cast<std::size_t>(u) < grid.underlyings,
                   fmt::format("class group {} names underlying {}", g, u));
    PMRISK_EXPECTS(grid.point_count[u] >= 1 && grid.point_count[u] <= grid.stride,
                   fmt::format("underlying {} has {} points for stride {}", u, grid.point_count[u],
                               grid.stride));
    PMRISK_EXPECTS(groups.position_begin[g] <= groups.position_begin[g + 1],
                   "position offsets ascend");
    for (std::int64_t p = groups.position_begin[g]; p < groups.position_begin[g + 1]; ++p) {
      const std::int32_t s = groups.position_series[p];
      PMRISK_EXPECTS(
          s >= 0 && static_cast<std::size_t>(s) < series.count && series.underlying[s] == u,
          fmt::format("position {} of class group {} names series {}", p, g, s));
    }
  }
}

void check_batch(const grid_view& grid, const series_view& series, const class_group_view& groups,
                 const class_group_outputs& out) {
  PMRISK_EXPECTS(groups.count == 0 || (out.risk_array && out.worst_pnl && out.worst_point),
                 "outputs must be given");
  check_inputs(grid, series, groups);
  if (grid.scan_point_count == nullptr) return;
  for (std::size_t g = 0; g < groups.count; ++g) {
    const std::int32_t u = groups.underlying[g];
    PMRISK_EXPECTS(grid.scan_point_count[u] >= 1 && grid.scan_point_count[u] <= grid.point_count[u],
                   fmt::format("underlying {} scans {} of its {} points", u,
                               grid.scan_point_count[u], grid.point_count[u]));
  }
}

/// value_accounts' preconditions: the batch's, account offsets ascending from 0 to the class-group
/// count, every class group's underlying with stride points (a tile of scenarios).
void check_account_batch(const grid_view& grid, const series_view& series,
                         const class_group_view& groups, const account_view& accounts,
                         const double* account_pnl) {
  check_inputs(grid, series, groups);
  PMRISK_EXPECTS(accounts.class_group_begin != nullptr && accounts.class_group_begin[0] == 0,
                 "account offsets start at 0");
  PMRISK_EXPECTS(
      accounts.class_group_begin[accounts.count] == static_cast<std::int64_t>(groups.count),
      "account offsets end at the class-group count");
  for (std::size_t a = 0; a < accounts.count; ++a)
    PMRISK_EXPECTS(accounts.class_group_begin[a] <= accounts.class_group_begin[a + 1],
                   "account offsets ascend");
  for (std::size_t g = 0; g < groups.count; ++g)
    PMRISK_EXPECTS(grid.point_count[groups.underlying[g]] == grid.stride,
                   fmt::format("class group {}'s underlying has {} scenarios in a tile of {}", g,
                               grid.point_count[groups.underlying[g]], grid.stride));
  PMRISK_EXPECTS(accounts.count == 0 || account_pnl != nullptr, "an output must be given");
}

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
    check_batch(grid, series, groups, out);
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
    check_account_batch(grid, series, groups, accounts, account_pnl);
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
