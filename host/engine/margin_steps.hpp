#pragma once
// The steps of a margin evaluation, shared by compute_margin (a whole book, batch by batch) and
// margin_session (one account's book against resident inputs), so the two cannot drift.

#include <cstddef>
#include <vector>

#include "engine/backend_choice.hpp"
#include "engine/batch_plan.hpp"
#include "engine/batch_slice.hpp"
#include "engine/requirement_fold.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk::engine {

/// What every evaluation against one market and config reads besides the book: built once.
struct margin_basis {
  valuation_grid grid;
  offset_hierarchy hierarchy;
  std::vector<double> spot;  ///< per underlying
  chosen_backend chosen;
  std::size_t budget_bytes = 0;  ///< min(the configured budget, what the backend offers)

  /// The TIMS grid in the backends' view; the pointers are into this basis.
  valuation_inputs tims_inputs(const engine_config& config) const;
};

/// Builds the grid, the offset hierarchy, the spots and the backend. Throws as build_tims_grid,
/// build_offset_hierarchy, spots_of and choose_backend do.
margin_basis make_margin_basis(const market_data& market, const engine_config& config,
                               const margin_options& options);

/// Gives the report one row per account of the book (in book order) and room for its class
/// groups (and their risk arrays when kept).
void start_report(const portfolio_book& book, int stride, bool keep_risk_arrays,
                  margin_report& report);

/// Values batches of one book on the TIMS grid, then folds their accounts into a report started
/// by start_report. value() then fold() for each batch, batches in account order. `backend` is
/// the basis's, or another whose results are the same bytes (the CPU backend on fewer threads).
class tims_batches {
 public:
  tims_batches(const margin_basis& basis, valuation_backend& backend, const portfolio_book& book,
               const market_data& market, const engine_config& config, bool keep_risk_arrays);

  /// Slices the batch out of the book and values it on the backend.
  void value(const account_batch& batch);

  /// The batch last valued.
  const batch_slice& slice() const { return slice_; }

  /// Folds the valued batch's accounts (requirement_fold) and keeps its risk arrays if asked.
  void fold(const account_batch& batch, margin_report& report);

 private:
  const margin_basis& basis_;
  valuation_backend& backend_;
  const portfolio_book& book_;
  fold_context fold_;
  valuation_inputs inputs_;
  batch_slicer slicer_;
  batch_slice slice_;
  std::vector<double> risk_array_;
  std::vector<double> worst_pnl_;
  std::vector<std::int32_t> worst_point_;
};

/// Records each account's Monte Carlo tail (risk[a] for report.accounts[a]) and raises its
/// requirement by the rule, naming montecarlo as the source when the rule changed it.
void apply_montecarlo_rule(const std::vector<account_tail_risk>& risk,
                           scenarios::requirement_rule rule, margin_report& report);

}  // namespace pmrisk::engine
