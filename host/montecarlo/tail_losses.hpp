#pragma once
// The streaming reduction of account P&L over scenarios to tail risk: per account, the k largest
// losses seen so far, kept across tiles, so no account x scenario matrix is ever held.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "pmrisk/montecarlo.hpp"

namespace pmrisk::montecarlo {

/// One scenario's loss (minus P&L) for one account.
struct scenario_loss {
  double loss = 0;
  std::uint64_t scenario = 0;
};

/// The tail's total order: the larger loss first; of equal losses, the lower scenario index.
inline bool ranks_before(const scenario_loss& a, const scenario_loss& b) {
  return a.loss > b.loss || (a.loss == b.loss && a.scenario < b.scenario);
}

/// Bytes the tail of one account holds: tail_count entries.
constexpr std::size_t tail_bytes_per_loss = sizeof(scenario_loss);

/// The k largest losses of each account of a batch. Because the order is total, the kept set
/// after any sequence of tiles is the k largest of all scenarios seen, whatever the tiles'
/// sizes or the thread count, and the results are computed from it in rank order: they are the
/// same bytes for any split of the scenarios into tiles.
class tail_losses {
 public:
  /// account_ids name the batch's accounts in error messages; the span must outlive this.
  tail_losses(std::span<const std::string> account_ids, std::uint64_t k, int threads);

  /// Folds scenarios [first, first + count): account_pnl is accounts x count, row-major, one
  /// P&L per account and scenario. Throws std::runtime_error naming the account and scenario
  /// of a P&L that is not a finite number (it would drop out of the ranking unseen).
  void add(const double* account_pnl, std::size_t count, std::uint64_t first);

  /// The tail risk of every account over the scenarios added; at least one must have been.
  std::vector<account_tail_risk> finish();

 private:
  std::span<const std::string> account_ids_;
  std::uint64_t k_;
  int threads_;
  std::uint64_t seen_ = 0;  ///< scenarios added so far, the same for every account
  /// accounts x k: account a's first min(k, seen_) entries form a heap whose front ranks last.
  std::vector<scenario_loss> kept_;
};

}  // namespace pmrisk::montecarlo
