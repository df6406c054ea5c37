// Detects whether a CUDA device is usable, without crashing when there is no driver.

#include <fmt/format.h>

#include "cuda_check.cuh"
#include "pmrisk/backend.hpp"

namespace pmrisk {

cuda_device_status probe_cuda_device() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();  // clear the sticky error so later probes start clean
    return {false, fmt::format("no usable CUDA driver or device ({})", cudaGetErrorString(status))};
  }
  if (count == 0) return {false, "no CUDA device found"};
  cudaDeviceProp props{};
  PMRISK_CUDA_TRY(cudaGetDeviceProperties(&props, 0));
  return {true, fmt::format("{} (sm_{}{}, {:.1f} GiB)", props.name, props.major, props.minor,
                            static_cast<double>(props.totalGlobalMem) / (1 << 30))};
}

}  // namespace pmrisk
