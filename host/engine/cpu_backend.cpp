// The OpenMP backend: reprice each series at its underlying's points, then sum per class group
// (or, for Monte Carlo, per account).
// Every output element is computed by one thread in a fixed order, so the bytes do not depend on
// the thread count or the schedule.

#include <fmt/format.h>
#include <omp.h>
#include <unistd.h>

#include <cstdint>
#include <vector>

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

/// One series' P&L per unit at every point of its underlying; slots past its points are 0.
void value_series(const valuation_inputs& inputs, const series_view& series, std::size_t s,
                  double* pnl_row) {
  const grid_view& grid = inputs.grid;
  const auto u = static_cast<std::size_t>(series.underlying[s]);
  const double spot = grid.spot[u];
  const double vol = series.vol[s];
  const int points = grid.point_count[u];
  const double* spot_move = grid.spot_move + u * static_cast<std::size_t>(grid.stride);
  const double* vol_shift = grid.vol_shift + u * static_cast<std::size_t>(grid.stride);
  const series_valuation prepared =
      prepare_series(series.kind[s], series.style[s], series.strike[s], series.years[s], vol,
                     series.div_yield[s], inputs.rate, inputs.model, spot, grid.horizon_years[u]);
  // The vol terms (an American series' exercise boundary) are prepared again only when a
  // point's vol differs from the previous point's. A price-major grid repeats its vol shifts
  // with a period; walking the points one residue of that period at a time puts equal vols
  // next to each other. Any order gives the same values: each is price_series at its point.
  int period = 1;
  while (period < points && vol_shift[period] != vol_shift[0]) ++period;
  vol_terms at_point_vol = prepared.at_vol;
  for (int first = 0; first < period; ++first) {
    for (int j = first; j < points; j += period) {
      const double point_vol = shifted_vol(vol, vol_shift[j]);
      if (point_vol != at_point_vol.vol) at_point_vol = prepare_vol(prepared.at_horizon, point_vol);
      pnl_row[j] = unit_pnl_prepared(series.kind[s], prepared, at_point_vol, spot, spot_move[j]);
    }
  }
  for (int j = points; j < grid.stride; ++j) pnl_row[j] = 0.0;
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
    reprice(inputs, series);

#pragma omp parallel for schedule(dynamic, 64) num_threads(threads_)
    for (std::int64_t g = 0; g < group_count; ++g) {
      const int points = grid.point_count[groups.underlying[g]];
      double* risk_array = out.risk_array + static_cast<std::size_t>(g) * stride;
      for (int j = 0; j < points; ++j)
        risk_array[j] = class_group_pnl(groups.position_begin[g], groups.position_begin[g + 1],
                                        groups.position_series, groups.position_units,
                                        series_pnl_.data(), grid.stride, j);
      for (int j = points; j < grid.stride; ++j) risk_array[j] = 0.0;
      const worst_point_result worst = find_worst_point(risk_array, points);
      out.worst_pnl[g] = worst.pnl;
      out.worst_point[g] = worst.point;
    }
  }

  void value_accounts(const valuation_inputs& inputs, const series_view& series,
                      const class_group_view& groups, const account_view& accounts,
                      double* account_pnl) override {
    const grid_view& grid = inputs.grid;
    check_account_batch(grid, series, groups, accounts, account_pnl);
    const auto stride = static_cast<std::size_t>(grid.stride);
    const auto account_count = static_cast<std::int64_t>(accounts.count);
    reprice(inputs, series);

    // Each account's row is summed by one thread, point by point in the shared order.
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads_)
    for (std::int64_t a = 0; a < account_count; ++a) {
      double* row = account_pnl + static_cast<std::size_t>(a) * stride;
      for (int j = 0; j < grid.stride; ++j)
        row[j] = pmrisk::account_pnl(
            accounts.class_group_begin[a], accounts.class_group_begin[a + 1], groups.position_begin,
            groups.position_series, groups.position_units, series_pnl_.data(), grid.stride, j);
    }
  }

 private:
  /// Fills series_pnl_ (series x stride) for the batch.
  void reprice(const valuation_inputs& inputs, const series_view& series) {
    const auto stride = static_cast<std::size_t>(inputs.grid.stride);
    series_pnl_.resize(series.count * stride);
    const auto series_count = static_cast<std::int64_t>(series.count);
    // American series cost far more than European ones: hand them out in small chunks.
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads_)
    for (std::int64_t s = 0; s < series_count; ++s)
      value_series(inputs, series, static_cast<std::size_t>(s),
                   series_pnl_.data() + static_cast<std::size_t>(s) * stride);
  }

  int threads_;
  std::vector<double> series_pnl_;  ///< series x stride P&L per unit, reused across batches
};

}  // namespace

std::unique_ptr<valuation_backend> make_cpu_backend(int threads) {
  PMRISK_EXPECTS(threads >= 0, "thread count must be non-negative");
  return std::make_unique<cpu_backend>(threads);
}

}  // namespace pmrisk
