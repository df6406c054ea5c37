#include "synth/futures_contracts.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include "pmrisk/error.hpp"

namespace pmrisk::synth {
namespace {

struct listed_future {
  const char* root;
  const char* index;   ///< the cash index it settles to
  double tick;         ///< minimum price increment, index points
  double strike_step;  ///< options on it: strikes every this many points
  double popularity;
};

// CME's E-mini contracts on the firm's indices; NQ and YM are left out since their multipliers
// ($20, $5) differ from the shipped class's $50.
constexpr std::array<listed_future, 2> listed_futures = {{
    {"ES", "SPX", 0.25, 5, 0.8},
    {"RTY", "RUT", 0.10, 5, 0.2},
}};

constexpr std::string_view month_codes = "FGHJKMNQUVXZ";

}  // namespace

std::string contract_month_code(int year, unsigned month) {
  PMRISK_EXPECTS(month >= 1 && month <= 12 && year >= 0, "a real month");
  return {month_codes[month - 1], static_cast<char>('0' + year % 10)};
}

std::vector<futures_commodity> add_index_futures(universe& underlyings,
                                                 const std::vector<listed_expiry>& expiries) {
  std::vector<std::int32_t> quarterly;  // indices into expiries, nearest first
  for (std::size_t e = 0; e < expiries.size(); ++e) {
    const unsigned month = static_cast<unsigned>(std::stoi(expiries[e].text.substr(5, 2)));
    if (month % 3 == 0 && static_cast<std::int32_t>(quarterly.size()) < futures_months)
      quarterly.push_back(static_cast<std::int32_t>(e));
  }
  // The next three monthlies always hold one quarterly month, and four quarterlies follow.
  PMRISK_EXPECTS(static_cast<std::int32_t>(quarterly.size()) == futures_months,
                 "the listed expiries hold the futures months");

  std::vector<futures_commodity> commodities;
  const std::size_t factors = underlyings.factor_count();
  for (const listed_future& listed : listed_futures) {
    std::int32_t index = -1;
    for (std::int32_t m : underlyings.indices) {
      if (underlyings.members[static_cast<std::size_t>(m)].symbol == listed.index) index = m;
    }
    if (index < 0) continue;
    futures_commodity commodity{listed.root, listed.popularity, {}};
    for (std::int32_t e : quarterly) {
      const universe_member& cash = underlyings.members[static_cast<std::size_t>(index)];
      const listed_expiry& expiry = expiries[static_cast<std::size_t>(e)];
      universe_member future;
      future.symbol = listed.root + contract_month_code(
                                        std::stoi(expiry.text.substr(0, 4)),
                                        static_cast<unsigned>(std::stoi(expiry.text.substr(5, 2))));
      future.asset_class = futures_asset_class;
      future.product_group = listed.root;
      future.family = underlying_family::future;
      const double fair =
          cash.price * std::exp((futures_carry_rate - cash.div_yield) * expiry.years);
      future.price = std::round(std::round(fair / listed.tick) * listed.tick * 100) / 100;
      future.atm_vol = cash.atm_vol;
      future.strike_increment = listed.strike_step;
      future.skew_slope = cash.skew_slope;
      future.skew_curvature = cash.skew_curvature;
      future.expiry = e;
      // A future moves with its index: the same factor loadings.
      const std::vector<double> row(
          underlyings.loadings.begin() +
              static_cast<std::ptrdiff_t>(static_cast<std::size_t>(index) * factors),
          underlyings.loadings.begin() +
              static_cast<std::ptrdiff_t>((static_cast<std::size_t>(index) + 1) * factors));
      underlyings.loadings.insert(underlyings.loadings.end(), row.begin(), row.end());
      underlyings.idio.push_back(underlyings.idio[static_cast<std::size_t>(index)]);
      commodity.contracts.push_back(static_cast<std::int32_t>(underlyings.members.size()));
      underlyings.members.push_back(std::move(future));
    }
    commodities.push_back(std::move(commodity));
  }
  return commodities;
}

}  // namespace pmrisk::synth
