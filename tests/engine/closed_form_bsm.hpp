#pragma once
// An independent Black-Scholes-Merton reference for European options with a continuous dividend
// yield (Hull, Options, Futures and Other Derivatives, ch. 17; Haug 2007, section 1.1.6), and
// the TIMS requirement of a single class group computed from it. Written apart from the engine's
// pricer so the tests compare two implementations.

#include <algorithm>
#include <cmath>
#include <vector>

namespace pmrisk::test {

inline double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

inline double bsm_price(bool call, double spot, double strike, double years, double rate,
                        double div_yield, double vol) {
  if (years <= 0) return call ? std::max(spot - strike, 0.0) : std::max(strike - spot, 0.0);
  const double sd = vol * std::sqrt(years);
  const double d1 = (std::log(spot / strike) + (rate - div_yield + 0.5 * vol * vol) * years) / sd;
  const double d2 = d1 - sd;
  const double spot_pv = spot * std::exp(-div_yield * years);
  const double strike_pv = strike * std::exp(-rate * years);
  return call ? spot_pv * normal_cdf(d1) - strike_pv * normal_cdf(d2)
              : strike_pv * normal_cdf(-d2) - spot_pv * normal_cdf(-d1);
}

/// One leg of a class group: shares of stock (is_stock) or contracts of a European option.
struct leg {
  bool is_stock = false;
  bool call = true;
  double strike = 0;
  double years = 0;
  double quantity = 0;  ///< shares or contracts, signed
  double vol = 0;
  double multiplier = 100;
};

/// The class group's P&L at each spot move, against today's closed-form value.
inline std::vector<double> reference_risk_array(const std::vector<leg>& legs, double spot,
                                                double rate, double div_yield,
                                                const std::vector<double>& moves) {
  std::vector<double> pnl(moves.size(), 0.0);
  for (std::size_t j = 0; j < moves.size(); ++j) {
    const double moved = spot * (1.0 + moves[j]);
    for (const leg& l : legs) {
      if (l.is_stock) {
        pnl[j] += l.quantity * (moved - spot);
        continue;
      }
      const double today = bsm_price(l.call, spot, l.strike, l.years, rate, div_yield, l.vol);
      const double later = bsm_price(l.call, moved, l.strike, l.years, rate, div_yield, l.vol);
      pnl[j] += l.quantity * l.multiplier * (later - today);
    }
  }
  return pnl;
}

/// max(worst loss with full offset across points, $0.375 x multiplier per option contract).
inline double reference_requirement(const std::vector<leg>& legs, double spot, double rate,
                                    double div_yield, const std::vector<double>& moves) {
  const std::vector<double> pnl = reference_risk_array(legs, spot, rate, div_yield, moves);
  const double worst_loss = std::max(0.0, -*std::min_element(pnl.begin(), pnl.end()));
  double min_charge = 0;
  for (const leg& l : legs)
    if (!l.is_stock) min_charge += 0.375 * l.multiplier * std::abs(l.quantity);
  return std::max(worst_loss, min_charge);
}

/// A tolerance scaled to the legs' notional: 1e-9 of sum |quantity x multiplier| x spot.
inline double notional_tolerance(const std::vector<leg>& legs, double spot) {
  double notional = 0;
  for (const leg& l : legs)
    notional += std::abs(l.quantity) * (l.is_stock ? 1.0 : l.multiplier) * spot;
  return 1e-9 * notional;
}

}  // namespace pmrisk::test
