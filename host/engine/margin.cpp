// The money path: book and grid, a backend, batches of whole accounts, then the requirement
// fold (class group -> product group -> portfolio group -> account, docs/offsets.md); with
// Monte Carlo, each account's tail over the scenarios and the requirement rule.

#include "pmrisk/margin.hpp"

#include <memory>
#include <utility>

#include "capacity/stage_clock.hpp"
#include "capacity/work_count.hpp"
#include "engine/backend_choice.hpp"
#include "engine/batch_plan.hpp"
#include "engine/margin_steps.hpp"
#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"

namespace pmrisk {
namespace {

/// Each account's tail over the Monte Carlo scenarios, and its requirement under the rule.
void add_montecarlo(const portfolio_book& book, const std::vector<double>& spot,
                    const engine_config& config, const margin_options& options,
                    const engine::chosen_backend& chosen, std::size_t budget,
                    margin_report& report) {
  const montecarlo_options& mc = *options.montecarlo;
  const montecarlo::scenario_plan plan =
      montecarlo::plan_scenarios(book, spot.size(), mc.model.layout().per_scenario, mc.scenarios,
                                 mc.tile_scenarios, mc.confidence, budget);
  const std::unique_ptr<scenarios::scenario_generator> generator =
      engine::make_scenario_generator(chosen, mc.model);

  const std::uint64_t total = static_cast<std::uint64_t>(book.account_count()) * mc.scenarios;
  std::uint64_t done = 0;
  montecarlo::scenario_observers observers;
  montecarlo::scenario_profile profile;
  observers.profile = &profile;
  observers.on_tile = mc.on_tile;
  observers.on_valued = [&](std::uint64_t valued) {
    done += valued;
    if (options.montecarlo_progress) options.montecarlo_progress(done, total);
  };
  const std::vector<account_tail_risk> risk = montecarlo::value_scenarios(
      {book, spot, config.rate, config.model}, *chosen.backend, *generator, mc.model.horizon_years,
      plan, options.threads, observers);
  margin_stage_times& times = report.stage_times;
  times.scenario_generation = profile.generation_seconds;
  times.scenario_valuation = profile.valuation_seconds;
  times.tail_reduce = profile.tail_reduce_seconds;
  times.scenario_valuation_split =
      capacity::split_since(chosen.backend->stage_seconds(), times.valuation_split);
  report.work.scenario_repricings = profile.repricings;
  report.work.scenario_aggregations = profile.aggregations;

  engine::apply_montecarlo_rule(risk, mc.rule, report);
  report.montecarlo =
      montecarlo_summary{mc.scenarios, mc.model.seed,     mc.confidence,      plan.tail_count,
                         mc.rule,      generator->name(), plan.batches.size()};
}

}  // namespace

margin_report compute_margin(const market_data& market, const std::vector<position>& positions,
                             const engine_config& config, const margin_options& options) {
  capacity::lap_clock clock;
  const portfolio_book book = build_book(market, positions, config);
  margin_report report;
  report.stage_times.book = clock.lap();
  engine::margin_basis basis = engine::make_margin_basis(market, config, options);
  const valuation_grid& grid = basis.grid;
  valuation_backend& backend = *basis.chosen.backend;
  report.backend = backend.name();
  report.backend_notice = std::move(basis.chosen.notice);
  report.series_count = book.series.size();
  report.position_count = book.position_count();

  const std::size_t budget = basis.budget_bytes;
  const engine::working_set_model model{market.underlyings.size(), grid.stride};
  const std::vector<engine::account_batch> batches = engine::plan_batches(book, model, budget);
  report.batch_count = batches.size();
  engine::start_report(book, grid.stride, options.keep_risk_arrays, report);

  engine::tims_batches tims(basis, backend, book, market, config, options.keep_risk_arrays);
  report.work.budget_bytes = budget;
  report.stage_times.grid = clock.lap();
  for (const engine::account_batch& batch : batches) {
    tims.value(batch);
    report.stage_times.valuation += clock.lap();
    capacity::add_tims_work(tims.slice(), grid, report.work);
    tims.fold(batch, report);
    report.stage_times.fold += clock.lap();
    if (options.progress) options.progress(batch.account_end, book.account_count());
  }
  report.stage_times.valuation_split = backend.stage_seconds();
  if (options.montecarlo)
    add_montecarlo(book, basis.spot, config, options, basis.chosen, budget, report);
  report.grid = std::move(basis.grid);  // the basis, and the batches reading it, are done
  return report;
}

}  // namespace pmrisk
