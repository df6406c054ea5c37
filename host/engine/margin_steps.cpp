// The steps compute_margin and margin_session share: the basis, the report's rows, a TIMS batch
// valued and folded, and the Monte Carlo requirement rule.

#include "engine/margin_steps.hpp"

#include <algorithm>
#include <utility>

#include "engine/spots.hpp"

namespace pmrisk::engine {

valuation_inputs margin_basis::tims_inputs(const engine_config& config) const {
  valuation_inputs inputs;
  inputs.rate = config.rate;
  inputs.model = config.model;
  inputs.grid.underlyings = spot.size();
  inputs.grid.stride = grid.stride;
  inputs.grid.spot = spot.data();
  inputs.grid.point_count = grid.point_count.data();
  inputs.grid.spot_move = grid.spot_move.data();
  inputs.grid.vol_shift = grid.vol_shift.data();
  inputs.grid.point_weight = grid.weight.data();
  inputs.grid.scan_point_count = grid.scan_point_count.data();
  inputs.grid.horizon_years = grid.horizon_years.data();
  return inputs;
}

margin_basis make_margin_basis(const market_data& market, const engine_config& config,
                               const margin_options& options) {
  margin_basis basis;
  basis.grid = build_tims_grid(market, config);
  basis.hierarchy = build_offset_hierarchy(market, basis.grid, config);
  basis.spot = spots_of(market);
  basis.chosen = choose_backend(options.backend, options.threads);
  const std::size_t configured =
      options.max_memory_bytes != 0 ? options.max_memory_bytes : config.max_memory_bytes;
  basis.budget_bytes = std::min(configured, basis.chosen.backend->available_memory_bytes());
  return basis;
}

void start_report(const portfolio_book& book, int stride, bool keep_risk_arrays,
                  margin_report& report) {
  report.accounts.resize(book.account_count());
  for (std::size_t a = 0; a < book.account_count(); ++a)
    report.accounts[a].account = book.account_ids[a];
  report.class_groups.resize(book.class_group_count());
  if (keep_risk_arrays)
    report.risk_arrays.assign(book.class_group_count() * static_cast<std::size_t>(stride), 0.0);
}

tims_batches::tims_batches(const margin_basis& basis, valuation_backend& backend,
                           const portfolio_book& book, const market_data& market,
                           const engine_config& config, bool keep_risk_arrays)
    : basis_(basis),
      backend_(backend),
      book_(book),
      fold_{book, market, basis.grid, config, basis.hierarchy, keep_risk_arrays},
      inputs_(basis.tims_inputs(config)),
      slicer_(book) {}

void tims_batches::value(const account_batch& batch) {
  slice_ = slicer_.slice(batch);
  const auto stride = static_cast<std::size_t>(basis_.grid.stride);
  risk_array_.assign(slice_.class_group_count * stride, 0.0);
  worst_pnl_.assign(slice_.class_group_count, 0.0);
  worst_point_.assign(slice_.class_group_count, 0);
  const class_group_outputs out{risk_array_.data(), worst_pnl_.data(), worst_point_.data()};
  backend_.value_batch(inputs_, slice_.view_series(), slice_.view_class_groups(), out);
}

void tims_batches::fold(const account_batch& batch, margin_report& report) {
  const auto stride = static_cast<std::size_t>(basis_.grid.stride);
  for (std::size_t a = batch.account_begin; a < batch.account_end; ++a) {
    const std::size_t first =
        static_cast<std::size_t>(book_.account_class_group_begin[a]) - slice_.class_group_begin;
    fold_account(fold_, a,
                 {risk_array_.data() + first * stride, worst_pnl_.data() + first,
                  worst_point_.data() + first},
                 report);
  }
  if (fold_.keep_risk_arrays)
    std::copy(risk_array_.begin(), risk_array_.end(),
              report.risk_arrays.begin() +
                  static_cast<std::ptrdiff_t>(slice_.class_group_begin * stride));
}

void apply_montecarlo_rule(const std::vector<account_tail_risk>& risk,
                           scenarios::requirement_rule rule, margin_report& report) {
  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    account_margin& account = report.accounts[a];
    account.mc = risk[a];
    const double before = account.requirement;
    account.requirement = combined_requirement(before, risk[a].es, rule);
    if (account.requirement != before) account.source = requirement_source::montecarlo;
  }
}

}  // namespace pmrisk::engine
