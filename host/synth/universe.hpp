#pragma once
// The underlyings of a synthetic firm: a few broad indices, ETFs and many single stocks, with
// prices, implied vols, dividend yields, factor loadings, and how popular each one is.

#include <cstdint>
#include <string>
#include <vector>

#include "synth/random_stream.hpp"

namespace pmrisk::synth {

enum class underlying_family : std::uint8_t { broad_index, etf, equity, future };

struct universe_member {
  std::string symbol;
  std::string asset_class;    ///< a grid of configs/tims.toml
  std::string product_group;  ///< empty: the symbol (the market file's default)
  underlying_family family = underlying_family::equity;
  double price = 0;             ///< spot, whole cents
  double atm_vol = 0;           ///< annualised at-the-money implied vol, 4 decimals
  double div_yield = 0;         ///< continuous, 4 decimals
  double strike_increment = 0;  ///< spacing of its strikes, from the spot
  double skew_slope = 0;        ///< relative vol change per standard deviation of moneyness
  double skew_curvature = 0;    ///< relative vol change per squared standard deviation
  std::int32_t expiry = -1;     ///< a futures contract: index into firm_model::expiries
};

struct universe {
  std::vector<universe_member> members;
  std::vector<std::string> factor_names;  ///< "market", then the eleven GICS sectors
  std::vector<double> loadings;           ///< members x factors, 6 decimals; sum of squares < 1
  std::vector<double> idio;           ///< per member: sqrt(1 - sum of squared loadings), 6 decimals
  std::vector<std::int32_t> indices;  ///< members that are broad indices
  std::vector<std::int32_t> stockable;  ///< members that trade as shares: ETFs and stocks
  weighted_choice index_choice;         ///< over `indices`: SPX most of all
  weighted_choice stockable_choice;     ///< over `stockable`: Zipf by popularity rank

  std::size_t size() const { return members.size(); }
  std::size_t factor_count() const { return factor_names.size(); }
};

/// Share of index options among option strategies whose underlying is chosen freely.
inline constexpr double index_option_share = 0.25;

/// Zipf exponent of stock and ETF popularity: the member of rank r (from 1) is chosen with
/// weight 1 / r^s, so a few names appear in a large share of accounts.
inline constexpr double popularity_exponent = 1.0;

/// `count` underlyings (min_underlyings .. max_underlyings): up to five broad indices (one per
/// 100 underlyings), about 5% ETFs, the rest single stocks. Depends only on (count, seed).
universe build_universe(std::int32_t count, std::uint64_t seed);

}  // namespace pmrisk::synth
