#pragma once
// A seeded random firm (market, positions, config) for engine tests and benchmarks: a few
// underlyings with listed option chains, and accounts holding stock and options drawn from them,
// so series repeat across accounts the way they do in a real book.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk::engine {

struct synthetic_book_spec {
  std::size_t accounts = 300;
  std::size_t underlyings = 12;
  int max_positions_per_account = 8;
  exercise_style style = exercise_style::european;
  std::uint64_t seed = 20261120;
};

struct synthetic_firm {
  engine_config config;
  market_data market;
  std::vector<position> positions;
};

/// Underlyings rotate through three asset classes: equity (+/-15%, 10 points), a high-cap
/// broad index (+6%/-8%), and an ETF class with a +/-15% vol scan and a one-day horizon
/// (30 points), so the grid has underlyings with unused slots.
inline synthetic_firm make_synthetic_firm(const synthetic_book_spec& spec) {
  synthetic_firm firm;
  firm.config.rate = 0.04;
  firm.config.asset_classes["equity"] = asset_class_config{};
  asset_class_config high_cap;
  high_cap.up = 0.06;
  high_cap.down = 0.08;
  firm.config.asset_classes["broad_index_high_cap"] = high_cap;
  asset_class_config etf;
  etf.vol_shifts = {-0.15, 0.0, 0.15};
  etf.horizon_days = 1;
  firm.config.asset_classes["etf"] = etf;
  const char* classes[] = {"equity", "broad_index_high_cap", "etf"};

  std::mt19937_64 rng(spec.seed);
  const auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * std::generate_canonical<double, 53>(rng);
  };
  const auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, n - 1)(rng));
  };

  for (std::size_t u = 0; u < spec.underlyings; ++u) {
    underlying entry;
    entry.symbol = "U" + std::to_string(1000 + u);
    entry.price = std::round(uniform(20.0, 600.0) * 100.0) / 100.0;
    entry.vol = uniform(0.12, 0.6);
    entry.div_yield = uniform(0.0, 0.03);
    entry.asset_class = classes[u % 3];
    entry.product_group = entry.symbol;
    firm.market.index_by_symbol[entry.symbol] = static_cast<std::int32_t>(u);
    firm.market.underlyings.push_back(std::move(entry));
  }

  // Each underlying lists strikes from 70% to 130% of spot in 5% steps at four expiries.
  const double expiry_days[] = {7, 30, 91, 365};
  for (std::size_t a = 0; a < spec.accounts; ++a) {
    const std::string account = "ACC-" + std::to_string(100000 + a * 7919 % 1000003);
    const int count =
        1 + static_cast<int>(pick(static_cast<std::size_t>(spec.max_positions_per_account)));
    for (int i = 0; i < count; ++i) {
      const std::size_t u = pick(spec.underlyings);
      const underlying& under = firm.market.underlyings[u];
      position p;
      p.account = account;
      p.underlying = static_cast<std::int32_t>(u);
      p.where = {"synthetic", static_cast<int>(firm.positions.size()) + 1, 0};
      const std::size_t kind = pick(4);  // stock one time in four
      if (kind == 0) {
        p.kind = instrument_kind::stock;
        p.quantity = (pick(2) == 0 ? -1.0 : 1.0) * 100.0 * static_cast<double>(1 + pick(10));
        p.vol = under.vol;
      } else {
        p.kind = kind == 1 ? instrument_kind::put : instrument_kind::call;
        p.style = spec.style;
        const double moneyness = 0.70 + 0.05 * static_cast<double>(pick(13));
        p.strike = std::round(under.price * moneyness);
        p.years = expiry_days[pick(4)] / 365.0;
        p.quantity = (pick(2) == 0 ? -1.0 : 1.0) * static_cast<double>(1 + pick(20));
        p.multiplier = 100;
        p.vol = under.vol * (1.0 + 0.3 * (1.0 - moneyness));  // put skew
      }
      firm.positions.push_back(std::move(p));
    }
  }
  // Interleave the accounts' rows, as a positions file need not group them.
  std::shuffle(firm.positions.begin(), firm.positions.end(), rng);
  return firm;
}

}  // namespace pmrisk::engine
