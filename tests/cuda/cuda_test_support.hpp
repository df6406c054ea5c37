#pragma once
// What the CUDA tests share: skipping without a device, and the CPU-vs-CUDA tolerance.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "pmrisk/backend.hpp"

namespace pmrisk::test {

/// Skips the test, naming the reason, unless a CUDA device is usable.
#define PMRISK_SKIP_WITHOUT_CUDA_DEVICE()                                                         \
  do {                                                                                            \
    const ::pmrisk::cuda_device_status pmrisk_device_ = ::pmrisk::probe_cuda_device();            \
    if (!pmrisk_device_.usable) GTEST_SKIP() << "no CUDA device: " << pmrisk_device_.description; \
  } while (0)

/// The backends' agreement contract (docs/cuda.md): 1e-9 relative, or 1e-6 absolute (money)
/// where the value is near zero. Not bit equality: both do the shared arithmetic in the same
/// order, but the math libraries differ (CUDA's exp, log, erfc, sqrt against glibc's), and the
/// CPU's European and Ju-Zhong values come from vector lanes with libmvec's erfc and exp, within
/// 1e-13 relative + 1e-15 x strike of the shared scalar pricer (engine/cpu_reprice.hpp).
inline bool within_backend_tolerance(double cpu, double cuda) {
  return std::abs(cpu - cuda) <= std::max(1e-9 * std::abs(cpu), 1e-6);
}

/// Whether the CUDA backend's worst point stands: the CPU's own, or a point whose CPU P&L ties
/// the CPU's worst within the tolerance (the backends may then round the tie either way).
/// cpu_risk_array: the class group's CPU risk array, `points` long.
inline bool same_worst_point(std::int32_t cpu_point, std::int32_t cuda_point,
                             const double* cpu_risk_array, int points) {
  if (cuda_point == cpu_point) return true;
  return cpu_point >= 0 && cpu_point < points && cuda_point >= 0 && cuda_point < points &&
         within_backend_tolerance(cpu_risk_array[cpu_point], cpu_risk_array[cuda_point]);
}

}  // namespace pmrisk::test
