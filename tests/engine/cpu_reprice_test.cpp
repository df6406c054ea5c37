// The CPU repricing stage (engine/cpu_reprice.cpp) against the shared scalar pricer
// (valuation.hpp's unit_pnl, which prices with pricing/series_pricer.hpp) on seeded random
// batches: the vector lanes within the stated tolerance, the scalar path bit for bit, and every
// row byte-identical whatever the thread count and whatever batch surrounds the series.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

#include "engine/cpu_reprice.hpp"
#include "pmrisk/valuation.hpp"

namespace pmrisk {
namespace {

// engine::lane_relative_tolerance and lane_strike_tolerance (1e-13 relative, 1e-15 of the
// strike): the lanes' contract with the scalar pricer, from the math library's few ulps (see
// cpu_reprice.hpp). Measured on these batches: below 9e-16 of the strike at worst.
constexpr double kRelativeTolerance = engine::lane_relative_tolerance;
constexpr double kStrikeTolerance = engine::lane_strike_tolerance;

/// A seeded random batch: underlyings with their grids, and series on them.
struct random_batch {
  int stride = 0;
  std::vector<double> spot, horizon_years, spot_move, vol_shift;
  std::vector<int> point_count;
  std::vector<instrument_kind> kind;
  std::vector<exercise_style> style;
  std::vector<double> strike, years, vol, div_yield;
  std::vector<std::int32_t> underlying;
  valuation_inputs inputs;

