#include "report/scenario_dump_csv.hpp"

#include <fmt/format.h>

#include <iterator>

#include "pmrisk/error.hpp"
#include "report/text_escape.hpp"

namespace pmrisk {

scenario_dump_writer::scenario_dump_writer(std::ostream& out, const market_data& market)
    : out_(out) {
  for (const underlying& u : market.underlyings) symbols_.push_back(csv_field(u.symbol));
  out_ << "scenario,symbol,log_return,spot_move,vol_shift\n";
}

void scenario_dump_writer::write(const scenarios::scenario_tile& tile) {
  PMRISK_EXPECTS(tile.underlyings == symbols_.size(), "one column of moves per underlying");
  fmt::memory_buffer text;
  for (std::size_t j = 0; j < tile.count; ++j) {
    for (std::size_t u = 0; u < tile.underlyings; ++u) {
      const std::size_t at = tile.at(u, j);
      fmt::format_to(std::back_inserter(text), "{},{},{:.17g},{:.17g},{:.17g}\n", tile.first + j,
                     symbols_[u], tile.log_return[at], tile.spot_move[at], tile.vol_shift[at]);
    }
  }
  out_.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace pmrisk
