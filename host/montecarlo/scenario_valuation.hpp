#pragma once
// Values a book under Monte Carlo scenarios: batches of whole accounts, and per batch every
// tile of scenarios generated, repriced and summed per account on the backend, then folded into
// each account's tail (docs/montecarlo.md, "The run").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/batch_plan.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"

namespace pmrisk::montecarlo {

/// What stays fixed across the scenario models of one run (a margin run's one model, or a
/// stress run's base and stressed models): the scenario count, the tiles, k and the batches.
struct scenario_plan {
  std::uint64_t scenarios = 0;
  std::size_t tile_scenarios = 0;
  std::uint64_t tail_count = 0;  ///< k
  std::vector<engine::account_batch> batches;
};

/// The working-set model of a Monte Carlo batch over tiles of tile_scenarios scenarios with a
/// tail of k losses per account; draws_per_scenario is the model's draw_layout::per_scenario.
engine::working_set_model scenario_working_set(std::size_t underlyings,
                                               std::int64_t draws_per_scenario,
                                               std::size_t tile_scenarios, std::uint64_t k);

/// Plans the batches so that each one's working set (series P&L rows over a tile, account P&L
/// rows, the accounts' tails of k losses) plus the generator's tile and draws fits
/// budget_bytes. draws_per_scenario is the model's draw_layout::per_scenario. Throws
/// input_error when tile_scenarios is 0 or above max_tile_scenarios, or an account does not fit.
scenario_plan plan_scenarios(const portfolio_book& book, std::size_t underlyings,
                             std::int64_t draws_per_scenario, std::uint64_t scenarios,
                             std::size_t tile_scenarios, double confidence,
                             std::size_t budget_bytes);

/// The book, market and engine settings the scenarios are valued against.
struct scenario_book {
  const portfolio_book& book;
  const std::vector<double>& spot;  ///< per underlying
  double rate = 0;
  pricing_model model;
};

/// Where a run's wall time went, and what it valued; value_scenarios adds to it.
struct scenario_profile {
  double generation_seconds = 0;
  double valuation_seconds = 0;    ///< value_accounts, batch slicing included
  double tail_reduce_seconds = 0;  ///< account P&L into the tails, and VaR and ES from them
  std::uint64_t repricings = 0;    ///< series x scenarios, per batch
  std::uint64_t aggregations = 0;  ///< positions x scenarios
};

/// Hooks into a run: each tile once (first batch only), the account-scenarios valued, and, when
/// `profile` is set, the time per stage.
struct scenario_observers {
  std::function<void(const scenarios::scenario_tile&)> on_tile;
  std::function<void(std::uint64_t account_scenarios)> on_valued;
  scenario_profile* profile = nullptr;
};

/// Every account's tail risk under the generator's model, repriced at its horizon (years taken
/// off every expiry). Scenarios are generated again for each batch: a scenario is a pure
/// function of (seed, index), and drawing it costs far less than repricing the batch's series
/// under it, while keeping every tile would cost S x underlyings x 16 bytes.
std::vector<account_tail_risk> value_scenarios(const scenario_book& in, valuation_backend& backend,
                                               scenarios::scenario_generator& generator,
                                               double horizon_years, const scenario_plan& plan,
                                               int threads, const scenario_observers& observers);

/// Hands value_scenarios the tile of scenarios [first, first + count): drawn into `scratch` and
/// returned, or a tile held elsewhere (montecarlo::resident_scenarios).
using tile_source = std::function<const scenarios::scenario_tile&(
    std::uint64_t first, std::size_t count, scenarios::scenario_tile& scratch)>;

/// As above, reading each tile from `tiles` instead of generating it: the same loop, so results
/// are the same bytes whenever the tiles are.
std::vector<account_tail_risk> value_scenarios(const scenario_book& in, valuation_backend& backend,
                                               const tile_source& tiles, double horizon_years,
                                               const scenario_plan& plan, int threads,
                                               const scenario_observers& observers);

}  // namespace pmrisk::montecarlo
