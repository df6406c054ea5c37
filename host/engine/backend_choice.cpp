// Backend selection, with the automatic fall-back to the CPU when no CUDA device is usable.

#include "engine/backend_choice.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace pmrisk::engine {

chosen_backend choose_backend(backend_choice choice, int threads) {
  switch (choice) {
    case backend_choice::cpu:
      return {make_cpu_backend(threads), {}, false, threads};
    case backend_choice::cuda:
      return {make_cuda_backend(), {}, true, threads};  // throws, naming why, without a device
    case backend_choice::automatic:
      break;
  }
  const cuda_device_status device = probe_cuda_device();
  if (!device.usable)
    return {make_cpu_backend(threads),
            fmt::format("CUDA unavailable: {}; using the CPU backend", device.description), false,
            threads};
  try {
    return {make_cuda_backend(), {}, true, threads};
  } catch (const std::runtime_error& e) {
    return {make_cpu_backend(threads),
            fmt::format("CUDA device unusable ({}); using the CPU backend", e.what()), false,
            threads};
  }
}

std::unique_ptr<scenarios::scenario_generator> make_scenario_generator(
    const chosen_backend& backend, const scenarios::scenario_model& model) {
  if (backend.cuda) return scenarios::make_cuda_scenario_generator(model);
  return scenarios::make_cpu_scenario_generator(model, backend.threads);
}

}  // namespace pmrisk::engine
