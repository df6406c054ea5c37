// Batch planning: whole accounts per batch, each batch within the memory budget.

#include "engine/batch_plan.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "montecarlo/tail_losses.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::engine {
namespace {

constexpr std::size_t kNoMark = std::numeric_limits<std::size_t>::max();

struct account_extent {
  std::size_t accounts = 1;
  std::size_t class_groups = 0;
  std::size_t positions = 0;
  std::size_t distinct_series = 0;  ///< series the account holds, each once
  std::size_t new_series = 0;       ///< of those, series the current batch does not hold yet
};

/// Walks one account's positions. series_in_batch[s] == batch_number marks series the open
/// batch already holds; series_in_account de-duplicates within the account.
account_extent measure_account(const portfolio_book& book, std::size_t account,
                               std::size_t batch_number,
                               const std::vector<std::size_t>& series_in_batch,
                               std::vector<std::size_t>& series_in_account) {
  account_extent extent;
  const auto g_begin = static_cast<std::size_t>(book.account_class_group_begin[account]);
  const auto g_end = static_cast<std::size_t>(book.account_class_group_begin[account + 1]);
  extent.class_groups = g_end - g_begin;
  const auto p_begin = static_cast<std::size_t>(book.class_group_position_begin[g_begin]);
  const auto p_end = static_cast<std::size_t>(book.class_group_position_begin[g_end]);
  extent.positions = p_end - p_begin;
  for (std::size_t p = p_begin; p < p_end; ++p) {
    const auto s = static_cast<std::size_t>(book.position_series[p]);
    if (series_in_account[s] == account) continue;
    series_in_account[s] = account;
    ++extent.distinct_series;
    if (series_in_batch[s] != batch_number) ++extent.new_series;
  }
  return extent;
}

void mark_account_series(const portfolio_book& book, std::size_t account, std::size_t batch_number,
                         std::vector<std::size_t>& series_in_batch) {
  const auto g_begin = static_cast<std::size_t>(book.account_class_group_begin[account]);
  const auto g_end = static_cast<std::size_t>(book.account_class_group_begin[account + 1]);
  const auto p_begin = static_cast<std::size_t>(book.class_group_position_begin[g_begin]);
  const auto p_end = static_cast<std::size_t>(book.class_group_position_begin[g_end]);
  for (std::size_t p = p_begin; p < p_end; ++p)
    series_in_batch[static_cast<std::size_t>(book.position_series[p])] = batch_number;
}

}  // namespace

std::size_t working_set_model::fixed_bytes() const {
  const std::size_t per_underlying = sizeof(double) + sizeof(int) + sizeof(double);
  const std::size_t per_slot = 2 * sizeof(double);          // spot move and vol shift
  const std::size_t closing_offsets = account_pnl ? 2 : 1;  // class groups' and accounts'
  return underlyings * per_underlying + underlyings * static_cast<std::size_t>(stride) * per_slot +
         closing_offsets * sizeof(std::int64_t) + generator_bytes;
}

std::size_t working_set_model::per_series_bytes() const {
  const std::size_t terms =
      sizeof(instrument_kind) + sizeof(exercise_style) + 4 * sizeof(double) + sizeof(std::int32_t);
  return terms + static_cast<std::size_t>(stride) * sizeof(double);  // plus its P&L row
}

std::size_t working_set_model::per_class_group_bytes() const {
  const std::size_t layout = sizeof(std::int32_t) + sizeof(std::int64_t);
  if (account_pnl) return layout;  // its P&L goes straight into its account's sum
  const std::size_t outputs =
      static_cast<std::size_t>(stride) * sizeof(double) + sizeof(double) + sizeof(std::int32_t);
  return layout + outputs;
}

std::size_t working_set_model::per_account_bytes() const {
  if (!account_pnl) return 0;  // a TIMS batch's per-account results are folded on the fly
  const std::size_t offset = sizeof(std::int64_t);
  const std::size_t pnl_row = static_cast<std::size_t>(stride) * sizeof(double);
  return offset + pnl_row + static_cast<std::size_t>(tail_losses) * montecarlo::tail_bytes_per_loss;
}

std::size_t working_set_model::per_position_bytes() {
  return sizeof(std::int32_t) + sizeof(double);
}

std::size_t account_working_set_bytes(const portfolio_book& book, const working_set_model& model,
                                      std::size_t account) {
  const std::vector<std::size_t> no_batch(book.series.size(), 0);  // no batch holds any series
  std::vector<std::size_t> series_in_account(book.series.size(), kNoMark);
  const account_extent extent = measure_account(book, account, 1, no_batch, series_in_account);
  return model.bytes(extent.distinct_series, extent.class_groups, extent.positions,
                     extent.accounts);
}

std::vector<account_batch> plan_batches(const portfolio_book& book, const working_set_model& model,
                                        std::size_t budget_bytes) {
  std::vector<account_batch> batches;
  // series_in_batch holds, per series, the number (1-based) of the last batch that took it.
  std::vector<std::size_t> series_in_batch(book.series.size(), 0);
  std::vector<std::size_t> series_in_account(book.series.size(), kNoMark);
  std::size_t series = 0, class_groups = 0, positions = 0, accounts = 0;  // of the open batch

  for (std::size_t a = 0; a < book.account_count(); ++a) {
    const std::size_t open_batch = batches.size();  // 0: none open yet
    const account_extent extent =
        measure_account(book, a, open_batch, series_in_batch, series_in_account);
    if (open_batch > 0 &&
        model.bytes(series + extent.new_series, class_groups + extent.class_groups,
                    positions + extent.positions, accounts + extent.accounts) <= budget_bytes) {
      series += extent.new_series;
      class_groups += extent.class_groups;
      positions += extent.positions;
      accounts += extent.accounts;
      batches.back().account_end = a + 1;
      mark_account_series(book, a, open_batch, series_in_batch);
      continue;
    }
    const std::size_t alone =
        model.bytes(extent.distinct_series, extent.class_groups, extent.positions, extent.accounts);
    // An unsatisfiable budget is the user's setting, not a fault of the engine.
    if (alone > budget_bytes)
      throw input_error(
          {},
          fmt::format(
              "account '{}' needs {} bytes of working memory to value, more than the budget of {} "
              "bytes; raise the memory budget (max_memory in the config, or --max-memory){}",
              book.account_ids[a], alone, budget_bytes,
              model.account_pnl ? ", or lower tile_scenarios in the Monte Carlo config" : ""));
    batches.push_back({a, a + 1});
    series = extent.distinct_series;
    class_groups = extent.class_groups;
    positions = extent.positions;
    accounts = extent.accounts;
    mark_account_series(book, a, batches.size(), series_in_batch);
  }
  return batches;
}

}  // namespace pmrisk::engine
