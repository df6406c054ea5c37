// pair_class_group: candidates -> independent packing problems -> strategies.

#include "regt/pairing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

#include "regt/candidates.hpp"
#include "regt/packing_search.hpp"

namespace pmrisk::regt {
namespace {

// Holdings linked through candidates, as union-find roots: separate packing problems.
std::vector<std::size_t> linked_sets(std::size_t holdings,
                                     const std::vector<candidate>& candidates) {
  std::vector<std::size_t> parent(holdings);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  const auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const candidate& c : candidates)
    for (const candidate_leg& leg : c.legs())
      parent[root(static_cast<std::size_t>(leg.holding))] =
          root(static_cast<std::size_t>(c.legs()[0].holding));
  for (std::size_t i = 0; i < holdings; ++i) parent[i] = root(i);
  return parent;
}

// Turns chosen units into strategies, names the cost-neutral groupings among what is left, and
// margins the rest alone.
class strategy_writer {
 public:
  strategy_writer(const class_group_holdings& group, const underlying_terms& terms,
                  const std::vector<candidate>& candidates, const std::vector<double>& units)
      : group_(group),
        terms_(terms),
        candidates_(candidates),
        units_(units),
        left_(group.holdings.size()) {
    for (std::size_t i = 0; i < left_.size(); ++i) left_[i] = group.holdings[i].quantity;
    for (std::size_t t = 0; t < candidates.size(); ++t)
      for (const candidate_leg& leg : candidates[t].legs())
        left_[static_cast<std::size_t>(leg.holding)] -= leg.per_unit * units[t];
  }

  std::vector<strategy> write() {
    for (std::size_t t = 0; t < candidates_.size(); ++t) {
      const candidate& c = candidates_[t];
      double units = units_[t];
      if (c.kind == strategy_kind::covered_call) units -= write_collars(c, units);
      if (units > 0) emit(c.kind, units, c.legs(), c.requirement);
    }
    write_protective_puts();
    write_singles();
    return std::move(out_);
  }

 private:
  void emit(strategy_kind kind, double units, std::span<const candidate_leg> legs,
            double requirement_per_unit) {
    strategy s;
    s.kind = kind;
    s.underlying = group_.underlying;
    s.units = units;
    s.requirement = requirement_per_unit * units;
    for (const candidate_leg& leg : legs) {
      const holding& h = group_.holdings[static_cast<std::size_t>(leg.holding)];
      const double quantity = leg.per_unit * units;
      s.legs.push_back({h.first_position, h.is_long ? quantity : -quantity});
      if (!h.is_long && !h.is_stock()) s.premium_received += contract_premium(h) * quantity;
    }
    out_.push_back(std::move(s));
  }

  // Collars: a covered call's stock lot also holding a long put left alone (same expiry and
  // multiplier, strike at or below the call's). Same requirement as the covered call plus the
  // put alone. Returns the covered-call units turned into collars.
  double write_collars(const candidate& covered, double units) {
    const candidate_leg stock = covered.legs()[0];
    const candidate_leg call = covered.legs()[1];
    const holding& short_call = group_.holdings[static_cast<std::size_t>(call.holding)];
    double collared = 0;
    for (std::size_t p = 0; p < left_.size() && collared < units; ++p) {
      const holding& put = group_.holdings[p];
      if (!put.is_long || !put.is_put() || put.multiplier != short_call.multiplier ||
          put.years != short_call.years || put.strike > short_call.strike)
        continue;
      const double n = std::min(units - collared, std::floor(left_[p]));
      if (n < 1) continue;
      const candidate_leg legs[] = {stock, {static_cast<std::int32_t>(p), 1}, call};
      emit(strategy_kind::collar, n, legs, covered.requirement + contract_premium(put));
      left_[p] -= n;
      collared += n;
    }
    return collared;
  }

