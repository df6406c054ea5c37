#pragma once
// A resident margin engine for pre-trade what-if (docs/whatif.md): the market, the config, the
// valuation grid, the backend and, with Monte Carlo, every scenario tile are set up once; then
// each evaluation values one account's book alone, on the same path compute_margin takes.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk {

/// One account as compute_margin reports it for a positions file holding its positions and the
/// extra ones after them: the same values, bit for bit.
struct account_evaluation {
  account_margin account;  ///< requirement, source, Monte Carlo tail; no regt, no standing
  std::vector<class_group_margin> class_groups;  ///< by symbol; `account` fields are 0
  std::vector<group_margin> product_groups;      ///< by name
  std::vector<group_margin> portfolio_groups;    ///< by name
  std::size_t position_count = 0;                ///< held plus extra
  std::size_t series_count = 0;                  ///< distinct series among them
};

class margin_session {
 public:
  /// Indexes the positions by account and builds what every evaluation reads: the grid, the
  /// offset hierarchy, the backend and, with options.montecarlo, every scenario tile (drawn
  /// once). options.keep_risk_arrays and the progress callbacks are not used. Throws
  /// input_error as compute_margin does for the market, config and options.
  margin_session(market_data market, std::vector<position> positions, engine_config config,
                 const margin_options& options);
  ~margin_session();
  margin_session(const margin_session&) = delete;
  margin_session& operator=(const margin_session&) = delete;

  /// Whether the account holds positions or was added.
  bool has_account(std::string_view account) const;

  /// Makes an account without positions known (a new account, or an accounts-file row), so
  /// that it may be evaluated; its requirement without extra positions is 0.
  void add_account(const std::string& account);

  /// The account's margin with `extra` positions added after its own, recomputing only this
  /// account. Throws input_error for an unknown account (no location: the caller knows where
  /// the name came from), or at the position's row for an extra position naming another
  /// account. One call at a time: the backend keeps working memory.
  account_evaluation evaluate(const std::string& account, const std::vector<position>& extra);

  const market_data& market() const;
  const engine_config& config() const;
  std::string backend_name() const;
  /// Why `automatic` fell back to the CPU, if it did.
  const std::string& backend_notice() const;
  /// The scenarios, k and rule of every evaluation; empty without Monte Carlo.
  const std::optional<montecarlo_summary>& montecarlo() const;
  /// Host memory the resident scenario tiles hold (0 without Monte Carlo).
  std::size_t resident_scenario_bytes() const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace pmrisk
