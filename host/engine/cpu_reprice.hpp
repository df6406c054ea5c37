#pragma once
// The CPU backend's repricing stage: every series' P&L per unit at each valuation point of its
// underlying, the table value_batch and value_accounts sum from.

#include "pmrisk/backend.hpp"

namespace pmrisk::engine {

/// How far the vector lanes may stray from the shared scalar pricer: each of the two values a
/// P&L is the difference of (at the point, and today's base) within
/// lane_relative_tolerance x |value| + lane_strike_tolerance x strike. The lanes do the scalar
/// pricer's arithmetic operation for operation; only the math library differs (libmvec's erfc
/// and exp in place of Cody's norm_cdf and glibc's exp), by a few ulps of terms below S + K.
inline constexpr double lane_relative_tolerance = 1e-13;
inline constexpr double lane_strike_tolerance = 1e-15;

/// Fills series_pnl (series.count x grid.stride, series-major): slot [s * stride + j] is series
/// s's P&L per unit at point j of its underlying (valuation.hpp's unit_pnl), slots past the
/// underlying's points 0. threads: OpenMP threads (> 0).
///
/// European options and American ones under Ju-Zhong are priced in vector lanes, within the
/// tolerance above (tests/engine/cpu_reprice_test.cpp); every other series (stock, options
/// expiring by the horizon, the other American models, zero or NaN vol) by the shared scalar
/// code itself. Which path a series takes depends on its inputs alone, and each lane is computed
/// on its own, so on a given machine the bytes depend neither on the thread count nor on the
/// batch around a series.
void reprice_series(const valuation_inputs& inputs, const series_view& series, int threads,
                    double* series_pnl);

}  // namespace pmrisk::engine
