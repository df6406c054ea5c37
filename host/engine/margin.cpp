// The money path: book and grid, a backend, batches of whole accounts, then the TIMS fold
// (class group -> account); with Monte Carlo, each account's tail over the scenarios and the
// requirement rule.

#include "pmrisk/margin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "engine/backend_choice.hpp"
#include "engine/batch_plan.hpp"
#include "engine/batch_slice.hpp"
#include "engine/spots.hpp"
#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"

namespace pmrisk {
namespace {

/// A NaN or infinite P&L would hide from the worst-point search; refuse to report a margin
/// built on one.
void check_finite(const double* risk_array, int points, const std::string& account,
                  const underlying& u, const valuation_grid& grid, std::int32_t underlying_index) {
  for (int j = 0; j < points; ++j)
    if (!std::isfinite(risk_array[j]))
      throw std::runtime_error(
          fmt::format("account '{}', class group '{}': the P&L at point {} is not a finite number",
                      account, u.symbol, grid.label(underlying_index, j)));
}

/// Class-group and account requirements of one valued batch.
void fold_batch(const portfolio_book& book, const engine::account_batch& batch,
                const engine::batch_slice& slice, const class_group_outputs& out,
                const market_data& market, const valuation_grid& grid, margin_report& report) {
  const auto stride = static_cast<std::size_t>(grid.stride);
  for (std::size_t a = batch.account_begin; a < batch.account_end; ++a) {
    account_margin& account = report.accounts[a];
    const auto g_begin = static_cast<std::size_t>(book.account_class_group_begin[a]);
    const auto g_end = static_cast<std::size_t>(book.account_class_group_begin[a + 1]);
    for (std::size_t g = g_begin; g < g_end; ++g) {
      const std::size_t local = g - slice.class_group_begin;
      const std::int32_t u = book.class_group_underlying[g];
      check_finite(out.risk_array + local * stride, grid.point_count[static_cast<std::size_t>(u)],
                   account.account, market.underlyings[static_cast<std::size_t>(u)], grid, u);
      class_group_margin& group = report.class_groups[g];
      group.account = static_cast<std::int32_t>(a);
      group.underlying = u;
      group.worst_loss = out.worst_pnl[local] < 0 ? -out.worst_pnl[local] : 0.0;
      group.worst_point = out.worst_point[local];
      group.min_charge = book.class_group_min_charge[g];
      group.requirement = std::max(group.worst_loss, group.min_charge);

      account.tims_loss += group.worst_loss;
      account.tims_requirement += group.requirement;
      if (account.worst_class_group < 0 ||
          group.requirement >
              report.class_groups[static_cast<std::size_t>(account.worst_class_group)].requirement)
        account.worst_class_group = static_cast<std::int32_t>(g);
    }
    account.requirement = account.tims_requirement;
  }
}

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
  observers.on_tile = mc.on_tile;
  observers.on_valued = [&](std::uint64_t valued) {
    done += valued;
    if (options.montecarlo_progress) options.montecarlo_progress(done, total);
  };
  const std::vector<account_tail_risk> risk = montecarlo::value_scenarios(
      {book, spot, config.rate, config.model}, *chosen.backend, *generator, mc.model.horizon_years,
      plan, options.threads, observers);

  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    account_margin& account = report.accounts[a];
    account.mc = risk[a];
    account.requirement = combined_requirement(account.tims_requirement, risk[a].es, mc.rule);
  }
  report.montecarlo =
      montecarlo_summary{mc.scenarios, mc.model.seed,     mc.confidence,      plan.tail_count,
                         mc.rule,      generator->name(), plan.batches.size()};
}

}  // namespace

margin_report compute_margin(const market_data& market, const std::vector<position>& positions,
                             const engine_config& config, const margin_options& options) {
  const portfolio_book book = build_book(market, positions, config);
  margin_report report;
  report.grid = build_tims_grid(market, config);
  const valuation_grid& grid = report.grid;
  const std::vector<double> spot = engine::spots_of(market);

  engine::chosen_backend chosen = engine::choose_backend(options.backend, options.threads);
  valuation_backend& backend = *chosen.backend;
  report.backend = backend.name();
  report.backend_notice = std::move(chosen.notice);
  report.series_count = book.series.size();
  report.position_count = book.position_count();

  const std::size_t configured =
      options.max_memory_bytes != 0 ? options.max_memory_bytes : config.max_memory_bytes;
  const std::size_t budget = std::min(configured, backend.available_memory_bytes());
  const engine::working_set_model model{market.underlyings.size(), grid.stride};
  const std::vector<engine::account_batch> batches = engine::plan_batches(book, model, budget);
  report.batch_count = batches.size();

  report.accounts.resize(book.account_count());
  for (std::size_t a = 0; a < book.account_count(); ++a)
    report.accounts[a].account = book.account_ids[a];
  report.class_groups.resize(book.class_group_count());
  const auto stride = static_cast<std::size_t>(grid.stride);
  if (options.keep_risk_arrays) report.risk_arrays.assign(book.class_group_count() * stride, 0.0);

  valuation_inputs inputs;
  inputs.rate = config.rate;
  inputs.model = config.model;
  inputs.grid.underlyings = market.underlyings.size();
  inputs.grid.stride = grid.stride;
  inputs.grid.spot = spot.data();
  inputs.grid.point_count = grid.point_count.data();
  inputs.grid.spot_move = grid.spot_move.data();
  inputs.grid.vol_shift = grid.vol_shift.data();
  inputs.grid.horizon_years = grid.horizon_years.data();

  engine::batch_slicer slicer(book);
  std::vector<double> risk_array, worst_pnl;
  std::vector<std::int32_t> worst_point;
  for (const engine::account_batch& batch : batches) {
    const engine::batch_slice slice = slicer.slice(batch);
    risk_array.assign(slice.class_group_count * stride, 0.0);
    worst_pnl.assign(slice.class_group_count, 0.0);
    worst_point.assign(slice.class_group_count, 0);
    const class_group_outputs out{risk_array.data(), worst_pnl.data(), worst_point.data()};
    backend.value_batch(inputs, slice.view_series(), slice.view_class_groups(), out);

    fold_batch(book, batch, slice, out, market, grid, report);
    if (options.keep_risk_arrays)
      std::copy(risk_array.begin(), risk_array.end(),
                report.risk_arrays.begin() +
                    static_cast<std::ptrdiff_t>(slice.class_group_begin * stride));
    if (options.progress) options.progress(batch.account_end, book.account_count());
  }
  if (options.montecarlo) add_montecarlo(book, spot, config, options, chosen, budget, report);
  return report;
}

}  // namespace pmrisk
