#include "synth/universe.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <utility>

#include "pmrisk/error.hpp"
#include "pmrisk/synth.hpp"
#include "synth/listed_contracts.hpp"

namespace pmrisk::synth {
namespace {

constexpr std::uint64_t universe_stream = 0x756e6976657273ULL;  // "univers"

// The market factor, then the eleven GICS sectors.
constexpr std::array<std::string_view, 11> sector_names = {"energy",
                                                           "materials",
                                                           "industrials",
                                                           "consumer_discretionary",
                                                           "consumer_staples",
                                                           "health_care",
                                                           "financials",
                                                           "information_technology",
                                                           "communication_services",
                                                           "utilities",
                                                           "real_estate"};
enum sector : int {
  no_sector = -1,
  energy,
  materials,
  industrials,
  consumer_discretionary,
  consumer_staples,
  health_care,
  financials,
  information_technology,
  communication_services,
  utilities,
  real_estate
};
// Rough shares of US-listed optionable stocks by sector, and each sector's vol relative to the
// median stock (utilities and staples are calm, biotech-heavy health care is not).
constexpr std::array<double, 11> sector_share = {0.06, 0.05, 0.13, 0.11, 0.04, 0.16,
                                                 0.16, 0.14, 0.05, 0.03, 0.07};
constexpr std::array<double, 11> sector_vol_scale = {1.05, 1.0, 0.9, 1.05, 0.65, 1.15,
                                                     0.9,  1.1, 1.0, 0.6,  0.8};

struct listed_underlying {
  const char* symbol;
  const char* asset_class;
  const char* product_group;
  double price;
  double vol;
  double div_yield;
  double market_loading;
  int sector;
  double sector_loading;
  double popularity;  ///< indices only: weight among index strategies
};

// Levels and vols of late 2026 in round numbers; each firm perturbs them by its seed.
constexpr std::array<listed_underlying, 5> broad_indices = {{
    {"SPX", "broad_index_high_cap", "SPX", 5800, 0.16, 0.013, 0.995, no_sector, 0, 0.55},
    {"NDX", "broad_index_high_cap", "NDX", 20500, 0.21, 0.007, 0.93, information_technology, 0.33,
     0.15},
    {"RUT", "broad_index", "RUT", 2300, 0.23, 0.013, 0.90, no_sector, 0, 0.12},
    {"XSP", "broad_index_high_cap", "SPX", 580, 0.16, 0.013, 0.995, no_sector, 0, 0.10},
    {"DJX", "broad_index_high_cap", "DJX", 430, 0.15, 0.017, 0.97, no_sector, 0, 0.08},
}};

constexpr std::array<listed_underlying, 27> named_etfs = {{
    {"SPY", "etf", "SPX", 580, 0.17, 0.012, 0.99, no_sector, 0, 0},
    {"QQQ", "etf", "NDX", 500, 0.21, 0.006, 0.93, information_technology, 0.33, 0},
    {"IWM", "etf", "RUT", 230, 0.23, 0.012, 0.90, no_sector, 0, 0},
    {"DIA", "etf", "DJX", 430, 0.16, 0.017, 0.96, no_sector, 0, 0},
    {"XLF", "etf", "", 47, 0.20, 0.015, 0.70, financials, 0.60, 0},
    {"XLK", "etf", "", 230, 0.24, 0.007, 0.72, information_technology, 0.60, 0},
    {"XLE", "etf", "", 90, 0.27, 0.032, 0.55, energy, 0.70, 0},
    {"XLV", "etf", "", 145, 0.17, 0.015, 0.65, health_care, 0.55, 0},
    {"XLI", "etf", "", 135, 0.19, 0.014, 0.75, industrials, 0.50, 0},
    {"XLY", "etf", "", 200, 0.22, 0.008, 0.75, consumer_discretionary, 0.50, 0},
    {"XLP", "etf", "", 80, 0.14, 0.025, 0.55, consumer_staples, 0.55, 0},
    {"XLU", "etf", "", 78, 0.18, 0.030, 0.45, utilities, 0.70, 0},
    {"XLB", "etf", "", 90, 0.20, 0.019, 0.65, materials, 0.55, 0},
    {"XLC", "etf", "", 95, 0.21, 0.009, 0.72, communication_services, 0.50, 0},
    {"IYR", "etf", "", 95, 0.22, 0.025, 0.55, real_estate, 0.65, 0},
    {"GLD", "etf", "", 245, 0.16, 0.0, 0.05, no_sector, 0, 0},
    {"SLV", "etf", "", 29, 0.28, 0.0, 0.10, materials, 0.20, 0},
    {"TLT", "etf", "", 92, 0.15, 0.040, -0.25, no_sector, 0, 0},
    {"HYG", "etf", "", 79, 0.08, 0.055, 0.50, no_sector, 0, 0},
    {"EEM", "etf", "", 44, 0.20, 0.020, 0.70, no_sector, 0, 0},
    {"EFA", "etf", "", 80, 0.16, 0.025, 0.80, no_sector, 0, 0},
    {"FXI", "etf", "", 30, 0.30, 0.025, 0.55, no_sector, 0, 0},
    {"GDX", "etf", "", 37, 0.35, 0.012, 0.20, materials, 0.45, 0},
    {"SMH", "etf", "", 240, 0.33, 0.005, 0.75, information_technology, 0.50, 0},
    {"XBI", "etf", "", 95, 0.33, 0.0, 0.60, health_care, 0.45, 0},
    {"KRE", "etf", "", 55, 0.30, 0.030, 0.65, financials, 0.55, 0},
    {"XOP", "etf", "", 135, 0.35, 0.025, 0.50, energy, 0.70, 0},
}};
// Broad ETFs every broker's customers trade most, ahead of the Zipf ranking of the rest.
constexpr std::array<std::string_view, 3> most_popular = {"SPY", "QQQ", "IWM"};

constexpr int letters = 26;
constexpr std::int32_t synthetic_etf_names = letters * letters;  // "Z" and two letters
constexpr std::int32_t equity_names = letters * letters * letters * letters;
// Multiplier and offset of the bijection k -> name code modulo 26^4 (7919 is prime to 26), so
// consecutive stocks do not get consecutive names.
constexpr std::int64_t equity_name_stride = 7919;
constexpr std::int64_t equity_name_offset = 123457;

double round_to(double value, double scale) {
  return std::round(value * scale) / scale;
}

std::string letters_of(std::int64_t code, int count) {
  std::string name(static_cast<std::size_t>(count), 'A');
  for (int i = count - 1; i >= 0; --i) {
    name[static_cast<std::size_t>(i)] = static_cast<char>('A' + code % letters);
    code /= letters;
  }
  return name;
}

struct firm_builder {
  universe& out;
  random_stream& random;

