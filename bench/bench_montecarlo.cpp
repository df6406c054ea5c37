// Monte Carlo margin throughput: every account of a seeded random book valued under S scenarios
// (generation, repricing, the per-account sums and the tail reduction: montecarlo's
// value_scenarios, the loop compute_margin runs), at 10,000 and 100,000 scenarios on each
// backend, and how the time grows with the scenarios, the underlyings and the accounts
// (Google Benchmark's complexity fit; linear is expected). The CUDA variants skip, saying why,
// without a usable device.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "engine/backend_choice.hpp"
#include "engine/synthetic_book.hpp"
#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"

namespace pmrisk {
namespace {

/// A synthetic firm with its book and the default Student-t scenario model (one factor at the
/// default correlation), built once per shape.
struct bench_firm {
  engine::synthetic_firm firm;
  portfolio_book book;
  std::vector<double> spot;
  scenarios::scenario_model model;
  std::size_t option_series = 0;

  bench_firm(std::size_t accounts, std::size_t underlyings) {
    engine::synthetic_book_spec spec;
    spec.accounts = accounts;
    spec.underlyings = underlyings;
    spec.style = exercise_style::american;
    firm = engine::make_synthetic_firm(spec);
    book = build_book(firm.market, firm.positions, firm.config);
    for (const underlying& u : firm.market.underlyings) spot.push_back(u.price);
    scenarios::montecarlo_config config;
    model = scenarios::make_scenario_model(
        firm.market, config,
        scenarios::build_correlation_model(firm.market, std::nullopt, config.default_correlation,
                                           config.repair)
            .factor);
    for (std::size_t s = 0; s < book.series.size(); ++s)
      option_series += is_option(book.series.kind[s]) ? 1 : 0;
  }
};

bench_firm& firm_for(std::size_t accounts, std::size_t underlyings) {
  static std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<bench_firm>> firms;
  auto& firm = firms[{accounts, underlyings}];
  if (!firm) firm = std::make_unique<bench_firm>(accounts, underlyings);
  return *firm;
}

bool skip_without_cuda(benchmark::State& state) {
  const cuda_device_status device = probe_cuda_device();
  if (device.usable) return false;
  state.SkipWithError(("no usable CUDA device: " + device.description).c_str());
  return true;
}

/// Values the firm under `scenarios` scenarios per iteration; counters in the domain's units.
void run(benchmark::State& state, bench_firm& bench, backend_choice backend,
         std::uint64_t scenarios) {
  const engine::chosen_backend chosen = engine::choose_backend(backend, 0);
  const auto generator = engine::make_scenario_generator(chosen, bench.model);
  const montecarlo::scenario_plan plan =
      montecarlo::plan_scenarios(bench.book, bench.spot.size(), bench.model.layout().per_scenario,
                                 scenarios, 1000, 0.99, bench.firm.config.max_memory_bytes);
  const montecarlo::scenario_book in{bench.book, bench.spot, bench.firm.config.rate,
                                     bench.firm.config.model};
  // Drawing the scenarios alone, once, for the generator's share of the time.
  const auto start = std::chrono::steady_clock::now();
  scenarios::scenario_tile tile;
  for (std::uint64_t first = 0; first < scenarios; first += plan.tile_scenarios)
    generator->generate(first, std::min<std::uint64_t>(plan.tile_scenarios, scenarios - first),
                        tile);
  const double generate_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (auto _ : state) {
    const std::vector<account_tail_risk> risk = montecarlo::value_scenarios(
        in, *chosen.backend, *generator, bench.model.horizon_years, plan, 0, {});
    benchmark::DoNotOptimize(risk.data());
  }
  const auto per_iteration = static_cast<double>(scenarios);
  state.counters["scenarios/s"] =
      benchmark::Counter(per_iteration, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["repricings/s"] =
      benchmark::Counter(per_iteration * static_cast<double>(bench.option_series),
                         benchmark::Counter::kIsIterationInvariantRate);
  state.counters["accounts"] = static_cast<double>(bench.book.account_count());
  state.counters["series"] = static_cast<double>(bench.book.series.size());
  state.counters["positions"] = static_cast<double>(bench.book.position_count());
  state.counters["generate_s"] = generate_seconds;
  state.SetLabel(chosen.backend->name());
}

// The reference book: 200 accounts on 20 underlyings, American options.
constexpr std::size_t reference_accounts = 200;
constexpr std::size_t reference_underlyings = 20;

void BM_montecarlo_cpu(benchmark::State& state) {
  run(state, firm_for(reference_accounts, reference_underlyings), backend_choice::cpu,
      static_cast<std::uint64_t>(state.range(0)));
}

void BM_montecarlo_cuda(benchmark::State& state) {
  if (skip_without_cuda(state)) return;
  run(state, firm_for(reference_accounts, reference_underlyings), backend_choice::cuda,
      static_cast<std::uint64_t>(state.range(0)));
}

void at_10k_and_100k(benchmark::internal::Benchmark* bench) {
  bench->ArgName("scenarios")->Arg(10000)->Arg(100000);
  bench->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

BENCHMARK(BM_montecarlo_cpu)->Apply(at_10k_and_100k);
BENCHMARK(BM_montecarlo_cuda)->Apply(at_10k_and_100k);

// Growth: one dimension varies, the others stay at a size that keeps each run to seconds on
// the CPU (2,000 scenarios; 50 accounts on 8 underlyings). A book on more underlyings holds more
// accounts, 8 per underlying, so that it also holds more series: repricing, the bulk of the
// work, grows with the series, the scenarios and the positions, not with the underlyings as
// such. N is the varied dimension.
enum class dimension { scenarios, underlyings, accounts };

void BM_montecarlo_growth(benchmark::State& state, dimension varied, backend_choice backend) {
  if (backend == backend_choice::cuda && skip_without_cuda(state)) return;
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::size_t underlyings = varied == dimension::underlyings ? n : 8;
  const std::size_t accounts = varied == dimension::accounts      ? n
                               : varied == dimension::underlyings ? 8 * n
                                                                  : 50;
  const std::uint64_t scenarios = varied == dimension::scenarios ? n : 2000;
  run(state, firm_for(accounts, underlyings), backend, scenarios);
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
}

void growth(benchmark::internal::Benchmark* bench, const char* name, std::int64_t first) {
  bench->ArgName(name);
  for (std::int64_t n = first; n <= 8 * first; n *= 2) bench->Arg(n);
  bench->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

void by_scenarios(benchmark::internal::Benchmark* bench) {
  growth(bench, "scenarios", 1000);
}
void by_underlyings(benchmark::internal::Benchmark* bench) {
  growth(bench, "underlyings", 4);
}
void by_accounts(benchmark::internal::Benchmark* bench) {
  growth(bench, "accounts", 25);
}

BENCHMARK_CAPTURE(BM_montecarlo_growth, scenarios_cpu, dimension::scenarios, backend_choice::cpu)
    ->Apply(by_scenarios);
BENCHMARK_CAPTURE(BM_montecarlo_growth, underlyings_cpu, dimension::underlyings,
                  backend_choice::cpu)
    ->Apply(by_underlyings);
BENCHMARK_CAPTURE(BM_montecarlo_growth, accounts_cpu, dimension::accounts, backend_choice::cpu)
    ->Apply(by_accounts);
BENCHMARK_CAPTURE(BM_montecarlo_growth, scenarios_cuda, dimension::scenarios, backend_choice::cuda)
    ->Apply(by_scenarios);
BENCHMARK_CAPTURE(BM_montecarlo_growth, underlyings_cuda, dimension::underlyings,
                  backend_choice::cuda)
    ->Apply(by_underlyings);
BENCHMARK_CAPTURE(BM_montecarlo_growth, accounts_cuda, dimension::accounts, backend_choice::cuda)
    ->Apply(by_accounts);

}  // namespace
}  // namespace pmrisk
