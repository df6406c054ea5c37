// Backend throughput on a seeded random book: series x valuation points repriced per second by
// value_batch, and accounts margined per second by compute_margin end to end (loading
// excluded). CPU benchmarks carry their thread count in the name; the CUDA variants skip when
// no device is usable.

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <utility>

#include "engine/batch_slice.hpp"
#include "engine/synthetic_book.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk {
namespace {

constexpr std::size_t kAccounts = 5000;
constexpr std::size_t kUnderlyings = 40;

/// One firm per exercise style, valued as a single batch; built once and shared by benchmarks.
struct bench_batch {
  engine::synthetic_firm firm;
  portfolio_book book;
  valuation_grid grid;
  std::vector<double> spot;
  std::unique_ptr<engine::batch_slicer> slicer;
  engine::batch_slice slice;
  valuation_inputs inputs;
  std::size_t option_repricings = 0;  ///< option series x their underlying's points
  std::vector<double> risk_array, worst_pnl;
  std::vector<std::int32_t> worst_point;

  explicit bench_batch(exercise_style style) {
    engine::synthetic_book_spec spec;
    spec.accounts = kAccounts;
    spec.underlyings = kUnderlyings;
    spec.style = style;
    firm = engine::make_synthetic_firm(spec);
    book = build_book(firm.market, firm.positions, firm.config);
    grid = build_tims_grid(firm.market, firm.config);
    for (const underlying& u : firm.market.underlyings) spot.push_back(u.price);
    slicer = std::make_unique<engine::batch_slicer>(book);
    slice = slicer->slice({0, book.account_count()});
    inputs.rate = firm.config.rate;
    inputs.model = firm.config.model;
    inputs.grid = {firm.market.underlyings.size(), grid.stride,           spot.data(),
                   grid.point_count.data(),        grid.spot_move.data(), grid.vol_shift.data(),
                   grid.horizon_years.data()};
    for (std::size_t s = 0; s < book.series.size(); ++s)
      if (is_option(book.series.kind[s]))
        option_repricings += static_cast<std::size_t>(
            grid.point_count[static_cast<std::size_t>(book.series.underlying[s])]);
    const std::size_t groups = book.class_group_count();
    risk_array.resize(groups * static_cast<std::size_t>(grid.stride));
    worst_pnl.resize(groups);
    worst_point.resize(groups);
  }

  class_group_outputs outputs() {
    return {risk_array.data(), worst_pnl.data(), worst_point.data()};
  }
};

bench_batch& batch_for(exercise_style style) {
  static std::map<exercise_style, std::unique_ptr<bench_batch>> batches;
  auto& batch = batches[style];
  if (!batch) batch = std::make_unique<bench_batch>(style);
  return *batch;
}

void run_value_batch(benchmark::State& state, valuation_backend& backend, bench_batch& batch) {
  const class_group_outputs out = batch.outputs();
  for (auto _ : state) {
    backend.value_batch(batch.inputs, batch.slice.view_series(), batch.slice.view_class_groups(),
                        out);
    benchmark::DoNotOptimize(batch.worst_pnl.data());
    benchmark::ClobberMemory();
  }
  state.counters["series"] = static_cast<double>(batch.book.series.size());
  state.counters["repricings/s"] = benchmark::Counter(
      static_cast<double>(batch.option_repricings), benchmark::Counter::kIsIterationInvariantRate);
  state.SetLabel(backend.name());
}

void run_compute_margin(benchmark::State& state, const margin_options& options,
                        bench_batch& batch) {
  std::string backend;
  for (auto _ : state) {
    const margin_report report =
        compute_margin(batch.firm.market, batch.firm.positions, batch.firm.config, options);
    benchmark::DoNotOptimize(report.accounts.data());
    backend = report.backend;
  }
  state.counters["accounts/s"] = benchmark::Counter(static_cast<double>(kAccounts),
                                                    benchmark::Counter::kIsIterationInvariantRate);
  state.SetLabel(backend);
}

bool skip_without_cuda(benchmark::State& state) {
  if (probe_cuda_device().usable) return false;
  state.SkipWithError("no CUDA device");
  return true;
}

void BM_CpuValueBatch(benchmark::State& state, exercise_style style) {
  const auto backend = make_cpu_backend(static_cast<int>(state.range(0)));
  run_value_batch(state, *backend, batch_for(style));
}

void BM_CudaValueBatch(benchmark::State& state, exercise_style style) {
  if (skip_without_cuda(state)) return;
  const auto backend = make_cuda_backend();
  run_value_batch(state, *backend, batch_for(style));
}

void BM_CpuComputeMargin(benchmark::State& state, exercise_style style) {
  margin_options options;
  options.backend = backend_choice::cpu;
  options.threads = static_cast<int>(state.range(0));
  run_compute_margin(state, options, batch_for(style));
}

void BM_CudaComputeMargin(benchmark::State& state, exercise_style style) {
  if (skip_without_cuda(state)) return;
  margin_options options;
  options.backend = backend_choice::cuda;
  run_compute_margin(state, options, batch_for(style));
}

void cpu_threads(benchmark::internal::Benchmark* b) {
  b->ArgName("threads")->Arg(1)->Arg(2)->Arg(4)->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK_CAPTURE(BM_CpuValueBatch, european, exercise_style::european)->Apply(cpu_threads);
BENCHMARK_CAPTURE(BM_CpuValueBatch, american, exercise_style::american)->Apply(cpu_threads);
BENCHMARK_CAPTURE(BM_CudaValueBatch, european, exercise_style::european)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CudaValueBatch, american, exercise_style::american)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CpuComputeMargin, european, exercise_style::european)->Apply(cpu_threads);
BENCHMARK_CAPTURE(BM_CpuComputeMargin, american, exercise_style::american)->Apply(cpu_threads);
BENCHMARK_CAPTURE(BM_CudaComputeMargin, european, exercise_style::european)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CudaComputeMargin, american, exercise_style::american)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pmrisk
