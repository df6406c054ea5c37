#pragma once
// The vocabulary of what is held: instrument kinds, exercise styles and pricing-model choices.

#include <cstdint>

namespace pmrisk {

enum class instrument_kind : std::uint8_t { stock = 0, call = 1, put = 2 };

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
  return k != instrument_kind::stock;
}

}  // namespace pmrisk
