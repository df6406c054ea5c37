// The CPU backend's risk arrays, checked against hand-computed values, direct price_series
// calls, and the independent closed-form BSM of closed_form_bsm.hpp.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "closed_form_bsm.hpp"
#include "engine/batch_slice.hpp"
#include "engine/cpu_reprice.hpp"
#include "engine/synthetic_book.hpp"
#include "engine_fixtures.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/pricing/series_pricer.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk {
namespace {

using test::option;
using test::stock;

/// Every account of a firm valued in one batch by the given backend.
struct valued_book {
  portfolio_book book;
  valuation_grid grid;
  std::vector<double> risk_array;
  std::vector<double> worst_pnl;
  std::vector<std::int32_t> worst_point;

  std::vector<double> risk_array_of(std::size_t group) const {
    const auto begin = risk_array.begin() + static_cast<std::ptrdiff_t>(group * grid.stride);
    return {begin, begin + grid.stride};
  }
};

valued_book value_all(const market_data& market, const std::vector<position>& positions,
                      const engine_config& config, valuation_backend& backend) {
  valued_book v;
  v.book = build_book(market, positions, config);
  v.grid = build_tims_grid(market, config);
  std::vector<double> spot;
  for (const underlying& u : market.underlyings) spot.push_back(u.price);

  valuation_inputs inputs;
  inputs.rate = config.rate;
  inputs.model = config.model;
  inputs.grid = {market.underlyings.size(),  v.grid.stride,           spot.data(),
                 v.grid.point_count.data(),  v.grid.spot_move.data(), v.grid.vol_shift.data(),
                 v.grid.horizon_years.data()};
  engine::batch_slicer slicer(v.book);
  const engine::batch_slice slice = slicer.slice({0, v.book.account_count()});
  const std::size_t groups = v.book.class_group_count();
  v.risk_array.assign(groups * static_cast<std::size_t>(v.grid.stride), -1.0);
  v.worst_pnl.assign(groups, 0.0);
  v.worst_point.assign(groups, -1);
  backend.value_batch(inputs, slice.view_series(), slice.view_class_groups(),
                      {v.risk_array.data(), v.worst_pnl.data(), v.worst_point.data()});
  return v;
}

/// A position's risk-array slot against the scalar pricer's: units (contracts x 100) times the
/// lanes' tolerance (engine/cpu_reprice.hpp) on each of the P&L's two values.
double lane_tolerance(const position& p, double at_point, double today) {
  return std::abs(p.quantity) * 100 *
         (engine::lane_relative_tolerance * (std::abs(at_point) + std::abs(today)) +
          2 * engine::lane_strike_tolerance * p.strike);
}

class CpuBackend : public ::testing::Test {
 protected:
  CpuBackend() { xyz_ = test::add_underlying(market_, "XYZ", 100.0, 0.30, 0.01); }
  market_data market_;
  std::int32_t xyz_ = 0;
  engine_config config_ = test::tims_config(0.03);
  std::unique_ptr<valuation_backend> backend_ = make_cpu_backend(2);
};

TEST_F(CpuBackend, LongStockMovesOneForOneWithSpot) {
  // 100 shares at $100: P&L = 100 x $100 x move, -1500 ... +1500 (methodology.md section 1).
  const valued_book v = value_all(market_, {stock("A", xyz_, 100)}, config_, *backend_);
  const std::vector<double> expected = {-1500, -1200, -900, -600, -300, 300, 600, 900, 1200, 1500};
  const std::vector<double> risk = v.risk_array_of(0);
  for (std::size_t j = 0; j < expected.size(); ++j)
    EXPECT_NEAR(risk[j], expected[j], 1e-9) << "point " << j;  // a few ulps of $1500
  EXPECT_EQ(v.worst_pnl[0], risk[0]);
  EXPECT_EQ(v.worst_point[0], 0);
}

TEST_F(CpuBackend, ShortStockLosesOnTheWayUp) {
  const valued_book v = value_all(market_, {stock("A", xyz_, -100)}, config_, *backend_);
  const std::vector<double> risk = v.risk_array_of(0);
  EXPECT_NEAR(risk[0], 1500, 1e-9);
  EXPECT_NEAR(risk[9], -1500, 1e-9);
  EXPECT_EQ(v.worst_point[0], 9);
  EXPECT_NEAR(v.worst_pnl[0], -1500, 1e-9);
}

TEST_F(CpuBackend, OptionPnlIsTheSharedPricerAtEachPointLessTodaysValue) {
  for (exercise_style style : {exercise_style::european, exercise_style::american}) {
    const std::vector<position> positions = {
        option("A", xyz_, instrument_kind::call, 105, 0.5, 3, 0.28, style),
        option("B", xyz_, instrument_kind::put, 95, 0.25, -2, 0.33, style),
    };
    const valued_book v = value_all(market_, positions, config_, *backend_);
    const std::vector<double> moves = tims_spot_moves(config_.asset_classes["equity"]);
    for (std::size_t g = 0; g < 2; ++g) {
      const position& p = positions[g];
      const series_terms terms =
          make_series_terms(p.kind, p.style, p.strike, p.years, config_.rate, 0.01, config_.model);
      const double today = price_series(terms, 100.0, p.vol);
      const std::vector<double> risk = v.risk_array_of(g);
      for (std::size_t j = 0; j < moves.size(); ++j) {
        // One position: units x P&L per unit, the vector lanes within their tolerance of the
        // scalar pricer (engine/cpu_reprice.hpp) for each of the two values.
        const double at_point = price_series(terms, 100.0 * (1.0 + moves[j]), p.vol);
        const double expected = p.quantity * 100 * (at_point - today);
        EXPECT_NEAR(risk[j], expected, lane_tolerance(p, at_point, today))
            << "group " << g << " point " << j;
      }
    }
  }
}

TEST_F(CpuBackend, EuropeanOptionPnlMatchesClosedFormBsm) {
  const std::vector<position> positions = {
      option("A", xyz_, instrument_kind::call, 105, 0.5, 3, 0.28),
      option("B", xyz_, instrument_kind::put, 95, 0.25, -2, 0.33),
  };
  const valued_book v = value_all(market_, positions, config_, *backend_);
  const std::vector<double> moves = tims_spot_moves(config_.asset_classes["equity"]);
  const std::vector<test::leg> long_call = {{false, true, 105, 0.5, 3, 0.28}};
  const std::vector<test::leg> short_put = {{false, false, 95, 0.25, -2, 0.33}};
  for (const auto& [group, legs] : {std::pair{0, long_call}, std::pair{1, short_put}}) {
    const std::vector<double> expected =
        test::reference_risk_array(legs, 100.0, config_.rate, 0.01, moves);
    const std::vector<double> risk = v.risk_array_of(static_cast<std::size_t>(group));
    for (std::size_t j = 0; j < moves.size(); ++j)
      EXPECT_NEAR(risk[j], expected[j], test::notional_tolerance(legs, 100.0))
          << "group " << group << " point " << j;
  }
  EXPECT_EQ(v.worst_point[0], 0);  // a long call loses most on the way down
  EXPECT_EQ(v.worst_point[1], 0);  // and so does a short put
}

TEST_F(CpuBackend, VolShiftsAndHorizonRepriceAtTheShortenedExpiry) {
  asset_class_config& equity = config_.asset_classes["equity"];
  equity.vol_shifts = {-0.15, 0.0, 0.15};
  equity.horizon_days = 2;
  const double one_day = 1.0 / 365.0;
  const std::vector<position> positions = {
      option("A", xyz_, instrument_kind::call, 100, 0.25, 1, 0.3),
      option("B", xyz_, instrument_kind::put, 100, one_day, 1, 0.3),  // expires before horizon
  };
  const valued_book v = value_all(market_, positions, config_, *backend_);
  ASSERT_EQ(v.grid.stride, 30);
  const std::vector<double> moves = tims_spot_moves(equity);
  for (std::size_t g = 0; g < 2; ++g) {
    const position& p = positions[g];
    const double horizon_years = std::max(p.years - 2.0 / 365.0, 0.0);
    const std::vector<double> risk = v.risk_array_of(g);
    const double today = test::bsm_price(p.kind == instrument_kind::call, 100, 100, p.years,
                                         config_.rate, 0.01, p.vol);
    for (std::size_t j = 0; j < 30; ++j) {
      const double spot = 100.0 * (1.0 + moves[j / 3]);
      const double vol = p.vol * (1.0 + equity.vol_shifts[j % 3]);
      const double expected = 100 * (test::bsm_price(p.kind == instrument_kind::call, spot, 100,
                                                     horizon_years, config_.rate, 0.01, vol) -
                                     today);
      EXPECT_NEAR(risk[j], expected, 1e-9 * 100 * 100) << "group " << g << " point " << j;
    }
  }
  // At +15% the expired put is worth nothing: the loss is exactly today's value.
  EXPECT_NEAR(v.risk_array_of(1)[29],
              -100 * test::bsm_price(false, 100, 100, one_day, config_.rate, 0.01, 0.3), 1e-6);
}

TEST_F(CpuBackend, AmericanPnlWithVolShiftsIsTheSharedPricerAtEachPoint) {
  // The backend prepares each vol's exercise boundary once and reuses it across the points of
  // that vol; every value must still be price_series at its point (within the lanes'
  // tolerance), with and without a horizon (without one, today's value shares the horizon's
  // terms).
  asset_class_config& equity = config_.asset_classes["equity"];
  equity.vol_shifts = {-0.15, 0.0, 0.15};
  const std::vector<double> moves = tims_spot_moves(equity);
  for (const double horizon_days : {0.0, 2.0}) {
    equity.horizon_days = horizon_days;
    const std::vector<position> positions = {
        option("A", xyz_, instrument_kind::call, 105, 0.5, 3, 0.28, exercise_style::american),
        option("B", xyz_, instrument_kind::put, 95, 0.25, -2, 0.33, exercise_style::american),
    };
    const valued_book v = value_all(market_, positions, config_, *backend_);
    ASSERT_EQ(v.grid.stride, 30);
    for (std::size_t g = 0; g < 2; ++g) {
      const position& p = positions[g];
      const series_terms today =
          make_series_terms(p.kind, p.style, p.strike, p.years, config_.rate, 0.01, config_.model);
      const series_terms at_horizon =
          make_series_terms(p.kind, p.style, p.strike, p.years - horizon_days / 365.0, config_.rate,
                            0.01, config_.model);
      const double base = price_series(today, 100.0, p.vol);
      const std::vector<double> risk = v.risk_array_of(g);
      for (std::size_t j = 0; j < 30; ++j) {
        const double spot = 100.0 * (1.0 + moves[j / 3]);
        const double vol = p.vol * (1.0 + equity.vol_shifts[j % 3]);
        const double at_point = price_series(at_horizon, spot, vol);
        const double expected = p.quantity * 100 * (at_point - base);
        EXPECT_NEAR(risk[j], expected, lane_tolerance(p, at_point, base))
            << "horizon " << horizon_days << " group " << g << " point " << j;
      }
    }
  }
}

TEST_F(CpuBackend, UnusedSlotsAreZero) {
  const std::int32_t spx = test::add_underlying(market_, "SPX", 5000, 0.16, 0.013, "etf");
  asset_class_config etf;
  etf.vol_shifts = {-0.15, 0.15};
  config_.asset_classes["etf"] = etf;
  const valued_book v = value_all(
      market_, {stock("A", xyz_, 100), option("A", spx, instrument_kind::put, 4800, 0.1, 1, 0.2)},
      config_, *backend_);
  ASSERT_EQ(v.grid.stride, 20);
  ASSERT_EQ(v.book.class_group_underlying[1], xyz_);  // SPX sorts before XYZ
  const std::vector<double> equity_risk = v.risk_array_of(1);
  for (int j = 10; j < 20; ++j) EXPECT_EQ(equity_risk[static_cast<std::size_t>(j)], 0.0);
  for (double pnl : v.risk_array_of(0)) EXPECT_NE(pnl, 0.0);
}

TEST_F(CpuBackend, EmptyBatchIsANoOp) {
  const valued_book v = value_all(market_, {}, config_, *backend_);
  EXPECT_TRUE(v.risk_array.empty());
}

TEST(CpuBackendThreads, OutputIsByteIdenticalForAnyThreadCount) {
  engine::synthetic_book_spec spec;
  spec.accounts = 300;
  for (exercise_style style : {exercise_style::european, exercise_style::american}) {
    spec.style = style;
    const engine::synthetic_firm firm = engine::make_synthetic_firm(spec);
    const auto single = make_cpu_backend(1);
    const valued_book reference = value_all(firm.market, firm.positions, firm.config, *single);
    ASSERT_GT(reference.book.class_group_count(), 300u);
    for (int threads : {2, 3, 7}) {
      const auto backend = make_cpu_backend(threads);
      EXPECT_EQ(backend->name(), "cpu (" + std::to_string(threads) + " threads)");
      const valued_book v = value_all(firm.market, firm.positions, firm.config, *backend);
      ASSERT_EQ(v.risk_array.size(), reference.risk_array.size());
      EXPECT_EQ(std::memcmp(v.risk_array.data(), reference.risk_array.data(),
                            v.risk_array.size() * sizeof(double)),
                0)
          << threads << " threads";
      EXPECT_EQ(std::memcmp(v.worst_pnl.data(), reference.worst_pnl.data(),
                            v.worst_pnl.size() * sizeof(double)),
                0);
      EXPECT_EQ(v.worst_point, reference.worst_point);
    }
  }
}

}  // namespace
}  // namespace pmrisk
