// The CPU repricing stage, vectorised. (series, point) pairs are staged as lanes in
// structure-of-arrays tables and priced eight at a time by `omp simd` loops that call glibc's
// vector math (libmvec). What does not depend on the point is prepared once per series: a
// European series' discount factors in vector lanes across series, its sqrt T and log K by the
// scalar code; an American series' terms by the shared scalar code and its exercise boundary
// once per distinct vol. What depends only on the point is prepared once per underlying (the
// moved spot and its log, so the lanes need no log at all).
//
// Built with its own flags (CMakeLists.txt, this file only): -fno-math-errno, so exp and erfc
// may become their vector variants, and -ffp-contract=off, so the AVX2 and AVX-512 builds fuse
// no multiply-adds and the lanes do the shared pricer's arithmetic operation for operation. No
// -ffast-math: evaluation order, NaN and signed zeros stay IEEE. What differs from the scalar
// pricer is only the math library: erfc in place of Cody's norm_cdf, libmvec's exp (in the
// lanes and in the European discount factors).

#include "engine/cpu_reprice.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "pmrisk/valuation.hpp"

// glibc declares libmvec's variants (bits/math-vector.h) only under -ffast-math; these
// declarations say the same without it, so the `omp simd` loops below call
// _ZGV{b,d,e}N{2,4,8}v_{exp,erfc} (SSE2, AVX2, AVX-512) for whole vectors of lanes.
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__GNUC__) && !defined(__clang__)
extern "C" {
#pragma omp declare simd notinbranch
double exp(double) noexcept;
#pragma omp declare simd notinbranch
double erfc(double) noexcept;
}
// Each lane kernel is compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2) and the baseline
// (SSE2); the loader picks one for the machine, and every lane on it runs that one.
#define PMRISK_LANE_KERNEL \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define PMRISK_LANE_KERNEL
#endif

