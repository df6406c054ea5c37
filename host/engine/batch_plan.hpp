#pragma once
// Splits the book into batches of whole accounts whose working set fits a memory budget.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pmrisk/book.hpp"

namespace pmrisk::engine {

/// Accounts [account_begin, account_end) of the book.
struct account_batch {
  std::size_t account_begin = 0;
  std::size_t account_end = 0;
};

/// What one batch occupies, in bytes: its series subset and their P&L rows, its positions, and
/// its class groups with their risk arrays and outputs, plus the grid every batch reads. A
/// Monte Carlo batch (value_accounts over a tile of `stride` scenarios) instead keeps per
/// account its P&L row and its tail of `tail_losses` largest losses, and beside the batch the
/// scenario generator's tile and draws.
struct working_set_model {
  std::size_t underlyings = 0;
  int stride = 0;
  bool account_pnl = false;         ///< a Monte Carlo batch
  std::uint64_t tail_losses = 0;    ///< k, per account, in a Monte Carlo batch
  std::size_t generator_bytes = 0;  ///< held beside every batch

  std::size_t fixed_bytes() const;
  std::size_t per_series_bytes() const;
  std::size_t per_class_group_bytes() const;
  std::size_t per_account_bytes() const;
  static std::size_t per_position_bytes();

  std::size_t bytes(std::size_t series, std::size_t class_groups, std::size_t positions,
                    std::size_t accounts = 0) const {
    return fixed_bytes() + series * per_series_bytes() + class_groups * per_class_group_bytes() +
           positions * per_position_bytes() + accounts * per_account_bytes();
  }
};

/// The working set of one account valued alone.
std::size_t account_working_set_bytes(const portfolio_book& book, const working_set_model& model,
                                      std::size_t account);

/// Greedy, in account order: each batch takes accounts while its working set (series shared
/// by its accounts counted once) fits budget_bytes. Throws input_error naming an account that
/// does not fit the budget alone.
std::vector<account_batch> plan_batches(const portfolio_book& book, const working_set_model& model,
                                        std::size_t budget_bytes);

}  // namespace pmrisk::engine
