#pragma once
// Every tile of a run's Monte Carlo scenarios, drawn once and kept in host memory, so that a
// resident margin session values each what-if against the same scenarios without drawing them
// again (docs/whatif.md, "Residency").

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "montecarlo/scenario_valuation.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"

namespace pmrisk::montecarlo {

class resident_scenarios {
 public:
  /// Draws scenarios [0, scenarios) from `generator` in tiles of tile_scenarios (the last one
  /// shorter), the split value_scenarios asks for under a plan with that tile size.
  resident_scenarios(scenarios::scenario_generator& generator, std::uint64_t scenarios,
                     std::size_t tile_scenarios);

  /// The generator's name, for run summaries.
  const std::string& generator_name() const { return generator_name_; }

  /// The resident tile of scenarios [first, first + count); it must be one of the tiles drawn
  /// (pmrisk::logic_error otherwise).
  const scenarios::scenario_tile& tile(std::uint64_t first, std::size_t count) const;

  /// Serves value_scenarios from the resident tiles; valid while this object lives.
  tile_source source() const;

  /// Host memory the tiles hold: scenarios x underlyings x 3 doubles (log-return, spot move,
  /// vol shift).
  std::size_t bytes() const;

 private:
  std::string generator_name_;
  std::size_t tile_scenarios_;
  std::vector<scenarios::scenario_tile> tiles_;
};

}  // namespace pmrisk::montecarlo
