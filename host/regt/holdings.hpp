#pragma once
// An account's positions in one underlying, netted per contract: what the Reg-T strategies
// are built from.

#include <cstdint>
#include <span>
#include <vector>

#include "pmrisk/instrument.hpp"
#include "pmrisk/positions.hpp"

namespace pmrisk::regt {

/// One contract (or the underlying's stock) as the account holds it, its rows netted.
struct holding {
  instrument_kind kind = instrument_kind::stock;
  bool is_long = true;
  exercise_style style = exercise_style::european;  ///< options only
  double strike = 0;                                ///< options only
  double years = 0;                 ///< options only: time to expiry, ACT/365; orders expiries
  double multiplier = 1;            ///< options: units of the underlying per contract; stock: 1
  double premium = 0;               ///< options: current value per unit of the underlying
  double quantity = 0;              ///< > 0: shares for stock, contracts for options
  std::int32_t first_position = 0;  ///< index of the contract's first row

  bool is_call() const { return kind == instrument_kind::call; }
  bool is_put() const { return kind == instrument_kind::put; }
  bool is_stock() const { return kind == instrument_kind::stock; }
};

/// An account's holdings in one underlying.
struct class_group_holdings {
  std::int32_t underlying = 0;
  std::vector<holding> holdings;  ///< stock first, then contracts in order of first row
};

/// Nets the rows `rows` (indices into positions, one account) per underlying and contract.
/// Stock rows of an underlying net together, counted in shares (quantity x multiplier). Option
/// rows net when kind, style, strike, expiry, multiplier and premium are equal; flat contracts
/// are dropped. Class groups come in order of underlying index.
std::vector<class_group_holdings> net_holdings(const std::vector<position>& positions,
                                               const std::vector<double>& premiums,
                                               std::span<const std::int32_t> rows);

}  // namespace pmrisk::regt
