// margin_session: compute_margin's steps (engine/margin_steps.hpp) over a one-account book,
// against a basis and scenario tiles built once (docs/whatif.md).

#include "pmrisk/margin_session.hpp"

#include <fmt/format.h>

#include <unordered_map>
#include <utility>

#include "engine/margin_steps.hpp"
#include "montecarlo/resident_scenarios.hpp"
#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk {

struct margin_session::state {
  market_data market;
  engine_config config;
  int threads = 0;
  /// Each account's positions in input order, as compute_margin's book keeps them.
  std::unordered_map<std::string, std::vector<position>> held;
  engine::margin_basis basis;  ///< reads market and config, which stay in place
  /// One account's grid valuation is microseconds of work: on the CPU it runs on one thread,
  /// since waking a team costs more than it saves (docs/whatif.md, "Latency"). Same bytes.
  std::unique_ptr<valuation_backend> single_thread;
  valuation_backend* tims_backend = nullptr;
  std::optional<montecarlo_options> montecarlo;
  std::optional<montecarlo_summary> summary;
  std::optional<montecarlo::resident_scenarios> tiles;
};

margin_session::margin_session(market_data market, std::vector<position> positions,
                               engine_config config, const margin_options& options)
    : state_(std::make_unique<state>()) {
  state& s = *state_;
  s.market = std::move(market);
  s.config = std::move(config);
  s.threads = options.threads;
  s.basis = engine::make_margin_basis(s.market, s.config, options);
  if (!s.basis.chosen.cuda) s.single_thread = make_cpu_backend(1);
  s.tims_backend = s.single_thread ? s.single_thread.get() : s.basis.chosen.backend.get();
  for (position& p : positions) s.held[p.account].push_back(std::move(p));
  if (!options.montecarlo) return;

  s.montecarlo = *options.montecarlo;
  s.montecarlo->on_tile = nullptr;  // the tiles are drawn here, once, not per evaluation
  const montecarlo_options& mc = *s.montecarlo;
  // The tile split every evaluation's plan will ask for, checked as compute_margin checks it.
  const montecarlo::scenario_plan plan =
      montecarlo::plan_scenarios(build_book(s.market, {}, s.config), s.market.underlyings.size(),
                                 mc.model.layout().per_scenario, mc.scenarios, mc.tile_scenarios,
                                 mc.confidence, s.basis.budget_bytes);
  const std::unique_ptr<scenarios::scenario_generator> generator =
      engine::make_scenario_generator(s.basis.chosen, mc.model);
  s.tiles.emplace(*generator, mc.scenarios, plan.tile_scenarios);
  s.summary = montecarlo_summary{
      mc.scenarios, mc.model.seed, mc.confidence, plan.tail_count, mc.rule, generator->name(), 1};
}

margin_session::~margin_session() = default;

bool margin_session::has_account(std::string_view account) const {
  return state_->held.contains(std::string(account));
}

void margin_session::add_account(const std::string& account) {
  state_->held.try_emplace(account);
}

account_evaluation margin_session::evaluate(const std::string& account,
                                            const std::vector<position>& extra) {
  state& s = *state_;
  const auto found = s.held.find(account);
  if (found == s.held.end())
    throw input_error({}, fmt::format("unknown account '{}': it holds no positions", account));
  for (const position& p : extra) {
    if (p.account != account)
      throw input_error(p.where, fmt::format("the position is for account '{}', not for account "
                                             "'{}' whose what-if this is",
                                             p.account, account));
  }
  std::vector<position> positions = found->second;
  positions.insert(positions.end(), extra.begin(), extra.end());

  // compute_margin's path over a book of this one account.
  const portfolio_book book = build_book(s.market, positions, s.config);
  margin_report report;
  engine::start_report(book, s.basis.grid.stride, false, report);
  const engine::working_set_model model{s.market.underlyings.size(), s.basis.grid.stride};
  engine::tims_batches tims(s.basis, *s.tims_backend, book, s.market, s.config, false);
  for (const engine::account_batch& batch :
       engine::plan_batches(book, model, s.basis.budget_bytes)) {
    tims.value(batch);
    tims.fold(batch, report);
  }
  if (s.montecarlo && book.account_count() > 0) {
    const montecarlo_options& mc = *s.montecarlo;
    const montecarlo::scenario_plan plan = montecarlo::plan_scenarios(
        book, s.basis.spot.size(), mc.model.layout().per_scenario, mc.scenarios, mc.tile_scenarios,
        mc.confidence, s.basis.budget_bytes);
    const std::vector<account_tail_risk> risk = montecarlo::value_scenarios(
        {book, s.basis.spot, s.config.rate, s.config.model}, *s.basis.chosen.backend,
        s.tiles->source(), mc.model.horizon_years, plan, s.threads, {});
    engine::apply_montecarlo_rule(risk, mc.rule, report);
  }

  account_evaluation result;
  result.position_count = book.position_count();
  result.series_count = book.series.size();
  if (report.accounts.empty()) {  // nothing held: no row, requirement 0
    result.account.account = account;
    return result;
  }
  result.account = std::move(report.accounts.front());
  result.class_groups = std::move(report.class_groups);
  result.product_groups = std::move(report.product_groups);
  result.portfolio_groups = std::move(report.portfolio_groups);
  return result;
}

const market_data& margin_session::market() const {
  return state_->market;
}

const engine_config& margin_session::config() const {
  return state_->config;
}

std::string margin_session::backend_name() const {
  return state_->basis.chosen.backend->name();
}

const std::string& margin_session::backend_notice() const {
  return state_->basis.chosen.notice;
}

const std::optional<montecarlo_summary>& margin_session::montecarlo() const {
  return state_->summary;
}

std::size_t margin_session::resident_scenario_bytes() const {
  return state_->tiles ? state_->tiles->bytes() : 0;
}

}  // namespace pmrisk
