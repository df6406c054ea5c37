#pragma once
// Seeded random batches in the backend views, for comparing backends: a mix of stock and
// European and American calls and puts over several grids, with edge cases on purpose (expired
// series, series expiring inside the horizon, class groups without positions, grid slots past an
// underlying's points filled with NaN so that reading one would show).

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "pmrisk/backend.hpp"
#include "pmrisk/instrument.hpp"

namespace pmrisk::test {

/// One asset class's grid: price points from -down to +up (methodology.md section 1), each
/// repeated once per relative vol shift (price-major), and a horizon taken off every expiry.
struct grid_spec {
  double down = 0.15;
  double up = 0.15;
  int price_points = 10;
  std::vector<double> vol_shifts = {0.0};
  double horizon_days = 0;

  int point_count() const { return price_points * static_cast<int>(vol_shifts.size()); }
};

struct batch_spec {
  std::string name;
  std::uint64_t seed = 1;
  std::size_t underlyings = 8;
  std::size_t series = 100;
  std::size_t class_groups = 20;
  int max_positions = 12;  ///< per class group, drawn from 0 ... max_positions
  pricing_model model;
  std::vector<grid_spec> grids = {grid_spec{}};  ///< underlying u uses grids[u % size]
};

/// Names the batch in test output (GoogleTest would print its bytes).
inline void PrintTo(const batch_spec& spec, std::ostream* os) {
  *os << spec.name;
}

/// Owns every array of one batch and hands out the views a backend reads.
class random_batch {
 public:
  explicit random_batch(const batch_spec& spec);

  valuation_inputs inputs() const;
  series_view series() const;
  class_group_view class_groups() const;

  std::size_t class_group_count() const { return group_underlying_.size(); }
  int stride() const { return stride_; }
  /// Valuation points of class group g's underlying.
  int points_of_group(std::size_t g) const { return point_count_[group_underlying_[g]]; }

 private:
  void build_grid(const batch_spec& spec);

  double rate_ = 0;
  pricing_model model_;
  int stride_ = 0;
  std::vector<double> spot_, div_yield_, horizon_years_, spot_move_, vol_shift_;
  std::vector<int> point_count_;
  std::vector<instrument_kind> kind_;
  std::vector<exercise_style> style_;
  std::vector<double> strike_, years_, vol_, series_div_yield_;
  std::vector<std::int32_t> series_underlying_;
  std::vector<std::int32_t> group_underlying_;
  std::vector<std::int64_t> position_begin_;
  std::vector<std::int32_t> position_series_;
  std::vector<double> position_units_;
};

/// A backend's outputs for one batch, pre-filled with values no backend writes (NaN, -2) so a
/// slot left unwritten shows.
struct batch_outputs {
  std::vector<double> risk_array;
  std::vector<double> worst_pnl;
  std::vector<std::int32_t> worst_point;

  class_group_outputs view() { return {risk_array.data(), worst_pnl.data(), worst_point.data()}; }
};

batch_outputs value_with(valuation_backend& backend, const random_batch& batch);

}  // namespace pmrisk::test
