// The per-account top-k of losses, kept as a heap whose front is the weakest loss kept, so a
// scenario enters only when it ranks before that one.

#include "montecarlo/tail_losses.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "pmrisk/error.hpp"

namespace pmrisk::montecarlo {
namespace {

constexpr std::uint64_t no_scenario = std::numeric_limits<std::uint64_t>::max();

double at_least_zero(double loss) {
  return loss > 0 ? loss : 0.0;
}

}  // namespace

tail_losses::tail_losses(std::span<const std::string> account_ids, std::uint64_t k, int threads)
    : account_ids_(account_ids),
      k_(k),
      threads_(threads > 0 ? threads : omp_get_max_threads()),
      kept_(account_ids.size() * k) {
  PMRISK_EXPECTS(k >= 1, "the tail holds at least one loss");
}

void tail_losses::add(const double* account_pnl, std::size_t count, std::uint64_t first) {
  PMRISK_EXPECTS(first == seen_, "tiles arrive in scenario order, without gaps");
  const auto accounts = static_cast<std::int64_t>(account_ids_.size());
  const std::size_t k = k_;
  const std::size_t kept_before = std::min<std::uint64_t>(k_, seen_);
  // Per account, the first scenario whose P&L is not finite; reported after the loop so the
  // message does not depend on which thread got there first.
  std::vector<std::uint64_t> non_finite(account_ids_.size(), no_scenario);

  // One account is not worth waking the other threads for.
#pragma omp parallel for schedule(static) num_threads(threads_) if (accounts > 1)
  for (std::int64_t a = 0; a < accounts; ++a) {
    const double* row = account_pnl + static_cast<std::size_t>(a) * count;
    scenario_loss* heap = kept_.data() + static_cast<std::size_t>(a) * k;
    std::size_t size = kept_before;
    for (std::size_t j = 0; j < count; ++j) {
      if (!std::isfinite(row[j])) {
        non_finite[static_cast<std::size_t>(a)] = first + j;
        break;
      }
      const scenario_loss candidate{-row[j], first + j};
      if (size < k) {
        heap[size++] = candidate;
        std::push_heap(heap, heap + size, ranks_before);
      } else if (ranks_before(candidate, heap[0])) {
        std::pop_heap(heap, heap + k, ranks_before);
        heap[k - 1] = candidate;
        std::push_heap(heap, heap + k, ranks_before);
      }
    }
  }

  for (std::size_t a = 0; a < account_ids_.size(); ++a) {
    if (non_finite[a] != no_scenario)
      throw std::runtime_error(
          fmt::format("account '{}': the P&L in Monte Carlo scenario {} is not a finite number",
                      account_ids_[a], non_finite[a]));
  }
  seen_ += count;
}

std::vector<account_tail_risk> tail_losses::finish() {
  PMRISK_EXPECTS(seen_ >= k_, "every scenario of the run was added");
  const auto accounts = static_cast<std::int64_t>(account_ids_.size());
  const std::size_t k = k_;
  std::vector<account_tail_risk> risk(account_ids_.size());

#pragma omp parallel for schedule(static) num_threads(threads_) if (accounts > 1)
  for (std::int64_t a = 0; a < accounts; ++a) {
    scenario_loss* tail = kept_.data() + static_cast<std::size_t>(a) * k;
    std::sort_heap(tail, tail + k, ranks_before);  // rank order: the largest loss first
    double sum = 0.0;
    for (std::size_t i = 0; i < k; ++i) sum += tail[i].loss;
    account_tail_risk& out = risk[static_cast<std::size_t>(a)];
    out.worst_loss = at_least_zero(tail[0].loss);
    out.worst_scenario = tail[0].scenario;
    out.var = at_least_zero(tail[k - 1].loss);
    out.es = at_least_zero(sum / static_cast<double>(k));
  }
  return risk;
}

}  // namespace pmrisk::montecarlo
