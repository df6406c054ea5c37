// series_premiums: each position's current value with the shared pricer.

#include <fmt/format.h>

#include "pmrisk/error.hpp"
#include "pmrisk/pricing/series_pricer.hpp"
#include "pmrisk/regt.hpp"

namespace pmrisk::regt {

std::vector<double> series_premiums(const std::vector<position>& positions,
                                    const market_data& market, const engine_config& engine) {
  std::vector<double> premiums;
  premiums.reserve(positions.size());
  for (const position& p : positions) {
    PMRISK_EXPECTS(
        p.underlying >= 0 && static_cast<std::size_t>(p.underlying) < market.underlyings.size(),
        fmt::format("position of account '{}' names underlying {} of {}", p.account, p.underlying,
                    market.underlyings.size()));
    // Reg-T covers securities; futures are margined by SPAN and filtered out before this.
    PMRISK_EXPECTS(!is_futures_instrument(p.kind),
                   fmt::format("account '{}' holds a futures instrument, which Reg-T does not "
                               "margin",
                               p.account));
    const underlying& u = market.underlyings[static_cast<std::size_t>(p.underlying)];
    const series_terms terms = make_series_terms(p.kind, p.style, p.strike, p.years, engine.rate,
                                                 u.div_yield, engine.model);
    premiums.push_back(price_series(terms, u.price, p.vol));
  }
  return premiums;
}

}  // namespace pmrisk::regt
