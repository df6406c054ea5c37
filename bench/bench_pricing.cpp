// Grid repricing throughput: N random series, each valued at the 10 TIMS points (+-3 .. +-15%)
// at its own vol, counted in series x points per second. The same inputs go through the shared
// scalar pricer, the CPU backend's vector repricing stage (engine::reprice_series, 1 and 2
// threads), a plain scalar loop (std::erfc, nothing hoisted) and QuantLib's engines, so the
// ratios can be quoted from one run. The single-threaded benchmarks time one core's CPU; the
// reprice_series ones wall time (UseRealTime), as OpenMP threads are not the timed thread.

#include <benchmark/benchmark.h>

#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/pricingengines/vanilla/juquadraticengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "engine/cpu_reprice.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/pricing/series_pricer.hpp"

namespace {

using pmrisk::american_model;
using pmrisk::exercise_style;
using pmrisk::instrument_kind;

constexpr double spot = 100;
constexpr double tims_moves[10] = {-0.15, -0.12, -0.09, -0.06, -0.03, 0.03, 0.06, 0.09, 0.12, 0.15};
constexpr int points = 10;

/// The book's rate: one currency, one curve (the backends take one rate per batch).
constexpr double book_rate = 0.04;

/// One listed series: strikes 70-130 around a spot of 100, 1-730 days, vol 10-80%,
/// r 4%, q 0-4%; calls and puts alike.
struct bench_series {
  instrument_kind kind = instrument_kind::call;
  double strike = 100;
  int days = 30;
  double rate = 0;
  double div_yield = 0;
  double vol = 0.2;