namespace pmrisk::engine {
namespace {

/// Lanes per vector block: a multiple of every variant's width (2, 4 and 8 doubles). A table
/// is priced in whole blocks, padded, so no lane is left to a scalar remainder loop.
constexpr std::size_t block_lanes = 8;
/// Lanes a table holds before it is priced: a few dozen series' points, well within L2.
constexpr std::size_t table_lanes = 512;

/// A lane's inputs: black_scholes_log_value's, then what ju_zhong_value adds.
enum lane_input : int {
  in_sign,  ///< +1 call, -1 put
  in_spot,
  in_log_spot,
  in_total_vol,  ///< vol x sqrt T, > 0
  in_log_forward_strike,
  in_div_discount,
  in_discounted_strike,
  european_inputs,
  in_strike = european_inputs,
  in_early_exercise,  ///< 1 or 0
  in_boundary_found,  ///< 1 or 0
  in_rate_discount_complement,
  in_div_discount_complement,
  in_critical_spot,
  in_log_critical_spot,
  in_power,
  in_premium,
  in_quadratic,
  in_linear,
  american_inputs,
};

/// Doubles between one input column's end and the next one's start: one cache line, so that
/// a lane's inputs (one per column, 4 KiB apart otherwise) do not all fall in one L1 set; and
/// room for a block written from the table's last lane (fill_runs).
constexpr std::size_t column_padding = 8;
static_assert(column_padding >= block_lanes - 1);

template <int Inputs>
struct lane_table {
  alignas(64) double in[Inputs][table_lanes + column_padding];
  alignas(64) double value[table_lanes];
};
using european_table = lane_table<european_inputs>;
using american_table = lane_table<american_inputs>;

/// Phi(x) through erfc, which libmvec vectorises (Cody's rational form, norm_cdf, needs four
/// divisions per call and runs 3x slower in vectors). Both tails keep their relative accuracy
/// to about |x|^2 ulps, the rounding of x / sqrt 2; the prices they enter lose nothing visible.
inline double lane_norm_cdf(double x) {
  return 0.5 * std::erfc(x * -0.70710678118654752440);
}

/// black_scholes_log_value for total_vol > 0, the same expressions in the same order.
inline double lane_european_value(double sign, double spot, double log_spot, double total_vol,
                                  double log_forward_strike, double div_discount,
                                  double discounted_strike) {
  const double discounted_forward = spot * div_discount;
  const double d1 = (log_spot - log_forward_strike) / total_vol + 0.5 * total_vol;
  const double d2 = d1 - total_vol;
  return sign * (discounted_forward * lane_norm_cdf(sign * d1) -
                 discounted_strike * lane_norm_cdf(sign * d2));
}

template <int Inputs>
inline double lane_european_value(const lane_table<Inputs>& t, std::size_t i) {
  return lane_european_value(t.in[in_sign][i], t.in[in_spot][i], t.in[in_log_spot][i],
                             t.in[in_total_vol][i], t.in[in_log_forward_strike][i],
                             t.in[in_div_discount][i], t.in[in_discounted_strike][i]);
}

/// ju_zhong_value for total_vol > 0, its branches as selects in the same order.
inline double lane_american_value(const american_table& t, std::size_t i) {
  const double sign = t.in[in_sign][i];
  const double spot = t.in[in_spot][i];
  const double strike = t.in[in_strike][i];
  const double european = lane_european_value(t, i);
  const double intrinsic =
      sign > 0 ? (spot > strike ? spot - strike : 0.0) : (strike > spot ? strike - spot : 0.0);
  const double floor = intrinsic > european ? intrinsic : european;
  const double x = t.in[in_log_spot][i] - t.in[in_log_critical_spot][i];
  const double chi = x * (t.in[in_quadratic][i] * x + t.in[in_linear][i]);
  const double premium = t.in[in_premium][i] * std::exp(t.in[in_power][i] * x) / (1 - chi);
  const double h = t.in[in_rate_discount_complement][i];
  double call_cap = t.in[in_div_discount_complement][i] * spot + (h < 0 ? -h * strike : 0.0);
  if (spot - european < call_cap) call_cap = spot - european;
  const double cap = sign > 0 ? call_cap : h * strike;
  const double value = european + (premium > cap ? cap : premium);
  const double model = floor > value ? floor : value;
  const double exercised = sign * (spot - t.in[in_critical_spot][i]) >= 0 ? intrinsic : model;
  // early_exercise x found, not &&: a short circuit would be a branch, and the loop a scalar one.
  return t.in[in_early_exercise][i] * t.in[in_boundary_found][i] != 0 ? exercised : floor;
}

PMRISK_LANE_KERNEL void value_lanes(european_table& t, std::size_t lanes) {
  for (std::size_t b = 0; b < lanes; b += block_lanes) {
#pragma omp simd
    for (std::size_t i = 0; i < block_lanes; ++i) t.value[b + i] = lane_european_value(t, b + i);
  }
}

PMRISK_LANE_KERNEL void value_lanes(american_table& t, std::size_t lanes) {
  for (std::size_t b = 0; b < lanes; b += block_lanes) {
#pragma omp simd
    for (std::size_t i = 0; i < block_lanes; ++i) t.value[b + i] = lane_american_value(t, b + i);
  }
}

/// The per-series inputs of European lanes, one row per run (see european_stream): the
/// expiry's terms as make_black_scholes_terms forms them, the two discount exponentials for
/// a whole block of runs at once. ln K stays the shared scalar log (log_strike, filled by the
/// caller): short-dated values near the money carry its last bit times 1 / (vol sqrt T).
struct run_table {
  alignas(64) double years[table_lanes];
  alignas(64) double strike[table_lanes];
  alignas(64) double log_strike[table_lanes];
  alignas(64) double div_yield[table_lanes];
  alignas(64) double log_forward_strike[table_lanes];
  alignas(64) double div_discount[table_lanes];
  alignas(64) double discounted_strike[table_lanes];
};

PMRISK_LANE_KERNEL void prepare_runs(run_table& r, std::size_t runs, double rate) {
  for (std::size_t b = 0; b < runs; b += block_lanes) {
#pragma omp simd
    for (std::size_t i = 0; i < block_lanes; ++i) {
      const double years = r.years[b + i];
      const double div_yield = r.div_yield[b + i];
      r.log_forward_strike[b + i] = r.log_strike[b + i] - (rate - div_yield) * years;
      r.div_discount[b + i] = std::exp(-div_yield * years);
      r.discounted_strike[b + i] = r.strike[b + i] * std::exp(-rate * years);
    }
  }
}

/// Consecutive European lanes of one series at one expiry, its run_table row alongside.
struct lane_run {
  std::size_t first = 0;  ///< its first lane
  std::size_t lanes = 0;
  double sign = 1;                     ///< +1 call, -1 put
  double* base_destination = nullptr;  ///< its first lane's, when that is a series' base value
  double* destination = nullptr;       ///< where its (other) values go, consecutively
};

/// Writes each run's terms to all its lanes, a whole block at a time from its first lane.
/// Blocks past a run's end are overwritten by the runs after it (filled in order); the last
/// run's spill stays within the columns' padding, and pad_lanes copies lanes over it after.
PMRISK_LANE_KERNEL void fill_runs(european_table& t, const run_table& r, const lane_run* runs,
                                  std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t k = runs[i].first; k < runs[i].first + runs[i].lanes; k += block_lanes) {
#pragma omp simd
      for (std::size_t m = k; m < k + block_lanes; ++m) {
        t.in[in_sign][m] = runs[i].sign;
        t.in[in_log_forward_strike][m] = r.log_forward_strike[i];
        t.in[in_div_discount][m] = r.div_discount[i];
        t.in[in_discounted_strike][m] = r.discounted_strike[i];
      }
    }
  }
}

