// Pre-trade what-if latency: margin_session::evaluate (one account's book with three trades,
// valued against the resident grid and, with Monte Carlo, the resident scenario tiles), on the
// bundled example firm and on a synthetic firm of 10,000 accounts, TIMS alone and with 10,000
// scenarios. Session setup (grid, backend, scenarios drawn once) is reported as a counter, not
// timed per iteration. Accounts are evaluated in turn, so every iteration is a different one.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/synthetic_book.hpp"
#include "pmrisk/house.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/margin_session.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/span_config.hpp"

namespace pmrisk {
namespace {

constexpr std::uint64_t bench_scenarios = 10000;

/// A firm's inputs, its accounts, and per account three trades taken from other accounts'
/// positions (relabelled), so each what-if adds series the account may not hold yet.
struct whatif_firm {
  market_data market;
  std::vector<position> positions;
  engine_config config;
  std::vector<std::string> accounts;
  std::map<std::string, std::vector<position>> trades;

  void pick_trades() {
    for (const position& p : positions)
      if (accounts.empty() || accounts.back() != p.account) accounts.push_back(p.account);
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    for (std::size_t a = 0; a < accounts.size(); ++a)
      for (std::size_t t = 0; t < 3; ++t) {
        position trade = positions[(a * 7 + t * 13) % positions.size()];
        trade.account = accounts[a];
        trades[accounts[a]].push_back(std::move(trade));
      }
  }
};

whatif_firm example_firm() {
  whatif_firm firm;
  firm.config = load_engine_config(PMRISK_CONFIG_DIR "/tims.toml");
  firm.config.house = load_house_rules(PMRISK_CONFIG_DIR "/house.toml");
  firm.config.span = load_span_config(PMRISK_CONFIG_DIR "/span.toml");
  firm.market = load_market(PMRISK_CONFIG_DIR "/../examples/market.csv", firm.config);
  firm.positions = load_positions(PMRISK_CONFIG_DIR "/../examples/positions.csv", firm.market,
                                  firm.config, parse_date("2026-11-20", {}));
  firm.pick_trades();
  return firm;
}

/// 10,000 accounts of up to 8 American positions on 200 underlyings (synthetic_book.hpp).
whatif_firm synthetic_firm() {
  engine::synthetic_book_spec spec;
  spec.accounts = 10000;
  spec.underlyings = 200;
  spec.style = exercise_style::american;
  engine::synthetic_firm made = engine::make_synthetic_firm(spec);
  whatif_firm firm{std::move(made.market), std::move(made.positions), std::move(made.config)};
  firm.pick_trades();
  return firm;
}

whatif_firm& firm_named(const std::string& name) {
  static std::map<std::string, std::unique_ptr<whatif_firm>> firms;
  auto& firm = firms[name];
  if (!firm)
    firm = std::make_unique<whatif_firm>(name == "example" ? example_firm() : synthetic_firm());
  return *firm;
}

void run(benchmark::State& state, const std::string& name, bool montecarlo) {
  whatif_firm& firm = firm_named(name);
  margin_options options;
  options.backend = backend_choice::cpu;
  if (montecarlo) {
    scenarios::montecarlo_config config;  // configs/montecarlo.toml's defaults: Student-t
    config.scenarios = bench_scenarios;
    montecarlo_options mc;
    mc.model = scenarios::make_scenario_model(
        firm.market, config,
        scenarios::build_correlation_model(firm.market, std::nullopt, config.default_correlation,
                                           config.repair)
            .factor);
    mc.scenarios = config.scenarios;
    mc.tile_scenarios = config.tile_scenarios;
    options.montecarlo = mc;
  }
  const auto start = std::chrono::steady_clock::now();
  margin_session session(firm.market, firm.positions, firm.config, options);
  const double setup_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::size_t next = 0;
  std::size_t positions = 0;
  for (auto _ : state) {
    const std::string& account = firm.accounts[next++ % firm.accounts.size()];
    const account_evaluation after = session.evaluate(account, firm.trades.at(account));
    positions += after.position_count;
    benchmark::DoNotOptimize(after.account.requirement);
  }
  state.counters["setup_ms"] = 1e3 * setup_s;
  state.counters["resident_MiB"] =
      static_cast<double>(session.resident_scenario_bytes()) / double(1 << 20);
  state.counters["accounts"] = static_cast<double>(firm.accounts.size());
  state.counters["positions/eval"] =
      static_cast<double>(positions) / static_cast<double>(state.iterations());
  state.SetLabel(session.backend_name());
}

void BM_whatif_example_tims(benchmark::State& state) {
  run(state, "example", false);
}
void BM_whatif_example_montecarlo(benchmark::State& state) {
  run(state, "example", true);
}
void BM_whatif_synthetic_tims(benchmark::State& state) {
  run(state, "synthetic", false);
}
void BM_whatif_synthetic_montecarlo(benchmark::State& state) {
  run(state, "synthetic", true);
}

BENCHMARK(BM_whatif_example_tims)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_whatif_example_montecarlo)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_whatif_synthetic_tims)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_whatif_synthetic_montecarlo)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace pmrisk
