#pragma once
// Picking the backend a run values on, and the scenario generator that goes with it (scenarios
// are drawn where they are valued: the CUDA generator beside the CUDA backend).

#include <memory>
#include <string>

#include "pmrisk/backend.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"

namespace pmrisk::engine {

struct chosen_backend {
  std::unique_ptr<valuation_backend> backend;
  std::string notice;  ///< why `automatic` fell back to the CPU, if it did
  bool cuda = false;
  int threads = 0;  ///< the CPU threads asked for (0: all cores)
};

/// cpu: the OpenMP backend; cuda: the CUDA backend (throws std::runtime_error naming why none is
/// usable); automatic: CUDA when a device is usable, else the CPU with a notice saying why.
chosen_backend choose_backend(backend_choice choice, int threads);

/// The CPU generator (with the backend's threads) for the CPU backend, the CUDA one for CUDA.
std::unique_ptr<scenarios::scenario_generator> make_scenario_generator(
    const chosen_backend& backend, const scenarios::scenario_model& model);

}  // namespace pmrisk::engine
