#pragma once
// Splits the book into batches of whole accounts whose working set fits a memory budget.

#include <cstddef>
#include <vector>

#include "pmrisk/book.hpp"

namespace pmrisk::engine {

/// Accounts [account_begin, account_end) of the book.
struct account_batch {
  std::size_t account_begin = 0;
  std::size_t account_end = 0;
};

/// What one batch occupies, in bytes: its series subset and their P&L rows, its positions, and
/// its class groups with their risk arrays and outputs, plus the grid every batch reads.
struct working_set_model {
  std::size_t underlyings = 0;
  int stride = 0;

  std::size_t fixed_bytes() const;
  std::size_t per_series_bytes() const;
  std::size_t per_class_group_bytes() const;
  static std::size_t per_position_bytes();

  std::size_t bytes(std::size_t series, std::size_t class_groups, std::size_t positions) const {
    return fixed_bytes() + series * per_series_bytes() + class_groups * per_class_group_bytes() +
           positions * per_position_bytes();
  }
};

/// The working set of one account valued alone.
std::size_t account_working_set_bytes(const portfolio_book& book, const working_set_model& model,
                                      std::size_t account);

/// Greedy, in account order: each batch takes accounts while its working set (series shared
/// by its accounts counted once) fits budget_bytes. Throws std::runtime_error naming an account
/// that does not fit the budget alone.
std::vector<account_batch> plan_batches(const portfolio_book& book, const working_set_model& model,
                                        std::size_t budget_bytes);

}  // namespace pmrisk::engine
