#pragma once
// The engine's entry point: positions and market data in, per-account TIMS margin out, and
// optionally each account's Monte Carlo tail risk and the requirement combining the two.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/backend.hpp"
#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/positions.hpp"
#include "pmrisk/valuation_grid.hpp"

namespace pmrisk {

enum class backend_choice { automatic, cpu, cuda };

struct margin_options {
  backend_choice backend = backend_choice::automatic;
  std::size_t max_memory_bytes = 0;  ///< 0: engine_config::max_memory_bytes
  int threads = 0;                   ///< CPU backend threads; 0: all cores
  bool keep_risk_arrays = false;
  /// Called after each batch with accounts done and accounts in all.
  std::function<void(std::size_t done, std::size_t total)> progress;
  /// Also value every account under these Monte Carlo scenarios (docs/montecarlo.md).
  std::optional<montecarlo_options> montecarlo;
  /// Monte Carlo only: called after each tile with account-scenarios valued and in all.
  std::function<void(std::uint64_t done, std::uint64_t total)> montecarlo_progress;
};

/// The rule that set a requirement (docs/house.md).
enum class requirement_source : std::uint8_t {
  grid = 0,           ///< the worst regulatory grid point
  minimum = 1,        ///< the per-contract minimum charge
  vol = 2,            ///< a house implied-vol shift
  extreme = 3,        ///< an extreme move (house or SPAN 15-16)
  concentration = 4,  ///< the house concentration stress
  span = 5,           ///< the SPAN scan risk of futures classes
  montecarlo = 6,     ///< the Monte Carlo expected shortfall
};

/// "grid", "minimum", "vol", "extreme", "concentration", "span", "montecarlo".
std::string_view requirement_source_name(requirement_source source);

struct class_group_margin {
  std::int32_t account = 0;      ///< index into margin_report::accounts
  std::int32_t underlying = 0;   ///< index into market_data::underlyings
  double worst_loss = 0;         ///< max(0, -lowest weighted P&L over the scanned points)
  std::int32_t worst_point = 0;  ///< first point with the lowest P&L
  point_category worst_category = point_category::grid;
  double min_charge = 0;
  double requirement = 0;               ///< max(worst_loss, min_charge)
  std::int32_t product_group = -1;      ///< index into margin_report::product_groups
  double concentration_large_loss = 0;  ///< worst loss over the +/-large concentration points
  double concentration_small_loss = 0;  ///< worst loss over the +/-small concentration points
  double liquidation_days = 0;          ///< gross units / (participation x ADV); 0 without ADV
  double liquidity_addon = 0;
};

/// One account's product group or portfolio group after offsets (docs/offsets.md).
struct group_margin {
  std::int32_t account = 0;  ///< index into margin_report::accounts
  std::string name;
  std::int32_t parent = -1;  ///< product group: index into portfolio_groups; else -1
  double offset = 0;         ///< fraction of a member's gain that may offset another's loss
  double worst_loss = 0;     ///< max(0, -lowest offset P&L over the points)
  std::int32_t worst_point = 0;
  point_category worst_category = point_category::grid;
  double min_charge = 0;   ///< sum of the members' minimum charges
  double requirement = 0;  ///< max(worst_loss, min_charge)
  bool span = false;       ///< a futures combined commodity, margined by SPAN
  double span_credit = 0;  ///< inter-commodity spread credit taken off (SPAN only)
};

/// Strategy-based Reg-T next to portfolio margin (docs/regt.md).
struct regt_comparison {
  double requirement = 0;     ///< regt_requirement: strategies less short premium received
  double pm_leverage = 0;     ///< see docs/regt.md
  double pm_savings_pct = 0;  ///< see docs/regt.md
  bool proven_optimal = true;
};

/// The account's equity against its requirement (--accounts).
struct account_standing {
  double equity = 0;  ///< net liquidation value
  double excess = 0;  ///< equity - requirement; negative is a margin call
  bool margin_call = false;
  bool on_portfolio_margin = true;  ///< the accounts file's type: already on PM, or applying
  bool pm_eligible = false;
  bool downgrade = false;  ///< on PM and below the keep threshold at end of day
};

struct account_margin {
  std::string account;
  double tims_loss = 0;             ///< sum of the top-level groups' worst losses (securities)
  double tims_requirement = 0;      ///< securities: sum of the top-level groups' requirements
  double span_requirement = 0;      ///< futures classes: SPAN
  double concentration_charge = 0;  ///< house concentration stress (0 when off)
  double liquidity_addon = 0;       ///< sum over class groups (0 when off)
  double requirement = 0;           ///< the final requirement (docs/house.md, "The account")
  requirement_source source = requirement_source::grid;
  std::int32_t worst_class_group = -1;       ///< index into class_groups: largest requirement
  account_tail_risk mc;                      ///< with margin_options::montecarlo only
  std::optional<regt_comparison> regt;       ///< with a Reg-T comparison only
  std::optional<account_standing> standing;  ///< with --accounts only
};

/// Wall seconds compute_margin spent in each stage, for capacity measurements
/// (docs/performance.md, "Capacity"). Measuring does not change any result.
struct margin_stage_times {
  double book = 0;       ///< build_book: series de-duplicated, accounts laid out
  double grid = 0;       ///< the valuation grid, the backend chosen, the batches planned
  double valuation = 0;  ///< TIMS: the backend's value_batch calls, batch slicing included
  double fold = 0;       ///< TIMS: class groups into account requirements
  double scenario_generation = 0;
  double scenario_valuation = 0;  ///< Monte Carlo: value_accounts calls, batch slicing included
  double tail_reduce = 0;         ///< Monte Carlo: account P&L into each account's tail
  backend_stage_seconds valuation_split;           ///< the backend's split of `valuation`
  backend_stage_seconds scenario_valuation_split;  ///< and of `scenario_valuation`
};

/// What compute_margin valued, for throughput figures. Series and positions shared by accounts
/// in different batches are valued once per batch, and so counted.
struct margin_work {
  std::uint64_t repricings = 0;             ///< TIMS: series x their underlying's points
  std::uint64_t aggregations = 0;           ///< TIMS: positions x their underlying's points
  std::uint64_t scenario_repricings = 0;    ///< Monte Carlo: series x scenarios
  std::uint64_t scenario_aggregations = 0;  ///< Monte Carlo: positions x scenarios
  std::size_t budget_bytes = 0;             ///< the working-memory budget batches were planned to
};

struct margin_report {
  std::vector<account_margin> accounts;             ///< sorted by account id
  std::vector<class_group_margin> class_groups;     ///< by account, then symbol
  std::vector<group_margin> product_groups;         ///< by account, then name
  std::vector<group_margin> portfolio_groups;       ///< by account, then name
  std::vector<double> risk_arrays;                  ///< class_groups x grid.stride, when kept
  std::vector<double> product_group_risk_arrays;    ///< product_groups x grid.stride, when kept
  std::vector<double> portfolio_group_risk_arrays;  ///< portfolio_groups x grid.stride, when kept
  valuation_grid grid;
  std::string backend;         ///< "cpu (N threads)" or the CUDA device
  std::string backend_notice;  ///< why auto fell back to the CPU, if it did
  std::size_t series_count = 0;
  std::size_t position_count = 0;
  std::size_t batch_count = 0;
  std::optional<montecarlo_summary> montecarlo;  ///< with margin_options::montecarlo only
  margin_stage_times stage_times;
  margin_work work;
};

margin_report compute_margin(const market_data& market, const std::vector<position>& positions,
                             const engine_config& config, const margin_options& options);

}  // namespace pmrisk