/// Writes the point lanes' own inputs: the moved spot, its log, and the total vol at the
/// point's shifted vol (shifted_vol(vol, shift) x sqrt T, as the scalar pricer forms it).
PMRISK_LANE_KERNEL void put_point_lanes(european_table& t, std::size_t first, int count,
                                        const double* spot, const double* log_spot,
                                        const double* vol_shift, double vol, double sqrt_years) {
  for (int k = 0; k < count; ++k) {
    t.in[in_spot][first + k] = spot[k];
    t.in[in_log_spot][first + k] = log_spot[k];
    t.in[in_total_vol][first + k] = shifted_vol(vol, vol_shift[k]) * sqrt_years;
  }
}

/// A series whose lanes are staged: its row receives each point's value, then, once every
/// lane is priced, has the base value (today's, at the unmoved point) taken off.
struct staged_series {
  double* row = nullptr;
  int points = 0;
  double base_value = 0;
  bool complete = false;  ///< all its lanes are staged
};

/// The series with lanes in one table. At most every series with a lane in the table, and the
/// open one, are pending: reserved once, so the base-value addresses handed to lanes stay
/// valid until the table is priced.
class staged_rows {
 public:
  staged_rows() { series_.reserve(table_lanes + 1); }

  /// Starts a series; its first lane must be its base value, then one per point.
  void open(double* row, int points) { series_.push_back({row, points, 0.0, false}); }
  void close() { series_.back().complete = true; }
  staged_series& last() { return series_.back(); }

  /// Once every staged lane is priced: finishes all complete series. Only the open one, the
  /// last, stays (moved with its base value, whose lane is priced too).
  void finish_complete() {
    for (const staged_series& s : series_) {
      if (!s.complete) break;
      for (int j = 0; j < s.points; ++j) s.row[j] = s.row[j] - s.base_value;
    }
    if (!series_.empty() && !series_.back().complete) {
      series_.front() = series_.back();
      series_.resize(1);
    } else {
      series_.clear();
    }
  }

 private:
  std::vector<staged_series> series_;
};

/// Pads a table's first `lanes` lanes to whole blocks with copies of the last lane, whose
/// values go nowhere; returns the padded count.
template <int Inputs>
std::size_t pad_lanes(lane_table<Inputs>& t, std::size_t lanes) {
  const std::size_t padded = (lanes + block_lanes - 1) / block_lanes * block_lanes;
  for (int c = 0; c < Inputs; ++c)
    for (std::size_t i = lanes; i < padded; ++i) t.in[c][i] = t.in[c][lanes - 1];
  return padded;
}

/// One thread's American lanes: staged in a table, priced whenever it fills.
class american_stream {
 public:
  american_stream() : table_(std::make_unique<american_table>()) {}