  series_view series() const {
    return {kind.size(),  kind.data(), style.data(),     strike.data(),
            years.data(), vol.data(),  div_yield.data(), underlying.data()};
  }
};

/// grid: one of four shapes per underlying, cycling: a TIMS price grid (10 points), a price x
/// {-15%, 0, +15%} vol grid with a 1-day horizon (30), a 2-day horizon grid with vol shifts of
/// +-25% (30), and a Monte Carlo-like tile of `tile` random (move, vol shift) scenarios.
random_batch make_batch(std::uint64_t seed, std::size_t underlyings, std::size_t series, int tile,
                        double rate, exercise_style style) {
  random_batch b;
  std::mt19937_64 rng(seed);
  const auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * std::generate_canonical<double, 53>(rng);
  };
  b.stride = std::max(30, tile);
  const auto stride = static_cast<std::size_t>(b.stride);
  b.spot_move.assign(underlyings * stride, 0.0);
  b.vol_shift.assign(underlyings * stride, 0.0);
  const double moves[10] = {-0.15, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.15};
  for (std::size_t u = 0; u < underlyings; ++u) {
    b.spot.push_back(std::round(uniform(5.0, 2000.0) * 100) / 100);
    double* move = &b.spot_move[u * stride];
    double* shift = &b.vol_shift[u * stride];
    switch (u % 4) {
      case 0:
        b.point_count.push_back(10);
        b.horizon_years.push_back(0);
        std::copy(moves, moves + 10, move);
        break;
      case 1:
      case 2: {
        const double vol_shift = u % 4 == 1 ? 0.15 : 0.25;
        b.point_count.push_back(30);
        b.horizon_years.push_back((u % 4) / 365.0);
        for (int j = 0; j < 30; ++j) {
          move[j] = moves[j / 3];
          shift[j] = (j % 3 - 1) * vol_shift;
        }
        break;
      }
      default:
        b.point_count.push_back(tile);
        b.horizon_years.push_back(0);
        for (int j = 0; j < tile; ++j) {
          move[j] = uniform(-0.4, 0.4);
          shift[j] = uniform(-0.5, 0.5);
        }
    }
  }
  for (std::size_t s = 0; s < series; ++s) {
    const auto u = static_cast<std::int32_t>(s % underlyings);
    const double days = std::exp(uniform(std::log(1.0), std::log(1100.0)));
    b.kind.push_back(uniform(0, 1) < 0.5 ? instrument_kind::call : instrument_kind::put);
    b.style.push_back(style);
    b.strike.push_back(b.spot[static_cast<std::size_t>(u)] * uniform(0.5, 1.6));
    b.years.push_back(days / 365.0);
    b.vol.push_back(uniform(0.05, 1.2));
    b.div_yield.push_back(uniform(0, 1) < 0.2 ? 0.0 : uniform(0.0, 0.06));
    b.underlying.push_back(u);
  }
  b.inputs.rate = rate;
  b.inputs.grid = {underlyings,           b.stride,           b.spot.data(),
                   b.point_count.data(),  b.spot_move.data(), b.vol_shift.data(),
                   b.horizon_years.data()};
  return b;
}

std::vector<double> reprice(const random_batch& b, int threads) {
  std::vector<double> pnl(b.kind.size() * static_cast<std::size_t>(b.stride), -1.0);
  engine::reprice_series(b.inputs, b.series(), threads, pnl.data());
  return pnl;
}

/// Series s's value at point j (at the horizon) and today, by the shared scalar pricer.
struct scalar_values {
  double at_point = 0;
  double today = 0;
  double pnl = 0;
};

scalar_values scalar_pricer(const random_batch& b, std::size_t s, int j) {
  const auto u = static_cast<std::size_t>(b.underlying[s]);
  const std::size_t slot = u * static_cast<std::size_t>(b.stride) + static_cast<std::size_t>(j);
  const series_valuation prepared =
      prepare_series(b.kind[s], b.style[s], b.strike[s], b.years[s], b.vol[s], b.div_yield[s],
                     b.inputs.rate, b.inputs.model, b.spot[u], b.horizon_years[u]);
  scalar_values v;
  v.pnl = unit_pnl(b.kind[s], prepared, b.spot[u], b.vol[s], b.spot_move[slot], b.vol_shift[slot]);
  v.at_point = price_series(prepared.at_horizon, b.spot[u] * (1.0 + b.spot_move[slot]),
                            shifted_vol(b.vol[s], b.vol_shift[slot]));
  v.today = prepared.base_value;
  return v;
}

struct agreement {
  std::size_t compared = 0;
  std::size_t outside = 0;
  double worst_of_strike = 0;  ///< max |lane - scalar| / strike
};

agreement compare_with_scalar(const random_batch& b, const std::vector<double>& pnl) {
  agreement a;
  const auto stride = static_cast<std::size_t>(b.stride);
  for (std::size_t s = 0; s < b.kind.size(); ++s) {
    const int points = b.point_count[static_cast<std::size_t>(b.underlying[s])];
    for (int j = 0; j < b.stride; ++j) {
      const double got = pnl[s * stride + static_cast<std::size_t>(j)];
      if (j >= points) {
        EXPECT_EQ(got, 0.0) << "series " << s << " unused slot " << j;
        continue;
      }
      const scalar_values want = scalar_pricer(b, s, j);
      const double difference = std::abs(got - want.pnl);
      const double tolerance =
          kRelativeTolerance * (std::abs(want.at_point) + std::abs(want.today)) +
          2 * kStrikeTolerance * b.strike[s];  // two values, each within its tolerance
      ++a.compared;
      a.worst_of_strike = std::max(a.worst_of_strike, difference / b.strike[s]);
      if (!(difference <= tolerance) && ++a.outside <= 10)
        ADD_FAILURE() << "series " << s << " point " << j << ": lanes " << got << ", scalar "
                      << want.pnl << " (strike " << b.strike[s] << ")";
    }
  }
  return a;
}

struct case_spec {
  const char* name;
  std::uint64_t seed;
  double rate;
  exercise_style style;
};

class LanesMatchTheScalarPricer : public ::testing::TestWithParam<case_spec> {};

TEST_P(LanesMatchTheScalarPricer, WithinTheStatedTolerance) {
  const case_spec& c = GetParam();
  // Four grid shapes; a 600-scenario tile makes series longer than a lane table (512).
  const random_batch b = make_batch(c.seed, 8, 1200, 600, c.rate, c.style);
  const agreement a = compare_with_scalar(b, reprice(b, 2));
  EXPECT_GT(a.compared, 100000u);
  EXPECT_EQ(a.outside, 0u) << "of " << a.compared;
  std::ostringstream worst;
  worst << std::scientific << a.worst_of_strike;
  RecordProperty("worst_of_strike", worst.str());
}

INSTANTIATE_TEST_SUITE_P(
    RandomBatches, LanesMatchTheScalarPricer,
    ::testing::Values(case_spec{"european", 301, 0.04, exercise_style::european},
                      case_spec{"european_zero_rate", 302, 0.0, exercise_style::european},
                      case_spec{"american", 303, 0.04, exercise_style::american},
                      case_spec{"american_high_rate", 304, 0.09, exercise_style::american},
                      case_spec{"american_zero_rate", 305, 0.0, exercise_style::american}),
    [](const ::testing::TestParamInfo<case_spec>& param) { return param.param.name; });

TEST(CpuReprice, ScalarPathIsTheSharedPricerBitForBit) {
  // Stock, Bjerksund-Stensland and lattice Americans, options expiring by the horizon, and zero
  // or NaN vol do not take the lanes: each slot is unit_pnl itself.
  random_batch b = make_batch(306, 4, 40, 10, 0.04, exercise_style::american);
  b.kind[0] = instrument_kind::stock;
  b.years[1] = 0.5 / 365.0;  // underlying 1 has a 1-day horizon
  b.vol[2] = 0.0;
  b.vol[3] = std::numeric_limits<double>::quiet_NaN();
  b.inputs.model.american = american_model::bjerksund_stensland_2002;
  const std::vector<double> pnl = reprice(b, 1);
  for (std::size_t s = 0; s < b.kind.size(); ++s) {
    const int points = b.point_count[static_cast<std::size_t>(b.underlying[s])];
    for (int j = 0; j < points; ++j) {
      const double got = pnl[s * static_cast<std::size_t>(b.stride) + static_cast<std::size_t>(j)];
      const double want = scalar_pricer(b, s, j).pnl;
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got)) << "series " << s << " point " << j;
      } else {
        EXPECT_EQ(std::memcmp(&got, &want, sizeof(double)), 0)
            << "series " << s << " point " << j << ": " << got << " vs " << want;
      }
    }
  }
}

