#pragma once
// Generates Monte Carlo scenarios tile by tile on the CPU (OpenMP) or a CUDA device, so that
// any number of scenarios can be streamed through a fixed amount of memory.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pmrisk/scenarios/scenario_model.hpp"

namespace pmrisk::scenarios {

/// Scenarios [first, first + count), underlying-major: underlying u's scenario first + j sits at
/// [u * count + j], so repricing one underlying's series reads one contiguous run.
struct scenario_tile {
  std::uint64_t first = 0;
  std::size_t count = 0;
  std::size_t underlyings = 0;
  std::vector<double> log_return;  ///< r
  std::vector<double> spot_move;   ///< exp(r) - 1, as valuation_grid::spot_move
  std::vector<double> vol_shift;   ///< relative, as valuation_grid::vol_shift

  std::size_t at(std::size_t u, std::size_t j) const { return u * count + j; }
};

/// A generator keeps its working memory between tiles: one caller at a time.
class scenario_generator {
 public:
  virtual ~scenario_generator() = default;
  virtual std::string name() const = 0;

  /// Fills `tile` with scenarios [first, first + count). A scenario's values depend only on
  /// the model, the seed and its index: not on the tile, the thread count or the backend's
  /// launch shape.
  virtual void generate(std::uint64_t first, std::size_t count, scenario_tile& tile) = 0;
};

/// OpenMP over all cores (threads = 0) or the given count.
std::unique_ptr<scenario_generator> make_cpu_scenario_generator(const scenario_model& model,
                                                                int threads = 0);

/// Throws std::runtime_error, naming the reason, when no CUDA device is usable.
std::unique_ptr<scenario_generator> make_cuda_scenario_generator(const scenario_model& model);

}  // namespace pmrisk::scenarios