  void open_series(double* row, int points) { rows_.open(row, points); }
  void close_series() { rows_.close(); }

  /// The next lane's input columns, its value bound for the open series' base value.
  std::size_t base_lane() {
    make_room();
    return add_lane(&rows_.last().base_value);
  }
  /// The next lane's, its value bound for point `point` of the open series' row.
  std::size_t point_lane(int point) {
    make_room();
    return add_lane(rows_.last().row + point);
  }

  american_table& table() { return *table_; }

  /// Prices the staged lanes and finishes every complete series.
  void flush() {
    if (lanes_ > 0) {
      value_lanes(*table_, pad_lanes(*table_, lanes_));
      for (std::size_t i = 0; i < lanes_; ++i) *destination_[i] = table_->value[i];
      lanes_ = 0;
    }
    rows_.finish_complete();
  }

 private:
  /// Prices a full table first: that may move the open series, so its destinations are taken
  /// only after.
  void make_room() {
    if (lanes_ == table_lanes) flush();
  }

  std::size_t add_lane(double* destination) {
    destination_[lanes_] = destination;
    return lanes_++;
  }

  std::unique_ptr<american_table> table_;
  double* destination_[table_lanes] = {};
  std::size_t lanes_ = 0;
  staged_rows rows_;
};

/// A European series as the lanes need it: the shared scalar pricer's inputs, with sqrt T of
/// both expiries and ln K formed by the scalar code.
struct european_series {
  double* row = nullptr;
  int points = 0;
  double sign = 1;  ///< +1 call, -1 put
  double strike = 0;
  double log_strike = 0;  ///< std::log(strike)
  double div_yield = 0;
  double vol = 0;
  double years = 0;  ///< today's expiry, with its sqrt
  double sqrt_years = 0;
  double years_left = 0;  ///< the horizon's, with its sqrt
  double sqrt_years_left = 0;
  double base_spot = 0;  ///< the unmoved spot and its log
  double log_base_spot = 0;
  const double* spot = nullptr;  ///< per point: the moved spot, its log and the vol shift
  const double* log_spot = nullptr;
  const double* vol_shift = nullptr;
};

/// One thread's European lanes. A series is staged as runs of lanes sharing one expiry: its
/// base lane (today's, the unmoved spot), then its points (the horizon's). A run's terms are
/// formed once, their discount exponentials for eight runs at a time (prepare_runs), and
/// written to its lanes as whole vectors; its values go to consecutive doubles.
class european_stream {
 public:
  explicit european_stream(double rate)
      : rate_(rate),
        table_(std::make_unique<european_table>()),
        run_terms_(std::make_unique<run_table>()) {}

  void stage(const european_series& e) {
    rows_.open(e.row, e.points);
    european_table& t = *table_;
    // Without a horizon the base lane shares the points' expiry, so it leads their first run.
    bool base_pending = true;
    if (e.years_left != e.years) {
      make_room();
      put_base_lane(e, add_run(e, e.years, &rows_.last().base_value, nullptr, 1));
      base_pending = false;
    }
    for (int j = 0; j < e.points || base_pending;) {
      make_room();
      const int base = base_pending ? 1 : 0;
      const int n = std::min(e.points - j, static_cast<int>(table_lanes - lanes_) - base);
      const std::size_t first =
          add_run(e, e.years_left, base_pending ? &rows_.last().base_value : nullptr,
                  rows_.last().row + j, n + base);
      if (base_pending) put_base_lane(e, first);
      put_point_lanes(t, first + static_cast<std::size_t>(base), n, e.spot + j, e.log_spot + j,
                      e.vol_shift + j, e.vol, e.sqrt_years_left);
      base_pending = false;
      j += n;
    }
    rows_.close();
  }