  double years() const { return days / 365.0; }
};

std::vector<bench_series> make_series(std::size_t count) {
  std::mt19937_64 rng(20240515);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<bench_series> series(count);
  for (bench_series& s : series) {
    s.kind = unit(rng) < 0.5 ? instrument_kind::call : instrument_kind::put;
    s.strike = 70 + 60 * unit(rng);
    s.days = 1 + static_cast<int>(730 * unit(rng));
    s.vol = 0.1 + 0.7 * unit(rng);
    s.rate = book_rate;
    s.div_yield = 0.04 * unit(rng);
  }
  return series;
}

void count_series_points(benchmark::State& state, std::size_t series) {
  state.counters["series_points"] = benchmark::Counter(
      static_cast<double>(series * points * state.iterations()), benchmark::Counter::kIsRate);
}

/// Terms once per series, then price_series at every point: the American boundary (where the
/// model has one) is solved again at each point.
void BM_price_series(benchmark::State& state, exercise_style style, american_model american) {
  const auto series = make_series(static_cast<std::size_t>(state.range(0)));
  pmrisk::pricing_model model;
  model.american = american;
  for (auto _ : state) {
    double total = 0;
    for (const bench_series& s : series) {
      const pmrisk::series_terms terms =
          pmrisk::make_series_terms(s.kind, style, s.strike, s.years(), s.rate, s.div_yield, model);
      for (const double move : tims_moves) {
        total += pmrisk::price_series(terms, spot * (1 + move), s.vol);
      }
    }
    benchmark::DoNotOptimize(total);
  }
  count_series_points(state, series.size());
}
BENCHMARK_CAPTURE(BM_price_series, european, exercise_style::european,
                  american_model::ju_zhong_1999)
    ->Arg(4096);
BENCHMARK_CAPTURE(BM_price_series, american_ju_zhong, exercise_style::american,
                  american_model::ju_zhong_1999)
    ->Arg(4096);
BENCHMARK_CAPTURE(BM_price_series, american_bjerksund_stensland, exercise_style::american,
                  american_model::bjerksund_stensland_2002)
    ->Arg(512);
BENCHMARK_CAPTURE(BM_price_series, american_tree_801, exercise_style::american,
                  american_model::binomial_tree)
    ->Arg(8);

/// The backends' work per series: terms once, the vol terms once for the series' vol (the
/// American boundary), then price_series_prepared at every point.
void BM_price_series_prepared(benchmark::State& state, exercise_style style,
                              american_model american) {
  const auto series = make_series(static_cast<std::size_t>(state.range(0)));
  pmrisk::pricing_model model;
  model.american = american;
  for (auto _ : state) {
    double total = 0;
    for (const bench_series& s : series) {
      const pmrisk::series_terms terms =
          pmrisk::make_series_terms(s.kind, style, s.strike, s.years(), s.rate, s.div_yield, model);
      const pmrisk::vol_terms prepared = pmrisk::prepare_vol(terms, s.vol);
      for (const double move : tims_moves) {
        total += pmrisk::price_series_prepared(terms, prepared, spot * (1 + move));
      }
    }
    benchmark::DoNotOptimize(total);
  }
  count_series_points(state, series.size());
}
BENCHMARK_CAPTURE(BM_price_series_prepared, american_ju_zhong, exercise_style::american,
                  american_model::ju_zhong_1999)
    ->Arg(4096);

/// The CPU backend's repricing stage on the same series: one underlying at 100 with the 10
/// points, every series' P&L row by engine::reprice_series (vector lanes; terms and boundary
/// once per series), at `threads` OpenMP threads.
void BM_cpu_reprice(benchmark::State& state, exercise_style style) {
  const auto series = make_series(static_cast<std::size_t>(state.range(0)));
  const int threads = static_cast<int>(state.range(1));
  std::vector<pmrisk::instrument_kind> kind;
  std::vector<exercise_style> styles(series.size(), style);
  std::vector<double> strike, years, vol, div_yield;
  std::vector<std::int32_t> underlying(series.size(), 0);
  for (const bench_series& s : series) {
    kind.push_back(s.kind);
    strike.push_back(s.strike);
    years.push_back(s.years());
    vol.push_back(s.vol);
    div_yield.push_back(s.div_yield);
  }
  const double spots[1] = {spot};
  const int point_count[1] = {points};
  const double vol_shift[points] = {};
  const double horizon_years[1] = {0};
  pmrisk::valuation_inputs inputs;
  inputs.rate = book_rate;
  inputs.grid = {1, points, spots, point_count, tims_moves, vol_shift, horizon_years};
  const pmrisk::series_view view{series.size(), kind.data(), styles.data(),    strike.data(),
                                 years.data(),  vol.data(),  div_yield.data(), underlying.data()};
  std::vector<double> pnl(series.size() * points);
  for (auto _ : state) {
    pmrisk::engine::reprice_series(inputs, view, threads, pnl.data());
    benchmark::DoNotOptimize(pnl.data());
    benchmark::ClobberMemory();
  }
  count_series_points(state, series.size());
}
BENCHMARK_CAPTURE(BM_cpu_reprice, european, exercise_style::european)
    ->ArgNames({"series", "threads"})
    ->Args({4096, 1})
    ->Args({4096, 2})
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_cpu_reprice, american_ju_zhong, exercise_style::american)
    ->ArgNames({"series", "threads"})
    ->Args({4096, 1})
    ->Args({4096, 2})
    ->UseRealTime();

/// The textbook loop a reader would write first: Black-Scholes-Merton straight from the inputs
/// with std::erfc, nothing hoisted.
void BM_scalar_erfc_european(benchmark::State& state) {
  const auto series = make_series(static_cast<std::size_t>(state.range(0)));
  const auto cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  for (auto _ : state) {
    double total = 0;
    for (const bench_series& s : series) {
      for (const double move : tims_moves) {
        const double t = s.years();
        const double price = spot * (1 + move);
        const double d1 =
            (std::log(price / s.strike) + (s.rate - s.div_yield + 0.5 * s.vol * s.vol) * t) /
            (s.vol * std::sqrt(t));
        const double d2 = d1 - s.vol * std::sqrt(t);
        const double sign = s.kind == instrument_kind::call ? 1.0 : -1.0;
        total += sign * (price * std::exp(-s.div_yield * t) * cdf(sign * d1) -
                         s.strike * std::exp(-s.rate * t) * cdf(sign * d2));
      }
    }
    benchmark::DoNotOptimize(total);
  }
  count_series_points(state, series.size());
}
BENCHMARK(BM_scalar_erfc_european)->Arg(4096);