TEST(CpuReprice, RowsAreByteIdenticalForAnyThreadCountAndBatch) {
  for (const exercise_style style : {exercise_style::european, exercise_style::american}) {
    const random_batch whole = make_batch(307, 8, 700, 600, 0.04, style);
    const std::vector<double> reference = reprice(whole, 1);
    for (const int threads : {2, 3, 7})
      EXPECT_EQ(reprice(whole, threads), reference) << threads << " threads";

    // Every third series alone, in reverse order: each lands elsewhere in the lane tables.
    random_batch part = whole;
    part.kind.clear(), part.style.clear(), part.strike.clear(), part.years.clear();
    part.vol.clear(), part.div_yield.clear(), part.underlying.clear();
    std::vector<std::size_t> picked;
    for (std::size_t s = whole.kind.size(); s-- > 0;) {
      if (s % 3 != 0) continue;
      picked.push_back(s);
      part.kind.push_back(whole.kind[s]);
      part.style.push_back(whole.style[s]);
      part.strike.push_back(whole.strike[s]);
      part.years.push_back(whole.years[s]);
      part.vol.push_back(whole.vol[s]);
      part.div_yield.push_back(whole.div_yield[s]);
      part.underlying.push_back(whole.underlying[s]);
    }
    const std::vector<double> rows = reprice(part, 2);
    const auto stride = static_cast<std::size_t>(whole.stride);
    for (std::size_t i = 0; i < picked.size(); ++i)
      EXPECT_EQ(
          std::memcmp(&rows[i * stride], &reference[picked[i] * stride], stride * sizeof(double)),
          0)
          << "series " << picked[i];
  }
}

}  // namespace
}  // namespace pmrisk
