// Monte Carlo scenario generation throughput: scenarios per second for 100, 1,000 and 5,000
// underlyings, correlated through a full Cholesky factor or a 20-factor model, on the CPU and
// on a CUDA device (skipped when none is usable). The one-off factorisation time is reported as
// setup_s.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pmrisk/backend.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"

namespace pmrisk::scenarios {
namespace {

enum dependence : int { cholesky = 0, factor_model = 1 };
constexpr std::size_t bench_factors = 20;

struct bench_model {
  scenario_model model;
  double setup_seconds = 0;
};

market_data bench_market(std::size_t n) {
  market_data market;
  for (std::size_t u = 0; u < n; ++u) {
    underlying held;
    held.symbol = "U" + std::to_string(u);
    held.price = 100;
    held.vol = 0.15 + 0.3 * static_cast<double>(u % 17) / 17;
    market.index_by_symbol.emplace(held.symbol, static_cast<std::int32_t>(u));
    market.underlyings.push_back(held);
  }
  return market;
}

// Cholesky: rho_ab = 0.3 + 0.4 exp(-|a - b| / 50), positive definite (a constant plus a Laplace
// kernel plus 0.3 on the diagonal). Factor: 20 deterministic loadings of norm 0.8 per row.
correlation_factor bench_correlation(std::size_t n, dependence kind) {
  if (kind == cholesky) {
    std::vector<double> r(n * n);
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        const double distance = std::abs(static_cast<double>(a) - static_cast<double>(b));
        r[a * n + b] = a == b ? 1.0 : 0.3 + 0.4 * std::exp(-distance / 50);
      }
    }
    return factor_correlation_matrix(r, n, psd_repair::reject, {"bench"}).factor;
  }
  correlation_factor factor;
  factor.underlyings = n;
  factor.factors = bench_factors;
  factor.loading.resize(n * bench_factors);
  factor.idio.assign(n, 0.6);
  for (std::size_t u = 0; u < n; ++u) {
    double norm = 0;
    for (std::size_t k = 0; k < bench_factors; ++k) {
      const double beta = std::sin(static_cast<double>(u * 31 + k * 7 + 1));
      factor.loading[u * bench_factors + k] = beta;
      norm += beta * beta;
    }
    for (std::size_t k = 0; k < bench_factors; ++k) {
      factor.loading[u * bench_factors + k] *= 0.8 / std::sqrt(norm);
    }
  }
  return factor;
}

const bench_model& cached_model(std::size_t n, dependence kind) {
  static std::map<std::pair<std::size_t, int>, bench_model> cache;
  auto [it, inserted] = cache.try_emplace({n, kind});
  if (inserted) {
    const auto start = std::chrono::steady_clock::now();
    correlation_factor factor = bench_correlation(n, kind);
    it->second.setup_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    montecarlo_config config;
    config.distribution = return_distribution::student_t;
    it->second.model = make_scenario_model(bench_market(n), config, std::move(factor));
  }
  return it->second;
}

// Scenarios per iteration: about 2e9 multiply-adds' worth on the CPU (1e11 on a device), and at
// most 2^23 doubles of draws or of moves, so every case runs in seconds within a few 100 MB.
std::size_t scenarios_per_iteration(const scenario_model& model, bool device) {
  const auto n = static_cast<double>(model.underlyings());
  const double per_scenario = model.correlation.triangular
                                  ? 0.5 * n * n
                                  : n * static_cast<double>(model.correlation.factors + 1);
  const double draws = static_cast<double>(model.layout().per_scenario);
  const double memory_cap = static_cast<double>(1 << 23) / std::max(draws, 3 * n);
  const double budget = (device ? 1e11 : 2e9) / per_scenario;
  return static_cast<std::size_t>(std::max(64.0, std::min(budget, memory_cap)));
}

void run(benchmark::State& state, scenario_generator& generator, const bench_model& cached,
         std::size_t count) {
  scenario_tile tile;
  std::uint64_t first = 0;
  for (auto _ : state) {
    generator.generate(first, count, tile);
    benchmark::DoNotOptimize(tile.spot_move.data());
    first += count;
  }
  state.counters["scenarios_per_s"] =
      benchmark::Counter(static_cast<double>(first), benchmark::Counter::kIsRate);
  state.counters["tile"] = static_cast<double>(count);
  state.counters["setup_s"] = cached.setup_seconds;
  state.SetLabel(generator.name());
}

void BM_scenarios_cpu(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto kind = static_cast<dependence>(state.range(1));
  const bench_model& cached = cached_model(n, kind);
  auto generator = make_cpu_scenario_generator(cached.model);
  run(state, *generator, cached, scenarios_per_iteration(cached.model, false));
}

void BM_scenarios_cuda(benchmark::State& state) {
  const cuda_device_status device = probe_cuda_device();
  if (!device.usable) {
    state.SkipWithError(("no usable CUDA device: " + device.description).c_str());
    return;
  }
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto kind = static_cast<dependence>(state.range(1));
  const bench_model& cached = cached_model(n, kind);
  auto generator = make_cuda_scenario_generator(cached.model);
  run(state, *generator, cached, scenarios_per_iteration(cached.model, true));
}

void dependence_cases(benchmark::internal::Benchmark* bench) {
  bench->ArgNames({"underlyings", "factor"});
  for (const std::int64_t n : {100, 1000, 5000}) {
    bench->Args({n, cholesky});
    bench->Args({n, factor_model});
  }
  bench->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
}

BENCHMARK(BM_scenarios_cpu)->Apply(dependence_cases);
BENCHMARK(BM_scenarios_cuda)->Apply(dependence_cases);

}  // namespace
}  // namespace pmrisk::scenarios
