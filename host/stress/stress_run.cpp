// compute_stress: the base and every stressed model valued on one backend with one batch plan,
// model after model, each model's scenarios drawn from the same seed and indices.

#include <memory>

#include "engine/backend_choice.hpp"
#include "engine/spots.hpp"
#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/stress.hpp"

namespace pmrisk::stress {

stress_report compute_stress(const market_data& market, const std::vector<position>& positions,
                             const engine_config& config, const stress_models& models,
                             const stress_options& options) {
  const portfolio_book book = build_book(market, positions, config);
  const std::vector<double> spot = engine::spots_of(market);
  engine::chosen_backend chosen = engine::choose_backend(options.backend, options.threads);

  stress_report report;
  report.accounts = book.account_ids;
  for (std::size_t i = 0; i < models.size(); ++i) {
    report.sets.push_back(models.name(i));
    report.descriptions.push_back(models.description(i));
  }
  report.backend = chosen.backend->name();
  report.backend_notice = chosen.notice;
  report.scenarios = options.scenarios;
  report.confidence = options.confidence;
  report.dense = models.dense();

  const std::size_t configured =
      options.max_memory_bytes != 0 ? options.max_memory_bytes : config.max_memory_bytes;
  const std::size_t budget = std::min(configured, chosen.backend->available_memory_bytes());
  const montecarlo::scenario_plan plan = montecarlo::plan_scenarios(
      book, market.underlyings.size(), models.draws_per_scenario(), options.scenarios,
      options.tile_scenarios, options.confidence, budget);
  report.tail_count = plan.tail_count;
  report.batch_count = plan.batches.size();

  const std::size_t sets = models.size();
  const std::uint64_t total =
      static_cast<std::uint64_t>(book.account_count()) * options.scenarios * sets;
  std::uint64_t done = 0;
  montecarlo::scenario_observers observers;
  observers.on_valued = [&](std::uint64_t valued) {
    done += valued;
    if (options.progress) options.progress(done, total);
  };

  report.risk.resize(book.account_count() * sets);
  for (std::size_t s = 0; s < sets; ++s) {
    const scenarios::scenario_model model = models.model(s, report.warnings);
    if (s == 0) report.seed = model.seed;
    const std::unique_ptr<scenarios::scenario_generator> generator =
        engine::make_scenario_generator(chosen, model);
    report.generator = generator->name();
    const std::vector<account_tail_risk> risk = montecarlo::value_scenarios(
        {book, spot, config.rate, config.model}, *chosen.backend, *generator, model.horizon_years,
        plan, options.threads, observers);
    for (std::size_t a = 0; a < risk.size(); ++a) report.risk[a * sets + s] = risk[a];
  }
  return report;
}

}  // namespace pmrisk::stress
