// strategy_candidates: every saving strategy unit over one class group's holdings.

#include "regt/candidates.hpp"

#include <cmath>
#include <initializer_list>

namespace pmrisk::regt {
namespace {

bool same_strike(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(a, b);
}

class candidate_builder {
 public:
  candidate_builder(const std::vector<holding>& holdings, const underlying_terms& terms)
      : holdings_(holdings), terms_(terms) {}

  /// Keeps the unit when it saves more than rounding noise of its legs' requirements.
  void add(strategy_kind kind, std::initializer_list<candidate_leg> legs, double requirement) {
    candidate c;
    c.kind = kind;
    double alone = 0;
    for (const candidate_leg& leg : legs) {
      const holding& h = holdings_[static_cast<std::size_t>(leg.holding)];
      if (leg.per_unit > h.quantity) return;  // not even one unit fits
      alone += leg.per_unit * single_requirement(h, terms_);
      c.leg_storage[c.leg_count++] = leg;
    }
    c.requirement = requirement;
    c.savings = alone - requirement;
    if (c.savings > 1e-12 * alone) out_.push_back(c);
  }

  std::vector<candidate> take() { return std::move(out_); }

 private:
  const std::vector<holding>& holdings_;
  const underlying_terms& terms_;
  std::vector<candidate> out_;
};

bool same_series_terms(const holding& a, const holding& b) {
  return a.multiplier == b.multiplier && a.years == b.years;
}

void add_covered(const std::vector<holding>& hs, const underlying_terms& terms,
                 candidate_builder& builder) {
  for (std::int32_t s = 0; s < static_cast<std::int32_t>(hs.size()); ++s) {
    if (!hs[s].is_stock()) continue;
    for (std::int32_t o = 0; o < static_cast<std::int32_t>(hs.size()); ++o) {
      const holding& option = hs[o];
      if (option.is_long || option.is_stock()) continue;
      if (hs[s].is_long && option.is_call()) {
        builder.add(strategy_kind::covered_call, {{s, option.multiplier}, {o, 1}},
                    covered_call_requirement(option, terms));
      } else if (!hs[s].is_long && option.is_put()) {
        builder.add(strategy_kind::covered_put, {{s, option.multiplier}, {o, 1}},
                    covered_put_requirement(option, terms));
      }
    }
  }
}

void add_spreads(const std::vector<holding>& hs, const underlying_terms& terms,
                 candidate_builder& builder) {
  for (std::int32_t l = 0; l < static_cast<std::int32_t>(hs.size()); ++l) {
    for (std::int32_t s = 0; s < static_cast<std::int32_t>(hs.size()); ++s) {
      if (!is_spread(hs[l], hs[s])) continue;
      const bool credit =
          hs[l].is_call() ? hs[l].strike > hs[s].strike : hs[l].strike < hs[s].strike;
      const strategy_kind kind =
          hs[l].is_call()
              ? (credit ? strategy_kind::credit_call_spread : strategy_kind::debit_call_spread)
              : (credit ? strategy_kind::credit_put_spread : strategy_kind::debit_put_spread);
      builder.add(kind, {{l, 1}, {s, 1}}, spread_requirement(hs[l], hs[s], terms));
    }
  }
}

void add_straddles(const std::vector<holding>& hs, const underlying_terms& terms,
                   candidate_builder& builder) {
  for (std::int32_t c = 0; c < static_cast<std::int32_t>(hs.size()); ++c) {
    if (hs[c].is_long || !hs[c].is_call()) continue;
    for (std::int32_t p = 0; p < static_cast<std::int32_t>(hs.size()); ++p) {
      if (hs[p].is_long || !hs[p].is_put() || hs[p].multiplier != hs[c].multiplier) continue;
      const bool straddle = hs[p].strike == hs[c].strike && hs[p].years == hs[c].years;
      builder.add(straddle ? strategy_kind::short_straddle : strategy_kind::short_strangle,
                  {{c, 1}, {p, 1}}, straddle_requirement(hs[c], hs[p], terms));
    }
  }
}

// Long 1 low, short 2 middle, long 1 high; one kind and expiry, equidistant strikes.
void add_butterflies(const std::vector<holding>& hs, candidate_builder& builder) {
  for (std::int32_t m = 0; m < static_cast<std::int32_t>(hs.size()); ++m) {
    const holding& middle = hs[m];
    if (middle.is_long || middle.is_stock()) continue;
    for (std::int32_t lo = 0; lo < static_cast<std::int32_t>(hs.size()); ++lo) {
      const holding& low = hs[lo];
      if (!low.is_long || low.kind != middle.kind || !same_series_terms(low, middle) ||
          !(low.strike < middle.strike))
        continue;
      for (std::int32_t hi = 0; hi < static_cast<std::int32_t>(hs.size()); ++hi) {
        const holding& high = hs[hi];
        if (!high.is_long || high.kind != middle.kind || !same_series_terms(high, middle) ||
            !same_strike(high.strike - middle.strike, middle.strike - low.strike))
          continue;
        builder.add(middle.is_call() ? strategy_kind::long_call_butterfly
                                     : strategy_kind::long_put_butterfly,
                    {{lo, 1}, {m, 2}, {hi, 1}}, long_butterfly_requirement(low, high));
      }
    }
  }
}

// Long put < short put <= short call < long call, one expiry: two credit spreads.
void add_iron_condors(const std::vector<holding>& hs, const underlying_terms& terms,
                      candidate_builder& builder) {
  const auto n = static_cast<std::int32_t>(hs.size());
  for (std::int32_t sp = 0; sp < n; ++sp) {
    if (hs[sp].is_long || !hs[sp].is_put()) continue;
    for (std::int32_t lp = 0; lp < n; ++lp) {
      if (!hs[lp].is_long || !hs[lp].is_put() || !same_series_terms(hs[lp], hs[sp]) ||
          !(hs[lp].strike < hs[sp].strike))
        continue;
      for (std::int32_t sc = 0; sc < n; ++sc) {
        if (hs[sc].is_long || !hs[sc].is_call() || !same_series_terms(hs[sc], hs[sp]) ||
            !(hs[sp].strike <= hs[sc].strike))
          continue;
        for (std::int32_t lc = 0; lc < n; ++lc) {
          if (!hs[lc].is_long || !hs[lc].is_call() || !same_series_terms(hs[lc], hs[sp]) ||
              !(hs[sc].strike < hs[lc].strike))
            continue;
          builder.add(hs[sp].strike == hs[sc].strike ? strategy_kind::iron_butterfly
                                                     : strategy_kind::iron_condor,
                      {{lp, 1}, {sp, 1}, {sc, 1}, {lc, 1}},
                      iron_condor_requirement(hs[lp], hs[sp], hs[sc], hs[lc], terms));
        }
      }
    }
  }
}

}  // namespace

std::vector<candidate> strategy_candidates(const std::vector<holding>& holdings,
                                           const underlying_terms& terms) {
  candidate_builder builder(holdings, terms);
  add_covered(holdings, terms, builder);
  add_spreads(holdings, terms, builder);
  add_straddles(holdings, terms, builder);
  add_butterflies(holdings, builder);
  add_iron_condors(holdings, terms, builder);
  return builder.take();
}

}  // namespace pmrisk::regt
