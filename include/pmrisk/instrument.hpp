#pragma once
// The vocabulary of what is held: instrument kinds, exercise styles and pricing-model choices.

#include <cstdint>

namespace pmrisk {

/// What a position holds. Securities: stock, call, put. Futures classes (margined by SPAN):
/// future, and Black-76 options on the future (future_call, future_put). The series table
/// stores the pricing kind (pricing_kind): a future moves one for one like stock, and an option
/// on a future is a call or put with zero cost of carry.
enum class instrument_kind : std::uint8_t {
  stock = 0,
  call = 1,
  put = 2,
  future = 3,
  future_call = 4,
  future_put = 5,
};

enum class exercise_style : std::uint8_t { european = 0, american = 1 };

/// Which pricer values American options (selectable in configs/tims.toml): Ju-Zhong's closed
/// form is the production path, Bjerksund-Stensland's the previous one, the lattice the
/// accuracy reference.
enum class american_model : std::uint8_t {
  bjerksund_stensland_2002 = 0,
  binomial_tree = 1,
  ju_zhong_1999 = 2,
};

struct pricing_model {
  american_model american = american_model::ju_zhong_1999;
  int tree_steps = 801;  ///< Leisen-Reimer steps when american == binomial_tree (odd, <= 2001)
};

constexpr bool is_option(instrument_kind k) {
  return k != instrument_kind::stock && k != instrument_kind::future;
}

constexpr bool is_futures_instrument(instrument_kind k) {
  return k == instrument_kind::future || k == instrument_kind::future_call ||
         k == instrument_kind::future_put;
}

/// The kind the pricers see: stock for the linear instruments, call or put for the options.
constexpr instrument_kind pricing_kind(instrument_kind k) {
  switch (k) {
    case instrument_kind::future:
      return instrument_kind::stock;
    case instrument_kind::future_call:
      return instrument_kind::call;
    case instrument_kind::future_put:
      return instrument_kind::put;
    default:
      return k;
  }
}

}  // namespace pmrisk
