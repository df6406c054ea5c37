#include "scenarios/host_normal_stream.hpp"

#include <algorithm>

#include "pmrisk/error.hpp"
#include "pmrisk/scenarios/curand_check.hpp"
#include "pmrisk/scenarios/scenario_math.hpp"

namespace pmrisk::scenarios {

host_normal_stream::host_normal_stream(std::uint64_t seed) {
  PMRISK_CURAND_TRY(curandCreateGeneratorHost(&generator_, CURAND_RNG_PSEUDO_PHILOX4_32_10));
  try {
    PMRISK_CURAND_TRY(curandSetPseudoRandomGeneratorSeed(generator_, seed));
  } catch (...) {
    PMRISK_CURAND_TRY_NO_THROW(curandDestroyGenerator(generator_));
    throw;
  }
}

host_normal_stream::~host_normal_stream() {
  PMRISK_CURAND_TRY_NO_THROW(curandDestroyGenerator(generator_));
}

void host_normal_stream::fill(std::uint64_t offset, std::int64_t count, double* out) {
  PMRISK_EXPECTS(offset % 2 == 0 && count % 2 == 0, "normals come in pairs");
  for (std::int64_t done = 0; done < count; done += max_normals_per_call) {
    const std::int64_t size = std::min(max_normals_per_call, count - done);
    PMRISK_CURAND_TRY(
        curandSetGeneratorOffset(generator_, offset + static_cast<std::uint64_t>(done)));
    PMRISK_CURAND_TRY(curandGenerateNormalDouble(generator_, out + done,
                                                 static_cast<std::size_t>(size), 0.0, 1.0));
  }
}

}  // namespace pmrisk::scenarios