  void add(universe_member member, double market_loading, int sector, double sector_loading) {
    member.price = std::max(round_to(member.price, 100), 0.01);
    member.atm_vol = round_to(member.atm_vol, 1e4);
    member.div_yield = round_to(member.div_yield, 1e4);
    member.strike_increment = strike_increment(member.price);
    const std::size_t factors = out.factor_count();
    std::vector<double> row(factors, 0.0);
    row[0] = round_to(market_loading, 1e6);
    if (sector != no_sector)
      row[1 + static_cast<std::size_t>(sector)] = round_to(sector_loading, 1e6);
    double explained = 0;
    for (double loading : row) explained += loading * loading;
    PMRISK_EXPECTS(explained < 1, "factor loadings leave room for idiosyncratic risk");
    out.loadings.insert(out.loadings.end(), row.begin(), row.end());
    out.idio.push_back(round_to(std::sqrt(1 - explained), 1e6));
    out.members.push_back(std::move(member));
  }

  // A listed index or ETF: its table values, perturbed a little so firms differ by seed.
  void add_listed(const listed_underlying& listed, underlying_family family, double skew_slope,
                  double skew_curvature) {
    universe_member member;
    member.symbol = listed.symbol;
    member.asset_class = listed.asset_class;
    member.product_group = listed.product_group;
    member.family = family;
    member.price = listed.price * std::exp(0.05 * random.normal());
    member.atm_vol = listed.vol * std::exp(0.05 * random.normal());
    member.div_yield = listed.div_yield;
    member.skew_slope = skew_slope;
    member.skew_curvature = skew_curvature;
    add(std::move(member), listed.market_loading, listed.sector, listed.sector_loading);
  }

  weighted_choice sectors{std::vector<double>(sector_share.begin(), sector_share.end())};

  int draw_sector() { return static_cast<int>(sectors.pick(random)); }

  void add_synthetic_etf(std::int32_t k) {
    universe_member member;
    member.symbol = "Z" + letters_of(k, 2);
    member.asset_class = "etf";
    member.family = underlying_family::etf;
    member.price = std::clamp(random.lognormal(40, 0.6), 5.0, 500.0);
    member.atm_vol = random.uniform(0.15, 0.35);
    member.div_yield = random.uniform(0.0, 0.03);
    member.skew_slope = -0.08;
    member.skew_curvature = 0.015;
    const int sector = draw_sector();
    const double market_loading = random.uniform(0.5, 0.8);
    add(std::move(member), market_loading, sector, random.uniform(0.3, 0.5));
  }

