#pragma once
// One batch's slice of the book, in the views a backend consumes.

#include <cstdint>
#include <vector>

#include "engine/batch_plan.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"

namespace pmrisk::engine {

/// The series a batch holds, re-indexed from 0 in order of first use, and its class groups with
/// position offsets rebased to 0, and its accounts with class-group offsets rebased to 0. Units and
/// class-group underlyings are read from the book in place (they are contiguous per batch).
struct batch_slice {
  std::size_t class_group_begin = 0;  ///< the batch's first class group in the book
  std::size_t class_group_count = 0;
  series_table series;
  std::vector<std::int64_t> position_begin;   ///< class_group_count + 1 offsets, first is 0
  std::vector<std::int32_t> position_series;  ///< into series
  std::vector<std::int64_t> account_class_group_begin;  ///< accounts + 1 offsets, first is 0
  const std::int32_t* class_group_underlying = nullptr;
  const double* position_units = nullptr;

  pmrisk::series_view view_series() const;
  pmrisk::class_group_view view_class_groups() const;
  pmrisk::account_view view_accounts() const;
};

/// Cuts batches out of one book, reusing a book-sized map from book series to batch series.
class batch_slicer {
 public:
  explicit batch_slicer(const portfolio_book& book);
  batch_slice slice(const account_batch& batch);

 private:
  const portfolio_book& book_;
  std::vector<std::int32_t> batch_index_;  ///< per book series; -1 when not in the batch
};

}  // namespace pmrisk::engine