  // Protective puts: long stock left alone beside long puts left alone.
  void write_protective_puts() {
    for (std::size_t s = 0; s < left_.size(); ++s) {
      if (!group_.holdings[s].is_stock() || !group_.holdings[s].is_long) continue;
      for (std::size_t p = 0; p < left_.size(); ++p) {
        const holding& put = group_.holdings[p];
        if (!put.is_long || !put.is_put()) continue;
        const double n = std::min(std::floor(left_[s] / put.multiplier), std::floor(left_[p]));
        if (n < 1) continue;
        const candidate_leg legs[] = {{static_cast<std::int32_t>(s), put.multiplier},
                                      {static_cast<std::int32_t>(p), 1}};
        emit(strategy_kind::protective_put, n, legs,
             terms_.long_stock_rate * terms_.spot * put.multiplier + contract_premium(put));
        left_[s] -= n * put.multiplier;
        left_[p] -= n;
      }
    }
  }

  void write_singles() {
    for (std::size_t i = 0; i < left_.size(); ++i) {
      const holding& h = group_.holdings[i];
      // Strategies take whole units; anything this small is rounding of the subtraction.
      if (left_[i] <= 1e-9 * h.quantity) continue;
      const candidate_leg leg[] = {{static_cast<std::int32_t>(i), 1}};
      emit(single_kind(h), left_[i], leg, single_requirement(h, terms_));
    }
  }

  static strategy_kind single_kind(const holding& h) {
    if (h.is_stock()) return h.is_long ? strategy_kind::long_stock : strategy_kind::short_stock;
    if (h.is_call()) return h.is_long ? strategy_kind::long_call : strategy_kind::naked_call;
    return h.is_long ? strategy_kind::long_put : strategy_kind::naked_put;
  }

  const class_group_holdings& group_;
  const underlying_terms& terms_;
  const std::vector<candidate>& candidates_;
  const std::vector<double>& units_;
  std::vector<double> left_;  ///< per holding: quantity no strategy has taken
  std::vector<strategy> out_;
};

}  // namespace

class_group_pairing pair_class_group(const class_group_holdings& group,
                                     const underlying_terms& terms, const config& rates) {
  const std::vector<holding>& holdings = group.holdings;
  std::vector<candidate> candidates = strategy_candidates(holdings, terms);
  class_group_pairing result;

  // Each linked set of holdings is its own packing problem, holdings numbered within it.
  const std::vector<std::size_t> set_of = linked_sets(holdings.size(), candidates);
  std::vector<std::int32_t> item_of(holdings.size());
  std::vector<packing_problem> problems(holdings.size());
  std::vector<std::vector<std::size_t>> members(holdings.size());
  for (std::size_t i = 0; i < holdings.size(); ++i) {
    std::vector<double>& capacity = problems[set_of[i]].capacity;
    item_of[i] = static_cast<std::int32_t>(capacity.size());
    capacity.push_back(holdings[i].quantity);
  }
  for (std::size_t t = 0; t < candidates.size(); ++t) {
    const std::size_t set = set_of[static_cast<std::size_t>(candidates[t].legs()[0].holding)];
    packing_column column;
    column.value = candidates[t].savings;
    for (const candidate_leg& leg : candidates[t].legs())
      column.uses.emplace_back(item_of[static_cast<std::size_t>(leg.holding)], leg.per_unit);
    problems[set].columns.push_back(std::move(column));
    members[set].push_back(t);
  }

  const packing_limits limits{rates.max_search_nodes, rates.max_candidates};
  std::vector<double> units(candidates.size(), 0.0);
  for (std::size_t set = 0; set < holdings.size(); ++set) {
    if (members[set].empty()) continue;
    const packing_result packed = maximise_packing(problems[set], limits);
    for (std::size_t k = 0; k < members[set].size(); ++k) units[members[set][k]] = packed.units[k];
    result.proven_optimal = result.proven_optimal && packed.proven_optimal;
    result.gap += packed.gap;
  }
  result.strategies = strategy_writer(group, terms, candidates, units).write();
  return result;
}

}  // namespace pmrisk::regt