/// The QuantLib engines compared with.
enum class quantlib_pricer { analytic_european, bjerksund_stensland_1993, ju_quadratic };

/// QuantLib the usual way: one instrument per series on its own quotes and flat curves;
/// each point sets the spot quote and asks for the NPV.
class quantlib_book {
 public:
  quantlib_book(const std::vector<bench_series>& series, quantlib_pricer pricer) {
    using namespace QuantLib;
    Settings::instance().evaluationDate() = today_;
    const DayCounter dc = Actual365Fixed();
    for (const bench_series& s : series) {
      auto quote = ext::make_shared<SimpleQuote>(spot);
      const Handle<YieldTermStructure> rate_curve(
          ext::make_shared<FlatForward>(today_, s.rate, dc));
      const Handle<YieldTermStructure> div_curve(
          ext::make_shared<FlatForward>(today_, s.div_yield, dc));
      const Handle<BlackVolTermStructure> vol(
          ext::make_shared<BlackConstantVol>(today_, NullCalendar(), s.vol, dc));
      auto process = ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(quote), div_curve,
                                                                 rate_curve, vol);
      const auto type = s.kind == instrument_kind::call ? Option::Call : Option::Put;
      const Date expiry = today_ + s.days;
      ext::shared_ptr<Exercise> exercise;
      if (pricer == quantlib_pricer::analytic_european) {
        exercise = ext::make_shared<EuropeanExercise>(expiry);
      } else {
        exercise = ext::make_shared<AmericanExercise>(today_, expiry);
      }
      auto option = ext::make_shared<VanillaOption>(
          ext::make_shared<PlainVanillaPayoff>(type, s.strike), exercise);
      switch (pricer) {
        case quantlib_pricer::analytic_european:
          option->setPricingEngine(ext::make_shared<AnalyticEuropeanEngine>(process));
          break;
        case quantlib_pricer::bjerksund_stensland_1993:
          option->setPricingEngine(
              ext::make_shared<BjerksundStenslandApproximationEngine>(process));
          break;
        case quantlib_pricer::ju_quadratic:
          option->setPricingEngine(ext::make_shared<JuQuadraticApproximationEngine>(process));
          break;
      }
      spots_.push_back(quote);
      options_.push_back(option);
    }
  }

  double reprice_grid() {
    double total = 0;
    for (std::size_t i = 0; i < options_.size(); ++i) {
      for (const double move : tims_moves) {
        spots_[i]->setValue(spot * (1 + move));
        total += options_[i]->NPV();
      }
    }
    return total;
  }

 private:
  QuantLib::Date today_{15, QuantLib::May, 2024};
  std::vector<QuantLib::ext::shared_ptr<QuantLib::SimpleQuote>> spots_;
  std::vector<QuantLib::ext::shared_ptr<QuantLib::VanillaOption>> options_;
};

void BM_quantlib(benchmark::State& state, quantlib_pricer pricer) {
  const auto series = make_series(static_cast<std::size_t>(state.range(0)));
  quantlib_book book(series, pricer);
  for (auto _ : state) benchmark::DoNotOptimize(book.reprice_grid());
  count_series_points(state, series.size());
}
BENCHMARK_CAPTURE(BM_quantlib, analytic_european, quantlib_pricer::analytic_european)->Arg(512);
BENCHMARK_CAPTURE(BM_quantlib, bjerksund_stensland_1993, quantlib_pricer::bjerksund_stensland_1993)
    ->Arg(512);
BENCHMARK_CAPTURE(BM_quantlib, ju_quadratic, quantlib_pricer::ju_quadratic)->Arg(512);

}  // namespace