  /// Prices the staged lanes and finishes every complete series.
  void flush() {
    if (lanes_ > 0) {
      run_table& r = *run_terms_;
      const std::size_t padded_runs = (run_count_ + block_lanes - 1) / block_lanes * block_lanes;
      for (std::size_t i = run_count_; i < padded_runs; ++i) {
        r.years[i] = r.years[run_count_ - 1];
        r.strike[i] = r.strike[run_count_ - 1];
        r.log_strike[i] = r.log_strike[run_count_ - 1];
        r.div_yield[i] = r.div_yield[run_count_ - 1];
      }
      prepare_runs(r, padded_runs, rate_);
      european_table& t = *table_;
      fill_runs(t, r, runs_, run_count_);
      value_lanes(t, pad_lanes(t, lanes_));
      for (std::size_t i = 0; i < run_count_; ++i) {
        const lane_run& run = runs_[i];
        const double* value = t.value + run.first;
        std::size_t lanes = run.lanes;
        if (run.base_destination) {
          *run.base_destination = *value++;
          --lanes;
        }
        std::copy_n(value, lanes, run.destination);
      }
      lanes_ = 0;
      run_count_ = 0;
    }
    rows_.finish_complete();
  }

 private:
  /// Prices a full table first: that may move the open series, so its destinations are taken
  /// only after.
  void make_room() {
    if (lanes_ == table_lanes) flush();
  }

  /// A run of `lanes` lanes at this expiry (room made); returns its first lane.
  /// A run of `lanes` lanes at this expiry (room made), its first lane the series' base lane
  /// when base_destination is given; returns its first lane.
  std::size_t add_run(const european_series& e, double years, double* base_destination,
                      double* destination, int lanes) {
    run_table& r = *run_terms_;
    r.years[run_count_] = years;
    r.strike[run_count_] = e.strike;
    r.log_strike[run_count_] = e.log_strike;
    r.div_yield[run_count_] = e.div_yield;
    runs_[run_count_++] = {lanes_, static_cast<std::size_t>(lanes), e.sign, base_destination,
                           destination};
    const std::size_t first = lanes_;
    lanes_ += static_cast<std::size_t>(lanes);
    return first;
  }

  /// The base lane's own inputs: the unmoved spot at today's total vol.
  void put_base_lane(const european_series& e, std::size_t lane) {
    european_table& t = *table_;
    t.in[in_spot][lane] = e.base_spot;
    t.in[in_log_spot][lane] = e.log_base_spot;
    t.in[in_total_vol][lane] = e.vol * e.sqrt_years;
  }

  double rate_;
  std::unique_ptr<european_table> table_;
  std::unique_ptr<run_table> run_terms_;
  lane_run runs_[table_lanes];
  std::size_t run_count_ = 0;
  std::size_t lanes_ = 0;
  staged_rows rows_;
};

/// The moved spot of every (underlying, point) and its log, and each unmoved spot's log:
/// spot x (1 + move) and std::log of it, exactly as the scalar pricer forms them.
struct point_spots {
  std::vector<double> spot;      ///< underlyings x stride
  std::vector<double> log_spot;  ///< underlyings x stride
  std::vector<double> log_base;  ///< per underlying: ln spot
};

/// The exercise boundaries of one series at the few distinct vols of its points, each solved
/// once (a vol-shift grid cycles through them); a Monte Carlo tile's many vols just miss.
class boundary_cache {
 public:
  explicit boundary_cache(const series_terms& terms) : terms_(terms) {}

  const ju_zhong_boundary& at(double vol) {
    for (int i = 0; i < filled_; ++i)
      if (vol_[i] == vol) return boundary_[i];
    const int slot = next_;
    next_ = (next_ + 1) % slots;
    if (filled_ < slots) ++filled_;
    vol_[slot] = vol;
    boundary_[slot] = prepare_vol(terms_, vol).ju_zhong;
    return boundary_[slot];
  }

 private:
  static constexpr int slots = 8;
  const series_terms& terms_;
  double vol_[slots] = {};
  ju_zhong_boundary boundary_[slots];
  int filled_ = 0;
  int next_ = 0;
};

/// Writes black_scholes_log_value's inputs into one American lane.
void put_european_inputs(american_table& t, std::size_t lane, double sign, double spot,
                         double log_spot, double total_vol, const black_scholes_terms& e) {
  t.in[in_sign][lane] = sign;
  t.in[in_spot][lane] = spot;
  t.in[in_log_spot][lane] = log_spot;
  t.in[in_total_vol][lane] = total_vol;
  t.in[in_log_forward_strike][lane] = e.log_forward_strike;
  t.in[in_div_discount][lane] = e.div_discount;
  t.in[in_discounted_strike][lane] = e.discounted_strike;
}

