#pragma once
// Implied vols of positions that give a series' market price but no vol. Each distinct series
// quoted at a distinct price is solved once, with the series' own model, after every row is
// read, and the distinct solves run in parallel.

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/instrument.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk::io {

class implied_vol_batch {
 public:
  /// Queues the vol of positions[position_index] (an option with years > 0) to be solved from
  /// `price`, per unit of the underlying. Call in file order: a failure points at the price
  /// cell of the first row quoting the series at that price.
  void add(std::size_t position_index, const position& p, double price, source_location price_cell);

  /// Solves every queued price and writes the vols into `positions`. Throws input_error at the
  /// first price, in file order, that lies outside its series' no-arbitrage bounds or that no
  /// vol reproduces.
  void solve(std::vector<position>& positions, const market_data& market,
             const engine_config& config) const;

 private:
  struct quote {
    std::int32_t underlying = 0;
    instrument_kind kind = instrument_kind::call;
    exercise_style style = exercise_style::european;
    double strike = 0;
    std::int32_t expiry_day = 0;
    double price = 0;
    friend bool operator==(const quote&, const quote&) = default;
  };
  struct quote_hash {
    std::size_t operator()(const quote& q) const noexcept;
  };
  struct solve_request {
    quote series;
    double years = 0;
    source_location price_cell;  ///< of the first row quoting it
  };

  std::unordered_map<quote, std::int32_t, quote_hash> request_of_quote_;
  std::vector<solve_request> requests_;
  std::vector<std::pair<std::size_t, std::int32_t>> position_requests_;
};

}  // namespace pmrisk::io
