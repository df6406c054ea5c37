// Resident scenario tiles: drawn once in value_scenarios' split, then served by reference.

#include "montecarlo/resident_scenarios.hpp"

#include <algorithm>

#include "pmrisk/error.hpp"

namespace pmrisk::montecarlo {

resident_scenarios::resident_scenarios(scenarios::scenario_generator& generator,
                                       std::uint64_t scenarios, std::size_t tile_scenarios)
    : generator_name_(generator.name()), tile_scenarios_(tile_scenarios) {
  PMRISK_EXPECTS(tile_scenarios >= 1, "a tile holds at least one scenario");
  tiles_.reserve(static_cast<std::size_t>((scenarios + tile_scenarios - 1) / tile_scenarios));
  for (std::uint64_t first = 0; first < scenarios; first += tile_scenarios) {
    const auto count =
        static_cast<std::size_t>(std::min<std::uint64_t>(tile_scenarios, scenarios - first));
    generator.generate(first, count, tiles_.emplace_back());
  }
}

const scenarios::scenario_tile& resident_scenarios::tile(std::uint64_t first,
                                                         std::size_t count) const {
  const auto index = static_cast<std::size_t>(first / tile_scenarios_);
  PMRISK_EXPECTS(
      index < tiles_.size() && tiles_[index].first == first && tiles_[index].count == count,
      "a what-if's scenario plan splits the scenarios as the resident tiles do");
  return tiles_[index];
}

tile_source resident_scenarios::source() const {
  return [this](std::uint64_t first, std::size_t count,
                scenarios::scenario_tile&) -> const scenarios::scenario_tile& {
    return tile(first, count);
  };
}

std::size_t resident_scenarios::bytes() const {
  std::size_t total = 0;
  for (const scenarios::scenario_tile& t : tiles_)
    total += (t.log_return.size() + t.spot_move.size() + t.vol_shift.size()) * sizeof(double);
  return total;
}

}  // namespace pmrisk::montecarlo
