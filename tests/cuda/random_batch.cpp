#include "cuda/random_batch.hpp"

#include <algorithm>
#include <limits>
#include <random>

namespace pmrisk::test {
namespace {

constexpr double not_a_point = std::numeric_limits<double>::quiet_NaN();
constexpr double days_per_year = 365.0;  // ACT/365, as the engine counts time to expiry

class draw {
 public:
  explicit draw(std::uint64_t seed) : rng_(seed) {}
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }
  std::size_t index(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  bool chance(double p) { return uniform(0.0, 1.0) < p; }

 private:
  std::mt19937_64 rng_;
};

/// Time to expiry: some expire today (intrinsic), some inside the horizon (intrinsic at the
/// horizon), the rest out to 2.5 years.
double draw_years(draw& d, double horizon_years) {
  const double shape = d.uniform(0.0, 1.0);
  if (shape < 0.05) return 0.0;
  if (shape < 0.15)
    return horizon_years > 0 ? d.uniform(0.0, horizon_years) : d.uniform(1, 7) / days_per_year;
  return d.uniform(1.0 / days_per_year, 2.5);
}

}  // namespace

random_batch::random_batch(const batch_spec& spec) : model_(spec.model) {
  draw d(spec.seed);
  rate_ = d.uniform(0.0, 0.06);
  for (std::size_t u = 0; u < spec.underlyings; ++u) {
    spot_.push_back(d.uniform(5.0, 800.0));
    div_yield_.push_back(d.chance(0.3) ? 0.0 : d.uniform(0.0, 0.05));
  }
  build_grid(spec);

  std::vector<std::vector<std::int32_t>> series_of(spec.underlyings);
  for (std::size_t s = 0; s < spec.series; ++s) {
    const std::size_t u = d.index(spec.underlyings);
    series_of[u].push_back(static_cast<std::int32_t>(s));
    series_underlying_.push_back(static_cast<std::int32_t>(u));
    series_div_yield_.push_back(div_yield_[u]);
    if (d.chance(0.15)) {
      kind_.push_back(instrument_kind::stock);
      style_.push_back(exercise_style::european);
      strike_.push_back(0.0);
      years_.push_back(0.0);
      vol_.push_back(0.0);
      continue;
    }
    kind_.push_back(d.chance(0.5) ? instrument_kind::call : instrument_kind::put);
    style_.push_back(d.chance(0.5) ? exercise_style::american : exercise_style::european);
    strike_.push_back(spot_[u] * d.uniform(0.6, 1.4));
    years_.push_back(draw_years(d, horizon_years_[u]));
    vol_.push_back(d.uniform(0.05, 1.2));
  }

  position_begin_.push_back(0);
  for (std::size_t g = 0; g < spec.class_groups; ++g) {
    const std::size_t u = d.index(spec.underlyings);
    group_underlying_.push_back(static_cast<std::int32_t>(u));
    const std::size_t positions =
        series_of[u].empty() ? 0 : d.index(static_cast<std::size_t>(spec.max_positions) + 1);
    for (std::size_t p = 0; p < positions; ++p) {
      const std::int32_t s = series_of[u][d.index(series_of[u].size())];
      const double quantity = static_cast<double>(d.index(100) + 1) * (d.chance(0.5) ? 1 : -1);
      const double multiplier = kind_[s] == instrument_kind::stock ? 1.0 : 100.0;
      position_series_.push_back(s);
      position_units_.push_back(quantity * multiplier);
    }
    position_begin_.push_back(static_cast<std::int64_t>(position_series_.size()));
  }
}

void random_batch::build_grid(const batch_spec& spec) {
  for (const grid_spec& g : spec.grids) stride_ = std::max(stride_, g.point_count());
  spot_move_.assign(spec.underlyings * static_cast<std::size_t>(stride_), not_a_point);
  vol_shift_.assign(spot_move_.size(), not_a_point);
  for (std::size_t u = 0; u < spec.underlyings; ++u) {
    const grid_spec& g = spec.grids[u % spec.grids.size()];
    point_count_.push_back(g.point_count());
    horizon_years_.push_back(g.horizon_days / days_per_year);
    // -down ... -down/n, +up/n ... +up with n = price_points / 2 (methodology.md section 1).
    const int half = g.price_points / 2;
    std::size_t slot = u * static_cast<std::size_t>(stride_);
    for (int k = 0; k < g.price_points; ++k) {
      const double move = k < half ? -g.down * (half - k) / half : g.up * (k - half + 1) / half;
      for (const double shift : g.vol_shifts) {
        spot_move_[slot] = move;
        vol_shift_[slot] = shift;
        ++slot;
      }
    }
  }
}

valuation_inputs random_batch::inputs() const {
  valuation_inputs in;
  in.rate = rate_;
  in.model = model_;
  in.grid = {spot_.size(),      stride_,           spot_.data(),         point_count_.data(),
             spot_move_.data(), vol_shift_.data(), horizon_years_.data()};
  return in;
}

series_view random_batch::series() const {
  return {kind_.size(),
          kind_.data(),
          style_.data(),
          strike_.data(),
          years_.data(),
          vol_.data(),
          series_div_yield_.data(),
          series_underlying_.data()};
}

class_group_view random_batch::class_groups() const {
  return {group_underlying_.size(), group_underlying_.data(), position_begin_.data(),
          position_series_.data(), position_units_.data()};
}

batch_outputs value_with(valuation_backend& backend, const random_batch& batch) {
  batch_outputs out;
  const std::size_t groups = batch.class_group_count();
  out.risk_array.assign(groups * static_cast<std::size_t>(batch.stride()), not_a_point);
  out.worst_pnl.assign(groups, not_a_point);
  out.worst_point.assign(groups, -2);
  backend.value_batch(batch.inputs(), batch.series(), batch.class_groups(), out.view());
  return out;
}

}  // namespace pmrisk::test