/// Writes what ju_zhong_value adds: the series' terms and the boundary of the lane's vol.
void put_ju_zhong_inputs(american_table& t, std::size_t lane, const series_terms& terms,
                         const ju_zhong_boundary& boundary) {
  t.in[in_strike][lane] = terms.strike;
  t.in[in_early_exercise][lane] = terms.ju_zhong.early_exercise ? 1.0 : 0.0;
  t.in[in_boundary_found][lane] = boundary.found ? 1.0 : 0.0;
  t.in[in_rate_discount_complement][lane] = terms.ju_zhong.rate_discount_complement;
  t.in[in_div_discount_complement][lane] = terms.ju_zhong.div_discount_complement;
  t.in[in_critical_spot][lane] = boundary.critical_spot;
  t.in[in_log_critical_spot][lane] = boundary.log_critical_spot;
  t.in[in_power][lane] = boundary.power;
  t.in[in_premium][lane] = boundary.premium;
  t.in[in_quadratic][lane] = boundary.quadratic;
  t.in[in_linear][lane] = boundary.linear;
}

/// The scalar path, for the series the lanes do not take: P&L per unit at every point of its
/// underlying, each unit_pnl_prepared (so price_series at its point) less the base value.
void value_series_scalar(const valuation_inputs& inputs, const series_view& series, std::size_t s,
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
}

/// Whether the lanes price a series: a call or put still alive at the horizon (years_left
/// years), European or American under Ju-Zhong, with a positive total vol today and at every
/// point (vol x sqrt T, as make_black_scholes_terms forms sqrt T). Zero vol has closed forms
/// of its own and NaN its own comparisons: both stay on the scalar path.
bool lane_priced(instrument_kind kind, exercise_style style, american_model model, double years,
                 double years_left, double vol, const double* vol_shift, int points) {
  if (kind != instrument_kind::call && kind != instrument_kind::put) return false;
  if (!(years_left > 0)) return false;
  if (style == exercise_style::american && model != american_model::ju_zhong_1999) return false;
  if (!(vol * std::sqrt(years) > 0)) return false;
  const double sqrt_years_left = std::sqrt(years_left);
  bool positive = true;  // over all points, no early exit: the loop vectorises
  for (int j = 0; j < points; ++j) positive &= shifted_vol(vol, vol_shift[j]) * sqrt_years_left > 0;
  return positive;
}

/// One thread's repricing state: the batch, the hoisted point spots, and its two lane streams.
class series_repricer {
 public:
  series_repricer(const valuation_inputs& inputs, const series_view& series,
                  const point_spots& spots, double* series_pnl)
      : inputs_(inputs),
        series_(series),
        spots_(spots),
        series_pnl_(series_pnl),
        european_(inputs.rate) {}