  void add_equity(std::int32_t k) {
    universe_member member;
    member.symbol = letters_of((k * equity_name_stride + equity_name_offset) % equity_names, 4);
    member.asset_class = "equity";
    member.family = underlying_family::equity;
    const int sector = draw_sector();
    member.price = std::clamp(random.lognormal(60, 0.9), 3.0, 3000.0);
    member.atm_vol = std::clamp(
        random.lognormal(0.30 * sector_vol_scale[static_cast<std::size_t>(sector)], 0.35), 0.12,
        1.5);
    member.div_yield = random.chance(0.4) ? 0.0 : random.uniform(0.005, 0.045);
    member.skew_slope = -random.uniform(0.03, 0.07);
    member.skew_curvature = random.uniform(0.01, 0.03);
    const double market_loading = random.uniform(0.40, 0.70);
    add(std::move(member), market_loading, sector, random.uniform(0.20, 0.50));
  }
};

void rank_popularity(universe& out, const std::vector<double>& index_weights,
                     random_stream& random) {
  // Fisher-Yates over the stock and ETF members, then the most popular ETFs moved to the front.
  std::vector<std::int32_t> order = out.stockable;
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[random.below(i)]);
  }
  std::size_t front = 0;
  for (std::string_view symbol : most_popular) {
    const auto it = std::find_if(order.begin(), order.end(), [&](std::int32_t m) {
      return out.members[static_cast<std::size_t>(m)].symbol == symbol;
    });
    if (it == order.end()) continue;
    std::rotate(order.begin() + static_cast<std::ptrdiff_t>(front), it, it + 1);
    ++front;
  }
  out.stockable = std::move(order);
  std::vector<double> weights(out.stockable.size());
  for (std::size_t rank = 0; rank < weights.size(); ++rank) {
    weights[rank] = 1.0 / std::pow(static_cast<double>(rank + 1), popularity_exponent);
  }
  out.stockable_choice = weighted_choice(weights);
  out.index_choice = weighted_choice(index_weights);
}

}  // namespace

universe build_universe(std::int32_t count, std::uint64_t seed) {
  PMRISK_EXPECTS(count >= min_underlyings && count <= max_underlyings,
                 "the underlying count is checked by the caller");
  const std::int32_t index_count =
      std::clamp<std::int32_t>(count / 100, 1, static_cast<std::int32_t>(broad_indices.size()));
  const std::int32_t etf_count = std::clamp<std::int32_t>(
      static_cast<std::int32_t>(std::lround(0.05 * count)), 1,
      std::min(count - index_count,
               static_cast<std::int32_t>(named_etfs.size()) + synthetic_etf_names));
  const std::int32_t equity_count = count - index_count - etf_count;
  PMRISK_EXPECTS(equity_count < equity_names, "max_underlyings fits the stock names");

  universe out;
  out.factor_names.emplace_back("market");
  out.factor_names.insert(out.factor_names.end(), sector_names.begin(), sector_names.end());
  out.members.reserve(static_cast<std::size_t>(count));
  random_stream random(derive_seed(seed, universe_stream, 0));
  firm_builder builder{out, random};

  std::vector<double> index_weights;
  for (std::int32_t i = 0; i < index_count; ++i) {
    const listed_underlying& index = broad_indices[static_cast<std::size_t>(i)];
    out.indices.push_back(static_cast<std::int32_t>(out.members.size()));
    index_weights.push_back(index.popularity);
    builder.add_listed(index, underlying_family::broad_index, -0.11, 0.012);
  }
  for (std::int32_t i = 0; i < etf_count; ++i) {
    out.stockable.push_back(static_cast<std::int32_t>(out.members.size()));
    if (i < static_cast<std::int32_t>(named_etfs.size())) {
      builder.add_listed(named_etfs[static_cast<std::size_t>(i)], underlying_family::etf, -0.08,
                         0.015);
    } else {
      builder.add_synthetic_etf(i - static_cast<std::int32_t>(named_etfs.size()));
    }
  }
  for (std::int32_t i = 0; i < equity_count; ++i) {
    out.stockable.push_back(static_cast<std::int32_t>(out.members.size()));
    builder.add_equity(i);
  }
  rank_popularity(out, index_weights, random);
  return out;
}

}  // namespace pmrisk::synth
