#pragma once
// The engine's entry point: positions and market data in, per-account TIMS margin out, and
// optionally each account's Monte Carlo tail risk and the requirement combining the two.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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

struct class_group_margin {
  std::int32_t account = 0;      ///< index into margin_report::accounts
  std::int32_t underlying = 0;   ///< index into market_data::underlyings
  double worst_loss = 0;         ///< max(0, -lowest P&L over the points)
  std::int32_t worst_point = 0;  ///< first point with the lowest P&L
  double min_charge = 0;
  double requirement = 0;  ///< max(worst_loss, min_charge)
};

struct account_margin {
  std::string account;
  double tims_loss = 0;         ///< sum of class-group worst losses
  double tims_requirement = 0;  ///< sum of class-group requirements
  double requirement = 0;       ///< the final requirement: TIMS, or per the Monte Carlo rule
  std::int32_t worst_class_group = -1;  ///< index into class_groups: largest requirement
  account_tail_risk mc;                 ///< with margin_options::montecarlo only
};

struct margin_report {
  std::vector<account_margin> accounts;          ///< sorted by account id
  std::vector<class_group_margin> class_groups;  ///< by account, then symbol
  std::vector<double> risk_arrays;               ///< class_groups x grid.stride, when kept
  valuation_grid grid;
  std::string backend;         ///< "cpu (N threads)" or the CUDA device
  std::string backend_notice;  ///< why auto fell back to the CPU, if it did
  std::size_t series_count = 0;
  std::size_t position_count = 0;
  std::size_t batch_count = 0;
  std::optional<montecarlo_summary> montecarlo;  ///< with margin_options::montecarlo only
};

margin_report compute_margin(const market_data& market, const std::vector<position>& positions,
                             const engine_config& config, const margin_options& options);

}  // namespace pmrisk