  /// Stages (or, on the scalar path, values) series s into its row.
  void reprice(std::size_t s) {
    const grid_view& grid = inputs_.grid;
    const auto u = static_cast<std::size_t>(series_.underlying[s]);
    const auto stride = static_cast<std::size_t>(grid.stride);
    const int points = grid.point_count[u];
    double* row = series_pnl_ + s * stride;
    for (int j = points; j < grid.stride; ++j) row[j] = 0.0;

    const double years = series_.years[s];
    const double years_left = years_at_horizon(years, grid.horizon_years[u]);
    const double vol = series_.vol[s];
    const double* vol_shift = grid.vol_shift + u * stride;
    if (!lane_priced(series_.kind[s], series_.style[s], inputs_.model.american, years, years_left,
                     vol, vol_shift, points)) {
      value_series_scalar(inputs_, series_, s, row);
      return;
    }

    const double sign = series_.kind[s] == instrument_kind::put ? -1.0 : 1.0;
    const double* spot = spots_.spot.data() + u * stride;
    const double* log_spot = spots_.log_spot.data() + u * stride;
    if (series_.style[s] == exercise_style::european) {
      european_series e;
      e.row = row;
      e.points = points;
      e.sign = sign;
      e.strike = series_.strike[s];
      e.log_strike = std::log(e.strike);
      e.div_yield = series_.div_yield[s];
      e.vol = vol;
      e.years = years;
      e.sqrt_years = std::sqrt(years);
      e.years_left = years_left;
      e.sqrt_years_left = std::sqrt(years_left);
      e.base_spot = grid.spot[u];
      e.log_base_spot = spots_.log_base[u];
      e.spot = spot;
      e.log_spot = log_spot;
      e.vol_shift = vol_shift;
      european_.stage(e);
      return;
    }

    // American: each distinct vol's boundary once; without a horizon today's is the
    // horizon's at the unshifted vol.
    const auto terms_at = [&](double t) {
      return make_series_terms(series_.kind[s], series_.style[s], series_.strike[s], t,
                               inputs_.rate, series_.div_yield[s], inputs_.model);
    };
    const series_terms at_horizon = terms_at(years_left);
    const std::optional<series_terms> today_apart =
        years_left == years ? std::nullopt : std::optional(terms_at(years));
    const series_terms& today = today_apart ? *today_apart : at_horizon;
    const double today_total_vol = vol * today.european.sqrt_years;
    boundary_cache boundaries(at_horizon);
    const ju_zhong_boundary today_boundary =
        years_left == years ? boundaries.at(vol) : prepare_vol(today, vol).ju_zhong;
    american_.open_series(row, points);
    std::size_t lane = american_.base_lane();
    put_european_inputs(american_.table(), lane, sign, grid.spot[u], spots_.log_base[u],
                        today_total_vol, today.european);
    put_ju_zhong_inputs(american_.table(), lane, today, today_boundary);
    for (int j = 0; j < points; ++j) {
      const double point_vol = shifted_vol(vol, vol_shift[j]);
      const ju_zhong_boundary& boundary = boundaries.at(point_vol);
      lane = american_.point_lane(j);
      put_european_inputs(american_.table(), lane, sign, spot[j], log_spot[j],
                          point_vol * at_horizon.european.sqrt_years, at_horizon.european);
      put_ju_zhong_inputs(american_.table(), lane, at_horizon, boundary);
    }
    american_.close_series();
  }

  /// Prices what is still staged; every row is then final.
  void finish() {
    european_.flush();
    american_.flush();
  }

 private:
  const valuation_inputs& inputs_;
  const series_view& series_;
  const point_spots& spots_;
  double* series_pnl_;
  european_stream european_;
  american_stream american_;
};

}  // namespace

void reprice_series(const valuation_inputs& inputs, const series_view& series, int threads,
                    double* series_pnl) {
  const grid_view& grid = inputs.grid;
  const auto stride = static_cast<std::size_t>(grid.stride);
  point_spots spots;
  spots.spot.resize(grid.underlyings * stride);
  spots.log_spot.resize(grid.underlyings * stride);
  spots.log_base.resize(grid.underlyings);
  const auto underlying_count = static_cast<std::int64_t>(grid.underlyings);
  const auto series_count = static_cast<std::int64_t>(series.count);

#pragma omp parallel num_threads(threads)
  {
#pragma omp for schedule(static)
    for (std::int64_t u = 0; u < underlying_count; ++u) {
      const auto first = static_cast<std::size_t>(u) * stride;
      const double spot = grid.spot[u];
      spots.log_base[static_cast<std::size_t>(u)] = std::log(spot);
      for (std::size_t j = 0; j < static_cast<std::size_t>(grid.point_count[u]); ++j) {
        spots.spot[first + j] = spot * (1.0 + grid.spot_move[first + j]);
        spots.log_spot[first + j] = std::log(spots.spot[first + j]);
      }
    }
    // (the implied barrier: every thread's series read the spots of any underlying)

    series_repricer repricer(inputs, series, spots, series_pnl);
    // American series cost more than European ones (a boundary per distinct vol): small chunks.
#pragma omp for schedule(dynamic, 8) nowait
    for (std::int64_t s = 0; s < series_count; ++s) repricer.reprice(static_cast<std::size_t>(s));
    repricer.finish();
  }
}

}  // namespace pmrisk::engine
